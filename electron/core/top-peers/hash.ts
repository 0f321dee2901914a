/**
 * The `hash` of contacts.getTopPeers (DESIGN.md §4). Telegram's generic 64-bit hash:
 *   h ^= h >>> 21; h ^= h << 35; h ^= h >>> 4; h += id   (unsigned 64-bit, wrapping)
 * folded over the bare ids (user/chat/channel id, no peer-type marker) of every peer of every
 * category, category by category, in the order the server returned them — which is what TDLib
 * does, and what the local DC's world folds server-side (its topPeersHash walks its categories
 * in the same order it writes them into the answer). Sent as a signed 64-bit `long`.
 */
const MASK = (1n << 64n) - 1n;

export function foldHash(ids: Iterable<bigint>): bigint {
  let h = 0n;
  for (const id of ids) {
    h ^= h >> 21n;
    h ^= (h << 35n) & MASK;
    h ^= h >> 4n;
    h = (h + (id & MASK)) & MASK;
  }
  return h;
}

/** Unsigned 64-bit → the signed value TL's `long` carries. */
export function toSigned64(unsigned: bigint): bigint {
  return BigInt.asIntN(64, unsigned);
}
