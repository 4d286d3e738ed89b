// What a provider-input rule is: one attribute validator of the AWS provider's schema (or one of
// its checks across attributes), keyed by the Pulumi type token and input path, with where the
// provider's source says it. The tables are the rules-*.ts files beside this one.
import { validARN, type Validator } from "./validators";
import { isTrue } from "./bool-input";

/** The repository every `source` below is a path of, unless it names another. */
export const PROVIDER_REPO = "hashicorp/terraform-provider-aws";

/**
 * Who refuses the input: the provider's Check, which stops `pulumi preview` (the default), or AWS
 * itself, whose API refuses the create call the provider makes at `pulumi up` after the preview
 * passed (a documented limit the provider's schema does not check). An `aws` rule's `source` is
 * the AWS documentation page that states the limit, and its words are the check's own, not AWS's
 * (whose error texts are not documented).
 */
export type RefusedBy = "provider" | "aws";

export interface InputRule {
  /** Pulumi type token, e.g. `aws:iam/role:Role`. */
  readonly type: string;
  /**
   * Pulumi input path: `name`, `ephemeralStorage.size`. A one-item block is an object in Pulumi
   * inputs (a list in the provider); a list on the way is walked item by item.
   */
  readonly prop: string;
  /** The provider's attribute name, which its messages quote. */
  readonly attr: string;
  readonly validate: Validator;
  /** How to fix it, in the program's terms. */
  readonly fix: string;
  /** The provider file that declares the validator (a path in PROVIDER_REPO), or for `by: "aws"` the AWS page. */
  readonly source: string;
  /** Who refuses it; the provider unless `aws`. */
  readonly by?: RefusedBy;
  /**
   * Not judged on the name Pulumi makes up when the program gives none: the auto-name's
   * transformation for this type is not known exactly enough to be sure of a refusal.
   */
  readonly skipAutoName?: boolean;
}

/** A problem a cross-attribute check finds: the input it is about, its value, the wording. */
export interface CrossProblem {
  readonly prop: string;
  readonly value: unknown;
  readonly says: string;
}

export interface CrossRule {
  readonly type: string;
  /** What the check is, for the table's listing. */
  readonly what: string;
  /**
   * The provider's check over the resource's inputs (auto-name filled in, as the provider sees
   * it); only called when every input it reads is known (`reads`).
   */
  readonly check: (inputs: Record<string, any>) => CrossProblem[];
  /** Top-level inputs the check reads: one unknown among them and it is not run. */
  readonly reads: readonly string[];
  readonly fix: string;
  readonly source: string;
  /** Who refuses it; the provider unless `aws`. */
  readonly by?: RefusedBy;
}

/** An input rule written as one call: its type, input, provider attribute, validator, fix, source. */
export function inputRule(
  type: string,
  prop: string,
  attr: string,
  validate: InputRule["validate"],
  fix: string,
  source: string,
): InputRule {
  return { type, prop, attr, validate, fix, source };
}

/**
 * Inputs of `type` the provider's schema checks with `verify.ValidARN` (internal/verify/validate.go),
 * each `[prop, attr, fix]`, all from `source`.
 */
export function arnInputs(
  type: string,
  source: string,
  inputs: readonly (readonly [prop: string, attr: string, fix: string])[],
): InputRule[] {
  return inputs.map(([prop, attr, fix]) => ({ type, prop, attr, validate: validARN, fix, source }));
}

/** An input rule of a limit AWS documents and enforces at create, the provider does not check. */
export function awsRule(
  type: string,
  prop: string,
  attr: string,
  validate: InputRule["validate"],
  fix: string,
  page: string,
): InputRule {
  return { type, prop, attr, validate, fix, source: page, by: "aws" };
}

/**
 * `ConflictsWith` of the provider's schema: both given is refused with
 * `"<a>": conflicts with <b>` (terraform-plugin-sdk helper/schema/schema.go,
 * validateConflictingAttributes). Only values the program gives count: a `false`, empty string or
 * empty list is left alone, as the provider may not count it either.
 */
export function conflictsWith(
  type: string,
  a: [prop: string, attr: string],
  b: [prop: string, attr: string],
  source: string,
): CrossRule {
  // An empty list is left alone too: whether the SDK counts one as set differs between versions.
  const given = (v: unknown) =>
    v !== undefined &&
    v !== null &&
    v !== "" &&
    v !== false &&
    !(Array.isArray(v) && v.length === 0);
  return {
    type,
    what: `${a[0]} conflicts with ${b[0]}`,
    reads: [a[0], b[0]],
    check: (inputs) =>
      given(inputs[a[0]]) && given(inputs[b[0]])
        ? [{ prop: a[0], value: inputs[a[0]], says: `"${a[1]}": conflicts with ${b[1]}` }]
        : [],
    fix: `give ${a[0]} or ${b[0]}, not both`,
    source,
  };
}

