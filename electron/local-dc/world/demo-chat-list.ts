/**
 * The demo's chat list beyond its top peers: people, groups and channels Dana talks to that are
 * in no top-peer category, some pinned, some archived, some muted; and public peers she has never
 * talked to, which only contacts.search's global results find. Its own PRNG, so the rest of the
 * demo stays exactly as it was.
 *
 * With these the main list has more than 100 dialogs (two getDialogs pages at Telegram's maximum).
 */
import type { PeerRef } from './model';
import { createPrng } from './prng';
import type { World } from './world';

const FIRST = ['Oscar', 'Nina', 'Pablo', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Keiko', 'Lars', 'Marta', 'Noah', 'Olivia', 'Petra', 'Quentin', 'Rosa', 'Stefan', 'Tanja', 'Ugo', 'Vera', 'Willem', 'Ксения', 'Борис', 'Алёна', 'Юрий', 'Тарас', 'Євгенія', 'Олександр', 'Sofía', 'Chloé', 'Björn', 'Ayşe', 'Reza', 'Amara', 'Dmitri', 'Ilse', 'Mateo', 'Signe', 'Tomasz', 'Wen', 'Yara'];
const LAST = ['Lindgren', 'Okoro', 'Ferreira', 'Novak', 'Bauer', 'Castillo', 'Meyer', 'Sato', 'Eriksen', 'Rossi', 'Гончар', 'Шевченко', 'Орлова', 'Воронин', 'Haddad', 'Nguyen', 'Schröder', 'Kaya', 'Moreau', 'Jensen'];
const GROUPS = ['Neighbours 3rd floor', 'Climbing Crew', 'Board Games Tuesday', 'Родительский чат 5Б', 'Dacha 🌻', 'Alumni 2015', 'Office Lunch', 'Choir Altos', 'Volleyball ⚽', 'Кіноклуб'];
const CHANNELS: [title: string, username: string | undefined, broadcast: boolean][] = [
  ['Rust Weekly', 'rust_weekly_demo', true],
  ['Go Nuts', 'go_nuts_demo', false],
  ['Linux Desktop News', 'linux_desktop_demo', true],
  ['Photography Daily 📷', undefined, true],
  ['Берлин по-русски', 'berlin_ru_demo', false],
  ['Kyiv Tech', 'kyiv_tech_demo', false],
  ['Recipes & Co', 'recipes_co_demo', true],
  ['Old Release Notes', undefined, true],
];
/** Public peers nobody in the demo talks to: only a global search finds them. */
const STRANGERS: [first: string, last: string | undefined, username: string][] = [
  ['Anna', 'Global', 'anna_global'],
  ['Telegraph', 'Tips', 'telegraph_tips_public'],
];
const PUBLIC_CHANNELS: [title: string, username: string][] = [
  ['Svelte Summit', 'svelte_summit'],
  ['Typescript Weekly', 'typescript_weekly'],
  ['Annapurna Trekking', 'annapurna_trek'],
];

const LINES = ['See you there', 'Who is in?', 'Photos from yesterday', 'Отлично!', 'Done ✅', 'Meeting moved to 3', 'Дякую!', 'New post is up', 'Anyone has a charger?', 'ok'];

export function addDemoChatList(world: World, account: bigint, epoch: number): void {
  const prng = createPrng(0xc4a75);
  const chats: PeerRef[] = [];
  for (let index = 0; index < 60; index++) {
    const id = 100_401n + BigInt(index);
    const firstName = FIRST[index % FIRST.length]!;
    // Every name distinct: a second round of first names takes other last names.
    const round = Math.floor(index / FIRST.length);
    const lastName = index % 4 === 3 && round === 0 ? undefined : LAST[(index * 7 + 3 * round) % LAST.length];
    const username = index % 3 === 0 ? `${firstName.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '') || 'user'}_${index}` : undefined;
    world.addUser({ id, firstName, lastName, username, status: { kind: 'offline', wasOnline: epoch - prng.int(600, 40 * 86_400) } });
    chats.push({ kind: 'user', id });
  }
  GROUPS.forEach((title, index) => {
    const id = 200_401n + BigInt(index);
    world.addChat({ id, title, participantsCount: prng.int(4, 60), date: epoch - prng.int(100, 2000) * 86_400 });
    chats.push({ kind: 'chat', id });
  });
  CHANNELS.forEach(([title, username, broadcast], index) => {
    const id = 1_000_004_001n + BigInt(index);
    world.addChannel({ id, title, username, broadcast, participantsCount: prng.int(100, 90_000), date: epoch - prng.int(100, 2000) * 86_400 });
    chats.push({ kind: 'channel', id });
  });
  STRANGERS.forEach(([firstName, lastName, username], index) => {
    world.addUser({ id: 100_901n + BigInt(index), firstName, lastName, username, status: { kind: 'recently' } });
  });
  PUBLIC_CHANNELS.forEach(([title, username], index) => {
    world.addChannel({ id: 1_000_009_001n + BigInt(index), title, username, broadcast: true, participantsCount: prng.int(1_000, 500_000), date: epoch - 900 * 86_400 });
  });

  const colour = (): [number, number, number] => [prng.int(30, 230), prng.int(30, 230), prng.int(30, 230)];
  // Older than the top peers' conversations, mostly: these are the long tail of the list.
  chats.forEach((peer, index) => {
    // Most have a photo; some show the initials fallback.
    if (index % 6 !== 5) world.setPhoto(peer, { from: colour(), to: colour(), size: 64 }, epoch - prng.int(1, 400) * 86_400);
    let date = epoch - prng.int(20, 120) * 86_400;
    const count = prng.int(2, 4);
    for (let n = 0; n < count; n++) {
      date += prng.int(60, 10_000);
      const broadcast = peer.kind === 'channel' && world.state.channel(peer.id)?.broadcast === true;
      const fromId = peer.kind === 'user' ? peer.id : chats[prng.int(0, 59)]!.id;
      world.addMessage(account, peer, { text: prng.pick(LINES), out: !broadcast && prng.next() < 0.3, fromId, date });
    }
    if (index % 4 !== 1) world.markRead(account, peer);
  });

  // Pins (a group and two people), an archive and muted channels, as a real list has.
  world.pinDialog(account, { kind: 'chat', id: 200_001n });
  world.pinDialog(account, { kind: 'user', id: 100_101n });
  world.pinDialog(account, { kind: 'user', id: 100_405n });
  for (const peer of [...chats.slice(50, 60), chats.at(-1)!, chats.at(-2)!]) world.archiveDialog(account, peer);
  for (const peer of chats.filter((peer) => peer.kind === 'channel')) world.muteDialog(account, peer, 2_147_483_647);
  world.pinDialog(account, chats[55]!); // pinned inside the archive
}
