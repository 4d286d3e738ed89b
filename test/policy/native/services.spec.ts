// aws-native service types whose CloudFormation properties keep the classic names
// (policy-pack/lib/native/twins-services.ts), judged by their single-type mandatory rules: the
// customer-managed keys of EventBridge archives, Scheduler schedules, CodeArtifact domains,
// Timestream databases, MWAA environments and Redshift Serverless namespaces; AppSync API cache
// encryption; and the exposure of MWAA web servers, Redshift Serverless workgroups, Cognito
// identity pools, and a namespace's admin password written in the program. A compliant resource
// passes; each case then breaks one field, and a value unknown at preview is a preview note.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const key = res(n.NATIVE_KMS_KEY, "data-key", { enableKeyRotation: true });

interface Case {
  readonly rule: string;
  readonly type: string;
  readonly inputs: Record<string, unknown>;
  /** The property read, and whether it holds a key (referenced from the stack's key). */
  readonly prop: string;
  readonly keyed?: boolean;
  /** An unknown value is still a value the program sets: reported, not a preview note. */
  readonly unknownIsSet?: boolean;
  readonly broken: [Record<string, unknown>, string][];
}

const cases: Case[] = [
  {
    rule: "eventbridge-archive-kms-cmk",
    type: n.NATIVE_EVENTS_ARCHIVE,
    inputs: { sourceArn: "arn:aws:events:eu-west-1:123456789012:event-bus/orders" },
    prop: "kmsKeyIdentifier",
    keyed: true,
    broken: [[{ kmsKeyIdentifier: undefined }, 'EventBridge archive "s"']],
  },
  {
    rule: "scheduler-schedule-kms-cmk",
    type: n.NATIVE_SCHEDULER_SCHEDULE,
    inputs: { scheduleExpression: "rate(1 hour)", flexibleTimeWindow: { mode: "OFF" } },
    prop: "kmsKeyArn",
    keyed: true,
    broken: [[{ kmsKeyArn: undefined }, "an AWS-owned key"]],
  },
  {
    rule: "codeartifact-domain-kms-cmk",
    type: n.NATIVE_CODEARTIFACT_DOMAIN,
    inputs: { domainName: "packages" },
    prop: "encryptionKey",
    keyed: true,
    broken: [
      [{ encryptionKey: undefined }, "aws/codeartifact"],
      [{ encryptionKey: "alias/aws/codeartifact" }, "alias/aws/codeartifact"],
    ],
  },
  {
    rule: "timestream-database-kms-cmk",
    type: n.NATIVE_TIMESTREAM_DATABASE,
    inputs: { databaseName: "metrics" },
    prop: "kmsKeyId",
    keyed: true,
    broken: [[{ kmsKeyId: undefined }, "aws/timestream"]],
  },
  {
    rule: "mwaa-environment-kms-cmk",
    type: n.NATIVE_MWAA_ENVIRONMENT,
    inputs: { name: "airflow", webserverAccessMode: "PRIVATE_ONLY" },
    prop: "kmsKey",
    keyed: true,
    broken: [[{ kmsKey: undefined }, "an AWS-owned key"]],
  },
  {
    rule: "redshift-serverless-namespace-kms-cmk",
    type: n.NATIVE_REDSHIFTSERVERLESS_NAMESPACE,
    inputs: { namespaceName: "analytics" },
    prop: "kmsKeyId",
    keyed: true,
    broken: [
      [{ kmsKeyId: undefined }, "an AWS-owned key"],
      [{ kmsKeyId: "alias/aws/redshift" }, "alias/aws/redshift"],
    ],
  },
  {
    rule: "appsync-api-cache-encrypted",
    type: n.NATIVE_APPSYNC_API_CACHE,
    inputs: { apiId: "api", type: "SMALL", ttl: 300, apiCachingBehavior: "FULL_REQUEST_CACHING" },
    prop: "atRestEncryptionEnabled",
    broken: [[{ atRestEncryptionEnabled: false }, "atRestEncryptionEnabled is not true"]],
  },
  {
    rule: "mwaa-environment-not-public",
    type: n.NATIVE_MWAA_ENVIRONMENT,
    inputs: { name: "airflow" },
    prop: "webserverAccessMode",
    broken: [[{ webserverAccessMode: "PUBLIC_ONLY" }, 'webserverAccessMode is "PUBLIC_ONLY"']],
  },
  {
    rule: "redshift-serverless-workgroup-not-public",
    type: n.NATIVE_REDSHIFTSERVERLESS_WORKGROUP,
    inputs: { workgroupName: "analytics", namespaceName: "analytics" },
    prop: "publiclyAccessible",
    broken: [[{ publiclyAccessible: true }, "publiclyAccessible is true"]],
  },
  {
    rule: "cognito-identity-pool-no-unauthenticated",
    type: n.NATIVE_COGNITO_IDENTITY_POOL,
    inputs: { identityPoolName: "app" },
    prop: "allowUnauthenticatedIdentities",
    broken: [[{ allowUnauthenticatedIdentities: true }, "guests get AWS credentials"]],
  },
  {
    rule: "redshift-serverless-namespace-managed-admin-password",
    type: n.NATIVE_REDSHIFTSERVERLESS_NAMESPACE,
    inputs: { namespaceName: "analytics", adminUsername: "admin" },
    prop: "adminUserPassword",
    unknownIsSet: true,
    broken: [[{ adminUserPassword: "hunter2hunter2" }, "adminUserPassword is set by the program"]],
  },
];

/** The compliant value of a case's property: the stack's key, or what the rule asks for. */
const compliant: Record<string, unknown> = {
  atRestEncryptionEnabled: true,
  webserverAccessMode: "PRIVATE_ONLY",
  publiclyAccessible: false,
  allowUnauthenticatedIdentities: false,
  adminUserPassword: undefined,
};

describe("aws-native service types held to their single-type mandatory rules", () => {
  for (const c of cases) {
    const make = (over: Record<string, unknown> = {}) =>
      res(
        c.type,
        "s",
        { ...c.inputs, [c.prop]: c.keyed ? KEY_ARN : compliant[c.prop], ...over },
        c.keyed ? { refs: { [c.prop]: [key] } } : {},
      );
    describe(`${c.type} (${c.rule})`, () => {
      it("compliant: passes", async () => {
        await expectClean(policy(c.rule), [key, make()]);
      });
      for (const [over, fragment] of c.broken) {
        const what = Object.entries(over).map(([k, v]) => `${k} ${JSON.stringify(v) ?? "unset"}`);
        it(`${what.join(", ")}: reported`, async () => {
          const found = await violationsOf(c.rule, [key, make(over)]);
          expect(found).to.have.length(1);
          expect(found[0]).to.contain(fragment);
        });
      }
      it(`${c.prop} unknown at preview: ${c.unknownIsSet ? "reported" : "a preview note"}`, async () => {
        const other = res(n.NATIVE_SQS_QUEUE, "other", {});
        const unknown = { ...c.inputs, [c.prop]: UNKNOWN };
        const s = res(c.type, "s", unknown, { refs: { [c.prop]: [other] } });
        if (c.unknownIsSet) {
          expect(await violationsOf(c.rule, [other, s])).to.have.length(1);
        } else {
          expect(await previewNotes(policy(c.rule), [other, s])).to.have.length(1);
        }
      });
    });
  }
});
