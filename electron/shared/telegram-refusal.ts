/**
 * How the core words an rpc_error it has no better words for (code TELEGRAM): one fixed English
 * sentence around Telegram's own error string, which the CLI and the log print as it is, and from
 * which a screen takes the error string back to say the sentence in the user's language.
 */
const PREFIX = 'Telegram refused the request: ';

export function telegramRefusal(rpcError: string): string {
  return `${PREFIX}${rpcError}`.slice(0, 500);
}

/** Telegram's error string inside such a message; undefined for any other message. */
export function refusedWith(message: string): string | undefined {
  return message.startsWith(PREFIX) && message.length > PREFIX.length ? message.slice(PREFIX.length) : undefined;
}
