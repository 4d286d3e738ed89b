// Inputs the AWS provider refuses (tools/lib/provider-checks): the check stops as `pulumi preview`
// would, with exit 2, every refusal at once and no report.
//
// A refusal seen in the preview phase is one `pulumi preview` shows: the provider's Check runs on
// every known input, the auto-name included. One seen only in the apply phase is about a value
// `pulumi preview` cannot know yet (built from another resource's output): preview passes, and
// `pulumi up` stops at that resource's Check, after creating what it could before it. Both end
// the check with exit 2: the program as written does not deploy.
//
// A refusal by AWS itself (a limit its API documents and the provider does not check, `by: "aws"`)
// is one no preview shows: `pulumi up` stops when the provider's create call is refused. When
// every refusal is such a one, `pulumi preview --policy-pack` runs the pack as usual, so the check
// does too: the refusals are listed beside the findings (StackResult.refusedAtCreate) rather than
// stopping it. A provider refusal among them stops the check as above, AWS's listed with it.
import type { Phase } from "../lib/engine/answers";
import type { EngineResource } from "../lib/engine/monitor";
import { refusedAcrossPhases, PhasedRefusal, StackNaming } from "../lib/provider-checks";
import { resourceLabel, where } from "./text-common";
import { displayPath, escapeLine, resourceLocation } from "./report";
import { shownPath } from "./inputs";
import type { StackConfig } from "./stack-config";
import { sourceText } from "./config-sources";
import { templatePlaceholder } from "../lib/fake-aws/template-placeholders";
import type { SourceLocation } from "../lib/engine/language-host";

/** What of the stack's config the text reads to name the key a refused value may come from. */
export interface RefusalConfig extends Pick<StackConfig, "values" | "sources" | "secretKeys"> {
  /**
   * The keys the program read a value of in the runs checked, each with the program's line that
   * first read it when known (ProgramRun.configReads): a key it never read cannot be the source.
   */
  readonly reads: ReadonlyMap<string, SourceLocation | undefined>;
}

/** The keys the program read in any of `runs`, the first line known for each. */
export function configReadsOf(
  runs: readonly { readonly configReads?: ReadonlyMap<string, SourceLocation | undefined> }[],
): Map<string, SourceLocation | undefined> {
  const reads = new Map<string, SourceLocation | undefined>();
  for (const run of runs)
    for (const [k, at] of run.configReads ?? []) if (!reads.get(k)) reads.set(k, at);
  return reads;
}

export class ProviderInputError extends Error {
  constructor(
    /** The stack checked (named so as not to hide Error's own `stack`). */
    readonly stackName: string,
    readonly refusals: readonly PhasedRefusal[],
    /** The stack's config, to name the key whose value an input refused holds. */
    readonly config?: RefusalConfig,
  ) {
    const aws = refusals.filter((r) => r.by === "aws").length;
    const who =
      aws === 0
        ? "the AWS provider refuses"
        : aws === refusals.length
          ? "AWS refuses"
          : "the AWS provider and AWS refuse";
    super(
      `${who} ${refusals.length} input${refusals.length === 1 ? "" : "s"} of stack ${stackName}`,
    );
    this.name = "ProviderInputError";
  }
}

/** Throws ProviderInputError when the provider would refuse an input of a phase that ran. */
export function checkProviderInputs(
  stack: string,
  runs: readonly {
    phase: Phase;
    resources: readonly EngineResource[];
  }[],
  naming: StackNaming = {},
  config?: RefusalConfig,
): void {
  // Names are made, and refused, as the stack's `pulumi:autonaming` resolves for each type.
  const refusals = refusedAcrossPhases(runs, naming);
  if (refusals.length > 0) throw new ProviderInputError(stack, refusals, config);
}

/** True when every refusal is AWS's at create: `pulumi preview` itself would pass them. */
export function onlyAtCreate(e: ProviderInputError): boolean {
  return e.refusals.length > 0 && e.refusals.every((r) => r.by === "aws");
}

/**
 * The config keys a refused value may come from: keys the program read in this run whose value,
 * as the program receives it, is the refused one (the same string; for a number, text its
 * getNumber reads as that number). A structured value (`getObject`/`requireObject`: the JSON the
 * program parses) is searched leaf by leaf, and a match is named by its path in the CLI's
 * `--path` syntax (`app:settings.lb[0].idleTimeout`, as `pulumi config set --path` takes it); a
 * leaf number matches the same number, a leaf string as a top-level value does. A literal or a
 * computed value (`requireNumber("base") * 2`) equal to a key the program read for something else
 * cannot be told apart from one it passed on, hence "may". A secret key, a secret or auto-named
 * value, a boolean and an empty string never match; nor does a key the program never read,
 * whatever it holds.
 */
export function configKeysOf(r: PhasedRefusal, config: RefusalConfig | undefined): string[] {
  return configMatchesOf(r, config).map((m) => `${m.key}${m.path}`);
}

/** A config key (and, inside a structured value, the path of the leaf) holding a refused value. */
interface ConfigMatch {
  readonly key: string;
  /** `""` for the whole value, else `.sub[0].field`. */
  readonly path: string;
}

