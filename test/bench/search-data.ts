// Deterministic inputs for the search benchmark (and the search unit test's cross-check): a seeded
// peer-list generator and the keystroke sequence that is timed.

import type { SearchCandidate } from '../../renderer/src/lib/search/index';

export const SEED = 20_261_125;

/** Typing sessions, one query per keystroke, in the mix the switcher sees: names, Cyrillic, usernames, layout slips, misses. */
const TYPED = [
  'ivan p', 'павел', 'pavel', 'gfdtk', '@dur', 'müll', 'jose', 'zhenya', 'sch', 'ылнзу', 'team', 'семья',
  'dmitri', 'kuzn', 'xyzzy', 'o', 'an', 'al',
];
export const QUERIES: readonly string[] = [...TYPED.flatMap((word) => [...word].map((_, i) => word.slice(0, i + 1))), '🚀', ''];

// mulberry32: tiny, seedable, good enough to make reproducible name soup.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const LATIN_FIRST = ['Ivan', 'Pavel', 'John', 'Maria', 'Anna', 'Dmitry', 'Alexander', 'Sergey', 'Olga', 'Elena', 'Michael', 'Sarah', 'Kevin', 'Laura', 'Peter', 'Nikolai', 'Tatiana', 'Yulia', 'Zhenya', 'Alice', 'Omar', 'Wei', 'Priya', 'Lucas'];
const LATIN_LAST = ['Petrov', 'Smith', 'Johnson', 'Ivanov', 'Kuznetsov', 'Brown', 'Garcia', 'Miller', 'Novak', 'Schulz', 'Durov', 'Chen', 'Khan', 'Rossi', 'Popov', 'Sokolov', 'Taylor', 'Lee'];
const CYRILLIC_FIRST = ['Иван', 'Павел', 'Мария', 'Анна', 'Дмитрий', 'Александр', 'Сергей', 'Ольга', 'Елена', 'Юлия', 'Женя', 'Саша', 'Наталья', 'Фёдор', 'Алексей', 'Михаил', 'Татьяна', 'Ксения', 'Олег'];
const CYRILLIC_LAST = ['Петров', 'Смирнов', 'Иванова', 'Кузнецов', 'Попов', 'Соколов', 'Лебедев', 'Щукин', 'Хабибуллин', 'Цой', 'Орлова', 'Дуров', 'Волков', 'Зайцева'];
const ACCENTED_FIRST = ['José', 'Zoë', 'Søren', 'Łukasz', 'François', 'Jürgen', 'Çağla', 'Đorđe', 'Ærin', 'Inés', 'Björk', 'Ömer', 'Renée'];
const ACCENTED_LAST = ['Núñez', 'Müller', 'Dvořák', 'Ødegaard', 'Weiß', 'Škoda', 'Gonçalves', 'Łęcki', 'Håkansson', 'Özdemir'];
const GROUP_WORDS = ['Team', 'Family', 'Work', 'Chat', 'News', 'Crypto', 'Devs', 'Design', 'Football', 'Book Club', 'Семья', 'Работа', 'Новости', 'Друзья', 'Дача', 'Équipe', 'Straße'];
const EMOJI = ['🚀', '❤️', '🌸', '👨‍👩‍👧', '🔥', '✨', '🎉', '🐱', '🇺🇦', '👍🏽'];
const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'ch', ш: 'sh', щ: 'sch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

function asciiHandle(name: string): string {
  return [...name.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')]
    .map((char) => TRANSLIT[char] ?? char)
    .join('')
    .replace(/[^a-z0-9]/g, '');
}

/** Deterministic peer list: people in three scripts, groups with emoji, usernames for most. */
export function generateCandidates(count: number, seed = SEED): SearchCandidate[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const candidates: SearchCandidate[] = [];
  for (let i = 0; i < count; i++) {
    const roll = next();
    const rating = Math.round(-Math.log(1 - next()) * 1000) / 1000;
    const lastUsedAt = next() < 0.5 ? 1_760_000_000_000 + Math.floor(next() * 1e9) : undefined;
    let candidate: SearchCandidate;
    if (roll < 0.2) {
      const title = `${pick(GROUP_WORDS)} ${pick(GROUP_WORDS)}${next() < 0.6 ? ` ${pick(EMOJI)}` : ''}`;
      candidate = { key: `chat:${i}`, title, rating, ...(next() < 0.3 ? { username: `${asciiHandle(title)}_${i}` } : {}) };
    } else {
      const [firsts, lasts] = roll < 0.55 ? [LATIN_FIRST, LATIN_LAST] : roll < 0.85 ? [CYRILLIC_FIRST, CYRILLIC_LAST] : [ACCENTED_FIRST, ACCENTED_LAST];
      const firstName = pick(firsts);
      const lastName = next() < 0.85 ? pick(lasts) : '';
      const title = `${firstName}${lastName ? ` ${lastName}` : ''}${next() < 0.1 ? ` ${pick(EMOJI)}` : ''}`;
      const username = next() < 0.6 ? `${asciiHandle(firstName)}${next() < 0.5 ? '_' : ''}${asciiHandle(lastName)}${Math.floor(next() * 100)}` : undefined;
      candidate = { key: `user:${i}`, title, firstName, ...(lastName ? { lastName } : {}), ...(username ? { username } : {}), rating };
    }
    candidates.push(lastUsedAt === undefined ? candidate : { ...candidate, lastUsedAt });
  }
  return candidates;
}
