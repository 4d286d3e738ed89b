// The committed stacks, built by the real program under mocks: what a user cares about, checked on
// every resource the program registers, and the whole policy pack over both stacks.
import { expect } from "chai";
import { allPolicies } from "../policy-pack/policies";
import { runPolicies } from "../tools/lib/policy-runner";
import { doc, findAll, referrers, runStack } from "./helpers";

const STACKS = ["staging", "prod"] as const;
const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

for (const stack of STACKS) {
  describe(`stack ${stack}`, () => {
    it("builds, with every resource inside a platform component", async () => {
      const rec = await runStack(stack);
      expect(rec.resources.length).to.be.greaterThan(20);
      for (const r of rec.resources) {
        if (r.type.startsWith("platform:")) continue;
        expect(r.parent, `${r.type} ${r.name} has no parent component`).to.be.a("string");
      }
      const urns = rec.resources.map((r) => r.urn);
      expect(new Set(urns).size).to.equal(urns.length);
    });

    it("no compute or data route table has a default route", async () => {
      const rec = await runStack(stack);
      const privateSubnets = findAll(rec, "aws:ec2/subnet:Subnet").filter((s) =>
        ["compute", "data"].includes(s.inputs.tags?.tier),
      );
      expect(privateSubnets.length).to.be.greaterThan(0);
      for (const subnet of privateSubnets) {
        const assoc = referrers(
          rec,
          subnet,
          "subnetId",
          "aws:ec2/routeTableAssociation:RouteTableAssociation",
        );
        expect(assoc, `${subnet.name} has no explicit route table association`).to.have.length(1);
        const tableUrns = assoc[0].propertyDependencies.routeTableId ?? [];
        expect(tableUrns).to.have.length(1);
        const table = rec.resources.find((r) => r.urn === tableUrns[0])!;
        const inline = (table.inputs.routes ?? []) as any[];
        const separate = referrers(rec, table, "routeTableId", "aws:ec2/route:Route").map(
          (r) => r.inputs,
        );
        for (const route of [...inline, ...separate]) {
          expect(route.cidrBlock ?? route.destinationCidrBlock).to.not.equal("0.0.0.0/0");
          expect(route.ipv6CidrBlock ?? route.destinationIpv6CidrBlock).to.not.equal("::/0");
        }
      }
      expect(findAll(rec, "aws:ec2/natGateway:NatGateway")).to.have.length(0);
    });

    it("every bucket blocks public access and is SSE-KMS encrypted with a key of the stack", async () => {
      const rec = await runStack(stack);
      const keys = new Set(findAll(rec, "aws:kms/key:Key").map((k) => k.outputs.arn));
      const buckets = BUCKET_TYPES.flatMap((t) => findAll(rec, t));
      expect(buckets.length).to.be.at.least(3);
      for (const b of buckets) {
        const pab = referrers(
          rec,
          b,
          "bucket",
          "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        );
        expect(pab, `${b.name} public access block`).to.have.length(1);
        for (const f of [
          "blockPublicAcls",
          "blockPublicPolicy",
          "ignorePublicAcls",
          "restrictPublicBuckets",
        ]) {
          expect(pab[0].inputs[f], `${b.name} ${f}`).to.equal(true);
        }
        const sse = referrers(rec, b, "bucket").filter((r) =>
          r.type.includes("ServerSideEncryptionConfiguration"),
        );
        expect(sse, `${b.name} encryption`).to.have.length(1);
        const rule = sse[0].inputs.rules[0].applyServerSideEncryptionByDefault;
        // Documented exception: log buckets of services that support only SSE-S3.
        if (rule.sseAlgorithm === "AES256" && /-logs$/.test(b.name)) continue;
        expect(rule.sseAlgorithm, b.name).to.equal("aws:kms");
        expect(keys.has(rule.kmsMasterKeyId), `${b.name} key ${rule.kmsMasterKeyId}`).to.equal(
          true,
        );
      }
    });

    it("each producer role's policy names only its own bucket", async () => {
      const rec = await runStack(stack);
      const buckets = findAll(rec, "aws:s3/bucket:Bucket");
      const bucketOf = (producer: string) =>
        buckets.find(
          (b) => b.name.endsWith(`-${producer}-bucket`) || b.name.endsWith(`-${producer}`),
        );
      for (const producer of ["api", "ingest"]) {
        const own = bucketOf(producer);
        const other = bucketOf(producer === "api" ? "ingest" : "api");
        expect(own, `${producer} bucket`).to.not.equal(undefined);
        const role = findAll(rec, "aws:iam/role:Role").find((r) =>
          r.name.includes(`-${producer}`),
        )!;
        expect(role, `${producer} role`).to.not.equal(undefined);
        const policies = referrers(rec, role, "role", "aws:iam/rolePolicy:RolePolicy");
        expect(policies.length).to.be.at.least(1);
        const text = policies.map((p) => p.inputs.policy).join("\n");
        expect(text).to.contain(own!.outputs.arn);
        expect(text).to.not.contain(other!.outputs.arn);
        for (const s of policies.flatMap((p) => doc(p.inputs.policy).Statement)) {
          const resources = [s.Resource].flat();
          expect(resources, JSON.stringify(s)).to.not.include("*");
        }
      }
    });

    it(
      stack === "prod" ? "protects and retains data" : "leaves data unprotected (staging)",
      async () => {
        const rec = await runStack(stack);
        const data = [
          ...BUCKET_TYPES.flatMap((t) => findAll(rec, t)),
          ...findAll(rec, "aws:kms/key:Key"),
        ];
        for (const r of data) {
          expect(r.options.protect, `${r.name} protect`).to.equal(stack === "prod");
          expect(r.options.retainOnDelete, `${r.name} retainOnDelete`).to.equal(stack === "prod");
        }
      },
    );

    for (const preview of [true, false]) {
      it(`passes the whole policy pack with no mandatory violation (${preview ? "preview" : "up"})`, async () => {
        const rec = await runStack(stack, { preview });
        const report = await runPolicies(allPolicies, rec.resources);
        const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory");
        expect(mandatory.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([]);
      });
    }
  });
}
