/**
 * The demo world: one Telegram with ~70 peers in every top-peer category, used by the demo mode,
 * the E2E tests and anyone poking at the app without a Telegram account. Built from a seeded
 * PRNG and a fixed epoch, so every run (and every screenshot) is identical.
 *
 * Log in with (DC 2 test numbers: the code is always 22222):
 *   +9996621234  code 22222                      "Dana Demo", the main account: every category populated
 *   +9996625678  code 22222, 2FA password below  "Tomás Segundo": SRP login; a few categories
 *   +9996620002  code 22222                      "Nadia Nulla": top peers disabled
 *   bot token DEMO_BOT_TOKEN                     @topswitch_demo_bot: importBotAuthorization; getTopPeers refuses bots
 *   +9996629999                                  not registered: auth.signIn answers PHONE_NUMBER_UNOCCUPIED
 */
import type { PeerRef, TopPeerCategory, WorldUser } from './model';
import { addDemoChatList } from './demo-chat-list';
import { createPrng, type Prng } from './prng';
import { World, type WorldOptions } from './world';
import { addDemoChats } from './demo-chats';

/** 2025-11-24T16:00:00Z: every message and "last seen" in the demo is relative to this. */
export const DEMO_EPOCH = 1_764_000_000;

export const DEMO_LOGIN_CODE = '22222';
/** The cloud password of DEMO_ACCOUNTS.twoFactor. */
export const DEMO_2FA_PASSWORD = 'fake-dc-2fa';
export const DEMO_BOT_TOKEN = '700099:AAFakeDcDemoBotTokenNotARealSecret00';

export const DEMO_ACCOUNTS = {
  main: { phone: '9996621234', code: DEMO_LOGIN_CODE, userId: 100_001n, name: 'Dana Demo' },
  twoFactor: { phone: '9996625678', code: DEMO_LOGIN_CODE, password: DEMO_2FA_PASSWORD, hint: 'fake-dc-…', userId: 100_002n, name: 'Tomás Segundo' },
  disabled: { phone: '9996620002', code: DEMO_LOGIN_CODE, userId: 100_003n, name: 'Nadia Nulla' },
  bot: { token: DEMO_BOT_TOKEN, userId: 700_099n, username: 'topswitch_demo_bot' },
  /** A well-formed test number with no account behind it. */
  unregisteredPhone: '9996629999',
} as const;

type Person = [first: string, last: string | undefined, username: string | undefined, flags?: { verified?: boolean; premium?: boolean; deleted?: boolean }];

/** The address book: scripts and accents the switcher's search must cope with. */
const PEOPLE: Person[] = [
  ['Alice', 'Johnson', 'alice', { premium: true }],
  ['Bob', 'Smith', undefined],
  ['Charlie', 'Brown', 'charlie_b'],
  ['Diana', 'Prince', 'wonder_d', { verified: true, premium: true }],
  ['Ethan', 'Hunt', undefined],
  ['Fiona', 'Gallagher', 'fiona_g'],
  ['George', 'Miller', undefined],
  ['Hannah', 'Baker', 'hbaker'],
  ['Иван', 'Петров', 'ivan_petrov'],
  ['Павел', undefined, undefined, { premium: true }],
  ['Мария', 'Иванова', 'masha'],
  ['Дмитрий', 'Соколов', undefined],
  ['Ольга', 'Смирнова', 'olga_s'],
  ['Сергей', 'Кузнецов', undefined],
  ['José', 'Müller', 'jose_muller'],
  ['Zoë', 'Kowalski', 'zoe_k'],
  ['François', 'Dupont', undefined],
  ['Łukasz', 'Wiśniewski', 'lukasz_w'],
  ['Søren', 'Nørgaard', undefined],
  ['Åsa', 'Lindqvist', 'asa_l'],
  ['Çağla', 'Yılmaz', undefined, { premium: true }],
  ['Νίκος', 'Παπαδόπουλος', 'nikos_p'],
  ['王', '伟', undefined],
  ['さくら', undefined, 'sakura_jp'],
  ['Mia 🌸', undefined, 'mia_flowers'],
  ['🎸 Rocco', undefined, undefined],
  ['Kai', '🚀', 'kai_rocket', { verified: true }],
  ['Anna-Lena', "O'Brien", 'annalena'],
  ['Mohammed', 'Al-Sayed', undefined],
  ['Priya', 'Sharma', 'priya_s'],
  ['Lena', 'Schäfer', undefined],
  ['Tom', 'Skype-Smith', 'tom_skype'],
  ['Émile', 'Roux', undefined],
  ['Jürgen', 'Groß', 'juergen'],
  ['Yuki', 'Tanaka', 'yuki_t'],
  ['Ngozi', 'Okafor', undefined, { premium: true }],
  ['', undefined, undefined, { deleted: true }],
];

