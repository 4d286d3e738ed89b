// Analytics as the program builds it in the committed stacks.
import { expect } from "chai";
import { Recording } from "../../../tools/lib/recorder";
import { doc, findAll, referrers, runStack } from "../../helpers";
import { T } from "../../fixtures/analytics";

describe("Analytics in the committed stacks", function () {
  for (const stack of ["staging", "prod"] as const) {
    describe(`Analytics in the ${stack} stack`, () => {
      let rec: Recording;
      before(async () => {
        rec = await runStack(stack);
      });

      it("spans three AZs of data subnets, so Redshift Serverless can be created", () => {
        const wg = findAll(rec, T.workgroup)[0];
        const subnets = wg.propertyDependencies.subnetIds.map((u) =>
          rec.resources.find((r) => r.urn === u)!,
        );
        expect(subnets).to.have.length(3);
        for (const s of subnets) expect(s.inputs.tags.tier).to.equal("data");
        expect(new Set(subnets.map((s) => s.inputs.availabilityZone)).size).to.equal(3);
      });

      it("admits 5439 only from the tunnel host's and the compute tasks' security groups", () => {
        const wg = findAll(rec, T.workgroup)[0];
        const sg = rec.resources.find(
          (r) => r.urn === wg.propertyDependencies.securityGroupIds[0],
        )!;
        const sources = referrers(rec, sg, "securityGroupId", T.ingress).map((r) => {
          expect(r.inputs).to.include({ fromPort: 5439, toPort: 5439 });
          return rec.resources.find(
            (x) => x.urn === r.propertyDependencies.referencedSecurityGroupId[0],
          )!.name;
        });
        expect(sources.sort()).to.deep.equal([
          `${stack}-access-host-sg`,
          `${stack}-runtime-task-sg`,
        ]);
      });

      it("has a usage limit sized for the stack", () => {
        const [limit] = findAll(rec, T.usageLimit);
        expect(limit.inputs).to.include({ breachAction: "deactivate", period: "daily" });
        expect(limit.inputs.amount).to.equal(stack === "prod" ? 256 : 16);
        const wg = findAll(rec, T.workgroup)[0];
        expect(wg.inputs.baseCapacity).to.equal(stack === "prod" ? 32 : 8);
      });

      it("lets the storage key decrypt for the COPY role only through S3", () => {
        const role = findAll(rec, T.role).find((r) => r.name.endsWith("-analytics-copy-role"))!;
        const key = findAll(rec, T.key).find((k) => k.name === `${stack}-storage-key-key`)!;
        const readers = doc(key.inputs.policy).Statement.find(
          (s) => s.Sid === "ReadersDecryptThroughS3",
        );
        expect(readers.Principal.AWS).to.equal(role.outputs.arn);
        expect(readers.Action).to.equal("kms:Decrypt");
        expect(readers.Condition.StringEquals["kms:ViaService"]).to.equal(
          "s3.eu-west-1.amazonaws.com",
        );
        expect(key.dependencies).to.include(role.urn);
      });
    });
  }
});
