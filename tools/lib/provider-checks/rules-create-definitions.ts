// Limits AWS enforces when the provider creates a resource from a document or list it judges whole
// at `pulumi up`, which the provider's schema passes on (`by: "aws"`): a Step Functions state
// machine's definition (a JSON object whose `StartAt` names one of its `States`, every transition
// naming a state of its own block), the rule priorities of a WAFv2 web ACL or rule group (each
// different), and an SSM parameter's value within its tier's size. Each rule cites the AWS page
// that states the limit.
import type { CrossProblem, CrossRule } from "./rule";
import { parsedJson } from "./validators";

const MACHINE = "aws:sfn/stateMachine:StateMachine";
const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const RULE_GROUP = "aws:wafv2/ruleGroup:RuleGroup";
const PARAMETER = "aws:ssm/parameter:Parameter";

/**
 * "State machines are defined using JSON text that represents a structure containing the following
 * fields … StartAt (Required): A string that must exactly match (is case sensitive) the name of one
 * of the state objects … States (Required): An object containing a comma-delimited set of
 * states." The Amazon States Language specification (https://states-language.net/spec.html, which
 * the page's language is): "The value of the "Next" field MUST exactly and case-sensitively match
 * the name of another state", for a Choice rule's `Next` and its `Default` too, and for a
 * catcher's `Next`; a Parallel state's branches and a Map state's processor are state machines of
 * their own (`StartAt`, `States`). CreateStateMachine refuses any other with `InvalidDefinition`.
 */
const MACHINE_STRUCTURE =
  "https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** The problems of one state machine (the top one or a branch), at `where`. */
function machineProblems(machine: unknown, where: string): string[] {
  if (!isObject(machine)) return [`${where} is not a JSON object`];
  const { StartAt: start, States: states } = machine;
  if (!isObject(states) || Object.keys(states).length === 0)
    return [`${where} has no States (an object of at least one state)`];
  const out: string[] = [];
  if (typeof start !== "string") out.push(`${where} has no StartAt naming its first state`);
  // Own keys only: `in` would take "toString" or "constructor" from Object.prototype as states.
  else if (!Object.hasOwn(states, start))
    out.push(`${where}: StartAt ${JSON.stringify(start)} names no state of its States`);
  const names = (v: unknown, at: string) => {
    if (typeof v === "string" && !Object.hasOwn(states, v))
      out.push(`${where}: ${at} ${JSON.stringify(v)} names no state of its States`);
  };
  for (const [name, state] of Object.entries(states)) {
    if (!isObject(state)) continue;
    const at = `state ${JSON.stringify(name)}`;
    names(state.Next, `${at} Next`);
    names(state.Default, `${at} Default`);
    for (const list of ["Choices", "Catch"] as const) {
      const items = state[list];
      if (Array.isArray(items))
        items.forEach((c, i) => isObject(c) && names(c.Next, `${at} ${list}[${i}].Next`));
    }
    if (Array.isArray(state.Branches))
      state.Branches.forEach((b, i) => out.push(...machineProblems(b, `${at} Branches[${i}]`)));
    for (const inner of ["Iterator", "ItemProcessor"] as const)
      if (state[inner] !== undefined) out.push(...machineProblems(state[inner], `${at} ${inner}`));
  }
  return out;
}

const machineDefinition: CrossRule = {
  type: MACHINE,
  what: "a definition whose StartAt and transitions name its states",
  reads: ["definition"],
  check: (inputs) => {
    const text = inputs.definition;
    // Over 1 MiB is the provider's own refusal, at preview (rules-workflow.ts).
    if (typeof text !== "string" || text === "" || Buffer.byteLength(text) > 1024 * 1024) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return [
        {
          prop: "definition",
          value: text,
          says: `the definition is not JSON: ${(e as Error).message}`,
        },
      ];
    }
    return machineProblems(parsed, "the definition").map((says) => ({
      prop: "definition",
      value: text,
      says,
    }));
  },
  fix:
    'JSON.stringify of an Amazon States Language object: "StartAt" naming a key of "States", ' +
    'and every "Next", "Default" and catcher "Next" naming a state of the same block',
  source: MACHINE_STRUCTURE,
  by: "aws",
};

