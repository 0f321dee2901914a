/**
 * Links to a peer for the official Telegram apps: `tg://` to open a chat there, `https://t.me/`
 * to share. Telegram documents both forms; basic groups have no link of their own.
 */
import type { Peer } from '../shared/ipc-contract.js';
import { splitPeerKey } from '../shared/peer-key.js';

/** tg:// for the official app: by username when there is one, else by id; channels through a t.me/c link. */
export function openUrl(peer: Pick<Peer, 'key' | 'username'>): string {
  if (peer.username) return `tg://resolve?domain=${encodeURIComponent(peer.username)}`;
  const { kind, id } = splitPeerKey(peer.key);
  if (kind === 'user') return `tg://user?id=${id}`;
  if (kind === 'channel') return `https://t.me/c/${id}/999999999`;
  // The id form at least lets Telegram try.
  return `tg://openmessage?chat_id=${id}`;
}

/** A public t.me link, or null when the peer has none (users and basic groups without a username). */
export function publicLink(peer: Pick<Peer, 'key' | 'username'>): string | null {
  if (peer.username) return `https://t.me/${peer.username}`;
  const { kind, id } = splitPeerKey(peer.key);
  if (kind === 'channel') return `https://t.me/c/${id}/999999999`;
  return null;
}
