// Stack config the AWS provider itself refuses. The engine configures the default provider from
// the stack's `aws:` keys (its CheckConfig) before the first resource or data source that uses
// it, and a refusal stops `pulumi preview` there: no resource is planned.
//
// @pulumi/aws 7 replaced the provider's one-role `assumeRole` with the list `assumeRoles`
// (the 7.0 migration guide; the SDK's ProviderArgs has only `assumeRoles`), and its provider
// refuses the old key with "invalid config key 'aws:assumeRole', should be 'aws:assumeRoles'",
// and a non-list `assumeRoles` with "expected aws:assumeRoles to be an array, got object"
// (pulumi/pulumi-aws provider/provider.go, `parseAssumeRoles`, with its tests in
// provider/provider_test.go). An explicit `aws.Provider` cannot carry the old key (the SDK sends
// only declared arguments), and a program whose resources all name one never starts the
// default provider, so only a started default provider of major 7 or later is refused.
//
// Any other `aws:` key the provider does not declare is refused too, with the bridge's message
// ("`aws:foo` is not a valid configuration key for the aws provider. If the referenced key is not
// intended for the provider, please choose a different namespace from `aws:`.",
// pulumi/pulumi-terraform-bridge#1663; by design for default providers, pulumi/pulumi-aws#3360).
// The declared keys are those of the installed @pulumi/aws (its config/vars.d.ts, generated from
// the provider's schema); only a default provider of that same major, and of that version or an
// older one, is judged against them: a newer release may declare a key the installed one lacks.
import * as fs from "fs";
import * as path from "path";
import type { EngineResource } from "../lib/engine/monitor";
import { UsageError } from "../lib/cli";
import { major } from "../lib/engine/versions";
import { shownPath } from "./inputs";
import { nearest } from "../lib/edit-distance";
import { isSecretPlaceholder } from "./secret-placeholders";
import { awsRegionProblem } from "../lib/fake-aws/regions";

/** Inputs the engine itself adds to a default provider's (not stack config). */
const ENGINE_INPUTS = new Set(["version", "pluginDownloadURL"]);

interface Declared {
  readonly version: string;
  readonly keys: ReadonlySet<string>;
}

let declared: Declared | null | undefined;

/** The numbers of a version ("7.48.0" → [7, 48, 0]); a pre-release tag is left out. */
function numbers(version: string): number[] {
  return (/^\D*(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version) ?? [])
    .slice(1)
    .map((n) => Number(n ?? 0));
}

/**
 * Whether a program's provider of `version` is judged against the installed package's keys: the
 * same major, and not newer (keys grow within a major).
 */
