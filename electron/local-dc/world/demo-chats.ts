/**
 * The demo's chat histories beyond a few greetings: a long private chat to page through, a
 * photo-sharing supergroup, a basic group with service messages, a chat full of unread
 * messages and an empty one. Added after the rest of the demo world with its own PRNG, so the
 * peers and ratings built before stay exactly as they were.
 */
import type { RichMessage, WorldEntity } from './history-model';
import type { PeerRef } from './model';
import { createPrng } from './prng';
import type { World } from './world';

/** Peers the chat pane's tests and screenshots open by name. */
export const DEMO_CHATS = {
  long: { kind: 'user', id: 100_201n, name: 'Olivia Long', messages: 250 },
  unread: { kind: 'user', id: 100_202n, name: 'Xavier Unread', unread: 30 },
  empty: { kind: 'user', id: 100_203n, name: 'Quinn Quiet' },
  xss: { kind: 'user', id: 100_204n, name: 'Mallory Markup' },
  photos: { kind: 'channel', id: 1_000_000_101n, name: 'Photo Club 📷' },
  crew: { kind: 'chat', id: 200_101n, name: 'Release Crew' },
} as const;

const LINES = [
  'Did you see the new build?',
  'Running late, 10 min',
  'Can you review my PR? https://example.org/pr/42',
  'ok 👍',
  'Meeting moved to 3pm',
  'Привет, как выходные?',
  'That bug is fixed in #release',
  'Ping @dana_demo when done',
  'Lunch?',
  'Sounds good!',
];

/** Entities computed from the text itself so offsets are right in UTF-16 (what JS string indices are). */
function spans(text: string, parts: [needle: string, kind: WorldEntity['kind'], url?: string][]): WorldEntity[] {
  return parts.flatMap(([needle, kind, url]) => {
    const offset = text.indexOf(needle);
    return offset < 0 ? [] : [{ kind, offset, length: needle.length, ...(url ? { url } : {}) }];
  });
}

