// Storage: its children, outputs, protection and arguments; what every bucket guarantees.
import { expect } from "chai";
import { UNKNOWN } from "../../../tools/lib/recorder";
import {
  T,
  Run,
  run,
  doc,
  statement,
  storageRuns,
  producers,
  bucketsOf,
  arnOf,
} from "../../fixtures/storage";

describe("Storage: layout and arguments", function () {
  let up: Run;
  let preview: Run;
  before(async () => {
    ({ up, preview } = await storageRuns());
  });

  describe("layout", () => {
    it("creates a bucket per producer and one log bucket", () => {
      expect(bucketsOf(up).map((b) => b.name)).to.have.members([
        "storage-api",
        "storage-ingest",
        "storage-logs",
      ]);
      expect(up.all(T.role).map((r) => r.name)).to.have.members([
        "storage-api-role",
        "storage-ingest-role",
      ]);
      expect(up.all(T.key)).to.have.length(1);
    });

    it("parents every child under the component and names it <name>-<role>", () => {
      const component = up.one(T.storage, "storage");
      for (const r of up.resources.filter((x) => x !== component)) {
        expect(r.name, r.type).to.match(/^storage-/);
        expect(r.parent, r.name).to.not.equal(undefined);
      }
      const direct = up.resources.filter((r) => r.parent === component.urn);
      expect(direct.map((r) => r.type)).to.include.members([T.bucket, T.role, T.policy]);
      const keyComponent = up.one("platform:security:EncryptionKey", "storage-key");
      expect(keyComponent.parent).to.equal(component.urn);
      expect(up.all(T.key)[0].parent).to.equal(keyComponent.urn);
    });

    it("two instances do not collide", async () => {
      const other = await run({}, { name: "archive" });
      expect(bucketsOf(other).map((b) => b.name)).to.have.members([
        "archive-api",
        "archive-ingest",
        "archive-logs",
      ]);
    });

    it("tags every bucket and role with the given tags and a Name", () => {
      for (const r of [...bucketsOf(up), ...up.all(T.role)]) {
        expect(r.inputs.tags).to.include({ environment: "staging", Name: r.name });
      }
    });

    it("registers every output", () => {
      const outputs = up.one(T.storage, "storage").outputs;
      expect(outputs).to.have.all.keys(
        "keyArn",
        "apiBucketName",
        "apiBucketArn",
        "ingestBucketName",
        "ingestBucketArn",
        "logBucketName",
        "logBucketArn",
        "apiRoleArn",
        "apiRoleName",
        "ingestRoleArn",
        "ingestRoleName",
      );
      expect(outputs.apiBucketArn).to.equal(arnOf(up.one(T.bucket, "storage-api")));
      expect(outputs.keyArn).to.equal(arnOf(up.all(T.key)[0]));
    });
  });

  describe("every bucket", () => {
    for (const mode of ["preview", "up"] as const) {
      it(`has a public-access block with all four flags true (${mode})`, () => {
        const r = mode === "up" ? up : preview;
        for (const bucket of bucketsOf(r)) {
          const blocks = r.referrers(bucket, T.publicAccess);
          expect(blocks, bucket.name).to.have.length(1);
          expect(blocks[0].inputs).to.include({
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
          });
        }
      });
    }

    it("enforces bucket-owner object ownership and versioning", () => {
      for (const bucket of bucketsOf(preview)) {
        const [ownership] = preview.referrers(bucket, T.ownership);
        expect(ownership.inputs.rule.objectOwnership).to.equal("BucketOwnerEnforced");
        const [versioning] = preview.referrers(bucket, T.versioning);
        expect(versioning.inputs.versioningConfiguration.status).to.equal("Enabled");
      }
    });

    it("is force-destroyed only when its data is unprotected (staging), never when protected", async () => {
      for (const bucket of bucketsOf(up)) expect(bucket.inputs.forceDestroy).to.equal(true);
      const prot = await run({ protect: true });
      for (const bucket of bucketsOf(prot)) expect(bucket.inputs.forceDestroy).to.equal(false);
    });

    it("denies requests that are not TLS", () => {
      for (const bucket of bucketsOf(up)) {
        const [policy] = up.referrers(bucket, T.policy);
        const s = statement(doc(policy), "DenyInsecureTransport");
        expect(s).to.deep.include({ Effect: "Deny", Principal: "*", Action: "s3:*" });
        expect(s.Resource).to.have.members([arnOf(bucket), `${arnOf(bucket)}/*`]);
        expect(s.Condition).to.deep.equal({ Bool: { "aws:SecureTransport": "false" } });
      }
    });

    it("keeps the resources a policy was built from as its dependencies at preview", () => {
      for (const p of producers) {
        const bucket = preview.one(T.bucket, `storage-${p}`);
        const [policy] = preview.referrers(bucket, T.policy);
        expect(policy.inputs.policy).to.equal(UNKNOWN);
        expect(policy.propertyDependencies.policy).to.include.members([
          bucket.urn,
          preview.one(T.role, `storage-${p}-role`).urn,
          preview.all(T.key)[0].urn,
        ]);
        const [rolePolicy] = preview.referrers(bucket, T.rolePolicy, "policy");
        expect(rolePolicy.name).to.equal(`storage-${p}-role-policy`);
      }
    });

    it("makes its bucket policy wait for the public-access block", () => {
      for (const bucket of bucketsOf(preview)) {
        const [policy] = preview.referrers(bucket, T.policy);
        const [block] = preview.referrers(bucket, T.publicAccess);
        expect(policy.dependencies).to.include(block.urn);
      }
    });
  });

  describe("protection", () => {
    it("protects and retains buckets and the key when protect is true", async () => {
      const prod = await run({ protect: true });
      for (const r of [...prod.all(T.bucket), ...prod.all(T.key)]) {
        expect(r.options, r.name).to.include({ protect: true, retainOnDelete: true });
      }
    });

    it("leaves them unprotected by default", () => {
      for (const r of [...up.all(T.bucket), ...up.all(T.key)]) {
        expect(r.options, r.name).to.include({ protect: false, retainOnDelete: false });
      }
    });
  });

  describe("arguments", () => {
    it("rejects bad arguments with every problem named", async () => {
      let error: unknown;
      try {
        await run(
          {
            objectExpirationDays: 0,
            noncurrentVersionExpirationDays: 1.5,
            ingestPrincipal: { type: "Service", identifier: "kafka connect", externalId: "x1" },
            apiListPrefix: "/gallery*",
          },
          { name: "Storage" },
        );
      } catch (e) {
        error = e;
      }
      const message = String(error);
      for (const key of [
        "name",
        "objectExpirationDays",
        "noncurrentVersionExpirationDays",
        "ingestPrincipal.identifier",
        "ingestPrincipal.externalId",
        "apiListPrefix",
      ]) {
        expect(message).to.contain(`${key}:`);
      }
    });
  });
});
