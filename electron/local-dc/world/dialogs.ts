/**
 * The chat list: messages.getDialogs (paging, folders, hash), contacts.search, and the chat-list
 * mutations tests and the demo use (pin, archive, mute) with the updates Telegram pushes for them.
 *
 * ORDER: in each folder, pinned dialogs first (most recently pinned on top), then the rest by their
 * top message, newest first (date, then message id, then peer key, so the order is total).
 * Dialogs without messages are not listed. Folder 0 is the main list, folder 1 the archive; the
 * first page of the main list also carries a `dialogFolder` for a non-empty archive, first, taking
 * one place of the page's limit (it is neither counted in `count` nor hashed: it is not a dialog).
 *
 * PAGING (offset_date, offset_id, offset_peer): a page continues after the dialog named by
 * offset_peer when that dialog is still where the offsets say; otherwise after every dialog whose
 * top message is at or after (offset_date, offset_id). A continued page never repeats pinned ones.
 *
 * THE HASH (the app's core folds the same; Telegram does not document its own fold, and a client
 * that sends 0 is always answered in full): for each dialog of the page, in answer order,
 *   [pinned ? 1 : 0, bare peer id, top_message, top message date, read_inbox_max_id, unread_count, mute_until]
 * folded with Telegram's vector hash (topPeersHash). A matching non-zero hash gets
 * `messages.dialogsNotModified { count }` with the folder's total.
 */
import { Api } from 'telegram';
import { RpcError, type CallContext, type TlResult } from '../types';
import { peerKey, type Account, type Dialog, type PeerRef, type WorldPeer } from './model';
import { entitiesOf, renderMessage, unreadCount } from './messages';
import type { WorldState } from './state';
import { expectRequest, fromLong, renderEntities, renderPeerRef } from './tl';
import { topPeersHash } from './top-peers';

/** Telegram's default page when the client asks for limit 0. */
const DEFAULT_LIMIT = 20;
const ARCHIVE_FOLDER = 1;

const topOf = (dialog: Dialog) => dialog.messages.at(-1);

/** Before in list order: negative when `a` is listed above `b`. */
function compareDialogs(a: Dialog, b: Dialog): number {
  const pinA = a.pinOrder ?? -1;
  const pinB = b.pinOrder ?? -1;
  if (pinA !== pinB) return pinB - pinA;
  return (
    (topOf(b)?.date ?? 0) - (topOf(a)?.date ?? 0) ||
    (topOf(b)?.id ?? 0) - (topOf(a)?.id ?? 0) ||
    peerKey(a.peer).localeCompare(peerKey(b.peer))
  );
}

/** One folder of an account's chat list, in list order. */
export function folderDialogs(account: Account, folderId: number): Dialog[] {
  return [...account.dialogs.values()]
    .filter((dialog) => dialog.messages.length > 0 && (dialog.folderId ?? 0) === folderId)
    .sort(compareDialogs);
}

/** The hash of a page of dialogs, unsigned (see THE HASH above). */
export function dialogsHash(dialogs: readonly Dialog[]): bigint {
  const values: bigint[] = [];
  for (const dialog of dialogs) {
    const top = topOf(dialog);
    values.push(
      dialog.pinOrder === undefined ? 0n : 1n,
      dialog.peer.id,
      BigInt(top?.id ?? 0),
      BigInt(top?.date ?? 0),
      BigInt(dialog.readInboxMaxId),
      BigInt(unreadCount(dialog)),
      BigInt(dialog.muteUntil ?? 0),
    );
  }
  return topPeersHash(values);
}

function renderDialog(state: WorldState, account: Account, dialog: Dialog): Api.Dialog {
  return new Api.Dialog({
    pinned: dialog.pinOrder === undefined ? undefined : true,
    peer: renderPeerRef(dialog.peer),
    topMessage: topOf(dialog)?.id ?? 0,
    readInboxMaxId: dialog.readInboxMaxId,
    readOutboxMaxId: dialog.readOutboxMaxId,
    unreadCount: unreadCount(dialog),
    unreadMentionsCount: 0,
    unreadReactionsCount: 0,
    notifySettings: notifySettings(dialog),
    pts: dialog.peer.kind === 'channel' ? state.updateLog.channelPts(account.userId, dialog.peer.id) : undefined,
    folderId: dialog.folderId === ARCHIVE_FOLDER ? ARCHIVE_FOLDER : undefined,
  });
}

const notifySettings = (dialog: Dialog) => new Api.PeerNotifySettings(dialog.muteUntil ? { muteUntil: dialog.muteUntil } : {});

function isEmptyPeer(input: unknown): boolean {
  return input === undefined || input instanceof Api.InputPeerEmpty;
}