function judgedBy(known: Declared, version: string): boolean {
  const [a, b] = [numbers(version), numbers(known.version)];
  if (a.length === 0 || b.length === 0 || a[0] !== b[0]) return false;
  for (let i = 1; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return true;
}

/** The config keys the installed @pulumi/aws declares, and its version; null when unreadable. */
function declaredKeys(): Declared | null {
  if (declared !== undefined) return declared;
  try {
    const dir = path.dirname(require.resolve("@pulumi/aws/package.json"));
    const version = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version;
    const vars = fs.readFileSync(path.join(dir, "config", "vars.d.ts"), "utf8");
    const keys = new Set([...vars.matchAll(/^export declare const (\w+)/gm)].map((m) => m[1]));
    declared = keys.size > 0 && typeof version === "string" ? { version, keys } : null;
  } catch {
    declared = null;
  }
  return declared;
}

/** The declared key at most two edits away (case aside), if one is. */
function nearestKey(key: string, keys: ReadonlySet<string>): string | undefined {
  const limit = (k: string) => Math.min(2, Math.max(1, Math.floor(k.length / 4)));
  return nearest(key, keys, limit, (s) => s.toLowerCase());
}

/** The stack file and the lines of its keys, as loadStackConfig read them. */
export interface StackFileLines {
  readonly file?: string;
  readonly lines: Readonly<Record<string, number>>;
}

function defaultProviders(resources: readonly EngineResource[]): EngineResource[] {
  return resources.filter(
    (r) => r.type === "pulumi:providers:aws" && /^default(_\w+)?$/.test(r.name),
  );
}

function parsed(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** The refusal of the first default AWS provider whose config its provider refuses, if any. */
export function providerConfigRefusal(
  resources: readonly EngineResource[],
  stack: StackFileLines,
): string | undefined {
  for (const p of defaultProviders(resources)) {
    const inputs = (p.inputs ?? {}) as Record<string, unknown>;
    const version = typeof inputs.version === "string" ? inputs.version : undefined;
    if (!version || (major(version) ?? 0) < 7) continue;
    const at = (key: string) =>
      stack.file
        ? `${shownPath(stack.file)}${stack.lines[key] ? `:${stack.lines[key]}` : ""}: `
        : "";
    const by = `pulumi preview would stop: the AWS provider ${version} (the stack's default provider) refuses its config`;
    if (inputs.assumeRole !== undefined) {
      return (
        `${at("aws:assumeRole")}invalid config key 'aws:assumeRole', should be 'aws:assumeRoles'; ${by}. ` +
        "@pulumi/aws 7 takes a list of roles: write `aws:assumeRoles:` with the role as its one " +
        "item (`- roleArn: ...`), or pin @pulumi/aws to ^6 where `aws:assumeRole` is the key"
      );
    }
    const roles = parsed(inputs.assumeRoles);
    // A `secure:` value stands for a list the CLI would decrypt: not judged offline.
    if (isSecretPlaceholder(roles)) continue;
    if (roles !== undefined && !Array.isArray(roles)) {
      const kind = roles === null ? "null" : typeof roles === "object" ? "object" : typeof roles;
      return (
        `${at("aws:assumeRoles")}expected aws:assumeRoles to be an array, got ${kind}; ${by}. ` +
        "Write each role as an item of the list (`- roleArn: ...`)"
      );
    }
    const known = declaredKeys();
    if (!known || !judgedBy(known, version)) continue;
    for (const key of Object.keys(inputs)) {
      if (known.keys.has(key) || ENGINE_INPUTS.has(key)) continue;
      const meant = nearestKey(key, known.keys);
      return (
        `${at(`aws:${key}`)}\`aws:${key}\` is not a valid configuration key for the aws provider` +
        (meant ? `; did you mean 'aws:${meant}'?` : ".") +
        ` ${by}. If the key is not meant for the provider, choose a namespace other than \`aws:\``
      );
    }
  }
  return undefined;
}

/** Throws the refusal as a usage error (exit 2, no report), as `pulumi preview` stops. */
export function checkProviderConfig(
  resources: readonly EngineResource[],
  stack: StackFileLines,
): void {
  const refusal = providerConfigRefusal(resources, stack);
  if (refusal) throw new UsageError(refusal);
}

/**
 * What stops an offline run before anything starts because of the stack's `aws:region`, or
 * undefined: a `secure:` region (the engine needs the value itself) or a name no region has. The
 * message names where the value came from: `--config aws:region` when the run was given it,
 * else the stack file and the key's line.
 */
export function stackRegionRefusal(
  config: StackFileLines & {
    readonly values: Readonly<Record<string, string>>;
    readonly placeholders: Readonly<Record<string, string>>;
  },
  projectFile: string,
  overrides: Readonly<Record<string, string>> = {},
): string | undefined {
  const line = config.lines["aws:region"];
  const flag = Object.prototype.hasOwnProperty.call(overrides, "aws:region");
  const where = flag
    ? "--config aws:region"
    : `${shownPath(config.file ?? projectFile)}${line ? `:${line}` : ""}`;
  if (config.placeholders["aws:region"] !== undefined) {
    return (
      `${where}: aws:region is a secret (secure:) that the check cannot decrypt offline; give its ` +
      "value for this run with --config aws:region=<region> (never written anywhere)"
    );
  }
  const region = config.values["aws:region"];
  const from = flag ? "--config" : config.file ? "stack file" : "project file";
  const problem = region === undefined ? undefined : awsRegionProblem(region, from);
  return problem ? `${where}: ${problem}` : undefined;
}
