import { describe, expect, it } from 'vitest';
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { Peer } from '../../../../electron/shared/ipc-contract.js';
import { normaliseTopPeers } from '../../../../electron/core/top-peers/normalise.js';

const long = (value: number | string) => returnBigInt(String(value));
const top = (peer: Api.TypePeer, rating: number) => new Api.TopPeer({ peer, rating });
const user = (id: number) => new Api.PeerUser({ userId: long(id) });

function answer(): Api.contacts.TopPeers {
  return new Api.contacts.TopPeers({
    categories: [
      new Api.TopPeerCategoryPeers({ category: new Api.TopPeerCategoryCorrespondents(), count: 40, peers: [top(user(1), 3.5), top(user(2), 1)] }),
      new Api.TopPeerCategoryPeers({ category: new Api.TopPeerCategoryBotsPM(), count: 1, peers: [top(user(3), Number.NaN)] }),
      new Api.TopPeerCategoryPeers({ category: new Api.TopPeerCategoryPhoneCalls(), count: 2, peers: [top(user(1), 0.25), top(user(404), 1)] }),
      new Api.TopPeerCategoryPeers({
        category: new Api.TopPeerCategoryGroups(),
        count: 2,
        peers: [top(new Api.PeerChat({ chatId: long(7) }), 2), top(new Api.PeerChannel({ channelId: long(9) }), 1)],
      }),
      new Api.TopPeerCategoryPeers({ category: new Api.TopPeerCategoryChannels(), count: 1, peers: [top(new Api.PeerChannel({ channelId: long(10) }), 4)] }),
    ],
    users: [
      new Api.User({ id: long(1), accessHash: long('-42'), firstName: 'Ada', lastName: 'Lovelace', username: 'ada', premium: true, status: new Api.UserStatusOnline({ expires: 1 }), photo: new Api.UserProfilePhoto({ photoId: long('5000000000000001'), dcId: 2 }) }),
      new Api.User({ id: long(2), accessHash: long(1), deleted: true }),
      new Api.User({ id: long(3), accessHash: long(2), firstName: 'Weather', bot: true, botInfoVersion: 1, username: 'weather_bot' }),
    ],
    chats: [
      new Api.Chat({ id: long(7), title: 'Family', photo: new Api.ChatPhotoEmpty(), participantsCount: 3, date: 0, version: 1 }),
      new Api.Channel({ id: long(9), accessHash: long(99), title: 'Devs', megagroup: true, photo: new Api.ChatPhotoEmpty(), date: 0 }),
      new Api.Channel({ id: long(10), accessHash: long(100), title: 'News', broadcast: true, verified: true, username: 'news', photo: new Api.ChatPhoto({ photoId: long(77), dcId: 4 }), date: 0 }),
    ],
  });
}

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
