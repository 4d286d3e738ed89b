// Resource policies inline on aws-native resources or in their own aws-native types, judged by the
// classic twins' rules (policy-pack/lib/native/twins.ts): a Backup vault's accessPolicy, an event
// bus's policy and an EventBusPolicy (whole statement or PutPermission's principal and condition)
// by resource-policy-not-public; an OpenSearch domain's accessPolicies by
// opensearch-domain-policy-not-public. Each compliant fixture passes; each is then opened to "*".
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const ACCOUNT = "123456789012";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;
const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const grant = (Action: string, Resource: string, Principal: unknown = { AWS: ROLE }) =>
  doc({ Effect: "Allow", Principal, Action, Resource });
const VAULT_ARN = `arn:aws:backup:eu-west-1:${ACCOUNT}:backup-vault:main`;
const BUS_ARN = `arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/orders`;

describe("aws-native Backup vaults and event buses: resource-policy-not-public", () => {
  const rule = policy("resource-policy-not-public");
  const vault = (principal?: unknown) =>
    res(n.NATIVE_BACKUP_VAULT, "vault", {
      backupVaultName: "main",
      accessPolicy: grant("backup:CopyIntoBackupVault", VAULT_ARN, principal),
    });
  const bus = (principal?: unknown) =>
    res(n.NATIVE_EVENTS_EVENT_BUS, "orders", {
      name: "orders",
      policy: grant("events:PutEvents", BUS_ARN, principal),
    });
  const busPolicy = (inputs: Record<string, unknown>) =>
    res(n.NATIVE_EVENTS_EVENT_BUS_POLICY, "orders-policy", {
      eventBusName: "orders",
      statementId: "partners",
      ...inputs,
    });
  const orgCondition = { type: "StringEquals", key: "aws:PrincipalOrgID", value: "o-abc123def4" };

  it("policies naming a role, an account, or * pinned to an organization pass", async () => {
    await expectClean(rule, [
      vault(),
      bus(),
      busPolicy({ statement: grant("events:PutEvents", BUS_ARN).Statement[0] }),
    ]);
    await expectClean(rule, [busPolicy({ principal: ACCOUNT, action: "events:PutEvents" })]);
    await expectClean(rule, [busPolicy({ principal: "*", condition: orgCondition })]);
  });
  it("a Backup vault's accessPolicy to Principal * is reported", async () => {
    const found = await violationsOf("resource-policy-not-public", [vault("*")]);
    expect(found).to.have.length(1);
    expect(found[0]).to.match(/^vault: /);
  });
  it("an event bus's policy to Principal * is reported", async () => {
    const found = await violationsOf("resource-policy-not-public", [bus({ AWS: "*" })]);
    expect(found).to.have.length(1);
    expect(found[0]).to.match(/^orders: /);
  });
  it("an EventBusPolicy statement to Principal * is reported", async () => {
    const statement = grant("events:PutEvents", BUS_ARN, "*").Statement[0];
    expect(
      await violationsOf("resource-policy-not-public", [busPolicy({ statement })]),
    ).to.have.length(1);
  });
  it("an EventBusPolicy with principal * and no condition is reported", async () => {
    const found = await violationsOf("resource-policy-not-public", [
      busPolicy({ principal: "*", action: "events:PutEvents" }),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.match(/^orders-policy: /);
  });
  it("an EventBusPolicy whose condition pins nothing (a wildcard organization) is reported", async () => {
    const found = await violationsOf("resource-policy-not-public", [
      busPolicy({
        principal: "*",
        condition: { type: "StringLike", key: "aws:PrincipalOrgID", value: "*" },
      }),
    ]);
    expect(found).to.have.length(1);
  });
  it("a vault's accessPolicy unknown at preview is a preview note, not a pass", async () => {
    const v = res(n.NATIVE_BACKUP_VAULT, "vault", {
      backupVaultName: "main",
      accessPolicy: UNKNOWN,
    });
    expect(await previewNotes(rule, [v])).to.have.length(1);
  });
});

describe("aws-native OpenSearch domains: opensearch-domain-policy-not-public", () => {
  const rule = policy("opensearch-domain-policy-not-public");
  const DOMAIN_ARN = `arn:aws:es:eu-west-1:${ACCOUNT}:domain/search/*`;
  const domain = (principal?: unknown, over: Record<string, unknown> = {}) =>
    res(n.NATIVE_OPENSEARCH_DOMAIN, "search", {
      domainName: "search",
      accessPolicies: grant("es:ESHttp*", DOMAIN_ARN, principal),
      ...over,
    });

  it("a public-endpoint domain whose accessPolicies name a role passes", async () => {
    await expectClean(rule, [domain()]);
  });
  it("a public-endpoint domain open to Principal * is reported", async () => {
    const found = await violationsOf("opensearch-domain-policy-not-public", [domain("*")]);
    expect(found).to.have.length(1);
    expect(found[0]).to.match(/^search: /);
  });
  it("a domain in a VPC (vpcOptions.subnetIds) may take the open policy", async () => {
    const vpc = { vpcOptions: { subnetIds: ["subnet-0abc"], securityGroupIds: ["sg-0abc"] } };
    await expectClean(rule, [domain("*", vpc)]);
  });
  it("accessPolicies unknown at preview is a preview note, not a pass", async () => {
    const notes = await previewNotes(rule, [domain(undefined, { accessPolicies: UNKNOWN })]);
    expect(notes).to.have.length(1);
  });
});
