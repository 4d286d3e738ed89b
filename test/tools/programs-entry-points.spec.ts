// The shapes Pulumi programs come in, run offline through their own language host as `pulumi
// preview` would (test/fixtures/programs; each fixture says what it mirrors): the stock templates,
// tsconfig settings, ES modules (with and without node_modules of their own) and the ways a
// project names its entry point. Driven through the engine (`checkStack`); all runs are queued up
// front on a pool of two and awaited by the tests (the other program shapes: programs.spec.ts).
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { UNKNOWN } from "../../tools/lib/engine/wire";
import type { StackResult } from "../../tools/check/run";
import {
  byName,
  findings,
  FIXTURES,
  lineOf,
  QueuedRuns,
  ROOT,
  sourceFile,
  stackOutputs,
  withoutRegionEnv,
} from "./program-runs";

const runs = new QueuedRuns();
const check = runs.check.bind(runs);
let lentEsm: string | undefined;

describe("real-world program shapes, offline: templates, ES modules and entry points", function () {
  this.timeout(300_000);

  withoutRegionEnv();
  before(() => {
    // Everything the tests below await, queued in the order they come.
    runs.queueCheck("template-aws-typescript");
    runs.queueCheck("template-vm-aws-typescript", ["preview", "apply"]);
    runs.queueCheck("esm-nodenext", ["preview", "apply"]);
    runs.queueCheck("esm-bundler");
    runs.queueCheck("lambda-callback");
    runs.queueCheck("main-fallback");
    runs.queueCheck("main-src");
    runs.queueRun("fail-entry-in-src");
    // The same ES module program outside the repository, with no node_modules of its own: it
    // runs on the packages the check lends it, as a fresh clone would.
    lentEsm = fs.mkdtempSync(path.join(os.tmpdir(), "esm-lent-"));
    fs.cpSync(path.join(FIXTURES, "esm-nodenext"), lentEsm, { recursive: true });
    runs.queueCheck(lentEsm, ["preview", "apply"]);
  });

  after(() => {
    if (lentEsm) fs.rmSync(lentEsm, { recursive: true, force: true });
  });

  describe("tsconfig, ESM and entry points", () => {
    it("the stock `pulumi new aws-typescript` program: its bucket is judged", async () => {
      const r = await check("template-aws-typescript");
      const bucket = byName(r, "aws:s3/bucket:Bucket", "my-bucket");
      expect(sourceFile(bucket.source?.uri)).to.equal(
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
      expect(sourceFile(bucket.source?.uri)).to.equal(
        path.join(FIXTURES, "esm-nodenext", "index.ts"),
      );
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
      expect(sourceFile(dlq.source?.uri)).to.equal(
        path.join(FIXTURES, "esm-bundler", "src", "queue.ts"),
      );
      // The awaited data source ran before the module's exports were read.
      expect(stackOutputs(r).zoneCount).to.be.a("number").greaterThan(1);
      // Made at the module's top level (an unnamed `file://` frame): still at its line.
      const alarms = byName(r, "aws:sns/topic:Topic", "alarms");
      expect(sourceFile(alarms.source?.uri)).to.equal(
        path.join(FIXTURES, "esm-bundler", "index.ts"),
      );
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
      expect(sourceFile(sg.source?.uri)).to.equal(
        path.join(FIXTURES, "main-src", "src", "index.ts"),
      );
      byName(r, "aws:ec2/subnet:Subnet", "bastion-public");
      expect(findings(r, "ec2-security-group-no-admin-ports-public", "bastion-ssh")).to.have.length(
        1,
      );
    });

    it("a CommonJS package with its program in src/ and no main: the file to name is found", async () => {
      const f = (await runs.run("fail-entry-in-src")).failure!;
      expect(f.kind).to.equal("error");
      expect(f.message).to.contain("We failed to locate the entry point for your program");
      expect(f.message).to.contain(
        'The folder "." has no index.js or index.ts and package.json names no "main"',
      );
      expect(f.message).to.contain("its advice to run tsc does not apply");
      expect(f.message).to.contain('set "main": "src/index.ts" in package.json');
    });
  });
});
