// Kubernetes minor versions ("1.33") compared against a configured list, so a list that has not
// caught up with a new release does not report that release.

/** [major, minor] of "1.33" (or "1.33.2"); undefined when the text is not a version. */
function parse(version: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function compare(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/**
 * Where `version` stands against `listed`: listed, or newer than every listed version (a release
 * the list predates), "listed-or-newer"; older than the oldest listed, "older"; between listed
 * versions but not itself listed, or not a version at all, "unlisted".
 */
export function versionVerdict(
  version: string,
  listed: readonly string[],
): "listed-or-newer" | "older" | "unlisted" {
  const v = parse(version);
  const known = listed.map(parse).filter((x): x is [number, number] => x !== undefined);
  if (!v) return "unlisted";
  if (known.some((k) => compare(k, v) === 0)) return "listed-or-newer";
  if (known.length === 0) return "unlisted";
  if (known.every((k) => compare(v, k) > 0)) return "listed-or-newer";
  if (known.every((k) => compare(v, k) < 0)) return "older";
  return "unlisted";
}
