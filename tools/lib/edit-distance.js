// The one edit distance the tools' "did you mean" hints use (flags, config keys, stacks, regions,
// resource types, and the program's preload naming the input nearest to a dropped argument:
// ./engine/dropped-inputs.js, plain JavaScript, which is why this is a .js module typed by
// ./edit-distance.d.ts).
"use strict";

/** Edit distance (Damerau–Levenshtein: adjacent swaps count one, so `--veiw` is one from `--view`). */
function editDistance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate nearest to `word` (the first of equals) that is at most `limit(candidate)` edits
 * away, both compared through `normalize`; undefined when none is.
 */
function nearest(word, candidates, limit, normalize = (s) => s) {
  const w = normalize(word);
  let best;
  for (const c of candidates) {
    const d = editDistance(w, normalize(c));
    if (d <= limit(c) && (!best || d < best.d)) best = { c, d };
  }
  return best && best.c;
}

module.exports = { editDistance, nearest };
