// Latin ⇄ Cyrillic ⇄ Greek matching through one shared "phonetic key" (the scripts part of the search).
//
// Both sides go through the same two steps: Cyrillic and Greek letters are romanised with one
// fixed table, then the resulting Latin text is reduced greedily (longest rule first) to a key
// alphabet where the usual romanisation variants collapse: sh/ш → ш, sch/shch/щ → щ, ts/tz/ц → ц,
// ya/ia/ja/я → я, kh/h/х → х, y/i/j/й/ы/и/і/ї → и, e/э/е/є/ye/yo/ё → е. ю collapses with у
// (yu/iu/ju/u: "lu" is how many type "лю"), and the German spellings of umlauts with the plain
// vowel (ae/oe/ue → a/o/u, so "schroeder" meets "Schröder", whose ö folds to o). Because a
// Cyrillic name and a Latin query meet in the same reduction, "ivan" and "Иван" both become
// "иван", "mariya", "maria" and "Мария" all become "маря", and a Cyrillic query finds a Latin
// name the same way.
//
// г is g in Russian and h in Ukrainian and Belarusian ("Гончар" is "Honchar"), and Greek γ before
// a front vowel is written g or y ("Giannis", "Yannis"). Such a word gets a second key read the
// other way (`altTranslitKey`), listed beside the first: merging g and h into one key letter
// instead would make "gleb" find every "Хлеб…".
//
// Known non-goals: c is read as к (Victor/Виктор, Nicolai/Николай), so Czech/Polish c = ц only
// matches via ts; doubled letters are kept as they are; ў folds to у (u), not w.

const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Ukrainian and Belarusian letters that survive folding.
  і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u',
  // Greek, as modern Greek names are usually written in Latin letters.
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm',
  ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

