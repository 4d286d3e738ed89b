// The Pulumi programs people actually have, run offline through their own language host as
// `pulumi preview` would (test/fixtures/programs; each fixture says what it mirrors): the shapes
// templates and examples come in, data sources, transforms and source positions (their own
// dependencies and remote components: programs-dependencies.spec.ts; the account a stack's provider
// names: programs-account.spec.ts).
// Driven through the engine (`checkStack`, `runProgram`); the ways a run goes wrong are in
// programs-failures.spec.ts, what the CLI decides in programs-cli.spec.ts. All runs are queued up
// front on a pool of two and awaited by the tests, so independent programs run side by side.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { UNKNOWN } from "../../tools/lib/engine/wire";
import { ProgramError, type StackResult } from "../../tools/check/run";
import { providerRegion } from "../../tools/check/stack-provider";
import { byName, findings, FIXTURES, lineOf, QueuedRuns, ROOT, stackOutputs } from "./program-runs";

const runs = new QueuedRuns();
const check = runs.check.bind(runs);
let lentEsm: string | undefined;
// As on a machine whose environment names no AWS region: each run's region comes from its stack.
const REGION_ENV = ["AWS_REGION", "AWS_DEFAULT_REGION"] as const;
const savedRegionEnv = REGION_ENV.map((k) => process.env[k]);

const fileOf = (uri: string | undefined) => (uri ? new URL(uri).pathname : undefined);

