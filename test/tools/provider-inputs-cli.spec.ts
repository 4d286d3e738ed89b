// A program whose inputs the AWS provider refuses (test/fixtures/programs/fail-provider-inputs):
// the check stops as `pulumi preview` would, exit 2, every refusal at once with the resource, the
// user's file and line, the input, the value and the provider's words, and no report written.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { cli, CliRun, later, lineOf, pool, SCRATCH } from "./program-runs";

const FIXTURE = "fail-provider-inputs";
const program = path.join("test", "fixtures", "programs", FIXTURE);
const queue = pool(2);

/** [resource, input, the line of index.ts that constructs it, words of the provider]. */
const AT_PREVIEW: [string, string, string, string][] = [
  ["aws:iam/role:Role app-role", "name", 'new aws.iam.Role("app-role"', "must match"],
  ["aws:ec2/securityGroup:SecurityGroup web-sg", "description", '"web-sg"', "(0 - 255)"],
  ["aws:lb/targetGroup:TargetGroup web_tg", "name", '"web_tg"', "only alphanumeric"],
  ["aws:lambda/function:Function handler", "runtime", '"handler"', "got nodejs20"],
  ["aws:lambda/function:Function worker", "role", '"worker"', "invalid ARN"],
  ["aws:lambda/function:Function worker", "code", '"worker"', "must be specified"],
  ["aws:kms/key:Key data-key", "deletionWindowInDays", '"data-key"', "(7 - 30), got 5"],
  ["aws:cloudwatch/logGroup:LogGroup app-logs", "retentionInDays", '"app-logs"', "got 45"],
  ["aws:iam/policy:Policy read-policy", "name", '"read-policy"', "conflicts with name_prefix"],
  ["aws:sqs/queue:Queue orders", "name", '"orders"', "invalid queue name: orders"],
  [
    "aws:ec2/securityGroupRule:SecurityGroupRule db-egress",
    "cidrBlocks",
    '"db-egress"',
    'did you mean "10.0.0.0/16"?',
  ],
  [
    "aws:iam/rolePolicy:RolePolicy app-inline",
    "policy",
    '"app-inline"',
    "have you double-encoded your JSON data?",
  ],
  ["aws:apigateway/integration:Integration api-proxy", "type", '"api-proxy"', "got aws_proxy"],
  [
    "aws:cloudwatch/metricAlarm:MetricAlarm errors",
    "period",
    '"errors"',
    "divisible by 60, got: 45",
  ],
  [
    "aws:elasticache/replicationGroup:ReplicationGroup sessions",
    "authToken",
    '"sessions"',
    "must contain from 16 to 128",
  ],
  [
    "aws:lambda/permission:Permission api.invoke",
    "statementId",
    '"api.invoke"',
    "must contain alphanumeric, underscores or dashes only",
  ],
  [
    "aws:cloudfront/distribution:Distribution site-cdn",
    "defaultCacheBehavior.viewerProtocolPolicy",
    '"site-cdn"',
    "got redirect_to_https",
  ],
  [
    "aws:kinesis/stream:Stream clicks",
    "shardCount",
    '"clicks"',
    "shard_count must not be set when stream_mode is ON_DEMAND",
  ],
  ["aws:ssm/parameter:Parameter app-config", "type", '"app-config"', "got string"],
  [
    "aws:acm/certificate:Certificate site-cert",
    "domainName",
    '"site-cert"',
    "cannot end with a period",
  ],
  ["aws:ecs/service:Service web-svc", "launchType", '"web-svc"', "got fargate"],
  [
    "aws:ses/domainIdentity:DomainIdentity mail-domain",
    "domain",
    '"mail-domain"',
    "cannot end with a period",
  ],
  [
    "aws:wafv2/webAcl:WebAcl edge-acl",
    "visibilityConfig.metricName",
    '"edge-acl"',
    "must contain only alphanumeric hyphen and underscore characters",
  ],
  [
    "aws:s3/bucketPolicy:BucketPolicy reports-policy",
    "policy",
    '"reports-policy"',
    'Missing required argument: The argument "policy" is required',
  ],
];

/** The block of the report about one resource's input, from its heading to the next blank line. */
function blockOf(text: string, label: string, prop: string): string {
  const blocks = text.split("\n\n").filter((b) => b.includes(`  ${label}  (`));
  const found = blocks.find((b) => b.includes(`\n    ${prop} = `));
  if (!found) throw new Error(`no block for ${label} ${prop} in:\n${text}`);
  return found;
}

