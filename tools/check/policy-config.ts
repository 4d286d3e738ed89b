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
import { JsonInputError, parseJsonInput } from "./json-input";
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
      parseJsonInput(text);
    } catch (e) {
      if (!(e instanceof JsonInputError)) throw e;
      throw new UsageError(
        e.kind === "syntax"
          ? `policy config ${shownPath(file)}${e.line ? `:${e.line}` : ""} is not valid JSON: ${e.detail}`
          : `policy config ${shownPath(file)}:${e.line} ${e.detail}, which ` +
              '`pulumi preview --policy-pack-config` refuses ("exceeded max depth"): a policy ' +
              "config is an object of policies, a few levels deep",
      );
    }
  }
  try {
    // Nothing here recurses over the value (V8's JSON.parse is iterative, and so is the rendering
    // of a value in a message), so nesting within Go's limit reads the same on any stack size.
    return parsePolicyPackConfig(text);
  } catch (e) {
    if (!(e instanceof PolicyConfigError)) throw e;
    throw new UsageError(`policy config ${shownPath(file)}: ${e.message}`);
  }
}
