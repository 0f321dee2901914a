// The switcher search's labelled case table. The unit test (search.test.ts beside it) asserts every
// row; test/bench/search.bench.ts reports top-1 and top-3 accuracy of our search, fuse.js and fzf
// on the same rows.

import type { SearchCandidate } from '../../../renderer/src/lib/search/index';
import { MatchTier } from '../../../renderer/src/lib/search/index';
import { TIER_CASES } from './search-cases-tiers';

export interface SearchCase {
  readonly name: string;
  readonly query: string;
  /** Defaults to ADDRESS_BOOK. */
  readonly candidates?: readonly SearchCandidate[];
  /** Expected first result; null: expected no result at all. */
  readonly top?: string | null;
  /** Expected leading results, in this order. */
  readonly order?: readonly string[];
  /** Must not be returned at all. */
  readonly absent?: readonly string[];
  /** Expected tier of the first result. */
  readonly tier?: MatchTier;
  /** Expected highlighted pieces of the first result's title, left to right. */
  readonly highlight?: readonly string[];
}

/** A small, realistic top-peer list: Latin, Cyrillic, accented, RTL, emoji, groups, bots. */
export const ADDRESS_BOOK: readonly SearchCandidate[] = [
  { key: 'ivan-petrov', title: 'Ivan Petrov', firstName: 'Ivan', lastName: 'Petrov', username: 'vanya_p', rating: 5 },
  { key: 'ivan-ivanov', title: 'Ivan Ivanov', rating: 1.5 },
  { key: 'ivan-cyr', title: 'Иван Смирнов', firstName: 'Иван', lastName: 'Смирнов', rating: 6 },
  { key: 'pavel', title: 'Павел Дуров', username: 'durov', rating: 4 },
  { key: 'skype', title: 'Skype', username: 'skype', rating: 0.5 },
  { key: 'jose', title: 'José Álvarez', rating: 2 },
  { key: 'zoe', title: 'Zoë Saldaña', rating: 1 },
  { key: 'soren', title: 'Søren Kierkegaard', rating: 1 },
  { key: 'lukasz', title: 'Łukasz Nowak', rating: 1 },
  { key: 'weiss', title: 'Weißbier Club', rating: 1 },
  { key: 'fedor', title: 'Фёдор Достоевский', rating: 1 },
  { key: 'maria', title: 'Мария Иванова', rating: 3 },
  { key: 'yulia', title: 'Юлия Щукина', rating: 1 },
  { key: 'zhenya', title: 'Женя Хабибуллин', rating: 1 },
  { key: 'sasha', title: 'Саша Цой', rating: 1 },
  { key: 'dmitry', title: 'Dmitry Chekhov', rating: 1 },
  { key: 'natalia', title: 'Наталья Орлова', rating: 1 },
  { key: 'mom', title: 'Mom ❤️', firstName: 'Maria', lastName: 'Schulz', rating: 7 },
  { key: 'work', title: 'Work Chat 🚀', rating: 2 },
  { key: 'family', title: 'Семья 👨‍👩‍👧', rating: 2.5 },
  { key: 'topswitch', title: 'TopSwitch Dev', rating: 0.7 },
  { key: 'obrien', title: "Conan O'Brien", rating: 0.4 },
  { key: 'arabic', title: 'محمد علي', rating: 0.3 },
  { key: 'hebrew', title: 'שלום עליכם', rating: 0.3 },
  { key: 'kevin', title: 'Kevin Durant', username: 'DurantKD', rating: 0.6 },
  { key: 'reminder', title: 'Reminder Bot', username: 'ivanreminderbot', rating: 0.2 },
  { key: 'dorde', title: 'Đorđe Balašević', rating: 0.2 },
  { key: 'aero', title: 'Ærø Bakery', rating: 0.2 },
  { key: 'isil', title: 'Işıl Kaya', rating: 0.2 },
  { key: 'oeuvre', title: 'Œuvre Studio', rating: 0.2 },
];

const anna = (key: string, title: string, rating: number, lastUsedAt?: number, username?: string): SearchCandidate => ({
  key,
  title,
  rating,
  ...(lastUsedAt === undefined ? {} : { lastUsedAt }),
  ...(username === undefined ? {} : { username }),
});

