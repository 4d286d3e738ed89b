// Analytics: the COPY role's trust and what it can do (IAM policy simulator); invalid arguments.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { createValidatedPolicy, validateResourcePolicy } from "@cloud-copilot/iam-policy";
import { runSimulation, runUnsafeSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { Analytics, freeIpsNeeded, isValidBaseRpu } from "../../../components/analytics";
import { record, Recording, UNKNOWN } from "../../../tools/lib/recorder";
import { doc, findAll, findOne, referrers } from "../../helpers";
import { ACCOUNT, REGION, T, base, buildError, analyticsRuns } from "../../fixtures/analytics";

describe("Analytics (component): COPY role and arguments", function () {
  let staging: Recording;
  before(async () => {
    ({ staging } = await analyticsRuns());
  });

  it("gives the COPY role a trust that admits this account's Redshift Serverless users, as Redshift presents them", async () => {
    const role = findOne(staging, T.role, "an-copy-role");
    const trust = doc(role.inputs.assumeRolePolicy);
    const [statement] = trust.Statement;
    expect(statement.Principal.Service).to.have.members([
      "redshift-serverless.amazonaws.com",
      "redshift.amazonaws.com",
    ]);
    // Redshift Management Guide, "Restricting access to IAM roles": the external id is the calling
    // database user's ARN; for Redshift Serverless
    // arn:aws:redshift:<region>:<account>:dbuser:serverless-<account>-<workgroup id>/<user>.
    const workgroupId = "7c2f9a4e-0b1d-4c3e-9f5a-2d8e6b1a0c47";
    const serverless = (account: string, region = REGION, user = "etl_loader") =>
      `arn:aws:redshift:${region}:${account}:dbuser:serverless-${account}-${workgroupId}/${user}`;
    const assume = async (externalId: string) => {
      const result = await runSimulation(
        {
          identityPolicies: [],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          resourcePolicy: trust,
          request: {
            action: "sts:AssumeRole",
            principal: "redshift-serverless.amazonaws.com",
            resource: { accountId: ACCOUNT, resource: role.outputs.arn },
            contextVariables: { "sts:ExternalId": externalId },
          },
        },
        {},
      );
      if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
      return result.overallResult;
    };
    expect(await assume(serverless(ACCOUNT)), "a user of this account's workgroup").to.equal(
      "Allowed",
    );
    expect(await assume(serverless("210987654321")), "another account").to.not.equal("Allowed");
    expect(await assume(serverless(ACCOUNT, "us-east-1")), "another region").to.not.equal(
      "Allowed",
    );
    // The form the trust used to expect (the workgroup's name) is not what Redshift Serverless sends.
    expect(
      await assume(`arn:aws:redshift:${REGION}:${ACCOUNT}:dbuser:platform-test/etl_loader`),
      "a provisioned-cluster-style user",
    ).to.not.equal("Allowed");
    expect(role.inputs.tags["waiver:iam-trust-policy-confused-deputy-unverified"]).to.match(
      /sts:ExternalId/,
    );
    // IAM tag values allow letters, digits, spaces and _ . : / = + - @ only.
    for (const v of Object.values(role.inputs.tags as Record<string, string>)) {
      expect(v).to.match(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u);
    }
    const ns = findOne(staging, T.namespace, "an-namespace");
    expect(ns.inputs.iamRoles).to.deep.equal([role.outputs.arn]);
    expect(ns.inputs.defaultIamRoleArn).to.equal(role.outputs.arn);
  });

  describe("what the COPY role can and cannot do (IAM policy simulator)", () => {
    let world: {
      role: string;
      identity: unknown;
      buckets: Record<"api" | "ingest" | "logs", string>;
      bucketPolicies: Map<string, unknown>;
      keyArn: string;
      keyPolicy: unknown;
    };
    before(() => {
      const role = findOne(staging, T.role, "an-copy-role");
      const [policy] = referrers(staging, role, "role", T.rolePolicy);
      const bucket = (n: string) => findOne(staging, T.bucket, n).outputs.arn as string;
      const buckets = {
        api: bucket("st-api"),
        ingest: bucket("st-ingest"),
        logs: bucket("st-logs"),
      };
      const bucketPolicies = new Map<string, unknown>();
      for (const bp of findAll(staging, T.bucketPolicy)) {
        const b = staging.resources.find((r) => r.urn === bp.propertyDependencies.bucket?.[0])!;
        bucketPolicies.set(b.outputs.arn, JSON.parse(bp.inputs.policy));
      }
      const key = findOne(staging, T.key, "st-key-key");
      expect(policy.inputs.policy).to.not.equal(UNKNOWN);
      world = {
        role: role.outputs.arn,
        identity: JSON.parse(policy.inputs.policy),
        buckets,
        bucketPolicies,
        keyArn: key.outputs.arn,
        keyPolicy: JSON.parse(key.inputs.policy),
      };
    });

    async function decide(action: string, resource: string, context: Record<string, string> = {}) {
      const s3 = /^arn:aws:s3:::([^/]+)/.exec(resource);
      const resourcePolicy = s3
        ? world.bucketPolicies.get(`arn:aws:s3:::${s3[1]}`)
        : world.keyPolicy;
      const sim = (vars: Record<string, string>): Simulation => ({
        identityPolicies: [{ name: "copy", policy: world.identity }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy,
        request: {
          principal: world.role,
          action,
          resource: { accountId: ACCOUNT, resource },
          contextVariables: {
            "aws:SecureTransport": "true",
            "aws:PrincipalArn": world.role,
            "aws:PrincipalAccount": ACCOUNT,
            ...vars,
          },
        },
      });
      // As in the access matrix: the validated engine drops kms:EncryptionContext:* keys, so those
      // requests are decided by the unvalidated engine with a validated resource policy.
      if (!Object.keys(context).some((k) => k.startsWith("kms:EncryptionContext:"))) {
        const result = await runSimulation(sim(context), {});
        if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
        return result.overallResult;
      }
      const unsafe = sim(context);
      unsafe.resourcePolicy = createValidatedPolicy(unsafe.resourcePolicy, validateResourcePolicy, {
        name: "ResourcePolicy",
      });
      return runUnsafeSimulation(unsafe, {});
    }
    const viaS3 = (bucket: string) => ({
      "kms:ViaService": `s3.${REGION}.amazonaws.com`,
      "kms:CallerAccount": ACCOUNT,
      "kms:EncryptionContext:aws:s3:arn": bucket,
    });

    it("reads and lists both upload buckets and decrypts their objects through S3", async () => {
      for (const b of [world.buckets.api, world.buckets.ingest]) {
        expect(await decide("s3:GetObject", `${b}/uploads/a.json`)).to.equal("Allowed");
        expect(await decide("s3:ListBucket", b)).to.equal("Allowed");
        expect(await decide("kms:Decrypt", world.keyArn, viaS3(b))).to.equal("Allowed");
      }
    });

    it("cannot write, delete or read anything else, nor use the key outside S3", async () => {
      for (const b of [world.buckets.api, world.buckets.ingest]) {
        for (const a of ["s3:PutObject", "s3:DeleteObject", "s3:PutObjectAcl"]) {
          expect(await decide(a, `${b}/x`), a).to.not.equal("Allowed");
        }
        expect(await decide("s3:DeleteBucket", b)).to.not.equal("Allowed");
        expect(await decide("s3:PutBucketPolicy", b)).to.not.equal("Allowed");
      }
      expect(await decide("s3:GetObject", `${world.buckets.logs}/api/x`)).to.not.equal("Allowed");
      expect(
        await decide("kms:Decrypt", world.keyArn, { "kms:CallerAccount": ACCOUNT }),
      ).to.not.equal("Allowed");
      expect(
        await decide("kms:GenerateDataKey", world.keyArn, viaS3(world.buckets.api)),
      ).to.not.equal("Allowed");
      expect(await decide("kms:Decrypt", world.keyArn, viaS3(world.buckets.logs))).to.not.equal(
        "Allowed",
      );
    });
  });

  it("rejects what AWS would reject, before registering anything", async () => {
    const message = await buildError({
      dataSubnetIds: ["a", "b"],
      baseRpu: 12,
      maxRpu: 4,
      usageLimit: { rpuHours: 0, period: "hourly" as any, breachAction: "log" as any },
      adminUsername: "admin",
      dbName: "dev",
      clients: [],
    });
    for (const part of [
      "dataSubnetIds: 2 subnet(s); Redshift Serverless with enhanced VPC routing needs at least 3 subnets, one per availability zone (in us-west-1 sharing its two)",
      "baseRpu: 12",
      "maxRpu: 4",
      "usageLimit.rpuHours: 0",
      'usageLimit.period: "hourly"',
      'usageLimit.breachAction: "log"',
      'adminUsername: "admin"',
      'dbName: "dev"',
      "clients: at least one",
    ]) {
      expect(message).to.include(part);
    }
    const rec = await record({ project: "platform", stack: "test" }, () => {
      try {
        new Analytics("an", {
          ...base,
          dataSubnetIds: ["a"],
          copySourceBucketArns: ["arn:aws:s3:::a"],
          copySourceKeyArn: "k",
        });
      } catch {
        /* expected */
      }
    });
    expect(rec.resources).to.deep.equal([]);
  });

  it("takes the admin secret's key as a key ARN only, as AWS reports it", async () => {
    const keyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expect(await buildError({ adminPasswordSecretKmsKeyId: keyArn })).to.equal("");
    expect(
      await buildError({
        adminPasswordSecretKmsKeyId:
          "arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab",
      }),
    ).to.equal("");
    // The other partitions' key ARNs (China, GovCloud).
    for (const partition of ["aws-cn", "aws-us-gov"]) {
      const region = partition === "aws-cn" ? "cn-north-1" : "us-gov-west-1";
      const given = `arn:${partition}:kms:${region}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
      expect(await buildError({ adminPasswordSecretKmsKeyId: given }), given).to.equal("");
    }
    // An alias ARN passes the provider's ARN type, then updates the namespace on every pulumi up
    // (hashicorp/terraform-provider-aws#45683).
    for (const given of [
      "arn:aws:kms:eu-west-1:123456789012:alias/platform-secrets",
      "arn:aws-cn:kms:cn-north-1:123456789012:alias/platform-secrets",
    ]) {
      const message = await buildError({ adminPasswordSecretKmsKeyId: given });
      expect(message, given).to.include(
        `adminPasswordSecretKmsKeyId: "${given}" must be a key ARN`,
      );
      expect(message, given).to.include("update the namespace on every pulumi up");
    }
    // Another service's ARN is no key at all.
    const bucket = "arn:aws:s3:::platform-secrets";
    expect(await buildError({ adminPasswordSecretKmsKeyId: bucket })).to.include(
      "this is not the ARN of a KMS key",
    );
    // A bare key id or alias name is refused by the provider's ARN type at preview.
    for (const given of ["alias/platform-secrets", "1234abcd-12ab-34cd-56ef-1234567890ab"]) {
      const message = await buildError({ adminPasswordSecretKmsKeyId: given });
      expect(message, given).to.include(
        `adminPasswordSecretKmsKeyId: "${given}" must be a key ARN`,
      );
      expect(message, given).to.include("refuses a key id or an alias/ name at preview");
    }
    // Known only at deploy time: not judged here.
    expect(
      await buildError({ adminPasswordSecretKmsKeyId: pulumi.output("alias/platform-secrets") }),
    ).to.equal("");
  });

  it("knows the capacity rules it validates against", () => {
    expect([8, 16, 512].every(isValidBaseRpu)).to.equal(true);
    expect([0, 4, 12, 520, 8.5].some(isValidBaseRpu)).to.equal(false);
    // Redshift docs table: 32 → 13, 64 → 21, 128 → 37, 256 → 69, 512 → 133 free addresses.
    expect([32, 64, 128, 256, 512].map(freeIpsNeeded)).to.deep.equal([13, 21, 37, 69, 133]);
  });
});
