// Pieces every part of the text report shares: options, colour (only on a terminal, as Node decides
// it), plurals, indentation and where a resource was constructed.
import type { RecordedResource } from "../lib/recorder";
import {
  AT_COMPONENT,
  displayPath,
  escapeLine,
  Gate,
  resourceLocation,
  SeverityName,
} from "./report";

export interface TextOptions {
  /** ANSI colour (see `colorWanted`). */
  readonly color?: boolean;
  /** Only the findings and the results (`--quiet`). */
  readonly quiet?: boolean;
  /** Hide findings below this severity (`--min-severity`); they still count and still fail. */
  readonly minSeverity?: SeverityName;
  /** What fails a stack besides a mandatory violation (`--fail-on-*`). */
  readonly gate?: Gate;
}

/**
 * Whether to colour a report written to `stream`, as Node.js itself decides: FORCE_COLOR set to
 * 1, 2, 3, true or the empty string forces colour and any other value turns it off (Node.js CLI
 * docs, "FORCE_COLOR=[1, 2, 3]"); otherwise NO_COLOR set to a non-empty value (no-color.org),
 * NODE_DISABLE_COLORS or TERM=dumb turn it off; otherwise colour only on a terminal.
 */
export function colorWanted(
  stream: { readonly isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ["", "1", "2", "3", "true"].includes(force);
  if (env.NO_COLOR) return false;
  if (env.NODE_DISABLE_COLORS) return false;
  if (env.TERM === "dumb") return false;
  return !!stream.isTTY;
}

type Paint = (s: string) => string;
export interface Style {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly red: Paint;
  readonly green: Paint;
  readonly yellow: Paint;
  readonly cyan: Paint;
}

export function styleOf(color: boolean): Style {
  const sgr =
    (on: number, off: number): Paint =>
    (s) =>
      color ? `\x1b[${on}m${s}\x1b[${off}m` : s;
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((l) => (l ? prefix + l : l))
    .join("\n");
}

export function where(r: RecordedResource | undefined): string {
  const loc = resourceLocation(r);
  if (!loc) return "";
  const label = loc.component ? `, ${AT_COMPONENT}` : "";
  return `  (${escapeLine(displayPath(loc.file))}:${loc.line}${label})`;
}

/** `type name`, escaped. */
export function resourceLabel(x: { readonly type: string; readonly name: string }): string {
  return `${escapeLine(x.type)} ${escapeLine(x.name)}`;
}
