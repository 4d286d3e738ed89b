// No role an AWS service assumes may create log groups. The stack creates every group its
// services write to (encrypted, with a retention) and deletes it after them on destroy; a
// service role allowed logs:CreateLogGroup could make the group again, unencrypted and kept
// forever, from a late write, and the next `pulumi up` of a stack of the same name would fail on
// "The specified log group already exists" (the EKS case: terraform-aws-modules/terraform-aws-eks
// #920). The stack's roles cannot re-create a group; a service's own service-linked role still
// can (terraform-aws-eks #2763) and is outside the stack (docs/first-deploy-watch.md, "A log group a
// service writes after destroy").
import { expect } from "chai";
import { parsePolicyDocument, statementGrants } from "../../policy-pack/lib/policy-document";
import type { RecordedResource, Recording } from "../../tools/lib/recorder";
import { runWithEverything } from "../fixtures/features";
import { findAll } from "../helpers";

const T = {
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  policy: "aws:iam/policy:Policy",
};
const CREATE_LOG_GROUP = "logs:CreateLogGroup";

/** Whether an Allow statement of `json` grants `action` (the pack's own reading of Action/NotAction). */
function documentAllows(json: string, action: string): boolean {
  return parsePolicyDocument(json).statements.some(
    (s) => s.effect === "Allow" && statementGrants(s, action),
  );
}

/** The roles whose trust names an AWS service principal, with every document that grants them. */
function serviceRoleDocuments(rec: Recording): Map<string, string[]> {
  const trustsService = (r: RecordedResource) =>
    [JSON.parse(String(r.inputs.assumeRolePolicy)).Statement]
      .flat()
      .some((s: { Principal?: { Service?: unknown } }) => s.Principal?.Service !== undefined);
  const roles = findAll(rec, T.role).filter(trustsService);
  const docs = new Map<string, string[]>(
    roles.map((r) => [
      r.urn,
      (r.inputs.inlinePolicies ?? []).map((p: { policy: string }) => p.policy),
    ]),
  );
  const policiesByArn = new Map(findAll(rec, T.policy).map((p) => [String(p.outputs.arn), p]));
  for (const p of findAll(rec, T.rolePolicy)) {
    for (const role of p.propertyDependencies.role ?? []) docs.get(role)?.push(p.inputs.policy);
  }
  for (const a of findAll(rec, T.attachment)) {
    const policy = policiesByArn.get(String(a.inputs.policyArn));
    expect(policy, `${a.name}: attaches a policy of the stack`).to.not.equal(undefined);
    for (const role of a.propertyDependencies.role ?? [])
      docs.get(role)?.push(policy!.inputs.policy);
  }
  for (const r of roles) {
    expect(r.inputs.managedPolicyArns ?? [], `${r.name}: no managed policy`).to.deep.equal([]);
  }
  return docs;
}

describe("log groups: only the stack creates them", function () {
  this.timeout(240_000);

  it("reads an action pattern and NotAction as IAM does", () => {
    const doc = (s: object) => JSON.stringify({ Statement: [{ Effect: "Allow", ...s }] });
    expect(documentAllows(doc({ Action: "logs:*" }), CREATE_LOG_GROUP)).to.equal(true);
    expect(documentAllows(doc({ Action: ["logs:create*"] }), CREATE_LOG_GROUP)).to.equal(true);
    expect(documentAllows(doc({ Action: "*" }), CREATE_LOG_GROUP)).to.equal(true);
    expect(documentAllows(doc({ NotAction: "s3:*" }), CREATE_LOG_GROUP)).to.equal(true);
    expect(documentAllows(doc({ Action: "logs:CreateLogStream" }), CREATE_LOG_GROUP)).to.equal(
      false,
    );
    expect(documentAllows(doc({ NotAction: "logs:*" }), CREATE_LOG_GROUP)).to.equal(false);
    const denied = JSON.stringify({ Statement: [{ Effect: "Deny", Action: "logs:*" }] });
    expect(documentAllows(denied, CREATE_LOG_GROUP)).to.equal(false);
  });

  for (const stack of ["staging", "prod"]) {
    it(`${stack}, every feature on: no service role may create a log group`, async () => {
      const rec = await runWithEverything(stack);
      const docs = serviceRoleDocuments(rec);
      // Flow logs (two VPCs), the task execution and API roles, three builds, the pipeline and
      // its events role, COPY, ingest, backup and restore, and the two hosts.
      expect(docs.size, stack).to.be.at.least(15);
      const byUrn = new Map(rec.resources.map((r) => [r.urn, r.name]));
      for (const [urn, documents] of docs) {
        for (const json of documents) {
          expect(json, `${byUrn.get(urn)}: a known document`).to.be.a("string");
          expect(documentAllows(json, CREATE_LOG_GROUP), `${byUrn.get(urn)}`).to.equal(false);
        }
      }
      // The flow logs' roles write to their groups, and may not create them.
      const flowLogs = [...docs].filter(([urn]) => byUrn.get(urn)?.endsWith("flow-logs-role"));
      expect(flowLogs).to.have.length(2);
      for (const [, documents] of flowLogs) expect(documents).to.have.length.greaterThan(0);
    });
  }
});
