// Whether two names of one resource differ only in parts a program computes anew in each run:
// a timestamp (`logs-${Date.now()}`), a hex digest or UUID, a base-36 stamp
// (`Date.now().toString(36)`, `Math.random().toString(36).slice(2)`) or a mixed-case random id
// (nanoid, `random.RandomString` with upper case), also one whose alphabet holds the separators
// `_` and `-` (nanoid's default alphabet is `A-Za-z0-9_-`, 21 characters:
// https://github.com/ai/nanoid#readme).

/** Names split into words: runs of letters and digits, and what separates them. */
const WORD = /[A-Za-z0-9]+/g;

/**
 * A resource name without its hex-like computed parts: runs of hex digits that hold a digit
 * (`logs-1733561234567`, `data-3f9a1c`) and whole hex words of eight or more
 * (`cache-deadbeefcafe`), so `logs-1733561234567` and `logs-1733561239999` read alike while
 * `copy-12` and `logs-99` do not.
 */
export function nameStem(name: string): string {
  return name
    .replace(/(?<![0-9a-z])[0-9a-f]{8,}(?![0-9a-z])/gi, "#")
    .replace(/[0-9a-f]*[0-9][0-9a-f]*/gi, "#");
}

/**
 * A word that reads as generated rather than written: five or more characters mixing at least
 * two of digits, lower case and upper case, and not shaped as people write words: a word with a
 * number after it (`bucket12`, `Table2`) or camel case (`dataBucket`, `LogsQueue`).
 * `mil2x5w3`, `4fzyyz8k1q`, `aB3dE9xQ` read as generated; `k3j9` is too short to tell.
 */
export function looksGenerated(word: string): boolean {
  if (word.length < 5) return false;
  const classes = [/[0-9]/, /[a-z]/, /[A-Z]/].filter((c) => c.test(word)).length;
  if (classes < 2) return false;
  return !/^[A-Za-z]+[0-9]+$/.test(word) && !/^[A-Z]?[a-z]+(?:[A-Z][a-z]+)*$/.test(word);
}

/**
 * Two names alike once the computed parts are set aside: the same separators between the same
 * number of words, and every word that differs either has the same stem (nameStem) or reads as
 * generated on both sides (looksGenerated).
 */
export function namesAlike(a: string, b: string): boolean {
  if (a === b) return true;
  if (urlSafeIdsAlike(a, b)) return true;
  const wordsA = a.match(WORD) ?? [];
  const wordsB = b.match(WORD) ?? [];
  if (wordsA.length !== wordsB.length) return false;
  if (a.replace(WORD, "\0") !== b.replace(WORD, "\0")) return false;
  return wordsA.every((w, i) => {
    const v = wordsB[i];
    return w === v || nameStem(w) === nameStem(v) || (looksGenerated(w) && looksGenerated(v));
  });
}

/** The characters of nanoid's default (URL-safe) alphabet. */
const URL_SAFE = /^[A-Za-z0-9_-]+$/;
/**
 * What a URL-safe random id of 10 or more characters holds: upper case, lower case and a digit
 * (a 21-character nanoid lacks a digit with odds of about (54/64)^21, 3 %, and then is not paired).
 * Written words joined by `_` or `-` (`orders_v2_blue`) lack upper case: set aside the separators
 * and they would read as one generated word.
 */
const MIXED = [/[A-Z]/, /[a-z]/, /[0-9]/];

/**
 * Two names of one length that differ in one span, the same written text around it, where that
 * span reads as a URL-safe random id on both sides: at least 10 characters of `A-Za-z0-9_-` that,
 * with the separators set aside, hold upper case, lower case and a digit and read as generated
 * (looksGenerated). A generator of this kind gives
 * ids of one length, so the span is the id less any characters both ids share at its ends by
 * chance. The text both names share must hold a written word and its separator (`logs-` before
 * the id, or `-logs` after it): a word that differs (`logs-<id>`, `data-<id>`) is no id's part, and
 * a name that is an id alone is not paired. `logs-V1StGXR8_Z5jdHi6B-myT` and
 * `logs-Uakgb_J5m9g-0JDMbcJqL` are alike; `logs-archive_2024-01` and `logs-current_2025-02` are
 * not (their differing spans are words and dates).
 */
function urlSafeIdsAlike(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let start = 0;
  while (a[start] === b[start]) start++;
  let end = a.length;
  while (end > start && a[end - 1] === b[end - 1]) end--;
  const written =
    /^[A-Za-z0-9]+[._/-]/.test(a.slice(0, start)) || /[._/-][A-Za-z0-9]+$/.test(a.slice(end));
  return (
    written &&
    [a, b].every((name) => {
      const span = name.slice(start, end);
      const bare = span.replace(/[_-]/g, "");
      return (
        span.length >= 10 &&
        URL_SAFE.test(span) &&
        MIXED.every((kind) => kind.test(bare)) &&
        looksGenerated(bare)
      );
    })
  );
}
