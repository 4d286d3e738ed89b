// Whether two names of one resource differ only in parts a program computes anew in each run:
// a timestamp (`logs-${Date.now()}`), a hex digest or UUID, a base-36 stamp
// (`Date.now().toString(36)`, `Math.random().toString(36).slice(2)`) or a random id (nanoid,
// whose alphabet holds `_` and `-`; `random.RandomString`).

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

/** What a computed tail is made of: nanoid's alphabet (`A-Za-z0-9_-`), base 36 and hex included. */
const TOKEN = /^[A-Za-z0-9_-]{5,}$/;

/** The longest start `a` and `b` share. */
function sharedStart(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

/**
 * The part of `shared` (the start two names share) that was written, not computed: up to and
 * including its last character that is neither a letter nor a digit (`logs-` of `logs-mil2x5w3`
 * and `logs-mil2x9qa`); empty when there is none (`dataBucket` and `logsBucket` share no written
 * start).
 */
function writtenPrefix(shared: string): string {
  const m = /^.*[^A-Za-z0-9]/.exec(shared);
  return m ? m[0] : "";
}

/** Names split into words: runs of letters and digits, and what separates them. */
const WORD = /[A-Za-z0-9]+/g;

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
 * Word by word: the same separators between the same number of words, and every word that
 * differs reads as generated on both sides (a tail glued to the name, `logsmil2x5w3`).
 */
function wordsAlike(a: string, b: string): boolean {
  const wordsA = a.match(WORD) ?? [];
  const wordsB = b.match(WORD) ?? [];
  if (wordsA.length !== wordsB.length) return false;
  if (a.replace(WORD, "\0") !== b.replace(WORD, "\0")) return false;
  return wordsA.every(
    (w, i) => w === wordsB[i] || (looksGenerated(w) && looksGenerated(wordsB[i])),
  );
}

/**
 * Whether `a` and `b` are a written start (`shared` cut after one of its characters that is
 * neither a letter nor a digit) followed by one computed token each, with any written end they
 * share after it set aside. Every such cut is tried, the latest first: a nanoid may itself start
 * with `_` or `-` (`app-data__zqKi`, cut after `app-data_`).
 */
function tokenTails(a: string, b: string): boolean {
  const shared = sharedStart(a, b);
  const reversed = (s: string) => [...s].reverse().join("");
  for (let at = shared.length; at > 0; at--) {
    if (/[A-Za-z0-9]/.test(shared[at - 1])) continue;
    let ta = a.slice(at);
    let tb = b.slice(at);
    const end = reversed(writtenPrefix(sharedStart(reversed(ta), reversed(tb))));
    // A shared end counts as written only when what is left on each side is still a token.
    if (end && TOKEN.test(ta.slice(0, -end.length)) && TOKEN.test(tb.slice(0, -end.length))) {
      ta = ta.slice(0, -end.length);
      tb = tb.slice(0, -end.length);
    }
    if (TOKEN.test(ta) && TOKEN.test(tb)) return true;
  }
  return false;
}

/**
 * Two names alike once the computed parts are set aside: the same hex-like stem (nameStem); or a
 * written start they share (ending at a separator) followed by a tail each that is one token of
 * five or more characters over `[A-Za-z0-9_-]`, whatever its letters and digits: a nanoid
 * (`V1StGXR8_Z5jdHi6B-myT`, whose alphabet holds `_` and `-`), a base-36 stamp or slice
 * (`Date.now().toString(36)`, `Math.random().toString(36).slice(2)`, letters only or letters
 * then digits), a hex digest or a UUID, with a written end the names share after it
 * (`logs-${id}-bucket`) set aside; or, word by word, generated words glued to the name
 * (wordsAlike). Tails of four characters or fewer (`bucket-k3j9`) are too short to tell from a
 * written word. The caller pairs names only where one resource is missing on each side at one
 * line, so this looser match cannot pair two resources the program wrote apart.
 */
export function namesAlike(a: string, b: string): boolean {
  return a === b || nameStem(a) === nameStem(b) || tokenTails(a, b) || wordsAlike(a, b);
}
