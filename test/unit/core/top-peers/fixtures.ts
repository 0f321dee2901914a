/** A hand-built contacts.topPeers answer: dedup across categories, every peer kind, a NaN rating, a missing entity. */
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';

const long = (value: number | string) => returnBigInt(String(value));
const top = (peer: Api.TypePeer, rating: number) => new Api.TopPeer({ peer, rating });
const user = (id: number) => new Api.PeerUser({ userId: long(id) });

export function answer(): Api.contacts.TopPeers {
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

