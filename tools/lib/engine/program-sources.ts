// The program's own source files, as the hints search them: JavaScript and TypeScript files (not
// declaration files) in the program's folder and up to three folders below it, leaving out
// node_modules and hidden folders. Hints read them to point at a line the failure's own stack
// cannot show (an AWS SDK import, an Automation API call).
import * as fs from "fs";
import * as path from "path";

const SOURCE = /\.(ts|js|mjs|cjs|mts|cts)$/;
const MAX_DEPTH = 3;
/** Files larger than this are generated or bundled, not what a hint should point at. */
const MAX_BYTES = 512 * 1024;

/** A line of a program's source that a pattern matched: file, 1-based line and the line's text. */
export interface SourceLine {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/**
 * Walks `dir` and the folders below it, at most `maxDepth` levels down, sorted by name, leaving
 * out node_modules and hidden folders: `visit` gets each folder's entries and returns false to
 * stop the walk.
 */
function walkFolders(
  dir: string,
  maxDepth: number,
  visit: (folder: string, entries: readonly fs.Dirent[]) => boolean,
): void {
  let going = true;
  const walk = (d: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    going = visit(d, entries);
    for (const e of entries) {
      if (!going) return;
      if (
        e.isDirectory() &&
        depth < maxDepth &&
        !e.name.startsWith(".") &&
        e.name !== "node_modules"
      )
        walk(path.join(d, e.name), depth + 1);
    }
  };
  walk(dir, 0);
}

/**
 * Each source file under `dir` (sorted, folder by folder), at most `limit` of them, at most
 * `maxDepth` folders down.
 */
export function programSourceFiles(dir: string, limit = 500, maxDepth = MAX_DEPTH): string[] {
  const out: string[] = [];
  walkFolders(dir, maxDepth, (d, entries) => {
    for (const e of entries) {
      if (out.length >= limit) return false;
      if (e.isFile() && SOURCE.test(e.name) && !/\.d\.[mc]?ts$/.test(e.name))
        out.push(path.join(d, e.name));
    }
    return out.length < limit;
  });
  return out;
}

/** Folders at or below `dir` (three levels, no node_modules) holding a Pulumi.yaml, at most 5. */
export function projectsBelow(dir: string): string[] {
  const out: string[] = [];
  walkFolders(dir, MAX_DEPTH, (d, entries) => {
    if (entries.some((e) => e.isFile() && /^Pulumi\.ya?ml$/.test(e.name))) out.push(d);
    return out.length < 5;
  });
  return out;
}

/** The text of a program's file a failure points at, or undefined when it cannot be read. */
export function readSource(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** The lines of a source file, or none when it cannot be read or is too large to be one. */
export function sourceLines(file: string): string[] {
  try {
    if (fs.statSync(file).size > MAX_BYTES) return [];
    return fs.readFileSync(file, "utf8").split("\n");
  } catch {
    return [];
  }
}

/** The first line of each source file under `dir` that `pattern` matches, at most `limit`. */
export function firstMatchingLines(dir: string, pattern: RegExp, limit: number): SourceLine[] {
  const out: SourceLine[] = [];
  for (const file of programSourceFiles(dir)) {
    if (out.length >= limit) break;
    const lines = sourceLines(file);
    const i = lines.findIndex((l) => pattern.test(l));
    if (i >= 0) out.push({ file, line: i + 1, text: lines[i] });
  }
  return out;
}

/**
 * JavaScript or TypeScript source with its comments blanked (and, with `strings`, the contents of
 * its string and template literals), every other character and every line break kept in place,
 * so a pattern matched on the result is at the same line and column as in the source. A regular
 * expression literal is read as code, and skipped whole: `/\/*$/` or `/[/*]/` starts no comment.
 */
export function codeOnly(text: string, strings = false): string {
  const out = text.split("");
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== "\n") out[k] = " ";
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "/" && next === "/") {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end < 0 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === "/" && regexMayStart(text, i)) {
      i = regexEnd(text, i);
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < text.length && text[j] !== c && (c === "`" || text[j] !== "\n")) {
        j += text[j] === "\\" ? 2 : 1;
      }
      if (strings) blank(i + 1, j);
      i = j + 1;
    } else {
      i++;
    }
  }
  return out.join("");
}

/** Punctuation after which a `/` starts a regular expression literal, not a division. */
const BEFORE_REGEX = new Set("(,=:[!&|?{};");
/** Keywords after which a `/` starts a regular expression literal (`return /x/.test(s)`). */
const KEYWORD_BEFORE_REGEX = /(?:^|[^\w$.])(?:return|throw|case|typeof|void|delete|yield|await)$/;

/**
 * Whether the `/` at `i` (not `//` or `/*`) starts a regular expression literal: at the start of
 * the text, or after an operator or keyword where an expression begins. A heuristic without a
 * parser (the check does not load TypeScript for this): after an identifier, a number or `)` it
 * is a division.
 */
function regexMayStart(text: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && /\s/.test(text[k])) k--;
  if (k < 0) return true;
  if (BEFORE_REGEX.has(text[k])) return true;
  return KEYWORD_BEFORE_REGEX.test(text.slice(Math.max(0, k - 10), k + 1));
}

/**
 * The index after a regular expression literal starting at `i`: past its closing unescaped `/`
 * (a `/` inside a class `[...]` does not close it). A literal cannot span lines: with no closing
 * `/` on the line, the `/` was a division after all, and reading goes on after it.
 */
function regexEnd(text: string, i: number): number {
  let inClass = false;
  for (let j = i + 1; j < text.length && text[j] !== "\n"; j++) {
    const ch = text[j];
    if (ch === "\\") j++;
    else if (ch === "[") inClass = true;
    else if (ch === "]") inClass = false;
    else if (ch === "/" && !inClass) return j + 1;
  }
  return i + 1;
}
