// Whether an IAM `Resource` glob can name a resource of a given type: the glob and the resource
// type's ARN format (Service Authorization Reference, "Resource types defined by ...") both become
// sequences of literal characters, single characters and runs, and the two are walked together;
// they intersect when some ARN matches both. `resourceAppliesTo` and `isUnscopedResource` in
// ./resource-scope.ts use it.

/**
 * One step of an ARN pattern: a literal character, one character not in `excl`, or any run of
 * characters not in `excl` (`star`). An IAM `Resource` glob and a resource type's ARN format both
 * compile to such sequences, so whether the glob can name a resource of the type is whether the
 * two sequences share a string.
 */
export type GlobElement =
  | {
      readonly kind: "lit";
      readonly c: string;
      /** A glob's colon after a `*` that spans colons: it matches only a colon of the format. */
      readonly boundary?: boolean;
    }
  | {
      readonly kind: "one" | "star";
      readonly excl: string;
      /** Part of a resource-identifying variable of an ARN format (see {@link globCovers}). */
      readonly id?: boolean;
      /** A glob's policy variable: one value per request, so it covers no identifying variable. */
      readonly policyVariable?: boolean;
    };

/** A `${...}` variable: a policy variable in a glob, a placeholder in an ARN format. */
const VARIABLE = /(\$\{[^}]+\})/;

/** Partition, region and account: the ARN format variables that identify no resource. */
const NON_IDENTIFYING = new Set(["${Partition}", "${Region}", "${Account}"]);

/**
 * An ARN format (or glob) split into its literal text and `${...}` variables, in order; the
 * variables sit at odd indexes.
 */
function templateParts(template: string): string[] {
  return template.split(VARIABLE);
}

/**
 * An ARN format of the Service Authorization Reference as a {@link GlobElement} sequence.
 * Partition, region and account are one ARN segment each (not empty, no `:`: an object ARN
 * `arn:aws:s3:::b/k` is no access point's). Any other variable holds at least one character, but
 * not the separator that follows it, in its own format or in a longer format of the service that
 * starts the same way: a bucket name holds no `/` because the object format goes on
 * `${BucketName}/${ObjectName}`, a log group name no `:` because the log-stream format goes on
 * `${LogGroupName}:log-stream:`. In a format whose resource part is split by colons
 * (`function:${FunctionName}:${Alias}`, `log-group:${LogGroupName}:log-stream:${LogStreamName}`)
 * no variable holds a colon (a `*` that spans colons would otherwise find `123456789012:layer:x`
 * in an alias). Otherwise a variable that ends every format it starts may hold anything (an
 * object key, a role's path).
 */
export function formatElements(format: string, siblings: readonly string[]): GlobElement[] {
  const out: GlobElement[] = [];
  const parts = templateParts(format);
  // Colons after the account: the resource part is split by colons, so no name in it holds one.
  const colonSeparated = format.split(":").length > 6;
  let prefix = "";
  for (const [i, p] of parts.entries()) {
    prefix += p;
    if (i % 2 === 0) {
      for (const c of p) out.push({ kind: "lit", c });
      continue;
    }
    if (NON_IDENTIFYING.has(p)) {
      out.push({ kind: "one", excl: ":" }, { kind: "star", excl: ":" });
      continue;
    }
    let excl = parts[i + 1]?.[0] ?? "";
    if (colonSeparated && !excl.includes(":")) excl += ":";
    for (const other of siblings) {
      const next = other.startsWith(prefix) ? other[prefix.length] : undefined;
      if (next && next !== "$" && !excl.includes(next)) excl += next;
    }
    out.push({ kind: "one", excl, id: true }, { kind: "star", excl, id: true });
  }
  return out;
}

/**
 * An IAM `Resource` glob as a {@link GlobElement} sequence: `*` any run of characters, `?` one
 * character, a policy variable (`${aws:username}`) whatever it is replaced by. IAM matches
 * partition, service, region and account segment by segment, and the resource part as a whole (a
 * wildcard there spans `/` and `:`: `log-group:*` covers `log-group:g:log-stream:s`, while
 * `arn:aws:iam::*:mfa/*` names no user). In the first segments a `*` spans colons only when it
 * is the last character of its segment: "If the * wildcard is the last character of a resource ARN
 * segment, it can expand to match beyond the colon boundaries" (IAM User Guide, "IAM JSON policy
 * elements: Resource", Using wildcards in resource ARNs,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html), so
 * the account `*` of `arn:aws:logs:*:*:log-stream:*` covers `123456789012:log-group:g`. Such a
 * `*` spans whole segments: the colon that ends it in the glob stands for a colon between segments
 * of the ARN format, not one inside a name, so `arn:aws:iam::*:mfa/*` still names no user (whose
 * path could hold `:mfa/`) and `arn:aws:ec2:*:*:volume/*` no instance.
 */
export function globElements(glob: string): GlobElement[] {
  const out: GlobElement[] = [];
  let colons = 0;
  const parts = templateParts(glob);
  for (const [i, p] of parts.entries()) {
    if (i % 2 === 1) {
      out.push({ kind: "star", excl: colons < 5 ? ":" : "", policyVariable: true });
      continue;
    }
    for (const [k, c] of [...p].entries()) {
      // The last of its segment: a colon follows, or nothing (not a policy variable).
      const segmentEnd = k === p.length - 1 ? i === parts.length - 1 : p[k + 1] === ":";
      if (c === "*") out.push({ kind: "star", excl: colons < 5 && !segmentEnd ? ":" : "" });
      else if (c === "?") out.push({ kind: "one", excl: colons < 5 ? ":" : "" });
      else if (c === ":" && colons < 5 && spansColons(out[out.length - 1])) {
        out.push({ kind: "lit", c, boundary: true });
      } else out.push({ kind: "lit", c });
      if (c === ":") colons++;
    }
  }
  return out;
}

