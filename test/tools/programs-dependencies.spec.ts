// Programs that bring their own dependencies: their own node_modules with another
// @pulumi/pulumi, which their @pulumi/aws loads too, and awsx v3, whose components a provider
// plugin serves: the check judges their recorded inputs and says the report is incomplete.
// Driven through the engine (`checkStack`, `runProgram`), queued up front on a pool of two.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { formatJson } from "../../tools/check/format-json";
import { formatSarif } from "../../tools/check/format-sarif";
import { formatText } from "../../tools/check/format-text";
import { AT_COMPONENT, resourceLocation, summarize } from "../../tools/check/report";
import {
  byName,
  findings,
  lineOf,
  programWithInstalledLibrary,
  programWithOwnSdk,
  QueuedRuns,
  stackOutputs,
  withoutRegionEnv,
} from "./program-runs";
import type { Phase } from "../../tools/lib/engine/answers";
import { TWINS } from "../../policy-pack/lib/native/twins";
import { NATIVE_ALWAYS_FOUND, NATIVE_PAIRS } from "../policy/native/program-findings";

const runs = new QueuedRuns();
/** The aws-native fixture runs in both phases, as `npm run check` runs it. */
const BOTH = ["preview", "apply"] as const satisfies Phase[];
/**
 * The awsx fixture runs as `pulumi up` sees it: its remote components' inputs are judged alike in
 * both phases, and only the apply phase knows the outputs derived from them.
 */
const APPLY = ["apply"] as const satisfies Phase[];
const check = runs.check.bind(runs);
const run = runs.run.bind(runs);
let ownSdk: { dir: string; sdkVersion: string } | undefined;
let withLibrary: string | undefined;