/**
 * `ExactlyOneOf`: none or more than one given is refused (terraform-plugin-sdk
 * helper/schema/schema.go, validateExactlyOneAttribute). The SDK sorts the attribute names
 * (`sort.Strings(allKeys)`) and collects the given ones in that order, so both lists in its
 * message are sorted whatever order the provider's schema declares them in; so are they here.
 */
export function exactlyOneOf(
  type: string,
  declared: readonly [prop: string, attr: string][],
  source: string,
): CrossRule {
  const props = [...declared].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
  const keys = props.map((p) => p[1]).join(",");
  return {
    type,
    what: `exactly one of ${declared.map((p) => p[0]).join(", ")}`,
    reads: props.map((p) => p[0]),
    check: (inputs) => {
      // Whether an empty list counts as given differs between the SDK's versions: left alone.
      if (props.some(([p]) => Array.isArray(inputs[p]) && inputs[p].length === 0)) return [];
      const given = props.filter(([p]) => inputs[p] !== undefined && inputs[p] !== null);
      // An empty string counts as given for "none given" and as absent for "more than one": the
      // lenient reading of either bridge (./index.ts, refusedInputs).
      const many = given.filter(([p]) => inputs[p] !== "");
      if (given.length >= 1 && many.length <= 1) return [];
      if (given.length > 1) given.splice(0, given.length, ...many);
      const [prop, attr] = given[0] ?? props[0];
      return [
        {
          prop,
          value: given.length === 0 ? undefined : given.map(([p]) => p).join(", "),
          says:
            given.length === 0
              ? `"${attr}": one of \`${keys}\` must be specified`
              : `"${attr}": only one of \`${keys}\` can be specified, but \`${given.map((g) => g[1]).join(",")}\` were specified.`,
        },
      ];
    },
    fix: `give exactly one of ${declared.map((p) => p[0]).join(", ")}`,
    source,
  };
}

/** A value the program gives, as `conflictsWith` and `requiredWith` count one. */
export function givenValue(v: unknown): boolean {
  // An empty list is left alone: whether the SDK counts one as set differs between versions; a
  // `false` and an empty string too, as the provider may not count them either.
  return (
    v !== undefined &&
    v !== null &&
    v !== "" &&
    v !== false &&
    !(Array.isArray(v) && v.length === 0)
  );
}

/**
 * `RequiredWith`: `a` given without every one of `others` is refused with
 * `"<a's attr>": all of \`<attrs, a's among them, sorted>\` must be specified`
 * (terraform-plugin-sdk helper/schema/schema.go, validateRequiredWithAttribute, which runs only
 * when the attribute itself is set). The lenient reading both ways: the attribute counts only as
 * `givenValue` reads it, and another counts as given whenever the program gives it at all (`""`,
 * `false` and an empty list included), so neither reading of a bridge refuses what the other takes.
 */
export function requiredWith(
  type: string,
  [prop, attr]: [prop: string, attr: string],
  others: readonly [prop: string, attr: string][],
  source: string,
): CrossRule {
  const keys = [...new Set([attr, ...others.map((o) => o[1])])].sort().join(",");
  return {
    type,
    what: `${prop} requires ${others.map((o) => o[0]).join(", ")}`,
    reads: [prop, ...others.map((o) => o[0])],
    check: (inputs) =>
      givenValue(inputs[prop]) &&
      others.some(([p]) => inputs[p] === undefined || inputs[p] === null)
        ? [{ prop, value: inputs[prop], says: `"${attr}": all of \`${keys}\` must be specified` }]
        : [],
    fix: `give ${others.map((o) => o[0]).join(" and ")} with ${prop}, or leave ${prop} out`,
    source,
  };
}

/**
 * `AtLeastOneOf`: none given is refused with `"<attr>": one of \`<attrs, sorted>\` must be
 * specified` (terraform-plugin-sdk helper/schema/schema.go, validateAtLeastOneAttribute), reported
 * on the first input. An empty list is left alone: whether the SDK counts one differs between
 * versions.
 */