function spansColons(e: GlobElement | undefined): boolean {
  return e?.kind === "star" && e.excl === "";
}

/**
 * A walk of the product automaton of two sequences from (0, 0): `moves` pushes the next pairs of
 * each pair through `step`; true once both ends are reached together.
 */
function productWalk(
  a: readonly GlobElement[],
  b: readonly GlobElement[],
  moves: (i: number, j: number, step: (i: number, j: number) => void) => void,
): boolean {
  const width = b.length + 1;
  const seen = new Uint8Array((a.length + 1) * width);
  const todo: [number, number][] = [[0, 0]];
  const step = (i: number, j: number): void => {
    if (!seen[i * width + j]) todo.push([i, j]);
  };
  while (todo.length > 0) {
    const [i, j] = todo.pop()!;
    if (seen[i * width + j]) continue;
    seen[i * width + j] = 1;
    if (i === a.length && j === b.length) return true;
    moves(i, j, step);
  }
  return false;
}

/** The moves both walks share: a character both elements can stand for, stars kept. */
function sharedCharacter(
  x: GlobElement,
  y: GlobElement,
  i: number,
  j: number,
  step: (i: number, j: number) => void,
): void {
  if (!sameCharacter(x, y)) return;
  const ni = x.kind === "star" ? i : i + 1;
  const nj = y.kind === "star" ? j : j + 1;
  if (ni !== i || nj !== j) step(ni, nj);
}

/** Whether one string matches both sequences (a walk of the product automaton). */
export function globsIntersect(a: readonly GlobElement[], b: readonly GlobElement[]): boolean {
  return productWalk(a, b, (i, j, step) => {
    const x = a[i];
    const y = b[j];
    if (x?.kind === "star") step(i + 1, j);
    if (y?.kind === "star") step(i, j + 1);
    if (x && y) sharedCharacter(x, y, i, j, step);
  });
}

/** Whether one character can stand for both elements (ARN formats compare case-insensitively here). */
function sameCharacter(x: GlobElement, y: GlobElement): boolean {
  if ((x.kind === "lit" && x.boundary) || (y.kind === "lit" && y.boundary)) {
    return x.kind === "lit" && y.kind === "lit" && x.c === y.c;
  }
  if (x.kind === "lit" && y.kind === "lit") return x.c.toLowerCase() === y.c.toLowerCase();
  if (x.kind === "lit") return !(y as { excl: string }).excl.includes(x.c);
  if (y.kind === "lit") return !x.excl.includes(y.c);
  return true; // two classes that each leave out a few separators share the rest
}

/**
 * Whether the glob names every resource of an ARN format, for some partition, region and account:
 * each resource-identifying variable of the format (a name: at least one character) must be taken
 * by a run of glob wildcards that accepts every character the variable may hold and holds at least
 * one `*` (see {@link coveringRuns}), while the other elements need only share a character with
 * the glob as in {@link globsIntersect}. `*`, `*?`, `?*` and `*??` over a bucket and its objects all
 * cover; `?`, `??` and `*-*` do not. A path of the walk that does so holds for every value of
 * the variables of the lengths it admits. `exact` (for a `NotResource` entry, where covering lets an
 * action through) also refuses a run that misses names shorter than its `?` count.
 */
export function globCovers(
  glob: readonly GlobElement[],
  format: readonly GlobElement[],
  exact = false,
): boolean {
  return productWalk(glob, format, (i, j, step) => {
    const x = glob[i];
    const y = format[j];
    // A policy variable is never empty (a request without its key matches no resource), so it
    // cannot be skipped: `role/${aws:username}*` names one user's roles, not every role.
    if (x?.kind === "star" && !x.policyVariable) step(i + 1, j);
    if (!x || !y) return;
    if (y.kind !== "lit" && y.id) {
      // formatElements writes each identifying variable as a `one` followed by its `star`.
      if (y.kind === "one") coveringRuns(glob, i, y.excl, exact, (end) => step(end, j + 2));
      return;
    }
    if (y.kind === "star") step(i, j + 1);
    sharedCharacter(x, y, i, j, step);
  });
}

/**
 * The runs of glob wildcards from `start` that take a whole name (one or more characters, none in
 * `excl`): `?` and `*` elements that each accept every character the name may hold (no policy
 * variable: it has one value per request), with at least one `*`. `next` gets the glob position
 * after each such run, and also the position of its last `*`, which may go on past the name
 * (`arn:aws:s3:::*` spans a bucket name, `/` and an object key). A run of n `?` and a `*` misses
 * only names shorter than n characters; unless `exact`, it is read as covering the type (names that
 * short are unusual, and an unscoped grant is better flagged), while a run of `?` alone names only
 * names of one length and never covers.
 */
function coveringRuns(
  glob: readonly GlobElement[],
  start: number,
  excl: string,
  exact: boolean,
  next: (end: number) => void,
): void {
  let star = false;
  let ones = 0;
  for (let k = start; k < glob.length; k++) {
    const e = glob[k];
    if (e.kind === "lit" || e.policyVariable || ![...e.excl].every((c) => excl.includes(c))) return;
    if (e.kind === "star") star = true;
    else ones++;
    if (!star || (exact && ones > 1)) continue;
    next(k + 1);
    if (e.kind === "star") next(k);
  }
}