describe("programs with dependencies of their own, offline", function () {
  this.timeout(300_000);

  withoutRegionEnv();
  before(() => {
    runs.queueCheck("awsx-v3", [...APPLY]);
    runs.queueCheck("aws-native-only", BOTH);
    ownSdk = programWithOwnSdk();
    runs.queueCheck(ownSdk.dir);
    runs.queueRun(ownSdk.dir, "net");
    withLibrary = programWithInstalledLibrary();
    runs.queueCheck(withLibrary);
  });

  after(() => {
    if (ownSdk) fs.rmSync(ownSdk.dir, { recursive: true, force: true });
    if (withLibrary) fs.rmSync(withLibrary, { recursive: true, force: true });
  });

  describe("awsx v3 remote components", () => {
    it("the report is incomplete, naming each component, and their inputs draw mandatory findings", async () => {
      const r = await check("awsx-v3", [...APPLY]);
      expect(r.remoteComponents.map((c) => `${c.type} ${c.name}`).sort()).to.deep.equal([
        "awsx:ec2:Vpc vpc",
        "awsx:ecr:Image image",
        "awsx:ecr:Repository repo",
        "awsx:ecs:FargateService service",
        "awsx:lb:ApplicationLoadBalancer loadbalancer",
      ]);
      expect(r.unevaluated.filter((u) => /remote component/.test(u.reason))).to.have.length(5);
      for (const [policy, name] of [
        ["awsx-ecs-task-not-privileged", "service"],
        ["awsx-ecs-container-no-plaintext-secrets", "service"],
        ["awsx-ecs-service-no-public-ip", "service"],
        ["awsx-vpc-private-subnet-no-default-route", "vpc"],
        ["awsx-vpc-public-subnet-no-public-ip-on-launch", "vpc"],
        ["awsx-alb-security-group-configured", "loadbalancer"],
        // pulumi-awsx awsx/ecs/fargateTaskDefinition.ts: the default log group has no kmsKeyId.
        ["awsx-log-group-kms-cmk", "service"],
      ]) {
        expect(findings(r, policy, name)[0]?.enforcementLevel, policy).to.equal("mandatory");
      }
      expect(findings(r, "awsx-ecs-container-no-plaintext-secrets")[0].detail).to.contain(
        "DB_PASSWORD",
      );
    });

    it("in the apply phase, a task definition built from awsx's image URI is judged as `pulumi up` judges it", async () => {
      // Its container definitions embed `awsx.ecr.Image.imageUri` (of `awsx.ecr.Repository.url`):
      // both derived from the components' inputs, so the privileged container is a finding where
      // it used to be "not evaluated (an output of remote component awsx:ecr:Image image)".
      const r = await check("awsx-v3", [...APPLY]);
      const [privileged] = findings(r, "ecs-task-definition-not-privileged", "worker");
      expect(privileged?.enforcementLevel).to.equal("mandatory");
      expect(privileged.phases).to.deep.equal(["apply"]);
      expect(r.unevaluated.filter((u) => u.name === "worker")).to.deep.equal([]);
      const image = byName(r, "aws:ecs/taskDefinition:TaskDefinition", "worker").inputs;
      expect(JSON.parse(image.containerDefinitions)[0].image).to.match(
        /^\d{12}\.dkr\.ecr\.us-west-2\.amazonaws\.com\/repo-[a-z0-9]+@sha256:[0-9a-f]{64}$/,
      );
    });

    it("in the apply phase, outputs that are references to awsx's children resolve (`service.service.id`)", async () => {
      // tools/lib/engine/remote-references.ts: the SDK rehydrates the reference through
      // `getResource`, so the role policy naming the service's ARN is judged, not "not evaluated".
      const r = await check("awsx-v3", [...APPLY]);
      const [wildcard] = findings(r, "iam-no-wildcard-actions", "ops");
      expect(wildcard?.enforcementLevel).to.equal("mandatory");
      expect(r.unevaluated.filter((u) => u.name === "ops")).to.deep.equal([]);
      const policy = JSON.parse(byName(r, "aws:iam/rolePolicy:RolePolicy", "ops").inputs.policy);
      expect(policy.Statement[0].Resource).to.match(
        /^arn:aws:ecs:us-west-2:\d{12}:service\/cluster-[0-9a-f]+\/service-[0-9a-f]+$/,
      );
      expect(stackOutputs(r).url).to.match(
        /^http:\/\/loadbalancer-[0-9a-f]+-\d+\.us-west-2\.elb\.amazonaws\.com$/,
      );
    });

    it("in the apply phase, awsx's Vpc route tables and the task role of a service's task definition resolve", async () => {
      // tools/lib/engine/remote-children*.ts: `vpc.routeTables` (one per subnet: 3 zones × public,
      // private) and `service.taskDefinition`'s `taskRoleArn` (the role awsx names
      // `<service>-task`) come from the same children as awsx's plain outputs.
      const r = await check("awsx-v3", [...APPLY]);
      const [wildcard] = findings(r, "iam-no-wildcard-actions", "routes");
      expect(wildcard?.enforcementLevel).to.equal("mandatory");
      expect(wildcard.phases).to.deep.equal(["apply"]);
      expect(r.unevaluated.filter((u) => u.name === "routes")).to.deep.equal([]);
      const inputs = byName(r, "aws:iam/rolePolicy:RolePolicy", "routes").inputs;
      expect(inputs.role).to.match(/^service-task-[0-9a-f]{7}$/);
      const resources = JSON.parse(inputs.policy).Statement[0].Resource;
      expect(resources).to.have.length(6);
      for (const arn of resources)
        expect(arn).to.match(/^arn:aws:ec2:us-west-2:\d{12}:route-table\/rtb-[0-9a-f]{17}$/);
    });
  });

  describe("@pulumi/aws-native resources, judged as their classic twins", () => {
    it("draw no note about a missing aws:region: the program never starts the AWS provider", async () => {
      // Its stack names aws-native:region only, and the environment no region (see before()).
      const r = await check("aws-native-only", [...BOTH]);
      expect(r.configNotes.filter((n) => n.startsWith("no AWS region"))).to.deep.equal([]);
      expect(r.resources.some((x) => x.type.startsWith("aws:"))).to.equal(false);
    });

    it("the four guarantees hold: the public bucket, the wildcard role and the NAT default route are mandatory findings", async () => {
      const r = await check("aws-native-only", [...BOTH]);
      for (const [policy, name] of [
        ["s3-bucket-public-access-block", "s3-website-bucket"],
        ["s3-bucket-sse-kms-cmk", "s3-website-bucket"],
        ["s3-bucket-policy-no-public-principal", "bucketPolicy"],
        ["iam-no-wildcard-actions", "fn-role"],
        ["iam-no-resource-wildcard", "fn-role"],
        ["ecs-task-definition-not-privileged", "app-task"],
        ["ec2-compute-subnet-no-default-route", "private-default"],
        ["ec2-compute-subnet-no-default-route", "private-a"],
      ]) {
        const found = findings(r, policy, name);
        expect(
          found.map((f) => f.enforcementLevel),
          `${policy} ${name}`,
        ).to.include("mandatory");
      }
      expect(findings(r, "ec2-compute-subnet-no-default-route", "private-default")[0].detail)
        .to.contain('sends 0.0.0.0/0 to NAT gateway "nat"')
        .and.contain('subnet "private-a" (tagged tier=private)');
      // The public subnet's default route to the internet gateway is no finding.
      expect(findings(r, "ec2-compute-subnet-no-default-route", "public-default")).to.deep.equal(
        [],
      );
      expect(summarize(r).result).to.equal("FAIL");
    });

    it("types no policy judges are listed per type, and a report without findings says so instead of a bare PASS", async () => {
      const r = await check("aws-native-only", [...BOTH]);
      expect(r.unjudged.map((u) => `${u.type} ${u.name}`)).to.deep.equal([
        "aws-native:ec2:VpcGatewayAttachment igw-attachment",
        "aws-native:ec2:Eip nat-ip",
      ]);
      const text = formatText([r]);
      expect(text).to.contain("Not judged: 2 resources of aws-native");
      // The same stack with its findings fixed: a PASS that names what was not judged. (Its
      // bucket policy names the bucket's ARN, unknown at preview, so s3-bucket-tls-only waits for
      // the apply phase: set aside here, as the fixed stack's apply phase would evaluate it.)
      const fixed = { ...r, violations: [], unevaluated: [] };
      const s = summarize(fixed);
      expect([s.result, s.unjudged]).to.deep.equal(["PASS", 2]);
      const passText = formatText([fixed]);
      expect(passText).to.match(
        /PASS — no mandatory violation .* but 2 resources judged by no policy \(aws-native\)/,
      );
      expect(passText).to.contain("dev PASS (2 not judged)");
      // SARIF (code scanning): a note per resource and the count.
      const [run] = JSON.parse(formatSarif([fixed], [], { version: "0.0.0" })).runs;
      expect(run.results).to.deep.equal([]);
      expect(run.properties.unjudged).to.equal(2);
      const notes = run.invocations[0].toolExecutionNotifications.map(
        (n: { message: { text: string } }) => n.message.text,
      );
      expect(notes).to.include(
        "Not judged: aws-native:ec2:Eip nat-ip: no policy of this pack covers this type of the aws-native package",
      );
    });

    it("each later twin type, once compliant and once broken: the broken one fails exactly its mandatory rules, in both phases", async () => {
      const r = await check("aws-native-only", [...BOTH]);
      const mandatory = r.violations.filter((v) => v.enforcementLevel === "mandatory");
      const of = (name: string) =>
        mandatory
          .filter((v) => v.name === name)
          .map((v) => `${v.policy} ${[...v.phases].sort().join("+")}`)
          .sort();
      for (const [type, stem, rules] of NATIVE_PAIRS) {
        expect(TWINS.has(`aws-native:${type}`), type).to.equal(true);
        for (const name of [`${stem}-ok`, `${stem}-bad`]) {
          expect(byName(r, `aws-native:${type}`, name).type).to.equal(`aws-native:${type}`);
        }
        expect(of(`${stem}-ok`), `${stem}-ok`).to.deep.equal([]);
        expect(of(`${stem}-bad`), `${stem}-bad`).to.deep.equal(
          rules.map((rule) => `${rule} apply+preview`),
        );
      }
      for (const [type, name, rule] of NATIVE_ALWAYS_FOUND) {
        byName(r, `aws-native:${type}`, name);
        expect(of(name)).to.deep.equal([`${rule} apply+preview`]);
      }
      expect(r.unevaluated).to.deep.equal([]);
    });

    it("are not listed next to aws resources the pack judges, nor are providers", async () => {
      const r = await check("awsx-v3", [...APPLY]);
      expect(r.unjudged).to.deep.equal([]);
    });
  });

  describe("a program with its own node_modules", () => {
    it("runs with its own, older @pulumi/pulumi, which its @pulumi/aws loads too", async () => {
      const r = await check(ownSdk!.dir);
      expect(r.sdk.version).to.equal(ownSdk!.sdkVersion);
      expect(r.sdk.own).to.equal(true);
      expect(r.sdk.runPath.startsWith(path.join(ownSdk!.dir, "node_modules"))).to.equal(true);
      // The program exports the version its own import of @pulumi/pulumi sees.
      expect(stackOutputs(r).sdkVersion).to.equal(ownSdk!.sdkVersion);
      byName(
        r,
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "data",
      );
      // Same major as the check's: nothing to warn about.
      expect(r.warnings.filter((w) => /@pulumi\//.test(w))).to.deep.equal([]);
    });

    it("names a failed invoke's token at the program's line, through its own SDK", async () => {
      const r = await run(ownSdk!.dir, "net");
      expect(r.failure?.kind).to.equal("error");
      expect(r.failure?.message).to.contain("aws:cloudformation/getExport:getExport");
      expect(r.failure?.location?.file).to.equal(path.join(ownSdk!.dir, "index.ts"));
      expect(r.failure?.location?.line).to.equal(lineOf("own-sdk/index.ts", "getExportOutput("));
    });
  });

  describe("a component library that makes its children after an await", () => {
    it("places each child at the line that made its component, and says so", async () => {
      const r = await check(withLibrary!);
      const file = path.join(withLibrary!, "index.ts");
      const line = lineOf("library-async-children/index.ts", 'new Network("edge"');
      // The VPC is the component's child, the subnet the VPC's: the walk goes up two levels.
      const vpc = byName(r, "aws:ec2/vpc:Vpc", "edge-vpc");
      const subnet = byName(r, "aws:ec2/subnet:Subnet", "edge-public");
      expect(subnet.parent).to.equal(vpc.urn);
      for (const x of [vpc, subnet]) {
        expect(resourceLocation(x), x.name).to.include({ file, line, component: true });
      }
      // The finding on the library's subnet is reported there, labelled, in text and SARIF.
      const [finding] = findings(r, "ec2-subnet-no-public-ip-on-launch", "edge-public");
      expect(finding.enforcementLevel).to.equal("mandatory");
      const text = formatText([r]).split("\n");
      const shown = text.filter((l) => l.includes("aws:ec2/subnet:Subnet edge-public"));
      expect(shown).to.have.length(1);
      expect(shown[0]).to.contain(`index.ts:${line}, ${AT_COMPONENT})`);
      const sarif = JSON.parse(formatSarif([r], [], { version: "0.0.0" })).runs[0].results;
      const result = sarif.find(
        (x: any) => x.locations[0].logicalLocations[0].fullyQualifiedName === subnet.urn,
      );
      expect(result.ruleId).to.equal("ec2-subnet-no-public-ip-on-launch");
      expect(result.locations[0].physicalLocation.region.startLine).to.equal(line);
      expect(result.locations[0].message).to.deep.equal({ text: AT_COMPONENT });
      const json = JSON.parse(formatJson([r])).violations.find((v: any) => v.urn === subnet.urn);
      expect(json.source).to.include({ line, at: AT_COMPONENT });
    });

    it("does not give a child the line of a custom parent: a library function's subnet under the program's Vpc", async () => {
      const r = await check(withLibrary!);
      const vpcLine = lineOf("library-async-children/index.ts", 'new aws.ec2.Vpc("own"');
      const vpc = byName(r, "aws:ec2/vpc:Vpc", "own");
      expect(resourceLocation(vpc)).to.include({ line: vpcLine });
      expect(resourceLocation(vpc)?.component).to.equal(undefined);
      // No component above it has a line: the subnet has none rather than the Vpc's.
      const subnet = byName(r, "aws:ec2/subnet:Subnet", "own-public");
      expect(subnet.parent).to.equal(vpc.urn);
      expect(resourceLocation(subnet)).to.equal(undefined);
      expect(findings(r, "ec2-subnet-no-public-ip-on-launch", "own-public")).to.have.length(1);
      const shown = formatText([r])
        .split("\n")
        .filter((l) => l.includes("aws:ec2/subnet:Subnet own-public"));
      expect(shown).to.have.length(1);
      expect(shown[0]).not.to.contain("index.ts:");
    });
  });
});
