/**
 * Profile photos, fetched lazily through `peers:avatar` for rows that are on screen. Answers are
 * cached by key and photo id, so scrolling back or re-rendering never asks twice and a changed
 * photo (new photoId) is fetched again. A few requests at a time keep a fast scroll from queueing
 * hundreds of IPC calls ahead of the ones the user is looking at.
 */
import type { PeerKey } from '../../../electron/shared/ipc-contract';
import { call } from './api';

const MAX_IN_FLIGHT = 4;
const resolved = new Map<string, string | null>();
const pending = new Map<string, Promise<string | null>>();
const queue: Array<() => void> = [];
let inFlight = 0;

const cacheKey = (key: PeerKey, photoId: string) => `${key}/${photoId}`;

/** The photo if it is already known: lets a row paint its final avatar on the first frame. */
export function cachedAvatar(key: PeerKey, photoId: string): string | null | undefined {
  return resolved.get(cacheKey(key, photoId));
}

export function loadAvatar(key: PeerKey, photoId: string): Promise<string | null> {
  const id = cacheKey(key, photoId);
  if (resolved.has(id)) return Promise.resolve(resolved.get(id) ?? null);
  const existing = pending.get(id);
  if (existing) return existing;
  const promise = new Promise<string | null>((resolve) => {
    const run = () => {
      inFlight++;
      call('peers:avatar', { key })
        .then(
          ({ dataUrl }) => dataUrl,
          // A photo that fails to load is not worth an error on screen: the initials stay.
          () => null,
        )
        .then((dataUrl) => {
          resolved.set(id, dataUrl);
          pending.delete(id);
          resolve(dataUrl);
        })
        .finally(() => {
          inFlight--;
          queue.shift()?.();
        });
    };
    if (inFlight < MAX_IN_FLIGHT) run();
    else queue.push(run);
  });
  pending.set(id, promise);
  return promise;
}