function configMatchesOf(r: PhasedRefusal, config: RefusalConfig | undefined): ConfigMatch[] {
  if (!config || r.autoNamed || r.value === "[secret]") return [];
  const v = r.value;
  const holds = (text: string): boolean =>
    typeof v === "string"
      ? v !== "" && text === v
      : // The SDK's getNumber reads a value with parseFloat (@pulumi/pulumi config.js).
        typeof v === "number" && Number.isFinite(v) && Number.parseFloat(text) === v;
  const out: ConfigMatch[] = [];
  const keys = [...config.reads.keys()]
    .filter((k) => k in config.values && !config.secretKeys.includes(k))
    .sort();
  for (const key of keys) {
    const text = config.values[key];
    if (holds(text)) {
      out.push({ key, path: "" });
      continue;
    }
    const parsed = structured(text);
    if (parsed === undefined) continue;
    for (const path of leafPaths(parsed, "", (leaf) =>
      typeof leaf === "number" ? leaf === v : typeof leaf === "string" && holds(leaf),
    )) {
      out.push({ key, path });
    }
  }
  return out;
}

/** The object or list a config value's JSON text holds; undefined for any other text. */
function structured(text: string): object | undefined {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === "object" ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A property name as the CLI's `--path` syntax writes it: `.name`, or `["na.me"]`. */
function pathStep(name: string): string {
  return /^[^.[\]"]+$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/** The paths of the leaves of `v` that `match` accepts, in document order (nesting bounded). */
function leafPaths(v: unknown, at: string, match: (leaf: unknown) => boolean, depth = 0): string[] {
  if (depth > 32) return [];
  if (Array.isArray(v)) return v.flatMap((x, i) => leafPaths(x, `${at}[${i}]`, match, depth + 1));
  if (v !== null && typeof v === "object") {
    return Object.entries(v).flatMap(([k, x]) => leafPaths(x, at + pathStep(k), match, depth + 1));
  }
  return match(v) ? [at] : [];
}

/** A config key as the text names it: with where its value is set and where it was read. */
function keyAt({ key, path }: ConfigMatch, config: RefusalConfig): string {
  const from = config.sources[key];
  const read = config.reads.get(key);
  const where = [
    ...(from ? [sourceText(from)] : []),
    ...(read ? [`read at ${shownPath(read.file)}:${read.line}`] : []),
  ];
  return `${key}${path}${where.length > 0 ? ` (${where.join(", ")})` : ""}`;
}

/**
 * The config keys the program read whose whole value is a deployment tool's placeholder left
 * unsubstituted (`#{clusterName}`, ../lib/fake-aws/template-placeholders.ts) and that the refused
 * string holds, a name Pulumi made from a logical name included: the stack file is a template
 * that tool fills in, so the fix is the tool's value, not another name.
 */
function placeholderLines(
  r: PhasedRefusal,
  config: RefusalConfig | undefined,
): { key: string; line: string }[] {
  if (!config || typeof r.value !== "string" || r.value === "[secret]") return [];
  const refusedText = r.value;
  return [...config.reads.keys()]
    .filter((k) => k in config.values && !config.secretKeys.includes(k))
    .sort()
    .flatMap((key) => {
      const text = config.values[key];
      const what = templatePlaceholder(text);
      if (!what || !refusedText.includes(text.trim())) return [];
      const line =
        `    holds ${JSON.stringify(text.trim())} of config key ${keyAt({ key, path: "" }, config)}: ` +
        `${what} that was never substituted; give the value the deployment tool would ` +
        `(--config ${key}=<value>)`;
      return [{ key, line }];
    });
}

function configLine(matches: readonly ConfigMatch[], config: RefusalConfig): string {
  const at = (m: ConfigMatch) => keyAt(m, config);
  return matches.length === 1
    ? `    may come from config key ${at(matches[0])}: if so, change it there`
    : `    may come from config key ${matches.slice(0, -1).map(at).join(", ")} or ${at(matches[matches.length - 1])}: each holds this value`;
}

/** Values longer than this are shown cut, with their length. */
const SHOWN = 80;

function cut(s: string): string {
  return s.length > SHOWN ? `${s.slice(0, SHOWN)}… (${s.length} characters)` : s;
}

function valueText(r: PhasedRefusal): string {
  if (r.value === undefined) return "(none given)";
  const json = JSON.stringify(r.value);
  const v =
    typeof r.value === "string" && r.value.length > SHOWN
      ? `${JSON.stringify(r.value.slice(0, SHOWN))}… (${r.value.length} characters)`
      : typeof r.value === "object" && r.value !== null && json.length > SHOWN
        ? `${json.slice(0, SHOWN)}… (${json.length} characters of JSON)`
        : json;
  return r.autoNamed ? `${v} (the name Pulumi makes from the logical name)` : v;
}

/** The provider's message, a long value it quotes cut as the value is. */
function says(r: PhasedRefusal, text: string): string {
  return typeof r.value === "string" && r.value.length > SHOWN
    ? text.split(r.value).join(cut(r.value))
    : text;
}

function block(r: PhasedRefusal, config?: RefusalConfig): string {
  // A key whose value is an unsubstituted placeholder gets that advice alone: "change it there"
  // beside "give the value the deployment tool would" would contradict it.
  const placeholders = placeholderLines(r, config);
  const keys = configMatchesOf(r, config).filter((m) => !placeholders.some((p) => p.key === m.key));
  const lines = [
    `  ${resourceLabel(r.resource)}${where(r.resource)}`,
    `    ${escapeLine(r.prop)} = ${escapeLine(valueText(r))}`,
    ...(keys.length > 0 && config ? [escapeLine(configLine(keys, config))] : []),
    ...placeholders.map((p) => escapeLine(p.line)),
    ...r.says.map((s) => `    ${r.by === "aws" ? "limit" : "provider"}: ${escapeLine(says(r, s))}`),
    `    fix: ${escapeLine(r.fix)}`,
    `    (${r.source})`,
  ];
  return lines.join("\n");
}

/**
 * The refusals in the order the text shows them: the provider's at preview, the provider's known
 * only at apply, then AWS's at create (each group in registration order).
 */
function groups(e: ProviderInputError) {
  const byProvider = e.refusals.filter((r) => r.by !== "aws");
  return {
    atPreview: byProvider.filter((r) => r.phases.includes("preview")),
    atApply: byProvider.filter((r) => !r.phases.includes("preview")),
    byAws: e.refusals.filter((r) => r.by === "aws"),
  };
}

/** The refusal the text shows first: the one `--format json|sarif` locates the error at. */
export function leadingRefusal(e: ProviderInputError): PhasedRefusal | undefined {
  const { atPreview, atApply, byAws } = groups(e);
  return atPreview[0] ?? atApply[0] ?? byAws[0];
}

/** The text of AWS's create-time refusals, led by `lead` ("pulumi up", "And pulumi up"). */
function createRefusalsText(e: ProviderInputError, byAws: readonly PhasedRefusal[], lead: string) {
  const n = byAws.length === 1 ? "an input" : `${byAws.length} inputs`;
  return (
    `${lead} would stop: AWS refuses ${n} of stack ${escapeLine(e.stackName)} when the provider ` +
    "creates the resource (a limit AWS documents and the provider does not check; what comes " +
    "before it would be created first):\n\n" +
    byAws.map((r) => block(r, e.config)).join("\n\n")
  );
}

/**
 * The report's section for refusals that are all AWS's at create (`onlyAtCreate`): shown beside
 * the findings, since `pulumi preview` runs the pack and passes these inputs.
 */
export function describeCreateRefusals(e: ProviderInputError): string {
  return createRefusalsText(e, groups(e).byAws, "pulumi up");
}

function located(r: PhasedRefusal): { file: string; line: number } | undefined {
  const at = resourceLocation(r.resource);
  return at ? { file: displayPath(at.file), line: at.line } : undefined;
}

/** The refusals as `--format json|sarif` report them (`createRefusals`), in the text's order. */
export function refusalsJson(e: ProviderInputError) {
  const { atPreview, atApply, byAws } = groups(e);
  return [...atPreview, ...atApply, ...byAws].map((r) => ({
    urn: r.resource.urn,
    type: r.resource.type,
    name: r.resource.name,
    file: located(r)?.file ?? null,
    line: located(r)?.line ?? null,
    input: r.prop,
    value: r.value ?? null,
    by: r.by,
    phases: r.phases,
    says: r.says,
    fix: r.fix,
    reference: r.source,
    configKeys: configKeysOf(r, e.config),
  }));
}

/**
 * The terminal text of a ProviderInputError that stops the check: one with a provider refusal
 * among them (AWS's create-time refusals alone are reported beside the findings instead). The
 * policies were not evaluated, so the text says nothing of whether the pack would pass.
 */
export function describeProviderRefusals(e: ProviderInputError): string {
  const { atPreview, atApply, byAws } = groups(e);
  const parts: string[] = [];
  if (atPreview.length > 0) {
    parts.push(
      `pulumi preview would stop: the AWS provider refuses ${atPreview.length === 1 ? "an input" : `${atPreview.length} inputs`} ` +
        `of stack ${escapeLine(e.stackName)} in its Check, before anything is created:\n\n` +
        atPreview.map((r) => block(r, e.config)).join("\n\n"),
    );
  }
  if (atApply.length > 0) {
    parts.push(
      `${atPreview.length > 0 ? "And pulumi up" : "pulumi up"} would stop: ` +
        `the AWS provider refuses ${atApply.length === 1 ? "an input" : `${atApply.length} inputs`} of stack ` +
        `${escapeLine(e.stackName)} whose values are known only once other resources exist ` +
        "(its Check at preview cannot see them; what comes before them would be created first):\n\n" +
        atApply.map((r) => block(r, e.config)).join("\n\n"),
    );
  }
  if (byAws.length > 0)
    parts.push(createRefusalsText(e, byAws, parts.length > 0 ? "And pulumi up" : "pulumi up"));
  parts.push(
    "No report was written and the policies were not evaluated: the check stops at inputs the " +
      "AWS provider refuses. Fix the inputs above and run the check again.",
  );
  return `${parts.join("\n\n")}\n`;
}
