// Policy pack configuration as `pulumi preview --policy-pack-config <file>` reads it. The file is
// read like the check's other inputs (`readInputFile`: a regular file of at most 1 MiB) and parsed
// here, so a malformed one is a usage error before anything runs. A UTF-8 byte order mark, which
// editors on Windows write, is refused as the CLI refuses it: it reads the file with Go's
// `json.Unmarshal` (pulumi/pulumi pkg/resource/analyzer/config.go, LoadPolicyPackConfigFromFile),
// which stops on the mark ("invalid character 'ï' looking for beginning of value"); a config the
// check took would stop `pulumi preview`. Reconciling it with the pack's own config schemas
// (defaults, "all", per-policy entries) and validating it, with the CLI's messages, happens once
// the pack has started and described its policies (tools/lib/engine/policy-config.ts, through
// tools/lib/engine/analyzer.ts).
import {
  parsePolicyPackConfig,
  PolicyConfigError,
  PolicyPackConfig,
} from "../lib/engine/policy-config";
import { readInputFile, shownPath, UsageError } from "./project";

/** Reads and parses a policy config file; a missing or malformed file is a usage error. */
export function readPolicyConfigFile(file: string): PolicyPackConfig | undefined {
  const text = readInputFile(file, "policy config", true);
  if (text.startsWith("\uFEFF")) {
    throw new UsageError(
      `policy config ${shownPath(file)} starts with a UTF-8 byte order mark, which ` +
        "`pulumi preview --policy-pack-config` refuses (\"invalid character 'ï' looking for beginning " +
        'of value"): save it as UTF-8 without a byte order mark',
    );
  }
  if (text.trim() !== "") {
    try {
      JSON.parse(text);
    } catch (e) {
      const message = (e as Error).message;
      const line = jsonErrorLine(text, message);
      throw new UsageError(
        `policy config ${shownPath(file)}${line ? `:${line}` : ""} is not valid JSON: ${message}`,
      );
    }
    const deep = tooDeep(text);
    if (deep) {
      throw new UsageError(
        `policy config ${shownPath(file)}:${deep.line} nests arrays and objects more than ` +
          `${MAX_JSON_DEPTH} deep, which \`pulumi preview --policy-pack-config\` refuses ` +
          '("exceeded max depth"): a policy config is an object of policies, a few levels deep',
      );
    }
  }
  try {
    return parsePolicyPackConfig(text);
  } catch (e) {
    if (e instanceof RangeError) {
      // Nesting within Go's limit can still exhaust this process's stack: refused, not a crash.
      throw new UsageError(
        `policy config ${shownPath(file)} nests arrays and objects too deep to read: ` +
          "a policy config is an object of policies, a few levels deep",
      );
    }
    if (!(e instanceof PolicyConfigError)) throw e;
    throw new UsageError(`policy config ${shownPath(file)}: ${e.message}`);
  }
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
export const MAX_JSON_DEPTH = 10000;

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
