// A run that logs several errors is reported at the first; `pulumi preview` prints them all. The
// others may be unrelated mistakes (a duplicate resource name next to an invoke nothing answers):
// told only "and 2 more errors", a user fixes the first, runs again and meets the next, while the
// stack frames the report shows may be theirs. So the failure names each other error by its first
// line and, when known, the program's line it came from.

/** One other error, as the caller reads it: its message and where in the program it arose. */
export interface OtherError {
  readonly message: string;
  /** `file:line`, relative to the program. */
  readonly at?: string;
}

/** How many other errors are named at most; the rest are counted. */
const NAMED = 3;

/** The longest first line named; a longer one is cut. */
const LINE = 240;

/**
 * At most LINE characters of a line, cut after a whole word and marked " …": a cut inside a word
 * can read as another word (the engine's advice "--invoke-answers" cut to "--invoke-answer", a
 * flag that does not exist). A line without a space in its second half is cut where it reaches
 * LINE.
 */
function clip(line: string): string {
  if (line.length <= LINE) return line;
  const cut = line.slice(0, LINE);
  const space = cut.lastIndexOf(" ");
  return `${(space > LINE / 2 ? cut.slice(0, space) : cut).trimEnd()} …`;
}

/**
 * The suffix of a failure's message for the errors after the reported one: " (and N more
 * error(s): <first line> (at <file:line>); ...)", each distinct error once and none that repeats
 * the reported message's first line; "" when there are none.
 */
export function moreErrors(others: readonly OtherError[], reported: string): string {
  if (others.length === 0) return "";
  const head = (text: string) => clip(withoutWrapping(text.split("\n")[0].trim()));
  const named: string[] = [];
  for (const e of others) {
    const line = head(e.message);
    const text = e.at ? `${line} (at ${e.at})` : line;
    if (line && line !== head(reported) && !named.includes(text)) named.push(text);
  }
  const listed = named.length
    ? `: ${named.slice(0, NAMED).join("; ")}${named.length > NAMED ? "; ..." : ""}`
    : "";
  return ` (and ${others.length} more error(s)${listed})`;
}

/**
 * An error's message without what the SDK and gRPC put around a failed registration's cause: one
 * `error serializing property "<name>": ` per input that awaited the failed resource, and gRPC's
 * status (`2 UNKNOWN: `).
 */
export function withoutWrapping(message: string): string {
  return message
    .replace(/^(?:error serializing property "[^"]*": )+/, "")
    .replace(/\b\d+ UNKNOWN: /g, "");
}
