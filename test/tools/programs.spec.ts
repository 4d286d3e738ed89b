// The Pulumi programs people actually have, run offline through their own language host as
// `pulumi preview` would (test/fixtures/programs; each fixture says what it mirrors): async mains
// and stack references, data sources, transforms, source positions and images (the templates,
// tsconfig, ES modules and entry points: programs-entry-points.spec.ts; their own dependencies and
// remote components: programs-dependencies.spec.ts; the account a stack's provider names:
// programs-account.spec.ts).
// Driven through the engine (`checkStack`, `runProgram`); the ways a run goes wrong are in
// programs-failures.spec.ts, what the CLI decides in programs-cli.spec.ts. All runs are queued up
// front on a pool of two and awaited by the tests, so independent programs run side by side.
import { expect } from "chai";
import * as path from "path";
import { ProgramError } from "../../tools/check/run";
import { providerRegion } from "../../tools/check/stack-provider";
import {
  byName,
  findings,
  FIXTURES,
  lineOf,
  QueuedRuns,
  sourceFile,
  stackOutputs,
  withoutRegionEnv,
} from "./program-runs";

const runs = new QueuedRuns();
const check = runs.check.bind(runs);

describe("real-world program shapes, offline", function () {
  this.timeout(300_000);

  withoutRegionEnv();
  before(() => {
    // Everything the tests below await, queued in the order they come.
    runs.queueCheck("async-main", ["preview", "apply"]);
    runs.queueCheck("invokes", ["apply"]);
    runs.queueCheck("explicit-provider-region", ["apply"]);
    runs.queueCheck("awsx-default-vpc");
    runs.queueCheck("apply-only-build", ["preview", "apply"]);
    runs.queueCheck("fail-apply-only", ["preview", "apply"]);
    runs.queueCheck("transforms", ["preview", "apply"]);
    runs.queueCheck("static-website");
    runs.queueCheck("docker-image-task", ["preview", "apply"]);
  });

  describe("async main, stack references, components", () => {
    it("the async main's result is the stack's outputs; its component's children are parented", async () => {
      const r = await check("async-main", ["preview", "apply"]);
      expect(stackOutputs(r).accountId).to.equal("123456789012");
      const component = byName(r, "acme:storage:PrivateBucket", "uploads");
      for (const type of [
        "aws:s3/bucket:Bucket",
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
      ]) {
        const child = r.resources.find((x) => x.type === type && x.parent === component.urn);
        expect(child, type).to.not.equal(undefined);
        expect(child!.urn).to.contain("acme:storage:PrivateBucket$");
      }
      // Component children satisfy the bucket rules they cover.
      expect(findings(r, "s3-bucket-public-access-block", "uploads")).to.deep.equal([]);
    });

    it("a wildcard statement next to a stack ARN is caught in the apply phase", async () => {
      const r = await check("async-main", ["preview", "apply"]);
      const [wildcard] = findings(r, "iam-no-wildcard-actions", "task-access");
      expect(wildcard).to.include({ enforcementLevel: "mandatory", phase: "apply" });
      expect(wildcard.phases).to.deep.equal(["apply"]);
    });

    it("a resource created inside apply is listed and judged as `pulumi up` sees it", async () => {
      const r = await check("async-main", ["preview", "apply"]);
      const counts = Object.fromEntries(r.phases.map((p) => [p.phase, p.resources]));
      expect(counts.apply).to.equal(counts.preview + 1);
      expect(r.resources).to.have.length(counts.apply);
      byName(r, "aws:s3/bucketPolicy:BucketPolicy", "uploads-public-read");
      const [open] = findings(r, "s3-bucket-policy-no-public-principal", "uploads-public-read");
      expect(open).to.include({ enforcementLevel: "mandatory", phase: "apply" });
    });

    it("a stack reference's outputs stay unknown in both phases: unevaluated, not passed", async () => {
      const r = await check("async-main", ["preview", "apply"]);
      const ref = r.resources.find((x) => x.type === "pulumi:pulumi:StackReference");
      expect(ref?.name).to.equal("acme/network/dev");
      const onIngress = r.unevaluated.filter(
        (u) => u.policy === "ec2-security-group-no-public-ingress",
      );
      expect(onIngress).to.have.length(1);
      expect(onIngress[0].enforcementLevel).to.equal("mandatory");
      expect(onIngress[0].reason).to.contain("an output of stack reference acme/network/dev");
      expect(findings(r, "ec2-security-group-no-public-ingress")).to.deep.equal([]);
    });
  });

  describe("data sources", () => {
    // Needs the fake AWS's data sources (tools/lib/fake-aws): the mock answers only the account,
    // region, partition, zones, policy documents and SSM parameters.
    it("the data sources ordinary programs use are answered, with values in AWS's formats", async () => {
      // Invokes answer the same in both phases; at apply the documents built from them and from
      // the bucket's name are complete.
      const r = await check("invokes", ["apply"]);
      const web = byName(r, "aws:ec2/instance:Instance", "web");
      expect(web.inputs.ami).to.match(/^ami-[0-9a-f]{8,17}$/);
      expect(web.inputs.subnetId).to.match(/^subnet-[0-9a-f]{8,17}$/);
      expect(web.inputs.availabilityZone).to.match(/^eu-west-1[a-z]$/);
      const canary = byName(r, "aws:ec2/instance:Instance", "canary");
      expect(canary.inputs.ami).to.match(/^ami-[0-9a-f]{8,17}$/);
      expect(byName(r, "aws:ec2/securityGroup:SecurityGroup", "web").inputs.vpcId).to.match(
        /^vpc-[0-9a-f]{8,17}$/,
      );
      const record = byName(r, "aws:route53/record:Record", "www");
      expect(record.inputs.zoneId).to.match(/^Z[0-9A-Z]{8,32}$/);
      expect(record.inputs.name).to.equal("www.example.com");
      const policy = JSON.parse(
        byName(r, "aws:s3/bucketPolicy:BucketPolicy", "reports").inputs.policy,
      );
      const [statement] = policy.Statement;
      expect(statement.Condition.StringEquals["aws:PrincipalOrgID"]).to.match(
        /^o-[a-z0-9]{10,32}$/,
      );
      expect(statement.Resource).to.match(/^arn:aws:s3:::/);
      expect(stackOutputs(r).accountId).to.equal("123456789012");
      expect(stackOutputs(r).regionName).to.equal("eu-west-1");
      // Catalogue look-ups (pulumi-aws examples elasticbeanstalk and rds-getengineversion).
      expect(stackOutputs(r).platformName).to.match(
        /^64bit Amazon Linux 2023 v[\d.]+ running Python/,
      );
      const family = byName(r, "aws:rds/parameterGroup:ParameterGroup", "db").inputs.family;
      expect(family).to.equal(`postgres${String(stackOutputs(r).postgresVersion).split(".")[0]}`);
    });

    it("an unanswered invoke the program catches is named in a note, with where it asked", async () => {
      const r = await check("invokes", ["apply"]);
      const note = r.configNotes.find((n) => n.startsWith("the program caught the failure"));
      expect(note).to.contain("aws:lambda/getFunction:getFunction (index.ts:");
      expect(note).to.contain("--invoke-answers");
    });

    it("a bucket read with Bucket.get is recorded but not judged, as the engine judges only what it manages", async () => {
      const r = await check("invokes", ["apply"]);
      const read = byName(r, "aws:s3/bucket:Bucket", "central-logs");
      expect(read.external).to.equal(true);
      expect(
        byName(r, "aws:s3/bucketLogging:BucketLogging", "reports").inputs.targetBucket,
      ).to.equal("corp-central-logs");
      // Stack policies (public-access block, TLS-only policy, ownership) see the managed bucket only.
      expect(r.violations.filter((v) => v.name === "central-logs")).to.deep.equal([]);
      for (const policy of ["s3-bucket-public-access-block", "s3-bucket-ownership-explicit"]) {
        expect(findings(r, policy, "reports"), policy).to.have.length(1);
      }
    });

    it("awsx's getDefaultVpc is answered as its plugin answers it: the default VPC, every subnet public", async () => {
      const r = await check("awsx-default-vpc");
      const vpcId = byName(r, "aws:ec2/securityGroup:SecurityGroup", "bastion").inputs.vpcId;
      expect(vpcId).to.match(/^vpc-[0-9a-f]{17}$/);
      expect(stackOutputs(r).vpcId).to.equal(vpcId);
      expect(stackOutputs(r).privateSubnetCount).to.equal(0);
      expect(byName(r, "aws:ec2/instance:Instance", "bastion").inputs.subnetId).to.match(
        /^subnet-[0-9a-f]{17}$/,
      );
      expect(findings(r, "ec2-security-group-no-admin-ports-public", "bastion")).to.have.length(1);
    });

    // @pulumi/aws 7: a resource's or data source's `region` "defaults to the Region set in the
    // provider configuration" (its documentation); the SDK sends the explicit provider with each.
    it("resources and data sources under an explicit provider answer for its region, not aws:region", async () => {
      const r = await check("explicit-provider-region", ["apply"]);
      const out = stackOutputs(r);
      expect(out.westRegion).to.equal("us-west-2");
      expect(out.westQueueArn).to.match(/^arn:aws:sqs:us-west-2:123456789012:west-/);
      expect(out.tokyoQueueArn).to.match(/^arn:aws:sqs:ap-northeast-1:123456789012:tokyo-queue-/);
      expect(out.stackQueueArn).to.match(/^arn:aws:sqs:eu-west-1:123456789012:home-/);
      const policy = JSON.parse(
        byName(r, "aws:iam/rolePolicy:RolePolicy", "deployer").inputs.policy,
      );
      expect(policy.Statement.map((s: { Resource: string }) => s.Resource)).to.deep.equal([
        "arn:aws:cloudformation:us-west-2:123456789012:stack/app/*",
        out.westQueueArn,
      ]);
    });
  });

  describe("a program that fails only once outputs are known", () => {
    // `pulumi preview` of a new stack runs it (the URL its build waits on is unknown there): the
    // preview is judged and the apply phase's failure is named, instead of no report at all.
    it("both phases are reported: the build's result unknown at apply, the failure named, what it left unevaluated", async () => {
      const r = await check("apply-only-build", ["preview", "apply"]);
      expect(r.phases.map((p) => p.phase)).to.deep.equal(["preview", "apply"]);
      byName(r, "aws:ecs/taskDefinition:TaskDefinition", "app");
      expect(findings(r, "ecr-repository-kms-cmk", "app")).to.have.length(1);
      const note = r.configNotes.find((n) => n.startsWith("the apply phase left unknown"));
      // ENOENT, or EACCES where a folder on PATH cannot be searched (a user other than its owner).
      expect(note).to.match(/spawnSync offline-check-absent-image-builder (ENOENT|EACCES)/);
      expect(note).to.contain(`(index.ts:${lineOf("apply-only-build/index.ts", "execFileSync(")})`);
      const secrets = r.unevaluated.find(
        (u) => u.policy === "ecs-task-definition-no-plaintext-secrets",
      );
      // Traced through the value: the one failure it was built from, named exactly.
      expect(secrets?.reason).to.match(
        /a command run on this machine, which failed: spawnSync offline-check-absent-image-builder/,
      );
      expect(secrets?.reason).to.not.contain("probably");
      // The task's execution role is known at apply: nothing on it is left unevaluated. What the
      // failing callback would have created after the failure is one entry at the call's line.
      const line = lineOf("apply-only-build/index.ts", "execFileSync(");
      const others = r.unevaluated.filter((u) => u.name !== "app");
      expect(others.map((u) => `${u.type} ${u.name} ${u.enforcementLevel}`)).to.deep.equal([
        `(apply callback) index.ts:${line} mandatory`,
      ]);
    });

    it("a throw in the program's own code once outputs are known stays a program error", async () => {
      // `pulumi up` stops at it: no preview-only report, the error at the program's line.
      const e = await check("fail-apply-only", ["preview", "apply"]).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).to.be.instanceOf(ProgramError);
      const f = e as ProgramError;
      expect(f.phase).to.equal("apply");
      expect(f.message).to.contain("jobs must run in a US region, the queue is at sqs.eu-west-1.");
      expect(f.location?.file).to.equal(path.join(FIXTURES, "fail-apply-only", "index.ts"));
      expect(f.location?.line).to.equal(lineOf("fail-apply-only/index.ts", "throw new Error("));
    });
  });

  describe("resource transforms", () => {
    // The engine calls the program's transforms back before each registration (its own, its
    // parents', then the stack's); policies judge what the transforms returned.
    it("a stack transform's tags and a component transform's rewrite are what the policies see", async () => {
      const r = await check("transforms", ["preview", "apply"]);
      expect(byName(r, "aws:s3/bucket:Bucket", "logs").inputs.tags).to.deep.equal({
        owner: "platform",
        "cost-center": "1234",
        purpose: "logs",
      });
      expect(byName(r, "aws:ec2/securityGroup:SecurityGroup", "web-sg").inputs.tags).to.deep.equal({
        owner: "platform",
        "cost-center": "1234",
      });
      const ssh = byName(r, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "web-ssh");
      expect(ssh.inputs.cidrIpv4).to.equal("0.0.0.0/0");
      const [open] = findings(r, "ec2-security-group-no-admin-ports-public", "web-ssh");
      expect(open?.enforcementLevel).to.equal("mandatory");
    });
  });

  describe("where the program created a resource", () => {
    // A provider's reported frame is inside @pulumi/aws: the first program frame of its stack is
    // taken. A callback's unnamed frame is read by the preload (tools/lib/engine/esm-frames.js).
    it("objects made in a directory walk's callback and a provider sit at the program's lines", async () => {
      const r = await check("static-website");
      const at = (type: string, name: string) => {
        const x = byName(r, type, name);
        return `${path.relative(FIXTURES, sourceFile(x.source?.uri) ?? "?")}:${x.source?.line}`;
      };
      const walk = `static-website/index.ts:${lineOf("static-website/index.ts", "new aws.s3.BucketObject(")}`;
      for (const key of ["index.html", "404.html", "es/index.html"])
        expect(at("aws:s3/bucketObject:BucketObject", key), key).to.equal(walk);
      expect(at("pulumi:providers:aws", "east")).to.equal(
        `static-website/index.ts:${lineOf("static-website/index.ts", 'new aws.Provider("east"')}`,
      );
      // The public-read bucket and every public-read object draw mandatory findings.
      const acl = findings(r, "s3-bucket-no-public-acl");
      expect(acl.map((v) => v.name).sort()).to.deep.equal([
        "404.html",
        "contentBucket",
        "es/index.html",
        "index.html",
      ]);
      expect(acl.every((v) => v.enforcementLevel === "mandatory")).to.equal(true);
      expect(findings(r, "s3-bucket-public-access-block", "contentBucket")).to.have.length(1);
    });
  });

  describe("images built with @pulumi/docker", () => {
    // docker.Image's repoDigest is "repository@<algorithm>:<hash>" once pushed (@pulumi/docker
    // image.d.ts); a task definition built from it is judged at apply, not left unevaluated.
    it("a task definition made from an image's repoDigest draws its mandatory finding at apply", async () => {
      const r = await check("docker-image-task", ["preview", "apply"]);
      const [privileged] = findings(r, "ecs-task-definition-not-privileged", "task");
      expect(privileged?.enforcementLevel).to.equal("mandatory");
      expect(privileged?.phases).to.deep.equal(["apply"]);
      expect(r.unevaluated.filter((u) => u.name === "task")).to.deep.equal([]);
    });

    it("with no AWS region anywhere, the check answers for us-east-1 and the report says so", async () => {
      // The program names no aws:region, and the environment none (see before()).
      const r = await check("docker-image-task", ["preview", "apply"]);
      expect(r.configNotes.filter((n) => n.startsWith("no AWS region"))).to.deep.equal([
        providerRegion({}, {}).note,
      ]);
      // pulumi-aws reads aws:region, then AWS_REGION, then AWS_DEFAULT_REGION (pulumi-aws#2088).
      expect(
        providerRegion({ "aws:region": "eu-west-1" }, { AWS_REGION: "us-west-2" }),
      ).to.deep.equal({
        region: "eu-west-1",
      });
      expect(
        providerRegion({}, { AWS_REGION: "us-west-2", AWS_DEFAULT_REGION: "eu-north-1" }),
      ).to.deep.equal({ region: "us-west-2" });
      expect(providerRegion({}, { AWS_DEFAULT_REGION: "eu-north-1" })).to.deep.equal({
        region: "eu-north-1",
      });
    });
  });
});