/**
 * API_Rule, `Priority`: "If you define more than one Rule in a WebACL, WAF evaluates each request
 * against the Rules in order based on the value of Priority. WAF processes rules with lower
 * priority first. The priorities don't need to be consecutive, but they must all be different."
 * (The developer guide's "Setting rule priority": a unique priority within a web ACL, and within a
 * rule group.)
 */
const WAF_RULE = "https://docs.aws.amazon.com/waf/latest/APIReference/API_Rule.html";

/** The priorities given twice in a list of rules, each with the names of the rules that share it. */
function repeatedPriorities(
  rules: unknown,
  priorityKey: string,
  nameKey: string,
): { priority: number; says: string }[] {
  if (!Array.isArray(rules)) return [];
  const byPriority = new Map<number, string[]>();
  for (const r of rules) {
    if (!isObject(r) || typeof r[priorityKey] !== "number") continue;
    const p = r[priorityKey] as number;
    byPriority.set(p, [...(byPriority.get(p) ?? []), String(r[nameKey] ?? "(unnamed)")]);
  }
  return [...byPriority]
    .filter(([, names]) => names.length > 1)
    .map(([priority, names]) => ({
      priority,
      says: `priority ${priority} is given to ${names.length} rules (${names.join(", ")}): each rule needs its own`,
    }));
}

function uniquePriorities(type: string, listProp: string, jsonProp: string): CrossRule {
  return {
    type,
    what: "rule priorities all different",
    reads: [listProp, jsonProp],
    check: (inputs) => {
      const problems: CrossProblem[] = repeatedPriorities(inputs[listProp], "priority", "name").map(
        ({ priority, says }) => ({ prop: listProp, value: priority, says }),
      );
      const json = inputs[jsonProp];
      // Not JSON: the provider's own refusal, at preview.
      for (const { priority, says } of repeatedPriorities(parsedJson(json), "Priority", "Name"))
        problems.push({ prop: jsonProp, value: priority, says });
      return problems;
    },
    fix: "give every rule its own priority (they need not be consecutive: 0, 10, 20 …)",
    source: WAF_RULE,
    by: "aws",
  };
}

/**
 * API_PutParameter, `Value`: "Standard parameters have a value limit of 4 KB. Advanced parameters
 * have a value limit of 8 KB." (AWS refuses with "Standard tier parameters support a maximum
 * parameter value of 4096 characters".) Only a tier the program gives is judged: left out, the
 * account's default tier applies, which may be Advanced or Intelligent-Tiering, and
 * Intelligent-Tiering makes a parameter Advanced when its value needs it. Characters are counted:
 * a value over the limit in characters is over it in bytes too.
 */
const PUT_PARAMETER =
  "https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html";
const TIER_LIMIT: Readonly<Record<string, number>> = {
  Standard: 4096,
  Advanced: 8192,
  "Intelligent-Tiering": 8192,
};

/** "a" or "an", as the tier's name is read aloud ("an Advanced", "an Intelligent-Tiering"). */
const article = (word: string): string => (/^[aeiou]/i.test(word) ? "an" : "a");

const parameterValueSize: CrossRule = {
  type: PARAMETER,
  what: "a value within its tier's size (Standard 4 KB, Advanced 8 KB)",
  reads: ["value", "insecureValue", "tier"],
  check: (inputs) => {
    const limit = typeof inputs.tier === "string" ? TIER_LIMIT[inputs.tier] : undefined;
    if (limit === undefined) return [];
    const out: CrossProblem[] = [];
    for (const prop of ["value", "insecureValue"] as const) {
      const v = inputs[prop];
      if (typeof v !== "string") continue;
      const n = [...v].length;
      if (n > limit)
        out.push({
          prop,
          value: v,
          says: `the ${prop} is ${n} characters, over the ${limit} ${article(inputs.tier as string)} ${inputs.tier} parameter holds`,
        });
    }
    return out;
  },
  fix: 'tier "Advanced" (or "Intelligent-Tiering") for a value of up to 8 KB; beyond that, store it elsewhere (S3, Secrets Manager) and keep its address in the parameter',
  source: PUT_PARAMETER,
  by: "aws",
};

export const CREATE_DEFINITION_CROSS_RULES: readonly CrossRule[] = [
  machineDefinition,
  uniquePriorities(WEB_ACL, "rules", "ruleJson"),
  uniquePriorities(RULE_GROUP, "rules", "rulesJson"),
  parameterValueSize,
];
