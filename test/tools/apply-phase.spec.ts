// The apply phase (test/fixtures/programs/apply-phase): policy documents that name a resource of
// the same stack are unknown at preview, where the policies can only leave a note, as `pulumi
// preview` does; in the apply phase every created resource's outputs are known, the documents are
// complete JSON, and each core rule must flag the statically bad statement beside the stack ARN.
// A document built from a secret the check cannot decrypt, or from another stack's output, stays
// unknown even then: it is listed as not evaluated, never passed. An archive a local command of the
// stack builds is missing offline, as no command runs, but not at `pulumi up`: the apply goes on.
import { expect } from "chai";
import type { StackResult } from "../../tools/check/run";
import { QueuedRuns } from "./program-runs";

const runs = new QueuedRuns();

const mandatory = (r: StackResult, policy: string, name: string) =>
  r.violations.filter(
    (v) => v.policy === policy && v.name === name && v.enforcementLevel === "mandatory",
  );

describe("the apply phase: every check evaluated", function () {
  this.timeout(300_000);
  let both: StackResult;
  let preview: StackResult;

  before(async () => {
    runs.queueCheck("apply-phase", ["preview", "apply"]);
    runs.queueCheck("apply-phase", ["preview"]);
    runs.queueCheck("remote-secret-input", ["preview", "apply"]);
    runs.queueCheck("apply-command-built-archive", ["preview", "apply"]);
    runs.queueCheck("apply-archive-beside-command", ["preview", "apply"]);
    runs.queueRun("fail-archive-depends-on-command");
    both = await runs.check("apply-phase", ["preview", "apply"]);
    preview = await runs.check("apply-phase", ["preview"]);
  });

  // [resource, policy]: a static bad statement next to one that names a bucket of the stack.
  const cases: [string, string][] = [
    ["all-actions", "iam-no-wildcard-actions"],
    ["pass-any-role", "iam-passrole-scoped"],
    ["read-any-object", "iam-no-data-exfiltration"],
    ["new-policy-version", "iam-no-privilege-escalation"],
    ["any-access-key", "iam-no-credentials-exposure"],
    ["decrypt-anything", "iam-kms-decrypt-scoped"],
    ["decrypt-anything", "iam-no-resource-wildcard"],
    ["all-actions", "iam-no-unscoped-permissions-management"],
    ["open-trust", "iam-trust-policy-specific-principals"],
    ["data-policy", "s3-bucket-policy-no-public-principal"],
    ["data-key", "kms-key-policy-no-wildcard-principal"],
  ];

  for (const [name, policy] of cases) {
    it(`${policy} on ${name}: a note at preview, a mandatory finding in the apply phase`, () => {
      expect(mandatory(preview, policy, name), "preview decides nothing").to.deep.equal([]);
      const found = mandatory(both, policy, name);
      expect(found, `${policy} on ${name}`).to.have.length.greaterThan(0);
      expect(found[0].phase).to.equal("apply");
      expect(found[0].phases).to.deep.equal(["apply"]);
    });
  }

  it("preview alone leaves those checks unevaluated, and says so", () => {
    const open = preview.unevaluated.filter((u) => u.enforcementLevel === "mandatory");
    for (const [name, policy] of cases) {
      // A stack policy's note is on the stack and names the resources it could not judge.
      expect(
        open.some((u) => u.policy === policy && (u.name === name || u.reason.includes(name))),
        `${policy} on ${name} unevaluated at preview`,
      ).to.equal(true);
    }
    expect(open[0].reason).to.match(/^needs values known only after apply/);
  });

  it("a document built from an undecryptable secret stays unevaluated, with the reason", () => {
    const open = both.unevaluated.filter((u) => u.name === "for-the-auditor");
    expect(open.map((u) => u.policy)).to.include("iam-no-wildcard-actions");
    for (const u of open) {
      expect(u.reason).to.contain("a secret config value that cannot be decrypted offline");
      expect(u.reason).to.not.contain("aws:s3/bucket:Bucket");
    }
    expect(both.violations.some((v) => v.name === "for-the-auditor")).to.equal(false);
  });

  it("a remote component's input built from an undecryptable secret stays unevaluated, with the reason", async () => {
    const r = await runs.check("remote-secret-input", ["preview", "apply"]);
    const open = r.unevaluated.filter(
      (u) => u.name === "api" && u.policy === "awsx-ecs-container-no-plaintext-secrets",
    );
    expect(open, "the plaintext-secrets check on the service").to.have.length(1);
    expect(open[0].enforcementLevel).to.equal("mandatory");
    // The policy stopped at the secret's path: the reason names that secret, its key and the fix,
    // not the other unknown of the same input (another stack's output, further down the list).
    const key = "fixture-remote-secret-input:jwtPrivateKey";
    expect(open[0].reason).to.contain(
      `a secret config value that cannot be decrypted offline (${key}: give it for this run ` +
        `with --config ${key}=<value>)`,
    );
    expect(open[0].reason).to.contain(".taskDefinitionArgs.container.environment.0.value");
    expect(open[0].reason).not.to.contain("stack reference");
    expect(open[0].reason).not.to.contain("a value the program leaves unknown");
  });

  it("a document built from another stack's output stays unevaluated, with the reason", () => {
    const open = both.unevaluated.filter((u) => u.name === "for-the-network");
    expect(open.map((u) => u.policy)).to.include("iam-no-resource-wildcard");
    for (const u of open)
      expect(u.reason).to.contain("an output of stack reference acme/network/dev");
  });

  // own-network.ts fails its apply unless the lookups of its own subnets and route tables, and its
  // CloudFormation stack's outputs, are answered as AWS answers them once they exist.
  it("answers lookups of the stack's own network and a CloudFormation stack's outputs", () => {
    expect(both.configNotes.filter((n) => /apply phase failed/.test(n))).to.deep.equal([]);
    const names = both.resources.map((r) => r.name);
    expect(names).to.include.members(["nodes", "net-public", "net-private"]);
  });

  it("counts what ran: unevaluated checks are not counted as passed", () => {
    const c = both.counts;
    expect(c.unevaluated).to.be.greaterThan(0);
    expect(c.passed + c.failed + c.waived + c.unevaluated).to.be.at.most(c.checks);
    const mandatoryOpen = both.unevaluated.filter((u) => u.enforcementLevel === "mandatory");
    expect(mandatoryOpen.length).to.be.greaterThan(0);
  });

  it("an archive made from a local command's output is taken as the command's product", async () => {
    const r = await runs.check("apply-command-built-archive", ["preview", "apply"]);
    expect(r.configNotes.filter((n) => /apply phase failed/.test(n))).to.deep.equal([]);
    const warned = r.warnings.filter((w) => w.includes("./api/lambda.zip"));
    expect(warned).to.have.length(1);
    expect(warned[0]).to.contain("names it only once the command api-build has run");
    // A document built from the function's ARN is judged only in the apply phase, which goes on.
    const open = mandatory(r, "iam-no-wildcard-actions", "invoke-anything");
    expect(open).to.have.length(1);
    expect(open[0].phases).to.deep.equal(["apply"]);
  });

  it("an archive no command of the stack makes fails the apply phase, as `pulumi up` fails hashing it", async () => {
    // The property is built from a command that reads the git revision: it makes no file.
    const r = await runs.check("apply-archive-beside-command", ["preview", "apply"]);
    const failed = r.configNotes.filter((n) => /apply phase failed/.test(n));
    expect(failed).to.have.length(1);
    expect(failed[0]).to.contain("couldn't read archive path './dist/lambda.zip'");
    expect(r.warnings.filter((w) => w.includes("lambda.zip"))).to.deep.equal([]);
  });

  it("an archive whose resource only dependsOn the command that builds it fails at preview", async () => {
    const f = (await runs.run("fail-archive-depends-on-command")).failure!;
    expect(f.message).to.contain("couldn't read archive path './api/lambda.zip'");
  });
});