const BASE_CASES: readonly SearchCase[] = [
  // Plain matching and the top tiers.
  { name: 'exact title', query: 'ivan petrov', top: 'ivan-petrov', tier: MatchTier.Exact, highlight: ['Ivan', 'Petrov'] },
  { name: 'case-insensitive exact title', query: 'IVAN PETROV', top: 'ivan-petrov', tier: MatchTier.Exact },
  { name: 'title prefix', query: 'ivan p', top: 'ivan-petrov', tier: MatchTier.TitlePrefix, highlight: ['Ivan', 'P'] },
  { name: 'last-name prefix', query: 'petr', top: 'ivan-petrov', tier: MatchTier.WordPrefix, highlight: ['Petr'] },
  { name: 'multi-word in any order', query: 'petrov iv', top: 'ivan-petrov', tier: MatchTier.WordPrefix, highlight: ['Iv', 'Petrov'] },
  { name: 'multi-word needs distinct words', query: 'ivan ivan', top: 'ivan-ivanov', absent: ['ivan-petrov'] },
  { name: 'highlights every matched word prefix', query: 'iv pe', top: 'ivan-petrov', highlight: ['Iv', 'Pe'] },
  { name: 'extra spaces and punctuation in the query', query: '  petrov,   ivan! ', top: 'ivan-petrov' },
  // Usernames.
  { name: 'username with @', query: '@durov', top: 'pavel', tier: MatchTier.Username, highlight: [] },
  { name: 'username without @, typed in full', query: 'durov', top: 'pavel', tier: MatchTier.WholeWord },
  { name: '@ matches usernames only', query: '@ivan', top: 'reminder', absent: ['ivan-petrov', 'ivan-cyr', 'ivan-ivanov'] },
  { name: 'username part after underscore', query: 'vanya', top: 'ivan-petrov', tier: MatchTier.Username },
  { name: 'whole username with underscore', query: '@vanya_p', top: 'ivan-petrov' },
  { name: 'username camelCase part', query: 'kd', top: 'kevin', tier: MatchTier.Username },
  // Diacritics and letters NFD leaves alone.
  { name: 'acute accent', query: 'jose', top: 'jose', highlight: ['José'] },
  { name: 'accented capital', query: 'alvarez', top: 'jose', highlight: ['Álvarez'] },
  { name: 'accents in the query', query: 'Ívan Pétrov', top: 'ivan-petrov', tier: MatchTier.Exact },
  { name: 'diaeresis and tilde', query: 'zoe saldana', top: 'zoe', tier: MatchTier.Exact },
  { name: 'ø', query: 'soren', top: 'soren', highlight: ['Søren'] },
  { name: 'ł', query: 'lukasz', top: 'lukasz' },
  { name: 'ß → ss', query: 'weissb', top: 'weiss', highlight: ['Weißb'] },
  { name: 'đ', query: 'dorde bal', top: 'dorde' },
  { name: 'æ and ø', query: 'aero', top: 'aero', highlight: ['Ærø'] },
  { name: 'dotless ı', query: 'isil', top: 'isil' },
  { name: 'œ', query: 'oeuvre', top: 'oeuvre' },
  { name: 'ё typed as е', query: 'федор', top: 'fedor', tier: MatchTier.WholeWord, highlight: ['Фёдор'] },
  // Latin ⇄ Cyrillic.
  { name: 'latin finds cyrillic', query: 'pavel', top: 'pavel', tier: MatchTier.Translit, highlight: ['Павел'] },
  { name: 'latin prefix highlights cyrillic prefix', query: 'pav', top: 'pavel', highlight: ['Пав'] },
  { name: 'cyrillic finds latin', query: 'Петров', top: 'ivan-petrov', tier: MatchTier.Translit, highlight: ['Petrov'] },
  { name: 'cyrillic multi-word finds latin', query: 'Иван Петров', top: 'ivan-petrov', tier: MatchTier.Translit },
  { name: 'latin finds cyrillic surname', query: 'smirnov', top: 'ivan-cyr', tier: MatchTier.Translit },
  { name: 'yo variant', query: 'fyodor', top: 'fedor', tier: MatchTier.Translit },
  { name: 'ia/iya variants of я', query: 'mariya ivan', top: 'maria', tier: MatchTier.Translit },
  { name: 'first name beats transliteration', query: 'maria', order: ['mom', 'maria'] },
  { name: 'yu/iu/ju and ia for юлия', query: 'iulia', top: 'yulia', tier: MatchTier.Translit },
  { name: 'ju for ю', query: 'julia shch', top: 'yulia' },
  { name: 'sch for щ', query: 'schukina', top: 'yulia' },
  { name: 'zh for ж, h for х', query: 'zhenya habib', top: 'zhenya', tier: MatchTier.Translit },
  { name: 'kh for х', query: 'khabibullin', top: 'zhenya' },
  { name: 'ts for ц', query: 'tsoi', top: 'sasha', highlight: ['Цой'] },
  { name: 'half-typed digraph already matches', query: 'sas', top: 'sasha' },
  { name: 'cyrillic ch/kh finds latin', query: 'Чехов', top: 'dmitry', highlight: ['Chekhov'] },
  { name: 'cyrillic ий finds latin y', query: 'Дмитрий', top: 'dmitry' },
  { name: 'soft sign disappears', query: 'natalia orl', top: 'natalia' },
  // Wrong keyboard layout.
  { name: 'qwerty-typed russian', query: 'gfdtk', top: 'pavel', tier: MatchTier.Layout, highlight: ['Павел'] },
  { name: 'russian-typed latin', query: 'ылнзу', top: 'skype', tier: MatchTier.Layout, highlight: ['Skype'] },
  { name: 'qwerty-typed russian surname', query: 'lehjd', top: 'pavel' },
  { name: 'layout, then layout + transliteration', query: 'bdfy', order: ['ivan-cyr', 'maria', 'ivan-petrov', 'ivan-ivanov'] },
  // Word splitting.
  { name: 'contiguous prefix across words', query: 'ivanp', top: 'ivan-petrov', tier: MatchTier.Compact, highlight: ['Ivan', 'P'] },
  { name: 'apostrophe inside a name', query: 'obrien', top: 'obrien', tier: MatchTier.Compact, highlight: ['O', 'Brien'] },
  { name: 'camelCase word in a title', query: 'sw', top: 'topswitch', tier: MatchTier.WordPrefix, highlight: ['Sw'] },
  { name: 'letters inside a word', query: 'trov', top: 'ivan-petrov', tier: MatchTier.Infix, highlight: ['trov'] },
  { name: 'last name only in lastName field', query: 'schulz', top: 'mom', tier: MatchTier.WholeWord, highlight: [] },
  // Unicode oddities.
  { name: 'emoji query', query: '🚀', top: 'work', tier: MatchTier.Infix, highlight: ['🚀'] },
  { name: 'ZWJ emoji sequence query', query: '👨‍👩‍👧', top: 'family' },
  { name: 'words around emoji', query: 'work chat', top: 'work', tier: MatchTier.Exact },
  { name: 'hebrew (RTL)', query: 'שלום', top: 'hebrew', highlight: ['שלום'] },
  { name: 'arabic (RTL) second word', query: 'علي', top: 'arabic' },
  { name: 'RTL mark and ZWJ in the query', query: '\u200fpetrov\u200d', top: 'ivan-petrov' },
  { name: 'lone surrogate', query: '\ud83d', top: null },
  { name: 'combining mark only', query: '\u0301', top: null },
  { name: 'very long query', query: 'x'.repeat(1000), top: null },
  { name: 'very long multi-word query', query: 'a '.repeat(500), top: null },
  { name: 'very long cyrillic query', query: 'щ'.repeat(1000), top: null },
  { name: 'no match', query: 'qqqzzz', top: null },
  // Empty query and ranking.
  { name: 'empty query lists everyone by rating', query: '', order: ['mom', 'ivan-cyr', 'ivan-petrov', 'pavel'] },
  { name: 'blank query is empty', query: '   ', order: ['mom', 'ivan-cyr', 'ivan-petrov'], tier: MatchTier.Unfiltered },
  {
    name: 'rating breaks ties within a tier',
    query: 'anna',
    candidates: [anna('anna-a', 'Anna', 1), anna('anna-b', 'Anna', 2)],
    order: ['anna-b', 'anna-a'],
  },
  {
    name: 'recency breaks rating ties',
    query: 'anna',
    candidates: [anna('anna-old', 'Anna', 1, 1_000), anna('anna-new', 'Anna', 1, 2_000), anna('anna-never', 'Anna', 1)],
    order: ['anna-new', 'anna-old', 'anna-never'],
  },
  {
    name: 'title breaks rating and recency ties',
    query: 'an',
    candidates: [anna('anna-z', 'Anna Zed', 1, 5), anna('anna-b', 'Anna Bee', 1, 5)],
    order: ['anna-b', 'anna-z'],
  },
  {
    name: 'exact title beats a higher-rated prefix',
    query: 'anna',
    candidates: [anna('annabelle', 'Annabelle', 9), anna('anna', 'Anna', 0.1)],
    order: ['anna', 'annabelle'],
  },
  {
    name: 'title prefix beats a higher-rated word prefix',
    query: 'ann',
    candidates: [anna('bob', 'Bob Annan', 9), anna('anna', 'Anna Smith', 0.1)],
    order: ['anna', 'bob'],
  },
  {
    name: 'name beats a higher-rated username',
    query: 'ann',
    candidates: [anna('handle', 'Bob', 9, undefined, 'annfan'), anna('name', 'Bob Annan', 0.1)],
    order: ['name', 'handle'],
  },
  {
    name: 'username beats a higher-rated transliteration',
    query: 'anna',
    candidates: [anna('cyr', 'Анна', 9), anna('handle', 'Bob', 0.1, undefined, 'annabob')],
    order: ['handle', 'cyr'],
  },
  {
    name: 'transliteration beats a higher-rated layout match',
    query: 'vera',
    candidates: [anna('layout', 'Мукфест', 9), anna('cyr', 'Вера', 0.1)],
    order: ['cyr', 'layout'],
  },
];

export const SEARCH_CASES: readonly SearchCase[] = [...BASE_CASES, ...TIER_CASES];
