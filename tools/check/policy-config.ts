// Policy pack configuration as `pulumi preview --policy-pack-config <file>` reads it. The file is
// read and parsed here, so a malformed one is a usage error before anything runs. Reconciling it
// with the pack's own config schemas (defaults, "all", per-policy entries) and validating it, with
// the CLI's messages, happens once the pack has started and described its policies
// (tools/lib/engine/policy-config.ts, through tools/lib/engine/analyzer.ts).
import * as fs from "fs";
import {
  parsePolicyPackConfig,
  PolicyConfigError,
  PolicyPackConfig,
} from "../lib/engine/policy-config";
import { UsageError } from "./project";

/** Reads and parses a policy config file; a missing or malformed file is a usage error. */
export function readPolicyConfigFile(file: string): PolicyPackConfig | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read policy config ${file}: ${(e as Error).message}`);
  }
  try {
    return parsePolicyPackConfig(text);
  } catch (e) {
    if (e instanceof PolicyConfigError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
}
