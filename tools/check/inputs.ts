// Reading the check's input files so that reading them cannot hurt: a file over `MAX_INPUT_BYTES`
// is refused before it is read, YAML aliases are bounded (a "billion laughs" document of a few
// kilobytes would otherwise expand to gigabytes), integers keep their exact value or are refused,
// and every error is one line naming the file, the line and the key.
import * as fs from "fs";
import * as path from "path";
import { isMap, isPair, isScalar, LineCounter, parseDocument, visit } from "yaml";
import type { Document } from "yaml";
import { UsageError } from "../lib/cli";

/** Largest Pulumi.yaml, stack file or policy config the check reads (1 MiB). */
export const MAX_INPUT_BYTES = 1024 * 1024;

/**
 * Alias expansion allowed in a YAML input, in the `yaml` package's measure (`maxAliasCount`, its
 * default: each use of an anchor counts the aliases inside it). The CLI's parser refuses such
 * documents too (go-yaml v3 `allowedAliasRatio`: "document contains excessive aliasing").
 */
export const MAX_YAML_ALIAS_COUNT = 100;

/** A path for messages: relative to the working directory when inside it. */
export function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  if (rel === "") return ".";
  return !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/**
 * Why a path cannot be used, for messages: "does not exist", "is a loop of symbolic links", …;
 * and, for a name Node.js received with bytes that are not UTF-8 (it reads each as U+FFFD, so no
 * such file can be opened), that the name must change.
 */
export function unusablePath(file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  const why =
    code === "ENOENT"
      ? "does not exist"
      : code === "ELOOP"
        ? "is a loop of symbolic links"
        : code === "ENOTDIR"
          ? "is inside something that is not a directory"
          : code === "EACCES" || code === "EPERM"
            ? "cannot be read (permission denied)"
            : code === "ENAMETOOLONG"
              ? "is too long a name"
              : `cannot be read (${(e as Error)?.message ?? e})`;
  const notUtf8 = file.includes("\uFFFD")
    ? "; its name holds bytes that are not UTF-8, which Node.js cannot pass on: rename it"
    : "";
  return `${why}${notUtf8}`;
}

/**
 * Reads a text input: refuses what is not a regular file or is larger than `MAX_INPUT_BYTES`
 * (checked before reading), and drops a UTF-8 byte order mark unless asked to keep it.
 */
export function readInputFile(file: string, what: string, keepBom = false): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new UsageError(`${what} ${shownPath(file)} ${unusablePath(file, e)}`);
  }
  if (!stat.isFile()) {
    throw new UsageError(`${what} ${shownPath(file)} is not a regular file`);
  }
  if (stat.size > MAX_INPUT_BYTES) {
    throw new UsageError(
      `${what} ${shownPath(file)} is ${stat.size} bytes; the check reads at most ${MAX_INPUT_BYTES} (1 MiB)`,
    );
  }
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${shownPath(file)}: ${(e as Error).message}`);
  }
  return !keepBom && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A parsed YAML input: its value, and where its nodes are. */
export interface YamlInput {
  readonly file: string;
  readonly value: any;
  readonly doc: Document;
  readonly lines: LineCounter;
}

/** `file:line:` for messages. */
export function at(input: { readonly file: string }, line?: number): string {
  return line ? `${shownPath(input.file)}:${line}:` : `${shownPath(input.file)}:`;
}

/**
 * The position an input error begins with, as `at` writes it (`file:line:` or `file:`), so the
 * JSON error object can name the file and line of a bad Pulumi.yaml, stack file or policy config.
 */
export function leadingPosition(message: string): { file?: string; line?: number } {
  const m = /^(\S[^\n]*?\.(?:ya?ml|json)):(?:(\d+):)?(?:\s|$)/.exec(message);
  return m ? { file: m[1], line: m[2] ? Number(m[2]) : undefined } : {};
}

export function lineAt(lines: LineCounter, offset: number | undefined): number | undefined {
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

/**
 * Parses a YAML input (YAML 1.2 core schema, as the CLI's go-yaml v3 reads it), refusing
 * excessive alias expansion and integers a program could not read exactly.
 */
export function readYaml(file: string, what: string): YamlInput {
  const text = readInputFile(file, what);
  const lines = new LineCounter();
  // `merge`: `<<` merge keys, which go-yaml v3 supports too. Dates stay strings, as go-yaml v3
  // decodes them into an untyped value.
  const doc = parseDocument(text, {
    lineCounter: lines,
    intAsBigInt: true,
    merge: true,
    prettyErrors: false,
  });
  const error = doc.errors[0];
  if (error) {
    const line = lineAt(lines, error.pos?.[0]);
    throw new UsageError(
      `${at({ file }, line)} not valid YAML: ${error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`,
    );
  }
  // Integers beyond 2^53 lose digits as JavaScript numbers ("1e+23"): refuse them, with the key.
  visit(doc, {
    Scalar(_key, node, ancestors) {
      if (typeof node.value !== "bigint") return;
      const n = node.value;
      if (n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)) return;
      const parent = ancestors[ancestors.length - 1];
      const key =
        isPair(parent) && isScalar(parent.key) && parent.value === node
          ? `'${String(parent.key.value)}': `
          : "";
      throw new UsageError(
        `${at({ file }, lineAt(lines, node.range?.[0]))} ${key}${n} is too large for an integer ` +
          `(a program reads config numbers as JavaScript numbers, exact only up to ±${Number.MAX_SAFE_INTEGER}); ` +
          "quote it to pass it as a string",
      );
    },
  });
  let value: any;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      throw new UsageError(
        `${at({ file })} its YAML aliases expand too far (more than ${MAX_YAML_ALIAS_COUNT} aliased nodes, ` +
          'the pattern of a "billion laughs" document); the Pulumi CLI refuses it too ' +
          '("document contains excessive aliasing")',
      );
    }
    throw new UsageError(`${at({ file })} not valid YAML: ${(e as Error).message}`);
  }
  return { file, value: safeNumbers(value, new WeakSet()) ?? {}, doc, lines };
}

/** BigInt integers (already range-checked) as numbers; shared (aliased) objects once. */
export function safeNumbers(v: any, seen: WeakSet<object>): any {
  if (typeof v === "bigint") return Number(v);
  if (v && typeof v === "object") {
    if (seen.has(v)) return v;
    seen.add(v);
    for (const k of Object.keys(v)) v[k] = safeNumbers(v[k], seen);
  }
  return v;
}

/** Line of the key at `keys` (a path of mapping keys) in a YAML input, if it is there. */
export function keyLine(input: YamlInput, keys: readonly string[]): number | undefined {
  let node: unknown = input.doc.contents;
  let line: number | undefined;
  for (const k of keys) {
    if (!isMap(node)) return line;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === k);
    if (!pair) return line;
    line = lineAt(input.lines, (pair.key as { range?: [number, number, number] }).range?.[0]);
    node = pair.value;
  }
  return line;
}

/** What a YAML value is, for messages: "a number", "a list" … */
export function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return `a ${typeof v} (${JSON.stringify(v)})`;
}

export function isPlainObject(v: unknown): v is Record<string, any> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}