describe("real-world program shapes, offline", function () {
  this.timeout(300_000);

  before(() => {
    for (const k of REGION_ENV) delete process.env[k];
    // Everything the tests below await, queued in the order they come.
    runs.queueCheck("template-aws-typescript");
    runs.queueCheck("template-vm-aws-typescript", ["preview", "apply"]);
    runs.queueCheck("esm-nodenext", ["preview", "apply"]);
    runs.queueCheck("esm-bundler");
    runs.queueCheck("lambda-callback");
    runs.queueCheck("main-fallback");
    runs.queueCheck("main-src");
    runs.queueCheck("async-main", ["preview", "apply"]);
    runs.queueCheck("invokes", ["apply"]);
    runs.queueCheck("explicit-provider-region", ["apply"]);
    runs.queueCheck("awsx-default-vpc");
    runs.queueCheck("apply-only-build", ["preview", "apply"]);
    runs.queueCheck("fail-apply-only", ["preview", "apply"]);
    runs.queueCheck("transforms", ["preview", "apply"]);
    runs.queueCheck("static-website");
    runs.queueCheck("docker-image-task", ["preview", "apply"]);
    // The same ES module program outside the repository, with no node_modules of its own: it
    // runs on the packages the check lends it, as a fresh clone would.
    lentEsm = fs.mkdtempSync(path.join(os.tmpdir(), "esm-lent-"));
    fs.cpSync(path.join(FIXTURES, "esm-nodenext"), lentEsm, { recursive: true });
    runs.queueCheck(lentEsm, ["preview", "apply"]);
  });

  after(() => {
    REGION_ENV.forEach((k, i) => {
      if (savedRegionEnv[i] !== undefined) process.env[k] = savedRegionEnv[i];
    });
    if (lentEsm) fs.rmSync(lentEsm, { recursive: true, force: true });
  });

  describe("tsconfig, ESM and entry points", () => {
    it("the stock `pulumi new aws-typescript` program: its bucket is judged", async () => {
      const r = await check("template-aws-typescript");
      const bucket = byName(r, "aws:s3/bucket:Bucket", "my-bucket");
      expect(fileOf(bucket.source?.uri)).to.equal(
        path.join(FIXTURES, "template-aws-typescript", "index.ts"),
      );
      expect(bucket.source?.line).to.equal(
        lineOf("template-aws-typescript/index.ts", 'new aws.s3.Bucket("my-bucket")'),
      );
      const [pab] = findings(r, "s3-bucket-public-access-block", "my-bucket");
      expect(pab?.enforcementLevel).to.equal("mandatory");
      // The program's own SDK is the one it finds: here the repository's.
      expect(r.sdk.version).to.equal(
        JSON.parse(
          fs.readFileSync(path.join(ROOT, "node_modules/@pulumi/pulumi/package.json"), "utf8"),
        ).version,
      );
    });

    it("the stock `pulumi new vm-aws-typescript` program: its public web server draws mandatory findings", async () => {
      const r = await check("template-vm-aws-typescript", ["preview", "apply"]);
      const server = byName(r, "aws:ec2/instance:Instance", "server");
      // The AMI comes from the awaited data source, in AWS's format.
      expect(server.inputs.ami).to.match(/^ami-[0-9a-f]{8,17}$/);
      const mandatory = (policy: string, name: string) => {
        const [v] = findings(r, policy, name);
        expect(v?.enforcementLevel, `${policy} on ${name}`).to.equal("mandatory");
        expect(v.phases).to.deep.equal(["preview", "apply"]);
      };
      mandatory("ec2-security-group-no-public-ingress", "secGroup");
      mandatory("ec2-compute-subnet-no-default-route", "subnet");
      mandatory("ec2-compute-subnet-no-default-route", "routeTable");
      mandatory("ec2-instance-imdsv2", "server");
      mandatory("ec2-instance-ebs-encrypted", "server");
      expect(r.unevaluated).to.deep.equal([]);
    });

    it("ESM with nodenext: the default export runs, its public bucket draws mandatory findings", async () => {
      const r = await check("esm-nodenext", ["preview", "apply"]);
      // Named by a helper imported with a `.js` specifier from src/names.ts.
      const bucket = byName(r, "aws:s3/bucket:Bucket", "esm-site");
      // Created inside the default export, at its line of index.ts (ESM frames mapped back).
      expect(fileOf(bucket.source?.uri)).to.equal(path.join(FIXTURES, "esm-nodenext", "index.ts"));
      expect(bucket.source?.line).to.equal(lineOf("esm-nodenext/index.ts", "new aws.s3.Bucket("));
      const [open] = findings(r, "s3-bucket-policy-no-public-principal", "site-policy");
      expect(open).to.include({ enforcementLevel: "mandatory", phase: "apply" });
      expect(findings(r, "s3-public-access-block-all-flags", "site-access")[0]).to.include({
        enforcementLevel: "mandatory",
        phase: "preview",
      });
      expect(stackOutputs(r).bucketName).to.equal(UNKNOWN);
    });

    it("ESM without node_modules of its own: imports resolve to the lent packages, same report", async () => {
      // Node's ESM resolver ignores NODE_PATH, which lends packages to CommonJS.
      const [lent, installed] = await Promise.all([
        check(lentEsm!, ["preview", "apply"]),
        check("esm-nodenext", ["preview", "apply"]),
      ]);
      const shape = (r: StackResult) => ({
        resources: r.resources.map((x) => `${x.type} ${x.name}`).sort(),
        findings: r.violations.map((v) => `${v.policy} ${v.name} ${v.phase}`).sort(),
      });
      expect(shape(lent).resources).to.include("aws:s3/bucket:Bucket esm-site");
      expect(shape(lent)).to.deep.equal(shape(installed));
    });

    it("ESM with bundler resolution and top-level await", async () => {
      const r = await check("esm-bundler");
      byName(r, "aws:sqs/queue:Queue", "jobs");
      const dlq = byName(r, "aws:sqs/queue:Queue", "jobs-dlq");
      expect(fileOf(dlq.source?.uri)).to.equal(
        path.join(FIXTURES, "esm-bundler", "src", "queue.ts"),
      );
      // The awaited data source ran before the module's exports were read.
      expect(stackOutputs(r).zoneCount).to.be.a("number").greaterThan(1);
      // Made at the module's top level (an unnamed `file://` frame): still at its line.
      const alarms = byName(r, "aws:sns/topic:Topic", "alarms");
      expect(fileOf(alarms.source?.uri)).to.equal(path.join(FIXTURES, "esm-bundler", "index.ts"));
      expect(alarms.source?.line).to.equal(
        lineOf("esm-bundler/index.ts", 'new aws.sns.Topic("alarms"'),
      );
    });

    it("callback Lambdas serialize at preview with esModuleInterop off", async () => {
      const r = await check("lambda-callback");
      for (const name of ["archiveReports", "checksum"]) {
        const fn = byName(r, "aws:lambda/function:Function", name);
        const code = fn.inputs.code.assets["__index.js"].text as string;
        expect(code).to.contain("exports.handler");
        // The imported module itself, not an interop copy: serialized as a require.
        expect(code).to.contain('require("crypto")');
      }
      byName(r, "aws:s3/bucketNotification:BucketNotification", "archiveReports");
      // The packages the check lent the program are no missing dependency of the program's.
      const output = r.diagnostics.join("\n");
      expect(output).not.to.contain("Could not include required dependency");
      expect(output).to.contain(
        "callback functions were packaged without @pulumi/aws, @pulumi/pulumi: the program has not installed them",
      );
    });

    it("package.json main that does not exist: the host's warning is in the report", async () => {
      const r = await check("main-fallback");
      expect(r.warnings.join("\n")).to.contain(
        "Could not find entry point 'index.js' specified in package.json",
      );
      byName(r, "aws:s3/bucketObject:BucketObject", "index.html");
      byName(r, "aws:s3/bucketObject:BucketObject", "style.css");
      // The public bucket policy is built from the bucket's ARN: at preview alone it cannot be
      // judged, and the report says so instead of passing it.
      const [open] = r.unevaluated.filter(
        (u) => u.policy === "s3-bucket-policy-no-public-principal" && u.name === "bucketPolicy",
      );
      expect(open).to.include({ enforcementLevel: "mandatory" });
      expect(open.reason).to.contain("run the apply phase");
    });

    it("Pulumi.yaml main: src/ runs src/index.ts, on the project's defaults (no stack file)", async () => {
      const r = await check("main-src");
      expect(r.stackFile).to.equal(undefined);
      expect(r.configNotes.join("\n")).to.contain("no Pulumi.dev.yaml");
      const provider = r.resources.find((x) => x.type === "pulumi:providers:aws");
      expect(provider?.inputs.region).to.equal("ap-southeast-2");
      const sg = byName(r, "aws:ec2/securityGroup:SecurityGroup", "bastion-ssh");
      expect(fileOf(sg.source?.uri)).to.equal(path.join(FIXTURES, "main-src", "src", "index.ts"));
      byName(r, "aws:ec2/subnet:Subnet", "bastion-public");
      expect(findings(r, "ec2-security-group-no-admin-ports-public", "bastion-ssh")).to.have.length(
        1,
      );
    });
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
      expect(secrets?.reason).to.contain("probably the result of a command run on this machine");
      // The task's execution role is known at apply: nothing on it is left unevaluated.
      expect(r.unevaluated.filter((u) => u.name !== "app")).to.deep.equal([]);
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
        return `${path.relative(FIXTURES, fileOf(x.source?.uri) ?? "?")}:${x.source?.line}`;
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