function autoEntities(text: string): WorldEntity[] | undefined {
  const found: WorldEntity[] = [];
  for (const match of text.matchAll(/https?:\/\/\S+|@\w+|#\w+/g)) {
    const kind = match[0].startsWith('@') ? 'mention' : match[0].startsWith('#') ? 'hashtag' : 'url';
    found.push({ kind, offset: match.index, length: match[0].length });
  }
  return found.length ? found : undefined;
}

export function addDemoChats(world: World, epoch: number, mainUserId: bigint): void {
  const prng = createPrng(0x15c4a7);
  const main = mainUserId;
  const add = (peer: PeerRef, text: string, date: number, extra: { out?: boolean; fromId?: bigint; rich?: RichMessage } = {}) =>
    world.addMessage(main, peer, { text, date, out: extra.out, fromId: extra.fromId, rich: extra.rich ?? (autoEntities(text) ? { entities: autoEntities(text) } : undefined) });

  world.addUser({ id: DEMO_CHATS.long.id, firstName: 'Olivia', lastName: 'Long', username: 'olivia_long', status: { kind: 'online' } });
  world.addUser({ id: DEMO_CHATS.unread.id, firstName: 'Xavier', lastName: 'Unread', status: { kind: 'offline', wasOnline: epoch - 5400 } });
  world.addUser({ id: DEMO_CHATS.empty.id, firstName: 'Quinn', lastName: 'Quiet', status: { kind: 'recently' } });
  world.addUser({ id: DEMO_CHATS.xss.id, firstName: 'Mallory', lastName: 'Markup', username: 'mallory_m' });
  world.addChannel({ id: DEMO_CHATS.photos.id, title: DEMO_CHATS.photos.name, username: 'photo_club_demo', broadcast: false, participantsCount: 1287, date: epoch - 400 * 86_400 });
  world.addChat({ id: DEMO_CHATS.crew.id, title: DEMO_CHATS.crew.name, participantsCount: 6, date: epoch - 90 * 86_400 });
  world.setPhoto({ kind: 'user', id: DEMO_CHATS.long.id }, { from: [220, 120, 60], to: [120, 40, 20], size: 96 }, epoch - 50 * 86_400);
  world.setPhoto({ kind: 'channel', id: DEMO_CHATS.photos.id }, { from: [60, 160, 220], to: [20, 60, 120], size: 96 }, epoch - 70 * 86_400);
  const members = [100_101n, 100_103n, 100_105n, 100_108n];

  // A long private chat: 250 messages over ~40 days, with formatting, media placeholders and replies.
  const long: PeerRef = { kind: 'user', id: DEMO_CHATS.long.id };
  let date = epoch - 40 * 86_400;
  const longIds: number[] = [];
  for (let n = 0; n < DEMO_CHATS.long.messages; n++) {
    date += prng.int(300, 25_000);
    const out = prng.next() < 0.45;
    const roll = prng.next();
    let text = `${prng.pick(LINES)} (${n + 1})`;
    let rich: RichMessage | undefined;
    if (n === 3) {
      text = 'Formatting: bold, italic, underline, strike, code, spoiler and a link 🔗 here';
      rich = { entities: spans(text, [['bold', 'bold'], ['italic', 'italic'], ['underline', 'underline'], ['strike', 'strike'], ['code', 'code'], ['spoiler', 'spoiler'], ['here', 'textUrl', 'https://example.org/docs']]) };
    } else if (roll < 0.04) {
      rich = { media: { kind: 'voice', duration: prng.int(2, 90), size: prng.int(8_000, 200_000) } };
      text = '';
    } else if (roll < 0.07) {
      rich = { media: { kind: 'video', duration: prng.int(5, 300), size: prng.int(500_000, 30_000_000), w: 1280, h: 720 } };
    } else if (roll < 0.1) {
      rich = { media: { kind: 'file', fileName: `report-${n}.pdf`, size: prng.int(20_000, 3_000_000), mimeType: 'application/pdf' } };
    } else if (roll < 0.12) {
      rich = { media: { kind: 'sticker', emoji: '😀', size: 24_000 } };
      text = '';
    } else if (roll < 0.16) {
      rich = { media: { kind: 'photo', photoId: world.addMessagePhoto(n, date) } };
    } else if (roll < 0.24 && longIds.length > 0) {
      rich = { replyToId: prng.pick(longIds), entities: autoEntities(text) };
    }
    longIds.push(add(long, text, date, { out, rich }).id);
  }
  world.editMessage(main, long, longIds.at(-3)!, 'This one was edited ✏️', date + 60);
  world.markRead(main, long);
  world.peerReads(main, long, longIds.at(-5)!);

  // Photo Club: a supergroup of photos, replies and forwards, with service messages.
  const photos: PeerRef = { kind: 'channel', id: DEMO_CHATS.photos.id };
  date = epoch - 10 * 86_400;
  add(photos, '', date, { fromId: members[0], rich: { action: { kind: 'channelCreate', title: DEMO_CHATS.photos.name } } });
  const photoIds: number[] = [];
  for (let n = 0; n < 14; n++) {
    date += prng.int(1_800, 30_000);
    const fromId = prng.pick(members);
    const kind = n % 3;
    const rich: RichMessage =
      kind === 0
        ? { media: { kind: 'photo', photoId: world.addMessagePhoto(100 + n, date) } }
        : kind === 1 && photoIds.length
          ? { replyToId: prng.pick(photoIds) }
          : { forwarded: { fromId: { kind: 'channel', id: 1_000_000_010n }, date: date - 86_400 }, media: { kind: 'photo', photoId: world.addMessagePhoto(200 + n, date) } };
    const caption = kind === 0 ? `Shot #${n + 1} 🌄` : kind === 1 ? 'Love the colours!' : 'From Space Pictures';
    photoIds.push(add(photos, caption, date, { fromId, rich }).id);
  }
  add(photos, '', date + 60, { fromId: members[0], rich: { action: { kind: 'pinMessage' }, replyToId: photoIds[0] } });
  add(photos, 'Where was this taken?', date + 120, { fromId: members[1], rich: { media: { kind: 'location', lat: 47.3769, long: 8.5417 } } });
  add(photos, 'Next theme?', date + 180, { fromId: members[2], rich: { media: { kind: 'poll', question: 'Next theme?', answers: ['Night', 'Water', 'Macro'] } } });

  // Release Crew: a basic group's life as service messages and replies.
  const crew: PeerRef = { kind: 'chat', id: DEMO_CHATS.crew.id };
  date = epoch - 3 * 86_400;
  add(crew, '', date, { out: true, rich: { action: { kind: 'chatCreate', title: 'Release', userIds: members.slice(0, 3) } } });
  add(crew, '', date + 60, { out: true, rich: { action: { kind: 'chatEditTitle', title: DEMO_CHATS.crew.name } } });
  add(crew, '', date + 120, { fromId: members[0], rich: { action: { kind: 'chatAddUser', userIds: [members[3]!] } } });
  const question = add(crew, 'Is 1.0 ready to ship?', date + 600, { fromId: members[1] });
  add(crew, 'Yes, tagging now', date + 900, { out: true, rich: { replyToId: question.id } });
  add(crew, 'Release notes: https://example.org/notes #release', date + 1_200, { fromId: members[3] });

  // A chat with many unread messages, one that is empty, and one whose text looks like markup.
  const unread: PeerRef = { kind: 'user', id: DEMO_CHATS.unread.id };
  date = epoch - 2 * 86_400;
  add(unread, 'Earlier, already read', date, {});
  world.markRead(main, unread);
  for (let n = 0; n < DEMO_CHATS.unread.unread; n++) add(unread, `Unread message ${n + 1}`, (date += 120));
  add({ kind: 'user', id: DEMO_CHATS.xss.id }, 'Look what my HTML does:', epoch - 3_700);
  add({ kind: 'user', id: DEMO_CHATS.xss.id }, '<img src=x onerror=alert(1)>', epoch - 3_600);

  // In the switcher, but below everyone who was there before.
  world.setRating(main, long, 'correspondents', 0.04);
  world.setRating(main, unread, 'correspondents', 0.03);
  world.setRating(main, { kind: 'user', id: DEMO_CHATS.empty.id }, 'correspondents', 0.02);
  world.setRating(main, { kind: 'user', id: DEMO_CHATS.xss.id }, 'correspondents', 0.01);
  world.setRating(main, photos, 'groups', 0.02);
  world.setRating(main, crew, 'groups', 0.01);
}
