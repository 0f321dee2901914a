/**
 * One open chat as the pane shows it: the core's view (chat:open, then chat:view pushes, the
 * newest revision kept), paging older, reading, sending with the core's echo, retry, edit and the
 * draft. Errors stay data: a chat that cannot be opened, a send Telegram refused.
 *
 * The renderer keeps the views of the last RECENT_CHATS chats it showed, so reopening one paints
 * at once, before the core answers; everything older than that is the core's SQLite cache.
 */
import type { ChatView, Peer, PeerKey } from '../../../../electron/shared/ipc-contract';
import { call, on, read, type Revised } from '../../lib/api';
import { toUiError, type UiError } from '../../lib/errors';
import { Newest } from '../../lib/stores/revision';
import { RECENT_CHAT_MESSAGES, RECENT_CHATS } from './limits';
import { buildRows, firstUnreadId, keepUnchanged, keepUnchangedMessages, type Row } from './rows';
const DRAFT_SAVE_MS = 400;

const recent = new Map<PeerKey, ChatView>();
function remember(view: ChatView): void {
  recent.delete(view.key);
  // Newest first: the newest RECENT_CHAT_MESSAGES are what a reopen shows before the core answers.
  const kept = view.messages.length > RECENT_CHAT_MESSAGES ? { ...view, messages: view.messages.slice(0, RECENT_CHAT_MESSAGES), hasOlder: true } : view;
  recent.set(view.key, kept);
  while (recent.size > RECENT_CHATS) recent.delete(recent.keys().next().value!);
}

/** Forget every kept view (another account, or logout). */
export function forgetRecentChats(): void {
  recent.clear();
  ahead?.close();
  ahead = undefined;
}

/** A chat whose chat:open was sent as Enter was handled, for the pane that mounts next to take. */
let ahead: ChatState | undefined;

/**
 * Sends chat:open at once, so the core answers while the switcher is taken down and the pane is
 * built, instead of after: the pane mounting for `peer` next takes this state (`chatStateFor`).
 */
export function openChatAhead(peer: Peer): void {
  ahead?.close();
  ahead = new ChatState(peer);
  ahead.open();
}

/** Closes the chat opened ahead if no pane took it (the pane never came). */
export function dropChatAhead(): void {
  ahead?.close();
  ahead = undefined;
}

/** The state opened ahead for `peer`, else a new one, opened. The pane closes it as it goes. */
export function chatStateFor(peer: Peer): ChatState {
  const taken = ahead?.key === peer.key ? ahead : undefined;
  if (ahead && !taken) ahead.close();
  ahead = undefined;
  if (taken) return taken;
  const chat = new ChatState(peer);
  chat.open();
  return chat;
}

export class ChatState {
  readonly key: PeerKey;
  readonly peer: Peer;
  view = $state.raw<ChatView | null>(null);
  /** chat:open itself failed: PEER_NOT_FOUND means the chat is gone. */
  openError = $state.raw<UiError | null>(null);
  /** A send, edit or retry the core refused before any echo existed. */
  actionError = $state.raw<UiError | null>(null);
  loadingOlder = $state(false);
  /** The first unread message when the chat was opened: where the "unread" line stays. */
  unreadFrom = $state<number | undefined>(undefined);
  #unreadDecided = false;

