/** TopPeersService races that the local DC cannot stage on demand: answers held back by hand. */
import { describe, expect, it } from 'vitest';
import { Api } from 'telegram';
import { TopPeersService } from '../../../../electron/core/top-peers/service.js';
import { createMemoryStore } from '../../../../electron/core/store.js';
import { AppError } from '../../../../electron/core/errors.js';
import type { TopPeersSnapshot } from '../../../../electron/shared/ipc-contract.js';
import { FakeClock } from '../fake-clock.js';
import { answer } from './fixtures.js';

function setup() {
  const held: { request: unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void }[] = [];
  const pushes: TopPeersSnapshot[] = [];
  const service = new TopPeersService({
    telegram: {
      invoke: ((request: unknown) => new Promise((resolve, reject) => held.push({ request, resolve, reject }))) as never,
    },
    store: createMemoryStore(),
    clock: new FakeClock(1_000_000),
    onChanged: (snapshot) => pushes.push(snapshot),
    categories: () => ['correspondents', 'phone_calls', 'groups', 'channels', 'bots_pm'],
  });
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return { service, held, pushes, settle };
}

describe('TopPeersService', () => {
  it('a removal made while a refresh is in flight is not undone by its older answer', async () => {
    const { service, held, settle } = setup();
    const first = service.fetch();
    await settle();
    held.shift()!.resolve(answer());
    await first;
    expect(service.snapshot().peers.find((peer) => peer.key === 'chat:7')).toBeDefined();

    const refresh = service.fetch({ limit: 50 });
    await settle();
    const pendingRefresh = held.shift()!;
    expect(pendingRefresh.request).toBeInstanceOf(Api.contacts.GetTopPeers);
    const removal = service.remove('chat:7', 'groups');
    await settle();
    held.shift()!.resolve(Buffer.from([])); // resetTopPeerRating: true
    await removal;
    pendingRefresh.resolve(answer()); // computed before the reset: still lists chat:7
    await refresh;
    expect(service.snapshot().peers.some((peer) => peer.key === 'chat:7')).toBe(false);
    expect(service.hash).toBe('0'); // that answer no longer describes the list: compare nothing next time
  });

  it('a removal that Telegram refuses during a refresh leaves the refreshed list whole', async () => {
    const { service, held, settle } = setup();
    const first = service.fetch();
    await settle();
    held.shift()!.resolve(answer());
    await first;
    const refresh = service.fetch({ limit: 50 });
    await settle();
    const pendingRefresh = held.shift()!;
    const removal = service.remove('chat:7', 'groups');
    await settle();
    held.shift()!.reject(new AppError('TELEGRAM', 'refused'));
    await expect(removal).rejects.toThrow('refused');
    pendingRefresh.resolve(answer());
    await refresh;
    expect(service.snapshot().peers.some((peer) => peer.key === 'chat:7')).toBe(true);
  });

  it('never sends an empty category set', async () => {
    const { service, held } = setup();
    await expect(service.fetch({ categories: [] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(held).toHaveLength(0);
  });
});