export function atLeastOneOf(
  type: string,
  props: readonly [prop: string, attr: string][],
  source: string,
): CrossRule {
  const keys = props
    .map((p) => p[1])
    .sort()
    .join(",");
  const [prop, attr] = props[0];
  return {
    type,
    what: `at least one of ${props.map((p) => p[0]).join(", ")}`,
    reads: props.map((p) => p[0]),
    check: (inputs) =>
      props.some(([p]) => inputs[p] !== undefined && inputs[p] !== null)
        ? []
        : [{ prop, value: undefined, says: `"${attr}": one of \`${keys}\` must be specified` }],
    fix: `give at least one of ${props.map((p) => p[0]).join(", ")}`,
    source,
  };
}

/**
 * A list of at most `max` items. By default the SDK's `MaxItems` check of a list (terraform-plugin-sdk
 * v2 helper/schema/schema.go, validateList: summary "Too many list items", detail "Attribute <k>
 * supports <max> item maximum, but config has <n> declared."), worded as the bridge joins the two
 * ("<summary>. <detail>"). `opts` adapts it to a limit of AWS's: only when `applies` holds, the
 * distinct values counted (a set), its own wording, `by`.
 */
export function maxItems(
  type: string,
  [prop, attr]: [prop: string, attr: string],
  max: number,
  source: string,
  opts: {
    readonly what: string;
    readonly fix: string;
    readonly reads?: readonly string[];
    readonly applies?: (inputs: Record<string, any>) => boolean;
    readonly distinct?: boolean;
    readonly says?: (n: number, inputs: Record<string, any>) => string;
    readonly by?: RefusedBy;
  },
): CrossRule {
  const count = (v: unknown) =>
    Array.isArray(v) ? (opts.distinct ? new Set(v).size : v.length) : 0;
  return {
    type,
    what: opts.what,
    reads: opts.reads ?? [prop],
    check: (inputs) => {
      const n = count(inputs[prop]);
      if (n <= max || (opts.applies && !opts.applies(inputs))) return [];
      const says =
        opts.says?.(n, inputs) ??
        `Too many list items. Attribute ${attr} supports ${max} item maximum, but config has ${n} declared.`;
      return [{ prop, value: inputs[prop], says }];
    },
    fix: opts.fix,
    source,
    ...(opts.by ? { by: opts.by } : {}),
  };
}

/**
 * The checks the provider makes of an SQS queue or SNS topic when it plans a create
 * (resourceQueueCustomizeDiff, resourceTopicCustomizeDiff): its name (letters, digits, hyphens
 * and underscores, at most `maxLength` characters; a FIFO one's name ends in `.fifo`, within the
 * same length), and content-based deduplication only on a FIFO one, refused with
 * "content-based deduplication can only be set for <dedupNoun>" (SQS and SNS word it differently).
 */
export function fifoCapableRules(
  type: string,
  kind: "queue" | "topic",
  fifoProp: string,
  maxLength: number,
  dedupNoun: string,
  source: string,
): CrossRule[] {
  const before = maxLength - ".fifo".length;
  const fifoName = new RegExp(`^[0-9A-Za-z_-]{1,${before}}\\.fifo$`);
  const plainName = new RegExp(`^[0-9A-Za-z_-]{1,${maxLength}}$`);
  const name: CrossRule = {
    type,
    what: `${kind} name (.fifo for a FIFO ${kind})`,
    reads: ["name", fifoProp],
    check: (inputs) => {
      const name = inputs.name;
      // An empty name is one the provider makes itself (create.NewNameGenerator): never refused.
      if (typeof name !== "string" || name === "") return [];
      const ok = isTrue(inputs[fifoProp]) ? fifoName : plainName;
      return ok.test(name)
        ? []
        : [{ prop: "name", value: name, says: `invalid ${kind} name: ${name}` }];
    },
    fix:
      `letters, digits, hyphens and underscores only, at most ${maxLength} characters; a FIFO ` +
      `${kind}'s name ends in .fifo (at most ${before} characters before it)`,
    source,
  };
  const says = `content-based deduplication can only be set for ${dedupNoun}`;
  const dedup: CrossRule = {
    type,
    what: `content-based deduplication only on a FIFO ${kind}`,
    reads: [fifoProp, "contentBasedDeduplication"],
    check: (inputs) =>
      isTrue(inputs.contentBasedDeduplication) && !isTrue(inputs[fifoProp])
        ? [{ prop: "contentBasedDeduplication", value: inputs.contentBasedDeduplication, says }]
        : [],
    fix: `set ${fifoProp}: true, or leave contentBasedDeduplication out`,
    source,
  };
  return [name, dedup];
}

/** `assumeRolePolicy` → `assume_role_policy`, the provider's attribute name. */
export function snake(prop: string): string {
  return prop.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