type Bot = [name: string, username: string, kind: 'pm' | 'inline' | 'app', extra?: string];

const BOTS: Bot[] = [
  ['Weather', 'fakedc_weather_bot', 'pm'],
  ['Reminders', 'remind_me_fake_bot', 'pm'],
  ['Translator', 'translate_fake_bot', 'pm'],
  ['Skype Bridge', 'skype_bridge_bot', 'pm'],
  ['GIF Search', 'gif_fake_bot', 'inline', 'Search GIFs…'],
  ['Wikipedia', 'wiki_fake_bot', 'inline', 'Search Wikipedia…'],
  ['Videos', 'vid_fake_bot', 'inline', 'Search videos…'],
  ['Durger King', 'durgerking_fake_bot', 'app'],
  ['Wallet', 'wallet_fake_bot', 'app'],
  ['Tap Game', 'tapgame_fake_bot', 'app'],
];

const BASIC_GROUPS = ['Family 👨‍👩‍👧', 'Book Club', 'Weekend Hikers', 'Квартира 42', '🍕 Pizza Night'];

type ChannelSpec = [title: string, username: string | undefined, broadcast: boolean, verified?: boolean];
const CHANNELS: ChannelSpec[] = [
  ['TypeScript Devs', 'typescript_devs', false],
  ['Svelte Society', 'sveltesociety', false],
  ['Electron Builders', undefined, false],
  ['Клуб любителей кофе', 'coffee_club_ru', false],
  ['Café Français', undefined, false],
  ['Skype Updates', 'skype_news', true, true],
  ['Telegram Tips', 'telegramtips', true, true],
  ['Hacker News Digest', 'hn_digest', true],
  ['Новости дня', 'novosti_dnya', true],
  ['Space Pictures 🚀', 'space_pics', true],
  ['Zürich Events', undefined, true],
];

const GREETINGS = ['Hi!', 'Are we still on for tomorrow?', 'Sent you the file', 'Thanks 🙏', 'Ok, see you at 7', 'Привет! Как дела?', '¿Qué tal?', 'Check this out', 'lol', 'Call me when you can'];

function colour(prng: Prng): [number, number, number] {
  return [prng.int(30, 230), prng.int(30, 230), prng.int(30, 230)];
}

/** Ratings look like Telegram's: positive doubles with a long tail; rounded so JSON is stable across engines. */
function ratingsFor(prng: Prng, count: number): number[] {
  return Array.from({ length: count }, () => Math.round(prng.next() ** 2 * 40_000_000) / 1_000_000).sort((a, b) => b - a);
}

