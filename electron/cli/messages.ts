/**
 * `topswitch history|send|read PEER`: the chat pane's calls for scripts. PEER is a key
 * (user:123), an @username or a title as the top peers or the chat list show it; a chat in
 * neither is an error (exit 1), an empty text a usage error (exit 2).
 */
import type { ChatMessage, ChatView, Peer, TopPeersSnapshot } from '../shared/ipc-contract.js';
import { CATEGORIES } from '../shared/ipc-contract.js';
import { AppError } from '../core/errors.js';
import type { CliCore } from './core.js';

export interface ChatCliContext {
  core: CliCore;
  requireReady(): Promise<void>;
  out(text: string): void;
}

/** Wait for the chat's first view that is no longer loading (the network answer), bounded. */
function loadedView(core: CliCore, key: string, timeoutMs = 20_000): Promise<ChatView> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new AppError('TIMEOUT', 'Telegram did not send the history in time.'));
    }, timeoutMs);
    const unsubscribe = core.events.subscribe((event, payload) => {
      const view = payload as ChatView;
      if (event !== 'chat:view' || view.key !== key || view.loading) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(view);
    });
  });
}

type Named = Pick<Peer, 'key' | 'title' | 'username'>;

/** The one PEER names among `peers`: its key, then @username, then title (case-insensitive). */
function findNamed<T extends Named>(peers: readonly T[], name: string): T | undefined {
  const wanted = name.trim().toLowerCase();
  const handle = wanted.startsWith('@') ? wanted : `@${wanted}`;
  return (
    peers.find((peer) => peer.key === name) ??
    peers.find((peer) => peer.username && `@${peer.username.toLowerCase()}` === handle) ??
    peers.find((peer) => peer.title.toLowerCase() === wanted)
  );
}

/**
 * The chat PEER names: among the top peers first (what the switcher shows first), then anywhere
 * in the chat list, the cached one and, failing that, a fresh one.
 */
export async function resolvePeer(context: ChatCliContext, name: string): Promise<Named> {
  await context.requireReady();
  const result = await context.core.api.fetchTopPeers({ categories: [...CATEGORIES] });
  const snapshot: TopPeersSnapshot = result.snapshot;
  const found =
    findNamed(snapshot.peers, name) ??
    findNamed((await context.core.invoke('chats:get', {})).chats, name) ??
    findNamed((await context.core.invoke('chats:refresh', {})).chats, name);
  if (!found) throw new AppError('PEER_NOT_FOUND', `${name.slice(0, 100)} is not in your chat list.`);
  return found;
}

function describe(message: ChatMessage): string {
  if (message.service) return `[${message.service}]`;
  const media = message.media ? `[${message.media.kind}] ` : '';
  return `${media}${message.text}`;
}

export async function history(context: ChatCliContext, name: string, options: { limit: number; json: boolean }): Promise<number> {
  const peer = await resolvePeer(context, name);
  const loaded = loadedView(context.core, peer.key);
  await context.core.invoke('chat:open', { key: peer.key });
  let view = await loaded;
  if (view.error) throw new AppError(view.error.code as never, view.error.message, view.error.retryAt);
  while (view.messages.length < options.limit && view.hasOlder) {
    const before = view.messages.length;
    view = await context.core.invoke('chat:older', { key: peer.key });
    if (view.messages.length === before) break;
  }
  const messages = view.messages.slice(0, options.limit);
  if (options.json) {
    context.out(JSON.stringify({ peer: { key: peer.key, title: peer.title }, messages }, null, 2));
    return 0;
  }
  // Oldest first, as a terminal reads.
  for (const message of [...messages].reverse()) {
    const when = new Date(message.date * 1000).toISOString().replace('T', ' ').slice(0, 16);
    const who = message.out ? 'me' : (message.fromKey ?? peer.title);
    context.out(`${when}\t#${message.id}\t${who}\t${describe(message).replace(/\n/g, ' ')}`);
  }
  return 0;
}

export async function send(context: ChatCliContext, name: string, text: string): Promise<number> {
  const peer = await resolvePeer(context, name);
  const sent: ChatMessage = await context.core.invoke('chat:send', { key: peer.key, text });
  if (sent.state === 'queued' || sent.state === 'pending') {
    // A script exits now: a queued message would go out at some later run, unasked. It is deleted, and the send fails.
    await context.core.invoke('chat:cancel', { key: peer.key, randomId: sent.randomId ?? '0' });
    const reason = sent.error;
    throw new AppError(reason?.code === 'RATE_LIMITED' ? 'RATE_LIMITED' : 'NETWORK', `Not sent: ${reason?.message ?? 'Telegram could not be reached.'}`, reason?.retryAt);
  }
  context.out(`Sent #${sent.id} to ${peer.title}.`);
  return 0;
}

export async function read(context: ChatCliContext, name: string): Promise<number> {
  const peer = await resolvePeer(context, name);
  await context.core.invoke('chat:open', { key: peer.key });
  await context.core.invoke('chat:read', { key: peer.key });
  await context.core.invoke('chat:close', { key: peer.key });
  context.out(`Marked ${peer.title} as read.`);
  return 0;
}