/** Where a continued page starts in `all` (see PAGING above). */
function pageStart(state: WorldState, account: Account, all: readonly Dialog[], call: Api.messages.GetDialogs): number {
  const offsetDate = call.offsetDate ?? 0;
  const offsetId = call.offsetId ?? 0;
  if (offsetDate <= 0 && offsetId <= 0 && isEmptyPeer(call.offsetPeer)) return 0;
  if (!isEmptyPeer(call.offsetPeer)) {
    let ref: PeerRef | undefined;
    try {
      ref = state.resolveInputPeer(account, call.offsetPeer);
    } catch {
      throw new RpcError(400, 'OFFSET_PEER_ID_INVALID');
    }
    const index = all.findIndex((dialog) => peerKey(dialog.peer) === peerKey(ref));
    const named = all[index];
    if (named && (offsetDate <= 0 || (topOf(named)?.date === offsetDate && (offsetId <= 0 || topOf(named)?.id === offsetId)))) {
      return index + 1;
    }
  }
  const after = all.findIndex((dialog) => {
    if (dialog.pinOrder !== undefined) return false;
    const top = topOf(dialog);
    const date = top?.date ?? 0;
    return offsetDate > 0 && (date < offsetDate || (date === offsetDate && offsetId > 0 && (top?.id ?? 0) < offsetId));
  });
  return after === -1 ? all.length : after;
}

/** The archive as the main list shows it: one `dialogFolder` entry. */
function archiveEntry(archived: readonly Dialog[]): Api.DialogFolder {
  const newest = [...archived].sort((a, b) => (topOf(b)?.date ?? 0) - (topOf(a)?.date ?? 0))[0]!;
  const unread = archived.filter((dialog) => unreadCount(dialog) > 0);
  return new Api.DialogFolder({
    pinned: true,
    folder: new Api.Folder({ id: ARCHIVE_FOLDER, title: 'Archived Chats' }),
    peer: renderPeerRef(newest.peer),
    topMessage: topOf(newest)?.id ?? 0,
    unreadMutedPeersCount: unread.length,
    unreadUnmutedPeersCount: 0,
    unreadMutedMessagesCount: unread.reduce((sum, dialog) => sum + unreadCount(dialog), 0),
    unreadUnmutedMessagesCount: 0,
  });
}

export function getDialogs(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.messages.GetDialogs);
  const account = state.callerUserAccount(ctx);
  const folderId = call.folderId ?? 0;
  if (folderId !== 0 && folderId !== ARCHIVE_FOLDER) throw new RpcError(400, 'FOLDER_ID_INVALID');
  const inFolder = folderDialogs(account, folderId);
  const all = call.excludePinned ? inFolder.filter((dialog) => dialog.pinOrder === undefined) : inFolder;
  const start = pageStart(state, account, all, call);
  const limit = call.limit > 0 ? Math.min(100, call.limit) : DEFAULT_LIMIT;
  // The archive's entry takes one place of the first page, so the page still ends on a dialog.
  const archived = folderId === 0 && start === 0 && !call.excludePinned && limit > 1 ? folderDialogs(account, ARCHIVE_FOLDER) : [];
  const page = all.slice(start, start + limit - (archived.length > 0 ? 1 : 0));

  const clientHash = BigInt.asUintN(64, fromLong(call.hash ?? 0));
  if (clientHash !== 0n && clientHash === dialogsHash(page)) return new Api.messages.DialogsNotModified({ count: all.length });

  const shown = archived.length > 0 ? [...page, ...archived.slice(0, 1)] : page;
  const messages: Array<Api.Message | Api.MessageService> = [];
  const peers: WorldPeer[] = [];
  for (const dialog of shown) {
    const top = topOf(dialog);
    if (top) messages.push(renderMessage(state, dialog, top));
    // The peer, the top message's author and whoever a forward, reply or service action names.
    peers.push(...entitiesOf(state, dialog, top ? [top] : []));
  }
  const dialogs: Api.TypeDialog[] = page.map((dialog) => renderDialog(state, account, dialog));
  if (archived.length > 0) dialogs.unshift(archiveEntry(archived));
  const rendered = { dialogs, messages, ...renderEntities(peers, state.renderOptions(ctx)) };
  if (start === 0 && page.length === all.length) return new Api.messages.Dialogs(rendered);
  return new Api.messages.DialogsSlice({ count: all.length, ...rendered });
}

// ---- contacts.search ----

function namesOf(peer: WorldPeer): string[] {
  if (peer.kind === 'user') return [peer.firstName, peer.lastName ?? ''].filter(Boolean);
  return [peer.title];
}

const usernameOf = (peer: WorldPeer): string | undefined => (peer.kind === 'chat' ? undefined : peer.username);

