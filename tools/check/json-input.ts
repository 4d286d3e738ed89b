// The JSON input files a user gives the check (the policy config, the invoke answers) are parsed
// here, once: a syntax error names its line, and nesting deeper than the Pulumi CLI's Go reader
// accepts is refused naming the line where it goes deeper. Each caller words the error for its
// file.

/** What is wrong with a JSON input: a syntax error, or nesting deeper than `MAX_JSON_DEPTH`. */
export class JsonInputError extends Error {
  constructor(
    readonly kind: "syntax" | "depth",
    /** The line it is on, when known. */
    readonly line: number | undefined,
    /** What `JSON.parse` said, or how deep is too deep. */
    readonly detail: string,
  ) {
    super(detail);
    this.name = "JsonInputError";
  }
}

/** The value of the JSON `text`; throws a `JsonInputError` naming the line when it is not usable. */
export function parseJsonInput(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    throw new JsonInputError("syntax", jsonErrorLine(text, message), message);
  }
  const deep = tooDeep(text);
  if (deep) {
    throw new JsonInputError(
      "depth",
      deep.line,
      `nests arrays and objects more than ${MAX_JSON_DEPTH} deep`,
    );
  }
  return value;
}

/**
 * The line of a `JSON.parse` error in `text`: V8 says "... at position N" (Node 20) or "(line L
 * column C)" (Node 22).
 */
export function jsonErrorLine(text: string, message: string): number | undefined {
  const line = /\(line (\d+) column \d+\)/.exec(message);
  if (line) return Number(line[1]);
  const pos = /at position (\d+)/.exec(message);
  return pos ? text.slice(0, Number(pos[1])).split("\n").length : undefined;
}

/**
 * The nesting limit of Go's `encoding/json`, which the CLI reads the policy config with
 * (golang/go src/encoding/json/scanner.go: `maxNestingDepth = 10000`, "exceeded max depth").
 */
const MAX_JSON_DEPTH = 10000;

/** Where valid JSON `text` first nests deeper than `MAX_JSON_DEPTH` (its line), if it does. */
export function tooDeep(text: string): { line: number } | undefined {
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") line++;
    else if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      if (++depth > MAX_JSON_DEPTH) return { line };
    } else if (c === "]" || c === "}") depth--;
  }
  return undefined;
}
