/**
 * How the chats service joins the app: built on a ready TelegramSession with its SQLite file in
 * the profile's data folder, and served on the contract's `chat:*` channels.
 */
import type { Handlers } from '../router.js';
import type { TelegramSession } from '../telegram/session.js';
import { ChatCache } from './cache.js';
import { ChatsService, type ChatsServiceOptions } from './service.js';

export function createChatsService(input: {
  session: Pick<TelegramSession, 'invoke'>;
  file: string;
  inputPeer: ChatsServiceOptions['inputPeer'];
  onEvent: ChatsServiceOptions['onEvent'];
  cap?: number;
}): ChatsService {
  return new ChatsService({
    transport: { invoke: (request) => input.session.invoke(request as never) as never },
    cache: new ChatCache(input.file, input.cap === undefined ? {} : { cap: input.cap }),
    inputPeer: input.inputPeer,
    onEvent: input.onEvent,
  });
}

/** The service's channels; chat:photo and chat:openLink are the profile's and the shell's (handlers.ts). */
type ChatChannel = Exclude<Extract<keyof Handlers, `chat:${string}`>, 'chat:photo' | 'chat:openLink'>;

const OK = { ok: true as const };

/** The `chat:*` handlers, each asking for the ready account's service (which throws NOT_LOGGED_IN otherwise). */
export function chatHandlers(chats: () => ChatsService): Pick<Handlers, ChatChannel> {
  return {
    'chat:open': ({ key }) => chats().open(key),
    'chat:close': ({ key }) => {
      chats().close(key);
      return OK;
    },
    'chat:older': ({ key }) => chats().loadOlder(key),
    'chat:send': ({ key, text, replyToId }) => chats().send(key, text, replyToId === undefined ? {} : { replyToId }),
    'chat:retry': ({ key, randomId }) => chats().retry(key, randomId),
    'chat:edit': async ({ key, id, text }) => {
      await chats().edit(key, id, text);
      return OK;
    },
    'chat:read': async ({ key }) => {
      await chats().read(key);
      return OK;
    },
    'chat:draft': ({ key, text }) => {
      chats().setDraft(key, text);
      return OK;
    },
    'chat:badges': ({ keys }) => chats().badges(keys),
  };
}
