// Whether an IAM `Resource` glob can name a resource of a given type: the glob and the resource
// type's ARN format (Service Authorization Reference, "Resource types defined by ...") both become
// sequences of literal characters, single characters and runs, and the two are walked together;
// they intersect when some ARN matches both. `resourceAppliesTo` in ./actions.ts uses it.

/**
 * One step of an ARN pattern: a literal character, one character not in `excl`, or any run of
 * characters not in `excl` (`star`). An IAM `Resource` glob and a resource type's ARN format both
 * compile to such sequences, so whether the glob can name a resource of the type is whether the
 * two sequences share a string.
 */
export type GlobElement =
  | { readonly kind: "lit"; readonly c: string }
  | { readonly kind: "one" | "star"; readonly excl: string };

const VARIABLE = /(\$\{[^}]+\})/;

/**
 * An ARN format of the Service Authorization Reference as a {@link GlobElement} sequence.
 * Partition, region and account are one ARN segment each (not empty, no `:`: an object ARN
 * `arn:aws:s3:::b/k` is no access point's). Any other variable holds at least one character, but
 * not the separator that follows it, in its own format or in a longer format of the service that
 * starts the same way: a bucket name holds no `/` because the object format goes on
 * `${BucketName}/${ObjectName}`, a log group name no `:` because the log-stream format goes on
 * `${LogGroupName}:log-stream:`. A variable that ends every format it starts may hold anything (an
 * object key, a role's path).
 */
export function formatElements(format: string, siblings: readonly string[]): GlobElement[] {
  const out: GlobElement[] = [];
  const parts = format.split(VARIABLE);
  let prefix = "";
  for (const [i, p] of parts.entries()) {
    prefix += p;
    if (!VARIABLE.test(p)) {
      for (const c of p) out.push({ kind: "lit", c });
      continue;
    }
    if (p === "${Partition}" || p === "${Region}" || p === "${Account}") {
      out.push({ kind: "one", excl: ":" }, { kind: "star", excl: ":" });
      continue;
    }
    let excl = parts[i + 1]?.[0] ?? "";
    for (const other of siblings) {
      const next = other.startsWith(prefix) ? other[prefix.length] : undefined;
      if (next && next !== "$" && !excl.includes(next)) excl += next;
    }
    out.push({ kind: "one", excl }, { kind: "star", excl });
  }
  return out;
}

/**
 * An IAM `Resource` glob as a {@link GlobElement} sequence: `*` any run of characters, `?` one
 * character, a policy variable (`${aws:username}`) whatever it is replaced by. IAM matches
 * partition, service, region and account segment by segment, and the resource part as a whole:
 * a wildcard there spans `/` and `:` (`log-group:*` covers `log-group:g:log-stream:s`, while
 * `arn:aws:iam::*:mfa/*` names no user).
 */
export function globElements(glob: string): GlobElement[] {
  const out: GlobElement[] = [];
  let colons = 0;
  for (const p of glob.split(VARIABLE)) {
    const excl = colons < 5 ? ":" : "";
    if (VARIABLE.test(p)) {
      out.push({ kind: "star", excl });
      continue;
    }
    for (const c of p) {
      const inSegment = colons < 5 ? ":" : "";
      if (c === "*") out.push({ kind: "star", excl: inSegment });
      else if (c === "?") out.push({ kind: "one", excl: inSegment });
      else out.push({ kind: "lit", c });
      if (c === ":") colons++;
    }
  }
  return out;
}

/** Whether one string matches both sequences (a walk of the product automaton). */
export function globsIntersect(a: readonly GlobElement[], b: readonly GlobElement[]): boolean {
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
    const x = a[i];
    const y = b[j];
    if (x?.kind === "star") step(i + 1, j);
    if (y?.kind === "star") step(i, j + 1);
    if (!x || !y || !sameCharacter(x, y)) continue;
    const ni = x.kind === "star" ? i : i + 1;
    const nj = y.kind === "star" ? j : j + 1;
    if (ni !== i || nj !== j) step(ni, nj);
  }
  return false;
}

/** Whether one character can stand for both elements (ARN formats compare case-insensitively here). */
function sameCharacter(x: GlobElement, y: GlobElement): boolean {
  if (x.kind === "lit" && y.kind === "lit") return x.c.toLowerCase() === y.c.toLowerCase();
  if (x.kind === "lit") return !(y as { excl: string }).excl.includes(x.c);
  if (y.kind === "lit") return !x.excl.includes(y.c);
  return true; // two classes that each leave out a few separators share the rest
}
