// The offline check as a user runs it: `tools/check.ts` in a child process, against the fixture
// programs in test/fixtures/programs (and a throwaway program outside the repository), checking
// exit codes, the JSON and SARIF reports and the error messages.
import { expect } from "chai";
import { cli } from "./cli";
import { writeFiles } from "./files";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const FIXTURES = "test/fixtures/programs";

const check = cli;

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "offline-check-"));
}

describe("offline check (npm run check)", function () {
  this.timeout(120_000);

  describe("usage errors (exit 2)", () => {
    it("--help prints the usage and exits 0", async () => {
      const run = await check("--help");
      expect(run.code).to.equal(0);
      expect(run.stdout).to.contain("Usage: npm run check");
      expect(run.stdout).to.contain("--policy-config");
    });

    it("an unknown flag is named, with the usage", async () => {
      const run = await check("--stack", "dev", "--bogus");
      expect(run.code).to.equal(2);
      expect(run.stderr).to.contain("unknown flag '--bogus'");
      expect(run.stderr).to.contain("Usage: npm run check");
    });

    it("a stack without a stack file runs on the project's defaults, as after `pulumi stack init`", async () => {
      // The compliant fixture requires a secret the project does not default: named as the CLI does.
      const run = await check("--program", `${FIXTURES}/compliant`, "--stack", "prod");
      expect(run.code).to.equal(2);
      expect(run.stderr).to.contain(
        "Missing required configuration variable 'fixture-compliant:apiToken'",
      );
      // The host reports the SDK's config errors without a stack: the check names the line that
      // read the key, and shows the SDK's tab-indented second line as indentation, not "\x09".
      expect(run.stderr).to.match(/at \S*compliant[\\/]index\.ts:27:\d+\n/);
      expect(run.stderr).to.contain('27 | const token = config.requireSecret("apiToken");');
      expect(run.stderr).to.contain("\n    please set a value using the command");
      expect(run.stderr).to.not.contain("\\x09");
    });

    it("a project with no stack file and no --stack is checked as stack dev, and says so", async () => {
      // A fresh clone of an example: `pulumi new` would have created "dev".
      const dir = tempDir();
      const from = path.join(FIXTURES, "template-aws-typescript");
      for (const f of ["Pulumi.yaml", "index.ts", "package.json", "tsconfig.json"]) {
        fs.copyFileSync(path.join(from, f), path.join(dir, f));
      }
      const run = await check("--program", dir, "--phase", "preview", "--format", "json");
      expect(run.code, run.stderr).to.equal(1);
      const report = JSON.parse(run.stdout) as { stack: string; configNotes: string[] };
      expect(report.stack).to.equal("dev");
      expect(report.configNotes[0]).to.equal(
        `no stack named and no Pulumi.<stack>.yaml in ${dir}: checked as stack "dev", ` +
          "the stack `pulumi new` creates; name another with --stack <name>",
      );
    });

    it("a control character in a flag's value is shown escaped, never sent to the terminal", async () => {
      const run = await check("--stack", "a\x1b[2K\rPASS");
      expect(run.code).to.equal(2);
      expect(run.stderr).to.contain("--stack 'a\\x1b[2K\\x0dPASS'");
      expect(run.stderr).to.not.match(/[\x1b\r]/);
    });

    it("a --program directory without a Pulumi project is rejected", async () => {
      const missing = await check("--program", "test/fixtures/no-such-program");
      expect(missing.code).to.equal(2);
      expect(missing.stderr).to.match(/program directory .*no-such-program does not exist/);
      const notProject = await check("--program", FIXTURES);
      expect(notProject.code).to.equal(2);
      expect(notProject.stderr).to.contain("is not a Pulumi project: it has no Pulumi.yaml");
    });
  });

  describe("a compliant program", () => {
    it("passes on every stack (exit 0); JSON has one object per stack, the stack's real config", async () => {
      const run = await check("--program", `${FIXTURES}/compliant`, "--format", "json");
      expect(run.code, run.stderr).to.equal(0);
      const docs = JSON.parse(run.stdout);
      expect(docs).to.be.an("array").with.length(2);
      const [dev, qa] = docs;
      expect(dev.stack).to.equal("dev");
      expect(qa.stack).to.equal("qa");
      for (const doc of docs) {
        expect(doc).to.include.keys("stack", "resources", "violations", "waived", "notes");
        expect(doc.summary.result).to.equal("PASS");
        for (const v of doc.violations) {
          expect(v).to.include.keys(
            "policy",
            "enforcementLevel",
            "severity",
            "urn",
            "type",
            "name",
            "message",
          );
          expect(v.enforcementLevel).to.not.equal("mandatory");
        }
        for (const r of doc.resources)
          expect(r).to.include.keys("urn", "type", "name", "parent", "inputs");
        // A secret cannot be decrypted offline: the run says so.
        expect(doc.configNotes.join("\n")).to.contain("fixture-compliant:apiToken");
      }
      // Stack values over project defaults: dev sets replicas, qa sets the greeting.
      expect(dev.diagnostics).to.deep.equal(["replicas=3 greeting=hello"]);
      expect(qa.diagnostics).to.deep.equal(["replicas=1 greeting=bonjour"]);
      // What the engine registers besides the program: the root stack and the default provider,
      // which gets the project-level `aws:region` value.
      const stack = dev.resources.find((r: any) => r.type === "pulumi:pulumi:Stack");
      expect(stack.urn).to.equal(
        "urn:pulumi:dev::fixture-compliant::pulumi:pulumi:Stack::fixture-compliant-dev",
      );
      const provider = dev.resources.find((r: any) => r.type === "pulumi:providers:aws");
      expect(provider.inputs.region).to.equal("eu-central-1");
      // Parent chain and URNs as the engine builds them (no root-stack type in child URNs).
      const component = dev.resources.find((r: any) => r.type === "fixture:settings:Settings");
      expect(component.parent).to.equal(stack.urn);
      const parameter = dev.resources.find((r: any) => r.type === "aws:ssm/parameter:Parameter");
      expect(parameter.urn).to.equal(
        "urn:pulumi:dev::fixture-compliant::fixture:settings:Settings$aws:ssm/parameter:Parameter::settings-greeting",
      );
      expect(parameter.parent).to.equal(component.urn);
      // The AWS SDK marks a parameter's value secret: reports redact it.
      expect(parameter.inputs.value).to.equal("[secret]");
      expect(parameter.inputs.tags).to.deep.equal({ Name: "settings-greeting" });
      expect(parameter.source.file).to.equal(`${FIXTURES}/compliant/index.ts`);
    });
  });

  describe("a program with violations", () => {
    it("fails (exit 1) with mandatory findings, the waived finding and the invalid waiver", async () => {
      const run = await check("--program", `${FIXTURES}/violations`, "--format", "json");
      expect(run.code, run.stderr).to.equal(1);
      const doc = JSON.parse(run.stdout);
      expect(doc.stack).to.equal("dev");
      expect(doc.summary.result).to.equal("FAIL");
      const bucket = doc.resources.find((r: any) => r.name === "open-bucket");
      const onBucket = doc.violations.filter((v: any) => v.urn === bucket.urn);
      expect(onBucket.some((v: any) => v.enforcementLevel === "mandatory")).to.equal(true);
      for (const v of onBucket) {
        expect(v.type).to.equal("aws:s3/bucket:Bucket");
        expect(v.source.file).to.equal(`${FIXTURES}/violations/index.ts`);
      }
      // The waiver with a reason: listed as waived, and listed by policy-waivers.
      const waived = doc.waived.find((w: any) => w.name === "legacy-key");
      expect(waived).to.include({ policy: "kms-key-rotation-enabled", via: "tag" });
      expect(waived.reason).to.contain("SEC-1234");
      expect(
        doc.violations.some(
          (v: any) => v.policy === "kms-key-rotation-enabled" && v.name === "legacy-key",
        ),
      ).to.equal(false);
      // The pack's waiver listing (policy-waivers) is the waived list itself: counted once.
      expect(doc.violations.some((v: any) => v.policy === "policy-waivers")).to.equal(false);
      expect(doc.summary.waived).to.equal(1);
      // The misspelt waiver tag does nothing, and says so.
      const invalid = doc.violations.find((v: any) => v.policy === "policy-waiver-valid");
      expect(invalid).to.include({ name: "other-key", enforcementLevel: "mandatory" });
      expect(invalid.message).to.contain("did you mean 'waiver:kms-key-rotation-enabled'");
    });

    it("writes SARIF 2.1.0 to --output: rules from the pack, levels, suppressions, locations", async () => {
      const dir = tempDir();
      const out = path.join(dir, "report.sarif");
      const run = await check(
        "--program",
        `${FIXTURES}/violations`,
        "--format",
        "sarif",
        "--output",
        out,
      );
      expect(run.code, run.stderr).to.equal(1);
      expect(run.stdout).to.equal("");
      const sarif = JSON.parse(fs.readFileSync(out, "utf8"));
      expect(sarif.version).to.equal("2.1.0");
      expect(sarif.$schema).to.match(/sarif-2\.1\.0/);
      const { driver } = sarif.runs[0].tool;
      expect(driver.version).to.match(/^\d+\.\d+\.\d+/);
      const rules: any[] = driver.rules;
      expect(rules.map((r) => r.id)).to.include.members(["policy-waivers", "policy-waiver-valid"]);
      for (const rule of rules) {
        expect(rule.shortDescription.text).to.be.a("string").with.length.greaterThan(0);
        expect(rule.help.text).to.be.a("string").with.length.greaterThan(0);
        expect(rule.properties.tags).to.be.an("array");
      }
      const results: any[] = sarif.runs[0].results;
      expect(results.some((r) => r.level === "error")).to.equal(true);
      for (const r of results) {
        expect(rules[r.ruleIndex].id).to.equal(r.ruleId);
        const [loc] = r.locations;
        expect(loc.logicalLocations[0].fullyQualifiedName).to.match(
          /^urn:pulumi:dev::fixture-violations::/,
        );
        expect(loc.physicalLocation.artifactLocation.uri).to.be.a("string");
      }
      // By default the waived finding is a suppressed result (once), with its reason.
      const waived = results.filter((r) => r.ruleId === "kms-key-rotation-enabled");
      expect(waived).to.have.length(1);
      expect(waived[0].suppressions[0]).to.include({ kind: "inSource", status: "accepted" });
      expect(waived[0].suppressions[0].justification).to.contain("SEC-1234");
      expect(results.filter((r) => !r.suppressions)).to.have.length(results.length - waived.length);
      const onBucket = results.find(
        (r) =>
          r.level === "error" &&
          /open-bucket$/.test(r.locations[0].logicalLocations[0].fullyQualifiedName),
      );
      expect(onBucket.locations[0].physicalLocation.artifactLocation.uri).to.equal(
        `${FIXTURES}/violations/index.ts`,
      );
      expect(onBucket.locations[0].physicalLocation.region.startLine).to.equal(6);
    });

    it("honours --policy-config like `pulumi preview --policy-pack-config`", async () => {
      const dir = tempDir();
      const allAdvisory = path.join(dir, "advisory.json");
      fs.writeFileSync(allAdvisory, JSON.stringify({ all: "advisory" }));
      const advisory = await check(
        "--program",
        `${FIXTURES}/violations`,
        "--policy-config",
        allAdvisory,
      );
      expect(advisory.code, advisory.stderr).to.equal(0);
      expect(advisory.stdout).to.contain("Result for dev: PASS");

      const invalid = path.join(dir, "invalid.json");
      fs.writeFileSync(invalid, JSON.stringify({ "kms-key-rotation-enabled": "sometimes" }));
      const bad = await check("--program", `${FIXTURES}/violations`, "--policy-config", invalid);
      expect(bad.code).to.equal(2);
      expect(bad.stderr).to.contain('"sometimes" is not a valid enforcement level');

      // Validated by the pack's own schemas, as the CLI validates it, before any verdict; the
      // program (one that would run until its 600 s timeout) is stopped, not waited for.
      const misfit = path.join(dir, "misfit.json");
      fs.writeFileSync(
        misfit,
        JSON.stringify({
          "kms-key-rotation-enabled": { waivers: [{ resource: "legacy-key", reason: "short" }] },
        }),
      );
      const rejected = await check(
        "--program",
        `${FIXTURES}/fail-runs-forever`,
        "--timeout",
        "600",
        "--policy-config",
        misfit,
      );
      expect(rejected.code).to.equal(2);
      expect(rejected.stderr).to.contain(
        "error: validating policy config: platform-guardrails 0.1.0  kms-key-rotation-enabled: " +
          "waivers.0.reason: String length must be greater than or equal to 10",
      );
    });
  });

  describe("program errors (exit 2, nothing written)", () => {
    it("a program that throws is reported at its own .ts file and line", async () => {
      const dir = tempDir();
      const out = path.join(dir, "report.json");
      const run = await check(
        "--program",
        `${FIXTURES}/throws`,
        "--format",
        "json",
        "--output",
        out,
      );
      expect(run.code).to.equal(2);
      expect(run.stderr).to.contain("fixture-throws:size must be a positive number");
      // Line 17 of the TypeScript source; the compiled JavaScript has it elsewhere.
      expect(run.stderr).to.contain(`at ${FIXTURES}/throws/components/sizing.ts:17:11`);
      expect(fs.existsSync(out)).to.equal(false);
    });

    it("a TypeScript syntax error in a program outside the repository is reported with its file", async () => {
      const dir = writeFiles(tempDir(), {
        "Pulumi.yaml": "name: outside\nruntime: nodejs\n",
        "Pulumi.dev.yaml": "config:\n  aws:region: eu-west-1\n",
        // @pulumi/aws resolves from this project's node_modules: the program has none.
        "index.ts":
          'import * as aws from "@pulumi/aws";\nimport { size } from "./components/broken";\n' +
          'export const topic = new aws.sns.Topic("t", {}).arn;\nexport const n = size;\n',
        "components/broken.ts": "export const size: number = ;\n",
      });
      const run = await check("--program", dir);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.contain("TypeScript could not compile the program");
      expect(run.stderr).to.contain("error TS1109: Expression expected");
      expect(run.stderr).to.match(/components[/\\]broken\.ts:1:\d+/);
    });

    it("a program that never finishes fails instead of passing quietly", async () => {
      const dir = writeFiles(tempDir(), {
        "Pulumi.yaml": "name: stuck\nruntime: nodejs\n",
        "Pulumi.dev.yaml": "config: {}\n",
        // An exported function is awaited, as the language host does; this one never settles.
        "index.ts": "export = () => new Promise<void>(() => undefined);\n",
      });
      const run = await check("--program", dir);
      expect(run.code).to.equal(2);
      expect(run.stderr).to.contain("the program never finished");
    });
  });
});
