/**
 * The pane's ChatState against the real router and EventBus through the preload's own window.api
 * builder: an open that failed and is tried again listens for the chat's pushes once, and closing
 * it leaves no listener behind.
 */
import { beforeEach, expect, it, vi } from 'vitest';
import { createRouter, EventBus, type Handlers } from '../../../electron/core/router';
import { AppError } from '../../../electron/core/errors';
import { apiTable, buildExposedApi } from '../../../electron/shared/expose';
import { eventChannel, type ChatView, type Peer } from '../../../electron/shared/ipc-contract';

const PEER: Peer = { key: 'user:7', kind: 'user', title: 'Olivia', isSelf: false, verified: false, premium: false, deleted: false, categories: {} };
const view = (text: string): ChatView => ({
  key: PEER.key,
  messages: [{ id: 1, state: 'sent', date: 1_700_000_000, out: false, text, entities: [] }],
  hasOlder: false,
  loading: false,
  draft: '',
  readOutboxMaxId: 0,
  unreadCount: 0,
  senders: {},
});

let events: EventBus;
let failOpen: boolean;
/** chat:view listeners the page has right now. */
let listening: number;

beforeEach(() => {
  vi.resetModules();
  events = new EventBus();
  failOpen = true;
  listening = 0;
  const handlers: Partial<Handlers> = {
    'chat:open': () => {
      if (failOpen) throw new AppError('NETWORK', 'Telegram is unreachable.');
      return view('first');
    },
    'chat:close': () => ({ ok: true }),
  };
  const router = createRouter(handlers as Handlers);
  const invoke = (transportChannel: string, args: unknown) => router.handle(transportChannel.slice('invoke:'.length), args);
  const subscribe = (transportChannel: string, listener: (message: unknown) => void) => {
    if (transportChannel === eventChannel('chat:view')) listening++;
    const off = events.subscribe((event, payload, revision) => {
      if (eventChannel(event) === transportChannel) listener({ value: payload, revision });
    });
    return () => {
      if (transportChannel === eventChannel('chat:view')) listening--;
      off();
    };
  };
  const api = buildExposedApi(invoke, subscribe, { ...apiTable(), prefetch: [] });
  Object.defineProperty(globalThis, 'window', { value: { api }, configurable: true });
});

it('an open tried again after it failed listens once, shows the pushes, and closing leaves no listener', async () => {
  const { ChatState } = await import('../../../renderer/src/components/chat/state.svelte');
  const chat = new ChatState(PEER);
  chat.open();
  await vi.waitFor(() => expect(chat.openError?.code).toBe('NETWORK'));
  failOpen = false;
  chat.openError = null;
  chat.open();
  await vi.waitFor(() => expect(chat.view?.messages[0]?.text).toBe('first'));
  expect(listening).toBe(1);
  events.emit('chat:view', view('pushed'));
  expect(chat.view?.messages[0]?.text).toBe('pushed');
  chat.close();
  expect(listening).toBe(0);
});
