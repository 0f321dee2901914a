// Names people actually say: "Саша" is how everyone calls the contact saved as "Александр". A
// small table of the common Russian and Ukrainian diminutives and the full names they stand for,
// compared in the phonetic key space, so Latin spellings ("sasha", "lyosha", "dima") and the
// Latin full names ("Alexander", "Dmitry") come for free.

import { fold } from './normalize';
import { translitKey } from './translit';

/** Diminutives (slash-separated) → full names, Russian and Ukrainian forms and common Latin ones. */
const TABLE: ReadonlyArray<readonly [string, string]> = [
  ['саша/шура/саня/сашка/шурик/санёк', 'александр/александра/олександр/олександра/alexander/alexandra/alexandr'],
  ['лёша/алёша/лёха/алекс', 'алексей/олексій/alexey/alexei/aleksei/alexei'],
  ['дима/димон/митя', 'дмитрий/дмитро'],
  ['женя/женёк', 'евгений/евгения/євген/євгенія/yevgeny/evgeny/eugene/evgenia'],
  ['ваня/ванёк/ванюша', 'иван/іван'],
  ['вова/володя/вовчик', 'владимир/володимир/vladimir/volodymyr'],
  ['коля/колян', 'николай/микола/nikolai/nicholas'],
  ['серёжа/серёга/сергуня', 'сергей/сергій/sergei/serhii'],
  ['миша/мишаня', 'михаил/михайло/mikhail/michael'],
  ['паша/павлик', 'павел/павло/pavel/paul'],
  ['петя', 'пётр/петро/peter'],
  ['толя/толик', 'анатолий/анатолій'],
  ['костя', 'константин/костянтин/konstantin'],
  ['витя', 'виктор/віктор/victor/viktor'],
  ['слава', 'вячеслав/владислав/ярослав/святослав/станислав'],
  ['стас', 'станислав/станіслав'],
  ['влад', 'владислав'],
  ['юра', 'юрий/юрій/yuri/yuriy/yurii'],
  ['гоша/жора', 'георгий/георгій/george'],
  ['лёня', 'леонид/леонід'],
  ['боря', 'борис'],
  ['гриша', 'григорий/григорій'],
  ['федя', 'фёдор/федір/fyodor/fedor'],
  ['тёма', 'артём/артем/artem/artyom'],
  ['максик', 'максим'],
  ['рома', 'роман'],
  ['андрюша', 'андрей/андрій/andrei/andrey/andrii'],
  ['таня', 'татьяна/тетяна/tatiana/tatyana'],
  ['наташа', 'наталья/наталия/наталія/natalia/natalya'],
  ['маша/маруся', 'мария/марія/maria'],
  ['катя', 'екатерина/катерина/ekaterina/kateryna/catherine'],
  ['лена', 'елена/олена/elena/olena/helen'],
  ['оля', 'ольга/olga/olha'],
  ['ира', 'ирина/ірина/irina/iryna'],
  ['света', 'светлана/світлана/svetlana'],
  ['аня', 'анна/ганна/anna/hanna'],
  ['настя', 'анастасия/анастасія/anastasia/anastasiia'],
  ['юля', 'юлия/юлія/yulia/julia'],
  ['надя', 'надежда/надія'],
  ['люба', 'любовь/любов/lyubov'],
  ['галя', 'галина/halyna/galina'],
  ['ксюша', 'ксения/оксана/ксенія/ksenia/oksana'],
  ['даша', 'дарья/дарія/daria/darya'],
  ['соня', 'софия/софья/софія/sofia/sophia'],
  ['лиза', 'елизавета/єлизавета/elizaveta'],
  ['вика', 'виктория/вікторія/victoria/viktoria'],
  ['люда', 'людмила'],
  ['валя', 'валентина/валентин'],
];

let byKey: Map<string, string[]> | undefined;

function keyOf(word: string): string {
  return translitKey(fold(word));
}

function table(): Map<string, string[]> {
  if (byKey !== undefined) return byKey;
  byKey = new Map();
  for (const [short, full] of TABLE) {
    const fullKeys = [...new Set(full.split('/').map(keyOf))];
    for (const name of short.split('/')) {
      const key = keyOf(name);
      byKey.set(key, [...new Set([...(byKey.get(key) ?? []), ...fullKeys])]);
    }
  }
  return byKey;
}

/**
 * Keys of the full names `key` (a query word's phonetic key) is a diminutive of, or null. A word
 * one letter short of a diminutive counts too ("sash", "dim"): it is still being typed.
 */
export function fullNameKeys(key: string): readonly string[] | null {
  if (key.length < 3) return null;
  const names = table();
  const exact = names.get(key);
  if (exact !== undefined) return exact;
  let found: string[] | null = null;
  for (const [short, full] of names) {
    if (short.length === key.length + 1 && short.startsWith(key)) found = found === null ? full : [...new Set([...found, ...full])];
  }
  return found;
}
