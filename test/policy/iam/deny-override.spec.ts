// An Allow that Deny statements of the same document override entirely grants nothing
// (policy-pack/lib/deny-override.ts, lib/iam/statements.ts): every mandatory IAM rule leaves it
// alone, on Prowler's own documents (iam_policy_allows_privilege_escalation_test.py
// test_iam_policy_not_allows_privilege_escalation and _glue_GetDevEndpoints). Each test breaks one
// field of the compliant document and expects the grant to be judged again.
import { expect } from "chai";
import { doc, runIam, rolePolicy, Stmt, UNKNOWN } from "../fixtures/iam";
import { parsePolicyDocument } from "../../../policy-pack/lib/policy-document";

const ALLOW_STS: Stmt = { Effect: "Allow", Action: "sts:*", Resource: "*" };
const DENY_STS: Stmt = { Effect: "Deny", Action: "sts:*", Resource: "*" };
const DENY_ALL_BUT_STS: Stmt = { Effect: "Deny", NotAction: "sts:*", Resource: "*" };

/** Prowler's test_iam_policy_not_allows_privilege_escalation: an Allow the Denies cancel. */
const compliant = (): Stmt[] => [{ ...ALLOW_STS }, { ...DENY_STS }, { ...DENY_ALL_BUT_STS }];

async function mandatory(statements: Stmt[]): Promise<string[]> {
  return (await runIam([rolePolicy(statements)])).mandatory;
}

/** The statements of `compliant()` with `fields` of statement `i` replaced (undefined deletes). */
function broken(i: number, fields: Stmt): Stmt[] {
  const out = compliant();
  const s: Stmt = { ...out[i], ...fields };
  for (const [k, v] of Object.entries(fields)) if (v === undefined) delete s[k];
  out[i] = s;
  return out;
}

describe("an Allow overridden by the document's own Deny statements", () => {
  it("draws no mandatory finding from any IAM rule (Prowler: no escalation, nothing granted)", async () => {
    expect(await mandatory(compliant())).to.deep.equal([]);
  });

  it("is judged again without the Deny of its own actions", async () => {
    const f = await mandatory([compliant()[0], compliant()[2]]);
    expect(
      f.some((x) => x.startsWith("iam-no-wildcard-actions: ") && x.includes('"sts:*"')),
    ).to.equal(true, f.join("\n"));
  });

  for (const [what, i, fields] of [
    [
      "the Deny of its actions has a Condition",
      1,
      { Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } },
    ],
    [
      "the Deny of its actions names one role, not every resource",
      1,
      { Resource: "arn:aws:iam::123456789012:role/x" },
    ],
    [
      "the Deny of its actions uses NotResource",
      1,
      { Resource: undefined, NotResource: "arn:aws:iam::123456789012:role/x" },
    ],
    [
      "the Deny of its actions is an Allow",
      1,
      { Effect: "Allow", Action: "sts:GetCallerIdentity" },
    ],
    ["the Deny of its actions denies one action only", 1, { Action: "sts:AssumeRole" }],
    ["the Allow is written with NotAction", 0, { Action: undefined, NotAction: "iam:*" }],
    // Documents AWS refuses (the Effect value is case sensitive; a list holds strings; the policy
    // grammar gives a statement Action or NotAction, Resource or NotResource, never both) deny
    // nothing: their Allows are judged as written.
    ['the Deny says "deny"', 1, { Effect: "deny" }],
    ['the Deny says " Deny "', 1, { Effect: " Deny " }],
    ["the Deny's Action list holds a number", 1, { Action: ["sts:*", 7] }],
    ["the Deny's Resource list holds a number", 1, { Resource: ["*", 7] }],
    ["the Deny has NotAction beside Action", 1, { NotAction: "s3:*" }],
    ["the Deny has NotResource beside Resource", 1, { NotResource: "arn:aws:s3:::b" }],
    ["the Deny's NotAction list holds only a number", 1, { Action: undefined, NotAction: [5] }],
    ['the Allow says "allow"', 0, { Effect: "allow" }],
    ["the Allow's Action list holds a number", 0, { Action: ["sts:*", 7] }],
    // A Deny that names a principal is no identity-policy statement.
    ["the Deny names everyone as Principal", 1, { Principal: "*" }],
    ["the Deny names an account as Principal", 1, { Principal: { AWS: "123456789012" } }],
    ["the Allow names a Principal", 0, { Principal: { AWS: "123456789012" } }],
    // An empty list denies nothing (no `every` over nothing).
    ["the Deny's NotAction list is empty", 1, { Action: undefined, NotAction: [] }],
    // A Condition written as null or {} is no sure "always".
    ["the Deny's Condition is null", 1, { Condition: null }],
    ["the Deny's Condition is empty", 1, { Condition: {} }],
  ] as const) {
    it(`is judged again when ${what}`, async () => {
      expect(await mandatory(broken(i, fields as Stmt))).to.not.deep.equal([]);
    });
  }

  it("covers lambda:* by a Deny of every action but another service's (Prowler's _glue_GetDevEndpoints)", async () => {
    const statements: Stmt[] = [
      { Effect: "Allow", Action: "lambda:*", Resource: "*" },
      { Effect: "Deny", Action: "lambda:InvokeFunction", Resource: "*" },
      { Effect: "Deny", NotAction: "glue:GetDevEndpoints", Resource: "*" },
    ];
    expect(await mandatory(statements)).to.deep.equal([]);
    statements[2] = {
      Effect: "Deny",
      NotAction: ["glue:GetDevEndpoints", "lambda:Get*"],
      Resource: "*",
    };
    expect(await mandatory(statements)).to.not.deep.equal([]);
  });

  it("leaves an Allow judged as written when the Deny's actions or its own resources are unknown at preview", () => {
    const d = parsePolicyDocument(
      doc(ALLOW_STS, { ...DENY_STS, Action: UNKNOWN }, DENY_ALL_BUT_STS),
    );
    expect(d.statements[0].overriddenByDeny).to.equal(false);
    const ownUnknown = parsePolicyDocument(doc({ ...ALLOW_STS, Resource: UNKNOWN }, DENY_STS));
    expect(ownUnknown.statements[0].overriddenByDeny, "its own Resource unknown").to.equal(false);
    const known = parsePolicyDocument(doc(...compliant()));
    expect(known.statements.map((s) => s.overriddenByDeny)).to.deep.equal([true, false, false]);
  });
});