describe("inputs the AWS provider refuses, through the check's CLI", function () {
  this.timeout(300_000);
  let scratch: string;
  let both: () => Promise<CliRun>;
  let previewOnly: () => Promise<CliRun>;

  before(() => {
    fs.mkdirSync(SCRATCH, { recursive: true });
    scratch = fs.mkdtempSync(path.join(SCRATCH, "provider-inputs-"));
    const out = path.join(scratch, "report.json");
    // One run of both phases serves the text, report-file and error-object tests: the refusals
    // go to stderr in words whatever the format, and a machine format adds the error object on
    // stdout (tools/check.ts, its ProviderInputError branch), --output or not. The preview-only
    // run is in the default text format.
    both = later(queue(() => cli("--program", program, "--format", "json", "--output", out)));
    previewOnly = later(queue(() => cli("--program", program, "--phase", "preview")));
  });

  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("stops with exit 2 as pulumi preview would, every refusal at once, and writes no report", async () => {
    const run = await both();
    expect(run.code).to.equal(2);
    expect(run.stderr.startsWith("pulumi preview would stop: ")).to.equal(true);
    expect(run.stderr).to.include(`refuses ${AT_PREVIEW.length} inputs of stack dev`);
    for (const [label, prop, snippet, says] of AT_PREVIEW) {
      const block = blockOf(run.stderr, label, prop);
      expect(block).to.include(`${program}/index.ts:${lineOf(`${FIXTURE}/index.ts`, snippet)})`);
      expect(block).to.include("    provider: ").and.include(says);
      expect(block).to.match(/\n {4}fix: \S/);
      expect(block).to.match(
        /\(hashicorp\/terraform-(provider-aws internal\/service\/\w+|plugin-sdk helper\/schema)\/\w+\.go\)/,
      );
    }
    expect(blockOf(run.stderr, "aws:lb/targetGroup:TargetGroup web_tg", "name")).to.include(
      "(the name Pulumi makes from the logical name)",
    );
    // A value out of range that a key the program read holds: the key, in the stack file at its
    // line, and the program's line that read it; not the key holding it that the program never read.
    const read = lineOf(`${FIXTURE}/index.ts`, 'requireNumber("logRetentionDays")');
    expect(blockOf(run.stderr, "aws:cloudwatch/logGroup:LogGroup app-logs", "retentionInDays"))
      .to.include(
        "    may come from config key fixture-fail-provider-inputs:logRetentionDays " +
          `(${program}/Pulumi.dev.yaml:3, read at ${program}/index.ts:${read}): if so, change it there`,
      )
      .and.not.include("archiveDays");
    expect(
      blockOf(
        run.stderr,
        "aws:elasticache/replicationGroup:ReplicationGroup sessions",
        "authToken",
      ),
    )
      .to.include('authToken = "[secret]"')
      .and.not.include("too-short");
    expect(fs.existsSync(path.join(scratch, "report.json"))).to.equal(false);
  });

  it("names the refusal only pulumi up meets, once other resources' outputs are known", async () => {
    const run = await both();
    const [, applyPart] = run.stderr.split("And pulumi up would stop: ");
    expect(applyPart).to.include("refuses an input of stack dev whose values are known only");
    const block = blockOf(applyPart, "aws:cloudwatch/eventRule:EventRule nightly", "name");
    expect(block).to.include(`index.ts:${lineOf(`${FIXTURE}/index.ts`, '"nightly"')})`);
    expect(block).to.match(/name = "reports-[0-9a-f]{7} nightly"/);
    expect(
      blockOf(
        run.stderr.split("And pulumi up")[0],
        "aws:kms/key:Key data-key",
        "deletionWindowInDays",
      ),
    ).to.be.a("string");
  });

  it("leaves the apply-only refusal out of a preview-only run", async () => {
    const run = await previewOnly();
    expect(run.code).to.equal(2);
    expect(run.stderr).to.not.include("nightly");
    // The limit AWS enforces at create is still shown; the provider's apply-only refusal is not.
    expect(run.stderr).to.not.include("whose values are known only once other resources exist");
    expect(run.stderr).to.include("AWS refuses an input of stack dev when the provider creates");
    // The Promise form fed the name Pulumi makes has its document at preview.
    expect(run.stderr).to.not.include("reports-by-name");
  });

  it("prints one error object with the file and line of the refusal the text lists first", async () => {
    const run = await both();
    expect(run.code).to.equal(2);
    // The CNAME record AWS refuses is registered first, but listed last (after pulumi preview's).
    expect(JSON.parse(run.stdout)).to.deep.equal({
      error: {
        kind: "provider-input",
        message: `the AWS provider and AWS refuse ${AT_PREVIEW.length + 2} inputs of stack dev`,
        file: `${program}/index.ts`,
        line: lineOf(`${FIXTURE}/index.ts`, 'new aws.iam.Role("app-role"'),
      },
    });
  });
});
