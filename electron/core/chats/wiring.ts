/**
 * How the chats service joins the app: built on a ready TelegramSession with its SQLite file in
 * the profile's data folder, and served on the contract's `chat:*` channels.
 */
import type { Clock } from '../clock.js';
import type { Handlers } from '../router.js';
import type { TelegramSession } from '../telegram/session.js';
import { ChatCache } from './cache.js';
import { ChatsService, type ChatsServiceOptions } from './service.js';

export function createChatsService(input: {
  session: Pick<TelegramSession, 'invoke' | 'ensureConnected'>;
  file: string;
  inputPeer: ChatsServiceOptions['inputPeer'];
  onEvent: ChatsServiceOptions['onEvent'];
  cap?: number;
  /** The core's clock: the outbox's timers, and the time its waits are measured against (the call gate's). */
  clock?: Clock;
  retryBaseMs?: number;
}): ChatsService {
  return new ChatsService({
    transport: { invoke: (request) => input.session.invoke(request as never) as never, connect: () => input.session.ensureConnected() },
    cache: new ChatCache(input.file, input.cap === undefined ? {} : { cap: input.cap }),
    inputPeer: input.inputPeer,
    onEvent: input.onEvent,
    ...(input.clock ? { clock: input.clock, now: () => input.clock!.now() } : {}),
    ...(input.retryBaseMs === undefined ? {} : { retryBaseMs: input.retryBaseMs }),
  });
}

/** The service's channels; chat:photo and chat:openLink are the profile's and the shell's (handlers.ts). */
type ChatChannel = Exclude<Extract<keyof Handlers, `chat:${string}`>, 'chat:photo' | 'chat:openLink'>;

const OK = { ok: true as const };

/**
 * The `chat:*` handlers, each asking for the ready account's service (which throws NOT_LOGGED_IN
 * otherwise); `opened` hears of a chat the user opened, to count it as use once `after` settles.
 */
export function chatHandlers(chats: () => ChatsService, opened: (key: string, after: Promise<void>) => void = () => {}): Pick<Handlers, ChatChannel> {
  return {
    'chat:open': async ({ key, use }) => {
      const service = chats();
      const view = await service.open(key);
      // Counted once the chat's first fetch has settled, or when the chat is closed if that comes
      // first: the new ranking (saved, then pushed to the switcher) must not compete with the
      // messages the pane is waiting to paint. On a network slower than the user's visit, the
      // list takes the new order as the user comes back to it, not seconds later.
      if (use) opened(key, service.settled(key));
      return view;
    },
    'chat:close': ({ key }) => {
      chats().close(key);
      return OK;
    },
    'chat:older': ({ key }) => chats().loadOlder(key),
    'chat:send': ({ key, text, replyToId }) => chats().send(key, text, replyToId === undefined ? {} : { replyToId }),
    'chat:retry': ({ key, randomId }) => chats().retry(key, randomId),
    'chat:cancel': ({ key, randomId }) => {
      chats().cancel(key, randomId);
      return OK;
    },
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