/** A word of a name, or the username, starts with the query (case- and accent-insensitive), as Telegram matches. */
export function matchesQuery(peer: WorldPeer, query: string): boolean {
  const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const wanted = fold(query).replace(/^@/, '');
  const words = namesOf(peer).join(' ').split(/[\s\-_.,'"()]+/u).filter(Boolean).map(fold);
  const full = fold(namesOf(peer).join(' '));
  const username = usernameOf(peer);
  return full.startsWith(wanted) || words.some((word) => word.startsWith(wanted)) || (username !== undefined && fold(username).startsWith(wanted));
}

/** Peers the account knows: its dialogs (both folders) and its rated peers. */
function knownPeers(state: WorldState, account: Account): WorldPeer[] {
  const keys = new Set<string>(account.dialogs.keys());
  for (const ratings of account.ratings.values()) for (const key of ratings.keys()) keys.add(key);
  const peers: WorldPeer[] = [];
  for (const key of keys) {
    const peer = state.peers.get(key as `user:${string}`);
    if (peer) peers.push(peer);
  }
  return peers;
}

const isSearchable = (peer: WorldPeer, selfId: bigint): boolean => !(peer.kind === 'user' && (peer.deleted || peer.id === selfId));

/**
 * contacts.search: `my_results` are the account's own chats and contacts that match, `results`
 * the public peers (a username) it does not know yet. Both are ordered by kind then id, stably.
 */
export function searchContacts(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.contacts.Search);
  const account = state.callerUserAccount(ctx);
  const query = call.q.trim();
  if (query.replace(/^@/, '').length === 0) throw new RpcError(400, 'QUERY_TOO_SHORT');
  const limit = call.limit > 0 ? Math.min(100, call.limit) : DEFAULT_LIMIT;
  const byKeyThenId = (a: WorldPeer, b: WorldPeer) => a.kind.localeCompare(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  const known = knownPeers(state, account).filter((peer) => isSearchable(peer, account.userId));
  const knownKeys = new Set(known.map((peer) => peerKey(peer)));
  const mine = known.filter((peer) => matchesQuery(peer, query)).sort(byKeyThenId).slice(0, limit);
  const global = [...state.peers.values()]
    .filter((peer) => !knownKeys.has(peerKey(peer)) && usernameOf(peer) !== undefined && isSearchable(peer, account.userId) && matchesQuery(peer, query))
    .sort(byKeyThenId)
    .slice(0, limit);
  return new Api.contacts.Found({
    myResults: mine.map(renderPeerRef),
    results: global.map(renderPeerRef),
    ...renderEntities([...mine, ...global], state.renderOptions(ctx)),
  });
}

// ---- mutations (World delegates here) with the updates Telegram pushes ----

function push(state: WorldState, account: Account, update: Api.TypeUpdate): void {
  state.host?.pushToUser(account.userId, new Api.Updates({ updates: [update], users: [], chats: [], date: state.clock(), seq: 0 }));
}

const dialogPeer = (peer: PeerRef) => new Api.DialogPeer({ peer: renderPeerRef(peer) });

export function setPinned(state: WorldState, account: Account, peer: PeerRef, pinned: boolean): void {
  const dialog = state.dialog(account, peer);
  const highest = Math.max(0, ...[...account.dialogs.values()].map((other) => other.pinOrder ?? 0));
  dialog.pinOrder = pinned ? highest + 1 : undefined;
  push(state, account, new Api.UpdateDialogPinned({ pinned: pinned || undefined, folderId: dialog.folderId === ARCHIVE_FOLDER ? ARCHIVE_FOLDER : undefined, peer: dialogPeer(peer) }));
}

export function setArchived(state: WorldState, account: Account, peer: PeerRef, archived: boolean): void {
  const dialog = state.dialog(account, peer);
  dialog.folderId = archived ? ARCHIVE_FOLDER : 0;
  // Moving between folders unpins, as in Telegram.
  dialog.pinOrder = undefined;
  // A common-box update: logged so a client that was away gets it from updates.getDifference.
  const folderId = dialog.folderId;
  const logged = state.updateLog.logCommon(account, 1, state.clock(), (pts) =>
    new Api.UpdateFolderPeers({ folderPeers: [new Api.FolderPeer({ peer: renderPeerRef(peer), folderId })], pts, ptsCount: 1 }), [peer]);
  push(state, account, logged.update);
}

export function setMuted(state: WorldState, account: Account, peer: PeerRef, muteUntil: number): void {
  const dialog = state.dialog(account, peer);
  dialog.muteUntil = muteUntil > 0 ? muteUntil : undefined;
  push(state, account, new Api.UpdateNotifySettings({ peer: new Api.NotifyPeer({ peer: renderPeerRef(peer) }), notifySettings: notifySettings(dialog) }));
}
