// Storage: the producer roles, the key, and what the documents actually allow (IAM policy
// simulator).
import { expect } from "chai";
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { IngestPrincipal, OBJECT_WRITE_ACTIONS } from "../../../components/storage";
import {
  ACCOUNT,
  REGION,
  OTHER_ACCOUNT_ROLE,
  T,
  Run,
  run,
  doc,
  list,
  statement,
  storageRuns,
  SERVICE_INGEST,
  producers,
  arnOf,
} from "../../fixtures/storage";

describe("Storage: roles, key and effective access", function () {
  let up: Run;
  before(async () => {
    ({ up } = await storageRuns());
  });

  describe("producer roles", () => {
    it("may use only their own bucket, without delete, and the key only through S3", () => {
      const keyArn = arnOf(up.all(T.key)[0]);
      for (const p of producers) {
        const other = producers.find((x) => x !== p)!;
        const role = up.one(T.role, `storage-${p}-role`);
        const [rp] = up.referrers(role, T.rolePolicy, "role");
        const policy = doc(rp);
        const text = JSON.stringify(policy);
        const own = up.one(T.bucket, `storage-${p}`);
        const otherBucket = up.one(T.bucket, `storage-${other}`);
        expect(text).to.not.contain(otherBucket.outputs.bucket);
        expect(text).to.not.contain("Delete");

        const resources = policy.Statement.flatMap((s: any) => list(s.Resource));
        expect(resources).to.have.members([arnOf(own), `${arnOf(own)}/*`, keyArn]);

        const kms = statement(policy, "UseKeyThroughS3");
        expect(list(kms.Action)).to.have.members(["kms:GenerateDataKey", "kms:Decrypt"]);
        expect(kms.Condition.StringEquals).to.deep.equal({
          "kms:ViaService": `s3.${REGION}.amazonaws.com`,
        });
        expect(kms.Condition.StringLike["kms:EncryptionContext:aws:s3:arn"]).to.have.members([
          arnOf(own),
          `${arnOf(own)}/*`,
        ]);
      }
    });

    it("have no managed policies and the default session duration", () => {
      for (const role of up.all(T.role)) {
        expect(role.inputs).to.not.have.any.keys("managedPolicyArns", "maxSessionDuration");
      }
    });

    it("let the API list the whole bucket, or only under a prefix", async () => {
      const listOf = (r: Run) =>
        statement(
          doc(r.referrers(r.one(T.role, "storage-api-role"), T.rolePolicy, "role")[0]),
          "ListOwnBucket",
        );
      expect(listOf(up).Condition).to.equal(undefined);
      const prefixed = await run({ apiListPrefix: "gallery/" });
      expect(listOf(prefixed).Condition).to.deep.equal({
        StringLike: { "s3:prefix": "gallery/*" },
      });
    });

    it("trust ECS tasks of this account and region only (API)", () => {
      const trust = doc(up.one(T.role, "storage-api-role"), "assumeRolePolicy");
      expect(trust.Statement).to.have.length(1);
      expect(trust.Statement[0]).to.deep.include({
        Effect: "Allow",
        Action: "sts:AssumeRole",
        Principal: { Service: "ecs-tasks.amazonaws.com" },
      });
      expect(trust.Statement[0].Condition).to.deep.equal({
        StringEquals: { "aws:SourceAccount": ACCOUNT },
        ArnLike: { "aws:SourceArn": `arn:aws:ecs:${REGION}:${ACCOUNT}:*` },
      });
    });

    const ingestTrust = async (ingestPrincipal: IngestPrincipal) =>
      doc((await run({ ingestPrincipal })).one(T.role, "storage-ingest-role"), "assumeRolePolicy")
        .Statement;

    it("trust a service principal for ingest with aws:SourceAccount and aws:SourceArn (MSK Connect documents both)", async () => {
      const [plain] = doc(up.one(T.role, "storage-ingest-role"), "assumeRolePolicy").Statement;
      expect(plain.Principal).to.deep.equal({ Service: "kafkaconnect.amazonaws.com" });
      // Without a connector ARN: every connector of this account and region.
      expect(plain.Condition).to.deep.equal({
        StringEquals: { "aws:SourceAccount": ACCOUNT },
        ArnLike: { "aws:SourceArn": `arn:aws:kafkaconnect:${REGION}:${ACCOUNT}:connector/*` },
      });

      const connector = `arn:aws:kafkaconnect:${REGION}:${ACCOUNT}:connector/ingest/*`;
      const [scoped] = await ingestTrust({ ...SERVICE_INGEST, sourceArn: connector });
      expect(scoped.Condition).to.deep.equal({
        StringEquals: { "aws:SourceAccount": ACCOUNT },
        ArnLike: { "aws:SourceArn": connector },
      });
    });

    it("trust exactly one IAM role for ingest, with sts:ExternalId when given", async () => {
      const sameAccount = `arn:aws:iam::${ACCOUNT}:role/connect`;
      const [local] = await ingestTrust({ type: "AWS", identifier: sameAccount });
      expect(local.Principal).to.deep.equal({ AWS: sameAccount });
      expect(local.Condition).to.deep.equal({
        StringEquals: { "aws:PrincipalAccount": ACCOUNT },
      });

      const [remote] = await ingestTrust({
        type: "AWS",
        identifier: OTHER_ACCOUNT_ROLE,
        externalId: "ingest-7f3a",
      });
      expect(remote.Principal).to.deep.equal({ AWS: OTHER_ACCOUNT_ROLE });
      expect(remote.Condition).to.deep.equal({ StringEquals: { "sts:ExternalId": "ingest-7f3a" } });
    });

    it("fails closed for a role in another account without an external id", async () => {
      const trustOf = async (p: IngestPrincipal) => {
        const r = await run({ ingestPrincipal: p });
        const role = r.one(T.role, "storage-ingest-role");
        return { trust: doc(role, "assumeRolePolicy"), roleArn: arnOf(role) };
      };
      const assume = async (p: IngestPrincipal, context: Record<string, string>) => {
        const { trust, roleArn } = await trustOf(p);
        const result = await runSimulation(
          {
            identityPolicies: [
              {
                name: "caller",
                policy: {
                  Version: "2012-10-17",
                  Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: roleArn }],
                },
              },
            ],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: trust,
            request: {
              action: "sts:AssumeRole",
              principal: OTHER_ACCOUNT_ROLE,
              resource: { accountId: ACCOUNT, resource: roleArn },
              contextVariables: {
                "aws:PrincipalArn": OTHER_ACCOUNT_ROLE,
                "aws:PrincipalAccount": "210987654321",
                ...context,
              },
            },
          },
          {},
        );
        if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
        return result.overallResult;
      };
      expect(await assume({ type: "AWS", identifier: OTHER_ACCOUNT_ROLE }, {})).to.not.equal(
        "Allowed",
      );
      const withId: IngestPrincipal = {
        type: "AWS",
        identifier: OTHER_ACCOUNT_ROLE,
        externalId: "ingest-7f3a",
      };
      expect(await assume(withId, { "sts:ExternalId": "ingest-7f3a" })).to.equal("Allowed");
      expect(await assume(withId, { "sts:ExternalId": "guess" })).to.not.equal("Allowed");
    });
  });

  describe("key", () => {
    it("lets only the two producer roles use it, through S3, for their own bucket", () => {
      const key = up.all(T.key)[0];
      const policy = doc(key);
      const uses = policy.Statement.filter((s: any) =>
        list(s.Action).some((a: string) => /Decrypt|GenerateDataKey|Encrypt/.test(a)),
      );
      expect(uses).to.have.length(2);
      for (const p of producers) {
        const role = arnOf(up.one(T.role, `storage-${p}-role`));
        const bucket = arnOf(up.one(T.bucket, `storage-${p}`));
        const s = uses.find((x: any) => x.Principal.AWS === role);
        expect(s, `grant to ${p}`).to.not.equal(undefined);
        expect(list(s.Action)).to.have.members(["kms:GenerateDataKey", "kms:Decrypt"]);
        expect(s.Condition.StringEquals).to.deep.equal({
          "kms:ViaService": `s3.${REGION}.amazonaws.com`,
          "kms:CallerAccount": ACCOUNT,
        });
        expect(s.Condition.StringLike["kms:EncryptionContext:aws:s3:arn"]).to.have.members([
          bucket,
          `${bucket}/*`,
        ]);
      }
      expect(JSON.stringify(policy)).to.not.contain("logging.s3.amazonaws.com");
    });
  });

  // What the documents actually allow, evaluated by an IAM policy simulator.
  describe("effective access", () => {
    const apiRoleArn = () => arnOf(up.one(T.role, "storage-api-role"));
    const keyArn = () => arnOf(up.all(T.key)[0]);

    async function decide(
      producer: "api" | "ingest",
      principal: string,
      action: string,
      context: Record<string, string>,
      identityPolicy?: any,
      resourceSuffix = "/uploads/photo.jpg",
    ): Promise<string> {
      const bucket = up.one(T.bucket, `storage-${producer}`);
      const simulation: Simulation = {
        identityPolicies: [{ name: "identity", policy: identityPolicy }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: doc(up.referrers(bucket, T.policy)[0]),
        request: {
          action,
          principal,
          resource: { accountId: ACCOUNT, resource: `${arnOf(bucket)}${resourceSuffix}` },
          contextVariables: {
            "aws:SecureTransport": "true",
            "aws:PrincipalArn": principal,
            "aws:PrincipalAccount": ACCOUNT,
            ...context,
          },
        },
      };
      const result = await runSimulation(simulation, {});
      if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
      return result.overallResult;
    }

    const apiPolicy = () =>
      doc(up.referrers(up.one(T.role, "storage-api-role"), T.rolePolicy, "role")[0]);
    const put = (context: Record<string, string> = {}) =>
      decide("api", apiRoleArn(), "s3:PutObject", context, apiPolicy());

    it("lets the API upload with the bucket default, or naming our key", async () => {
      expect(await put()).to.equal("Allowed");
      expect(
        await put({
          "s3:x-amz-server-side-encryption": "aws:kms",
          "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn(),
        }),
      ).to.equal("Allowed");
    });

    it("denies uploads with another encryption, key or transport", async () => {
      expect(await put({ "s3:x-amz-server-side-encryption": "AES256" })).to.equal(
        "ExplicitlyDenied",
      );
      expect(await put({ "s3:x-amz-server-side-encryption": "aws:kms" })).to.equal(
        "ExplicitlyDenied",
      );
      expect(
        await put({
          "s3:x-amz-server-side-encryption": "aws:kms",
          "s3:x-amz-server-side-encryption-aws-kms-key-id": `arn:aws:kms:${REGION}:${ACCOUNT}:key/00000000-0000-0000-0000-000000000000`,
        }),
      ).to.equal("ExplicitlyDenied");
      expect(
        await put({ "s3:x-amz-server-side-encryption-customer-algorithm": "AES256" }),
      ).to.equal("ExplicitlyDenied");
      expect(await put({ "aws:SecureTransport": "false" })).to.equal("ExplicitlyDenied");
    });

    it("keeps the API out of the ingest bucket", async () => {
      expect(await decide("ingest", apiRoleArn(), "s3:PutObject", {}, apiPolicy())).to.not.equal(
        "Allowed",
      );
      expect(await decide("ingest", apiRoleArn(), "s3:GetObject", {}, apiPolicy())).to.not.equal(
        "Allowed",
      );
    });

    it("denies object writes to an administrator but leaves the bucket policy manageable", async () => {
      const admin = `arn:aws:iam::${ACCOUNT}:role/Administrator`;
      const adminPolicy = {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
      };
      expect(await decide("api", admin, "s3:PutObject", {}, adminPolicy)).to.equal(
        "ExplicitlyDenied",
      );
      expect(await decide("api", admin, "s3:DeleteObject", {}, adminPolicy)).to.equal(
        "ExplicitlyDenied",
      );
      for (const action of ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:GetObject"]) {
        const suffix = action === "s3:GetObject" ? "/uploads/photo.jpg" : "";
        expect(await decide("api", admin, action, {}, adminPolicy, suffix), action).to.equal(
          "Allowed",
        );
      }
    });

    it("denies every listed object write to others", () => {
      expect(OBJECT_WRITE_ACTIONS).to.include.members(["s3:PutObject", "s3:DeleteObjectVersion"]);
    });
  });
});
