import { describe, expect, it } from 'vitest';
import { Peer } from '../../../../electron/shared/ipc-contract.js';
import { normaliseTopPeers } from '../../../../electron/core/top-peers/normalise.js';
import { answer } from './fixtures.js';

describe('normaliseTopPeers', () => {
  const page = normaliseTopPeers(answer());

  it('deduplicates across categories, keeping each rating', () => {
    expect(page.peers.map((peer) => peer.key)).toEqual(['user:1', 'user:2', 'user:3', 'chat:7', 'channel:9', 'channel:10']);
    expect(page.peers[0]!.categories).toEqual({ correspondents: 3.5, phone_calls: 0.25 });
  });

  it('tells users, bots, groups, supergroups and channels apart and fills the contract model', () => {
    const byKey = Object.fromEntries(page.peers.map((peer) => [peer.key, peer]));
    expect(byKey['user:1']).toEqual({
      key: 'user:1', kind: 'user', title: 'Ada Lovelace', firstName: 'Ada', lastName: 'Lovelace', username: 'ada',
      isSelf: false, verified: false, premium: true, deleted: false, photoId: '5000000000000001', online: true,
      categories: { correspondents: 3.5, phone_calls: 0.25 },
    });
    expect(byKey['user:2']).toMatchObject({ kind: 'user', title: 'Deleted Account', deleted: true });
    expect(byKey['user:3']).toMatchObject({ kind: 'bot', title: 'Weather', username: 'weather_bot' });
    expect(byKey['user:3']!.online).toBeUndefined();
    expect(byKey['chat:7']).toMatchObject({ kind: 'group', title: 'Family' });
    expect(byKey['channel:9']).toMatchObject({ kind: 'supergroup', title: 'Devs' });
    expect(byKey['channel:10']).toMatchObject({ kind: 'channel', title: 'News', verified: true, username: 'news', photoId: '77' });
    for (const peer of page.peers) expect(Peer.safeParse(peer).success, peer.key).toBe(true);
  });

  it('turns a non-finite rating into 0 instead of breaking the contract', () => {
    expect(page.peers.find((peer) => peer.key === 'user:3')!.categories).toEqual({ bots_pm: 0 });
  });

  it('skips a peer whose entity did not come with the answer, but still folds its id', () => {
    expect(page.peers.some((peer) => peer.key === 'user:404')).toBe(false);
    expect(page.idsInOrder).toEqual([1n, 2n, 3n, 1n, 404n, 7n, 9n, 10n]);
  });

  it('keeps what later calls need out of the model: access hashes and photo DCs', () => {
    expect(page.refs['user:1']).toEqual({ accessHash: '-42', photoDcId: 2 });
    expect(page.refs['channel:10']).toEqual({ accessHash: '100', photoDcId: 4 });
    expect(page.counts).toEqual({ correspondents: 40, bots_pm: 1, phone_calls: 2, groups: 2, channels: 1 });
    expect(page.pageSizes.correspondents).toBe(2);
  });
});