export function createDemoWorld(options: WorldOptions = {}): World {
  const prng = createPrng(0x70957);
  const world = new World(options);
  const photo = (ref: PeerRef, index: number) => {
    // Most peers have a photo; every seventh does not, so clients show their initials fallback.
    if (index % 7 === 6) {
      prng.next();
      return;
    }
    world.setPhoto(ref, { from: colour(prng), to: colour(prng), size: 64 + 16 * prng.int(0, 6) }, DEMO_EPOCH - prng.int(1, 400) * 86_400);
  };
  const status = (): WorldUser['status'] => {
    const roll = prng.next();
    if (roll < 0.25) return { kind: 'online' };
    if (roll < 0.85) return { kind: 'offline', wasOnline: DEMO_EPOCH - prng.int(60, 7 * 86_400) };
    return { kind: 'recently' };
  };

  // The accounts' own users.
  world.addUser({ id: DEMO_ACCOUNTS.main.userId, firstName: 'Dana', lastName: 'Demo', username: 'dana_demo', phone: DEMO_ACCOUNTS.main.phone, premium: true, status: { kind: 'online' } });
  world.addUser({ id: DEMO_ACCOUNTS.twoFactor.userId, firstName: 'Tomás', lastName: 'Segundo', username: 'tomas_2fa', phone: DEMO_ACCOUNTS.twoFactor.phone, status: { kind: 'recently' } });
  world.addUser({ id: DEMO_ACCOUNTS.disabled.userId, firstName: 'Nadia', lastName: 'Nulla', phone: DEMO_ACCOUNTS.disabled.phone, status: { kind: 'offline', wasOnline: DEMO_EPOCH - 3600 } });
  photo({ kind: 'user', id: DEMO_ACCOUNTS.main.userId }, 0);
  photo({ kind: 'user', id: DEMO_ACCOUNTS.twoFactor.userId }, 1);
  const main = world.addAccount({ userId: DEMO_ACCOUNTS.main.userId });
  world.addAccount({ userId: DEMO_ACCOUNTS.twoFactor.userId, password: DEMO_2FA_PASSWORD, passwordHint: DEMO_ACCOUNTS.twoFactor.hint });
  world.addAccount({ userId: DEMO_ACCOUNTS.disabled.userId, topPeersEnabled: false });

  const people: PeerRef[] = [];
  PEOPLE.forEach(([firstName, lastName, username, flags = {}], index) => {
    const id = 100_101n + BigInt(index);
    world.addUser({
      id,
      firstName,
      lastName,
      username,
      phone: flags.deleted || index % 3 === 0 ? undefined : `4477009${String(index).padStart(5, '0')}`,
      verified: flags.verified,
      premium: flags.premium,
      deleted: flags.deleted,
      status: flags.deleted ? undefined : status(),
    });
    if (!flags.deleted) photo({ kind: 'user', id }, index);
    people.push({ kind: 'user', id });
  });
  // The 2FA account is also someone Dana talks to, so two demo clients can message each other.
  people.unshift({ kind: 'user', id: DEMO_ACCOUNTS.twoFactor.userId });

  const bots: Record<Bot[2], PeerRef[]> = { pm: [], inline: [], app: [] };
  BOTS.forEach(([firstName, username, kind, placeholder], index) => {
    const id = 700_001n + BigInt(index);
    world.addUser({
      id,
      firstName,
      username,
      bot: kind === 'inline' ? { inlinePlaceholder: placeholder } : kind === 'app' ? { hasMainApp: true } : {},
      verified: index === 0 || undefined,
    });
    photo({ kind: 'user', id }, index);
    bots[kind].push({ kind: 'user', id });
  });
  world.addUser({ id: DEMO_ACCOUNTS.bot.userId, firstName: 'TopSwitch Demo', username: DEMO_ACCOUNTS.bot.username, bot: {} });
  world.addBotToken(DEMO_ACCOUNTS.bot.userId, DEMO_BOT_TOKEN);

  const groups: PeerRef[] = [];
  BASIC_GROUPS.forEach((title, index) => {
    const id = 200_001n + BigInt(index);
    world.addChat({ id, title, participantsCount: prng.int(3, 40), date: DEMO_EPOCH - prng.int(30, 900) * 86_400 });
    photo({ kind: 'chat', id }, index);
    groups.push({ kind: 'chat', id });
  });
  const channels: PeerRef[] = [];
  CHANNELS.forEach(([title, username, broadcast, verified], index) => {
    const id = 1_000_000_001n + BigInt(index);
    world.addChannel({
      id,
      title,
      username,
      broadcast,
      verified,
      participantsCount: prng.int(50, 250_000),
      date: DEMO_EPOCH - prng.int(30, 1500) * 86_400,
    });
    photo({ kind: 'channel', id }, index);
    (broadcast ? channels : groups).push({ kind: 'channel', id });
  });

  // Dana's top peers: every category populated, ratings strictly from the PRNG.
  const rate = (category: TopPeerCategory, peers: readonly PeerRef[]) => {
    const ratings = ratingsFor(prng, peers.length);
    peers.forEach((peer, index) => world.setRating(main.userId, peer, category, ratings[index] ?? 0));
  };
  const humans = people.filter((peer) => !world.state.user(peer.id)?.deleted);
  rate('correspondents', humans.slice(0, 24));
  rate('botsPm', [...bots.pm, bots.app[0]!]);
  rate('botsInline', bots.inline);
  rate('phoneCalls', [humans[2]!, humans[5]!, humans[8]!, humans[9]!, humans[14]!, humans[30]!]);
  rate('forwardUsers', [humans[1]!, humans[3]!, humans[10]!, humans[15]!, humans[20]!, humans[24]!, humans[27]!]);
  rate('forwardChats', [groups[0]!, groups[5]!, channels[0]!, channels[1]!, channels[3]!]);
  rate('groups', groups);
  rate('channels', channels);
  rate('botsApp', bots.app);
  // The deleted account keeps a (low) rating: Telegram returns such peers and clients must cope.
  const deleted = people.find((peer) => world.state.user(peer.id)?.deleted);
  if (deleted) world.setRating(main.userId, deleted, 'correspondents', 0.000_5);

  // Tomás sees a smaller world: a few people and groups.
  const tomas = DEMO_ACCOUNTS.twoFactor.userId;
  world.setRating(tomas, { kind: 'user', id: main.userId }, 'correspondents', 12.5);
  rate2(world, prng, tomas, 'correspondents', humans.slice(10, 16));
  rate2(world, prng, tomas, 'groups', groups.slice(0, 3));
  rate2(world, prng, tomas, 'channels', channels.slice(0, 2));
  // Nadia has ratings too, but top peers disabled: clients must show "disabled", not an empty list.
  rate2(world, prng, DEMO_ACCOUNTS.disabled.userId, 'correspondents', humans.slice(0, 5));

  // A few messages per dialog of Dana's, oldest first; some incoming ones left unread.
  const talkTo = [...humans.slice(0, 20), ...bots.pm, ...groups, ...channels];
  talkTo.forEach((peer, index) => {
    const count = prng.int(2, 5);
    let date = DEMO_EPOCH - prng.int(1, 30) * 86_400;
    const members = humans.slice(0, 8);
    for (let n = 0; n < count; n++) {
      date += prng.int(60, 20_000);
      const broadcastPost = peer.kind === 'channel' && channels.includes(peer);
      const out = !broadcastPost && prng.next() < 0.4;
      const fromId = peer.kind === 'user' ? peer.id : prng.pick(members).id;
      world.addMessage(main.userId, peer, { text: prng.pick(GREETINGS), out, fromId, date });
    }
    // Roughly a third of dialogs keep their newest incoming messages unread.
    if (index % 3 !== 0) world.markRead(main.userId, peer);
  });
  // Dana and Tomás are both accounts: Tomás gets his side of their conversation, so two demo
  // clients show the same thread.
  const danaAndTomas = main.dialogs.get(`user:${tomas}`);
  for (const message of danaAndTomas?.messages ?? []) {
    world.addMessage(tomas, { kind: 'user', id: main.userId }, { text: message.text, out: !message.out, date: message.date });
  }
  world.markRead(tomas, { kind: 'user', id: main.userId });
  addDemoChats(world, DEMO_EPOCH, main.userId);
  addDemoChatList(world, main.userId, DEMO_EPOCH);
  return world;
}

function rate2(world: World, prng: Prng, account: bigint, category: TopPeerCategory, peers: readonly PeerRef[]): void {
  const ratings = ratingsFor(prng, peers.length);
  peers.forEach((peer, index) => world.setRating(account, peer, category, ratings[index] ?? 0));
}