// Ordered longest first within the greedy scan; single letters cover the whole Latin alphabet so
// that a key never mixes Latin and Cyrillic for the same sound.
const REDUCTION_RULES: ReadonlyArray<readonly [string, string]> = [
  ['shch', 'щ'],
  ['sch', 'щ'],
  ['iya', 'я'],
  ['iia', 'я'],
  ['iyu', 'у'],
  ['iiu', 'у'],
  // "Juergen" is "Jürgen" (ju + e would read it as "Jurgen" with an extra e).
  ['jue', 'у'],
  ['joe', 'е'],
  ['jae', 'я'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ts', 'ц'],
  ['tz', 'ц'],
  ['ck', 'к'],
  ['ph', 'ф'],
  ['ya', 'я'],
  ['ia', 'я'],
  ['ja', 'я'],
  ['yu', 'у'],
  ['iu', 'у'],
  ['ju', 'у'],
  ['ae', 'а'],
  ['oe', 'о'],
  ['ue', 'у'],
  ['yo', 'е'],
  ['jo', 'е'],
  // й before о: "Майоров" folds to "маиоров", typed "mayorov".
  ['io', 'е'],
  ['ye', 'е'],
  ['a', 'а'], ['b', 'б'], ['c', 'к'], ['d', 'д'], ['e', 'е'], ['f', 'ф'], ['g', 'г'],
  ['h', 'х'], ['i', 'и'], ['j', 'и'], ['k', 'к'], ['l', 'л'], ['m', 'м'], ['n', 'н'],
  ['o', 'о'], ['p', 'п'], ['q', 'к'], ['r', 'р'], ['s', 'с'], ['t', 'т'], ['u', 'у'],
  ['v', 'в'], ['w', 'в'], ['x', 'кс'], ['y', 'и'], ['z', 'з'],
];

const LONGEST_RULE = Math.max(...REDUCTION_RULES.map(([input]) => input.length));
/** Rules by their first letter, longest first: the scan tries a handful without slicing. */
const RULES_BY_FIRST = new Map<string, Array<readonly [string, string]>>();
for (const rule of [...REDUCTION_RULES].sort((a, b) => b[0].length - a[0].length)) {
  const first = rule[0].charAt(0);
  const rules = RULES_BY_FIRST.get(first) ?? [];
  rules.push(rule);
  RULES_BY_FIRST.set(first, rules);
}

/** For each proper prefix of a multi-letter rule input ("s", "sh", "sc", …), the inputs it may become. */
const PENDING_COMPLETIONS = new Map<string, string[]>();
for (const [input] of REDUCTION_RULES) {
  for (let length = 1; length < input.length; length++) {
    const prefix = input.slice(0, length);
    const completions = PENDING_COMPLETIONS.get(prefix) ?? [];
    completions.push(input);
    PENDING_COMPLETIONS.set(prefix, completions);
  }
}
const LONGEST_PENDING = LONGEST_RULE - 1;

const ROMANISED = /[\u0370-\u03ff\u0400-\u04ff]/;

/** Greek γ before these sounds like y ("Γιάννης" is "Giannis" or "Yannis"). */
const GREEK_FRONT_VOWELS = 'ιεηυ';
const GREEK_VOWELS = 'αεηιουω';

/** With `alternate`, г reads h (Ukrainian, Belarusian) and γ before a front vowel y. */
function romanize(folded: string, alternate = false): string {
  if (!ROMANISED.test(folded)) return folded;
  let latin = '';
  // Folded text has no surrogate pairs worth romanising; a UTF-16 unit at a time is enough.
  for (let i = 0; i < folded.length; i++) {
    const char = folded.charAt(i);
    if (alternate && char === 'г') latin += 'h';
    else if (alternate && char === 'γ' && GREEK_FRONT_VOWELS.includes(folded.charAt(i + 1) || '-')) {
      latin += 'y';
      // γι before a vowel is one sound: "για" is "ya".
      if (folded.charAt(i + 1) === 'ι' && GREEK_VOWELS.includes(folded.charAt(i + 2) || '-')) i++;
    } 
    else latin += CYRILLIC_TO_LATIN[char] ?? char;
  }
  return latin;
}

/**
 * The rules again by the code unit of their first letter (all are ASCII), longest first, as plain
 * arrays: index builds run mostly before the JIT has warmed up, where a Map lookup and an
 * iterator per letter cost more than the rest of the scan.
 */
const RULE_INPUTS: Array<readonly string[] | undefined> = [];
const RULE_OUTPUTS: Array<readonly string[] | undefined> = [];
for (const [first, rules] of RULES_BY_FIRST) {
  RULE_INPUTS[first.charCodeAt(0)] = rules.map(([input]) => input);
  RULE_OUTPUTS[first.charCodeAt(0)] = rules.map(([, output]) => output);
}

function reduceLatin(latin: string): string {
  let key = '';
  let endsWithI = false;
  for (let i = 0; i < latin.length; ) {
    const code = latin.charCodeAt(i);
    const inputs = code < 128 ? RULE_INPUTS[code] : undefined;
    let output: string | undefined;
    let length = 1;
    if (inputs !== undefined) {
      const outputs = RULE_OUTPUTS[code]!;
      for (let r = 0; r < inputs.length; r++) {
        const input = inputs[r]!;
        if (input.length === 1 || latin.startsWith(input, i)) {
          output = outputs[r]!;
          length = input.length;
          break;
        }
      }
    }
    // Characters without a rule (digits, Greek, CJK, …) are part of the key as they are.
    if (output === undefined) output = latin.charAt(i);
    // y/i/j/й/ы all become и, so "iy", "ii" (Dmitriy, Dmitrii, Dmitry) collapse to one.
    if (output === 'и') {
      if (!endsWithI) key += output;
      endsWithI = true;
    } else {
      key += output;
      endsWithI = false;
    }
    i += length;
  }
  return key;
}

/**
 * The first letter of `translitKey(folded)` ('' for an empty key), from the word's first letters
 * only: the greedy reduction's first rule reads at most `LONGEST_RULE` romanised letters, and
 * romanising a word's start gives the start of its romanisation. What shards the key-space
 * table, where the whole key is only worked out for the words a query reaches.
 */
export function translitKeyHead(folded: string): string {
  if (folded.length > LONGEST_RULE) {
    const latin = romanize(folded.slice(0, LONGEST_RULE));
    // ъ and ь romanise to nothing: too short a start could end before the first rule does.
    return latin.length >= LONGEST_RULE ? firstReduced(latin) : translitKey(folded).charAt(0);
  }
  return firstReduced(romanize(folded));
}

/** The first letter `reduceLatin(latin)` starts with. */
function firstReduced(latin: string): string {
  if (latin.length === 0) return '';
  const code = latin.charCodeAt(0);
  const inputs = code < 128 ? RULE_INPUTS[code] : undefined;
  if (inputs === undefined) return latin.charAt(0);
  for (let r = 0; r < inputs.length; r++) {
    if (inputs[r]!.length === 1 || latin.startsWith(inputs[r]!)) return RULE_OUTPUTS[code]![r]!.charAt(0);
  }
  return latin.charAt(0);
}

/** Phonetic key of an already folded word (see the file comment). */
export function translitKey(folded: string): string {
  return reduceLatin(romanize(folded));
}

/** The key of a word read the other common way: г as h (Ukrainian), γ before a front vowel as y (Greek). */
export function alternateKey(folded: string): string {
  return reduceLatin(romanize(folded, true));
}

/** Whether `alternateKey` may differ from `translitKey` (a cheap test). */
export function hasAlternateReading(folded: string): boolean {
  return folded.includes('г') || folded.includes('γ');
}

/** `alternateKey`, or '' when that is the same key as `translitKey`. */
export function altTranslitKey(folded: string): string {
  if (!hasAlternateReading(folded)) return '';
  const alternate = alternateKey(folded);
  return alternate === translitKey(folded) ? '' : alternate;
}

/**
 * A query word in key space. The word is a prefix being typed, so its last letters may be half of
 * a digraph ("sas" on the way to "sasha" must already match "Саша"): `stem` must match, then one
 * of `alternatives` (null: anything may follow the stem).
 */
export interface TranslitQueryWord {
  readonly stem: string;
  readonly alternatives: readonly string[] | null;
}

export function translitQueryWord(folded: string): TranslitQueryWord {
  const latin = romanize(folded);
  const whole = reduceLatin(latin);
  let pending = '';
  for (let length = Math.min(LONGEST_PENDING, latin.length); length > 0; length--) {
    const tail = latin.slice(latin.length - length);
    if (PENDING_COMPLETIONS.has(tail)) {
      pending = tail;
      break;
    }
  }
  if (pending === '') return { stem: whole, alternatives: null };

  const head = latin.slice(0, latin.length - pending.length);
  const options = new Set([whole]);
  for (const completion of PENDING_COMPLETIONS.get(pending) ?? []) options.add(reduceLatin(head + completion));
  let stem = whole;
  for (const option of options) {
    let common = 0;
    while (common < stem.length && common < option.length && stem[common] === option[common]) common++;
    stem = stem.slice(0, common);
  }
  const alternatives = [...options].map((option) => option.slice(stem.length));
  if (alternatives.includes('')) return { stem, alternatives: null };
  // Longest first, so a highlight covers as much of the candidate as the query accounts for.
  alternatives.sort((a, b) => b.length - a.length);
  return { stem, alternatives };
}
