// Types of ./edit-distance.js (plain JavaScript: the program's preload requires it).

/** Edit distance (Damerau–Levenshtein: adjacent swaps count one, so `--veiw` is one from `--view`). */
export function editDistance(a: string, b: string): number;

/**
 * The candidate nearest to `word` (the first of equals) that is at most `limit(candidate)` edits
 * away, both compared through `normalize`; undefined when none is.
 */
export function nearest(
  word: string,
  candidates: Iterable<string>,
  limit: (candidate: string) => number,
  normalize?: (s: string) => string,
): string | undefined;