describe("actions of an Allow that the document's own Deny statements override", () => {
  // Prowler's test_iam_policy_not_allows_privilege_escalation_dynamodb_PutItem: the Denies leave
  // dynamodb:PutItem alone of the Allow's actions, so no escalation path is left.
  const ALLOW_MANY: Stmt = {
    Effect: "Allow",
    Action: ["lambda:*", "iam:PassRole", "dynamodb:PutItem", "ec2:RunInstances"],
    Resource: "*",
  };
  const DENY_ALL_BUT_PUT: Stmt = { Effect: "Deny", NotAction: "dynamodb:PutItem", Resource: "*" };
  const escalation = (f: string[]) => f.filter((x) => x.startsWith("iam-no-privilege-escalation"));

  it("open no escalation path, though the Allow still grants the action they leave", async () => {
    const f = await mandatory([ALLOW_MANY, DENY_ALL_BUT_PUT]);
    expect(escalation(f)).to.deep.equal([]);
    expect(f.some((x) => x.startsWith("iam-no-resource-wildcard: "))).to.equal(true, f.join("\n"));
  });

  it('are reported by no rule: the one finding is dynamodb:PutItem on "*"', async () => {
    const f = (await runIam([rolePolicy([ALLOW_MANY, DENY_ALL_BUT_PUT])])).all;
    expect(f, f.join("\n")).to.have.length(1);
    expect(f[0])
      .to.match(/^iam-no-resource-wildcard: /)
      .and.contain("dynamodb:PutItem");
    for (const denied of ["lambda", "iam:PassRole", "ec2:RunInstances"]) {
      expect(f[0], denied).to.not.contain(denied);
    }
  });

  it("are reported by none of the rules on actions granted on every resource", async () => {
    // sts:AssumeRole (credentials exposure), s3:GetObject (data exfiltration) and kms:Decrypt
    // each draw a finding on "*"; the Deny of every action but PutItem overrides all three.
    const allow: Stmt = {
      Effect: "Allow",
      Action: ["sts:AssumeRole", "s3:GetObject", "kms:Decrypt", "dynamodb:PutItem"],
      Resource: "*",
    };
    const f = (await runIam([rolePolicy([allow, DENY_ALL_BUT_PUT])])).all;
    expect(f, f.join("\n")).to.have.length(1);
    expect(f[0])
      .to.match(/^iam-no-resource-wildcard: /)
      .and.contain("dynamodb:PutItem");
    const without = (await runIam([rolePolicy([allow])])).all.map((x) => x.split(":")[0]);
    expect(without, "without the Deny").to.include.members([
      "iam-no-credentials-exposure",
      "iam-no-data-exfiltration",
      "iam-kms-decrypt-scoped",
    ]);
  });

  it("are reported again when the Deny has a condition", async () => {
    const conditioned = {
      ...DENY_ALL_BUT_PUT,
      Condition: { Bool: { "aws:ViaAWSService": "false" } },
    };
    const rules = (await mandatory([ALLOW_MANY, conditioned])).map((x) => x.split(":")[0]);
    expect(rules).to.include.members([
      "iam-passrole-scoped",
      "iam-no-wildcard-actions",
      "iam-no-privilege-escalation",
    ]);
  });

  it("open the paths again when the Deny has a condition", async () => {
    const conditioned = {
      ...DENY_ALL_BUT_PUT,
      Condition: { Bool: { "aws:ViaAWSService": "false" } },
    };
    expect(escalation(await mandatory([ALLOW_MANY, conditioned]))).to.have.length(1);
  });
});