  /** Not in the account's chats (chat:open refused it), or Telegram says it no longer exists. */
  readonly gone = $derived(this.openError?.code === 'PEER_NOT_FOUND' || this.view?.error?.code === 'PEER_NOT_FOUND');
  /** The rows last shown, whose unchanged ones the next view's rows reuse. */
  #rows: readonly Row[] = [];
  readonly rows = $derived.by(() => (this.#rows = keepUnchanged(this.#rows, buildRows(this.view?.messages ?? [], this.unreadFrom))));

  readonly #newest = new Newest();
  #off: (() => void) | undefined;
  #reading = false;
  #draftTimer: ReturnType<typeof setTimeout> | undefined;
  #pendingDraft: string | undefined;
  #closed = false;

  get group(): boolean {
    return this.peer.kind === 'group' || this.peer.kind === 'supergroup';
  }

  constructor(peer: Peer) {
    this.peer = peer;
    this.key = peer.key;
    const kept = recent.get(peer.key);
    if (kept) this.#take(kept);
  }

  /** Listen first, then open: no push between the answer and the listener is lost. */
  open(): void {
    // Try again opens anew: the failed open's listener goes first, since close() removes only the newest.
    this.#off?.();
    this.#off = on('chat:view', (value, revision) => this.#apply({ value, revision }));
    // The pane opens when the user opens the chat: it counts as use, as opening it in Telegram does.
    read('chat:open', { key: this.key, use: true }).then(
      (answer) => this.#apply(answer),
      (cause: unknown) => {
        if (!this.#closed) this.openError = toUiError(cause);
      },
    );
  }

  close(): void {
    this.#closed = true;
    this.#off?.();
    this.#flushDraft();
    if (!this.openError) void call('chat:close', { key: this.key }).catch(() => {});
  }

  async older(): Promise<void> {
    if (this.loadingOlder || !this.view?.hasOlder || this.openError) return;
    this.loadingOlder = true;
    try {
      this.#apply(await read('chat:older', { key: this.key }));
    } catch (cause) {
      this.actionError = toUiError(cause);
    } finally {
      this.loadingOlder = false;
    }
  }

  /** chat:read while the newest messages are on screen and something is unread. */
  async markRead(): Promise<void> {
    if (this.#reading || !this.view || this.view.unreadCount === 0 || this.openError) return;
    this.#reading = true;
    try {
      await call('chat:read', { key: this.key });
    } catch {
      // Not read now (offline, a wait): the badge stays, and the next visit reads again.
    } finally {
      this.#reading = false;
    }
  }

  /** Sends; the echo and its failure arrive in the view. False when the core refused outright. */
  async send(text: string): Promise<boolean> {
    return this.#act(() => call('chat:send', { key: this.key, text }), false);
  }

  async retry(randomId: string): Promise<boolean> {
    return this.#act(() => call('chat:retry', { key: this.key, randomId }), false);
  }

  /** Delete a queued or failed message before it is sent; the view drops it. */
  async cancel(randomId: string): Promise<boolean> {
    return this.#act(() => call('chat:cancel', { key: this.key, randomId }), true);
  }

  async edit(id: number, text: string): Promise<boolean> {
    return this.#act(() => call('chat:edit', { key: this.key, id, text }), true);
  }

  /** The composer's text, saved a moment after typing stops (and on close). */
  draft(text: string): void {
    this.#pendingDraft = text;
    clearTimeout(this.#draftTimer);
    this.#draftTimer = setTimeout(() => this.#flushDraft(), DRAFT_SAVE_MS);
  }

  #flushDraft(): void {
    clearTimeout(this.#draftTimer);
    const text = this.#pendingDraft;
    this.#pendingDraft = undefined;
    if (text === undefined || this.openError || text === (this.view?.draft ?? '')) return;
    void call('chat:draft', { key: this.key, text }).catch(() => {});
  }

  /** `report`: say the refusal here; a refused send or retry already says it on its failed echo. */
  async #act(action: () => Promise<unknown>, report: boolean): Promise<boolean> {
    this.actionError = null;
    try {
      await action();
      return true;
    } catch (cause) {
      if (report) this.actionError = toUiError(cause);
      return false;
    }
  }

  #apply(snapshot: Revised<ChatView>): void {
    if (this.#closed || snapshot.value.key !== this.key || !this.#newest.take(snapshot.revision)) return;
    this.#take(snapshot.value);
    remember(snapshot.value);
  }

  #take(view: ChatView): void {
    this.view = this.view ? { ...view, messages: keepUnchangedMessages(this.view.messages, view.messages) } : view;
    if (!this.#unreadDecided && (!view.loading || view.messages.length > 0)) {
      this.#unreadDecided = true;
      this.unreadFrom = firstUnreadId(view.messages, view.unreadCount);
    }
  }
}
