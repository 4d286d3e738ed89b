// Inputs that must not hurt the offline check: each bad one is a usage error (exit 2) with a
// one-line reason naming the file, line, key or flag, found before any program runs, so nothing
// is written. The readers are driven directly; three cases run the CLI end to end (a "billion
// laughs" stack file, `--output` naming the stack file, a program failing on a secret).
import { expect } from "chai";
import { execFileSync } from "child_process";
import { cli } from "./cli";
import { demoProgram } from "./demo-program";
import { usageError } from "./usage-errors";
import * as fs from "fs";
import * as path from "path";
import { leadingPosition } from "../../tools/check/inputs";
import { checkOutput } from "../../tools/check/output";
import { defaultRunner } from "../../tools/check/judge";
import { readPolicyConfigFile } from "../../tools/check/policy-config";
import {
  listStacks,
  loadProject,
  loadStackConfig,
  MAX_INPUT_BYTES,
} from "../../tools/check/project";
import { checkStack } from "../../tools/check/run";
import { fakeCloudAnswers } from "../../tools/lib/engine/answers";

const ROOT = path.resolve(__dirname, "..", "..");

/** A "billion laughs" stack file: nine levels of nine aliases, about 1.5 KB. */
function laughs(): string {
  const lines = ['    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  let prev = "a";
  for (const c of "bcdefghi") {
    lines.push(`    ${c}: &${c} [${Array(9).fill(`*${prev}`).join(",")}]`);
    prev = c;
  }
  return `config:\n  demo:bomb:\n${lines.join("\n")}\n`;
}

function stackError(stackFile: string): string {
  const dir = demoProgram({ "Pulumi.dev.yaml": stackFile });
  return usageError(() => loadStackConfig(loadProject(dir), "dev"));
}

describe("offline check inputs that must not hurt", function () {
  this.timeout(180_000);
  describe("stack and project files", () => {
    it("an input error's position is read back for the JSON error object", () => {
      const dir = demoProgram({ "Pulumi.yaml": "name: demo\nruntime: yaml\n" });
      const message = usageError(() => loadProject(dir));
      expect(message).to.contain("runtime 'yaml' is not supported");
      const at = leadingPosition(message);
      expect(at.line).to.equal(2);
      expect(at.file).to.match(/Pulumi\.yaml$/);
      expect(leadingPosition("program directory x does not exist")).to.deep.equal({});
    });

    it("refuses a 'billion laughs' stack file at once, and a file over 1 MiB unread", () => {
      const message = stackError(laughs());
      expect(message).to.match(/Pulumi\.dev\.yaml: its YAML aliases expand too far/);
      // A few aliases are fine, and so are merge keys.
      const dir = demoProgram({
        "Pulumi.dev.yaml":
          "x: &p 80\nbase: &b { a: 1 }\nconfig:\n  demo:port: *p\n  demo:tags:\n    <<: *b\n    b: 2\n",
      });
      const values = loadStackConfig(loadProject(dir), "dev").values;
      expect(values["demo:port"]).to.equal("80");
      expect(JSON.parse(values["demo:tags"])).to.deep.equal({ a: 1, b: 2 });
      const big = stackError(`config:\n  demo:note: "${"x".repeat(MAX_INPUT_BYTES)}"\n`);
      expect(big).to.match(
        /stack file .*Pulumi\.dev\.yaml is \d+ bytes; the check reads at most 1048576/,
      );
      const bigProject = demoProgram({
        "Pulumi.yaml": `name: demo\nruntime: nodejs\n#${"x".repeat(MAX_INPUT_BYTES)}\n`,
      });
      expect(usageError(() => loadProject(bigProject))).to.match(/project file .* bytes/);
    });

    it("says that `config` must be a mapping, and where", () => {
      expect(stackError("# prod\nconfig: 5\n")).to.match(
        /Pulumi\.dev\.yaml:2: 'config' must be a mapping of '<namespace>:<name>' keys to values, not a number \(5\)/,
      );
      expect(stackError("config: [a, b]\n")).to.match(
        /:1: 'config' must be a mapping .* not a list/,
      );
      // An empty `config:` is an empty mapping, as for the CLI.
      const dir = demoProgram({ "Pulumi.dev.yaml": "config:\n" });
      expect(loadStackConfig(loadProject(dir), "dev").values["demo:port"]).to.equal("8080");
    });

    it("suggests the nearest declared key for an unknown one of the project", () => {
      const message = stackError("config:\n  demo:replicas: 2\n  demo:prot: 80\n");
      expect(message).to.match(
        /Pulumi\.dev\.yaml:3: 'demo:prot' is not a config key of project demo; did you mean 'demo:port'\?/,
      );
      expect(stackError("config:\n  demo:Replicas: 2\n")).to.contain(
        "did you mean 'demo:replicas'?",
      );
      // An undeclared key far from every declared one is the project's business.
      const dir = demoProgram({ "Pulumi.dev.yaml": "config:\n  demo:featureFlags: on\n" });
      expect(loadStackConfig(loadProject(dir), "dev").values["demo:featureFlags"]).to.equal("on");
    });

    it("notes an AWS credential kept in the stack file as plain text, and where (CKV_AWS_41)", () => {
      const dir = demoProgram({
        "Pulumi.dev.yaml":
          "config:\n  aws:region: eu-west-1\n  aws:accessKey:\n    secure: AAABAMm9\n" +
          "  aws:secretKey: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
      });
      const { notes } = loadStackConfig(loadProject(dir), "dev");
      const plain = notes.filter((n) => n.includes("plain text"));
      expect(plain).to.have.length(1);
      expect(plain[0]).to.match(
        /Pulumi\.dev\.yaml:5: aws:secretKey is stored in plain text: .*\(Checkov CKV_AWS_41\)\. Encrypt it with `pulumi config set --secret aws:secretKey <value>`/,
      );
      // The key's value is never repeated in the note.
      expect(plain[0]).to.not.contain("wJalr");
    });

    it("reports a 23-digit integer as too large, not as 1e+23", () => {
      const message = stackError("config:\n  demo:port: 12345678901234567890123\n");
      expect(message).to.match(
        /Pulumi\.dev\.yaml:2: 'demo:port': 12345678901234567890123 is too large/,
      );
      expect(message).to.not.contain("e+");
      const dir = demoProgram({ "Pulumi.dev.yaml": "config:\n  demo:port: 9007199254740991\n" });
      expect(loadStackConfig(loadProject(dir), "dev").values["demo:port"]).to.equal(
        "9007199254740991",
      );
    });

    it("points type and syntax errors at the stack file's line", () => {
      expect(stackError("config:\n  demo:replicas: 2\n  demo:port: eighty\n")).to.match(
        /Pulumi\.dev\.yaml:3: Stack 'dev' with configuration key 'port' must be of type 'integer'$/,
      );
      expect(stackError("config:\n  demo:port: 80\n  demo:port: 81\n")).to.match(
        /Pulumi\.dev\.yaml:3: not valid YAML: Map keys must be unique/,
      );
      expect(stackError("config:\n  demo:port: [1\n")).to.match(
        /Pulumi\.dev\.yaml:\d: not valid YAML/,
      );
      expect(stackError("config:\n  port: 80\n")).to.match(
        /Pulumi\.dev\.yaml:2: could not parse 'port' as a configuration key/,
      );
      // A bare key: the form `pulumi config set` writes it in is named.
      expect(stackError("config:\n  port: 80\n")).to.contain(
        "`pulumi config set port <value>` writes it as 'demo:port'",
      );
      expect(stackError("config:\n  a:b:c:d: 80\n")).not.to.contain("pulumi config set");
    });

    it("refuses a config type the CLI does not know at its line in Pulumi.yaml, not as a stack value", () => {
      const project = (decl: string, stack = "config:\n  demo:port: 80\n") =>
        demoProgram({
          "Pulumi.yaml": `name: demo\nruntime: nodejs\nconfig:\n  port:\n    type: integer\n${decl}`,
          "Pulumi.dev.yaml": stack,
        });
      expect(
        usageError(() => loadProject(project("  demo:tags:\n    type: map\n    default: {}\n"))),
      ).to.match(
        /Pulumi\.yaml:7: project config 'demo:tags': type "map" is not one of string, integer, boolean, array, object$/,
      );
      // `object` is a type since pulumi/pulumi#20129: a mapping, also as an array's items.
      const objects = project(
        "  accounts:\n    type: array\n    items:\n      type: object\n  tags:\n    type: object\n",
        "config:\n  demo:port: 80\n  demo:tags:\n    team: data\n  demo:accounts:\n    - id: '1'\n",
      );
      const values = loadStackConfig(loadProject(objects), "dev").values;
      expect(JSON.parse(values["demo:tags"])).to.deep.equal({ team: "data" });
      expect(JSON.parse(values["demo:accounts"])).to.deep.equal([{ id: "1" }]);
      const notAMapping = project(
        "  tags:\n    type: object\n",
        "config:\n  demo:port: 80\n  demo:tags: data\n",
      );
      expect(usageError(() => loadStackConfig(loadProject(notAMapping), "dev"))).to.match(
        /Pulumi\.dev\.yaml:3: Stack 'dev' with configuration key 'tags' must be of type 'object'/,
      );
      expect(
        usageError(() =>
          loadProject(project("  zones:\n    type: array\n    items:\n      type: map\n")),
        ),
      ).to.match(/Pulumi\.yaml:9: project config 'zones': type "map" is not one of/);
      const dir = project(
        "  zones:\n    type: array\n    items:\n      type: string\n    default: [a]\n",
      );
      expect(loadStackConfig(loadProject(dir), "dev").values["demo:zones"]).to.equal('["a"]');
    });

    it("reads a stack file with a UTF-8 byte order mark; refuses a policy config with one, as the CLI does", () => {
      const dir = demoProgram({
        "Pulumi.dev.yaml": Buffer.from("\ufeffconfig:\n  demo:port: 443\n", "utf8"),
        "bom.json": Buffer.from('\ufeff{ "all": "advisory" }\n', "utf8"),
        "policy.json": Buffer.from('{ "all": "advisory" }\n', "utf8"),
      });
      expect(loadStackConfig(loadProject(dir), "dev").values["demo:port"]).to.equal("443");
      expect(usageError(() => readPolicyConfigFile(path.join(dir, "bom.json")))).to.match(
        /^policy config .*bom\.json starts with a UTF-8 byte order mark, which `pulumi preview --policy-pack-config` refuses .*: save it as UTF-8 without a byte order mark$/,
      );
      const given = readPolicyConfigFile(path.join(dir, "policy.json"));
      expect(given?.all?.enforcementLevel).to.equal("advisory");
      fs.writeFileSync(path.join(dir, "bad.json"), '{\n  "all": "advisory",\n}\n');
      expect(usageError(() => readPolicyConfigFile(path.join(dir, "bad.json")))).to.match(
        /policy config .*bad\.json:3 is not valid JSON/,
      );
      fs.writeFileSync(
        path.join(dir, "big.json"),
        `{"all": "advisory", "x": "${"y".repeat(MAX_INPUT_BYTES)}"}`,
      );
      expect(usageError(() => readPolicyConfigFile(path.join(dir, "big.json")))).to.match(
        /policy config .*big\.json is \d+ bytes/,
      );
    });

    it("parses the committed stack files without a complaint", () => {
      const project = loadProject(ROOT);
      expect(listStacks(project)).to.include.members(["prod", "staging"]);
      for (const stack of listStacks(project)) {
        const config = loadStackConfig(project, stack);
        expect(config.values["platform:environment"]).to.equal(stack);
        expect(config.lines["platform:vpcCidr"]).to.be.a("number");
      }
    });
  });

  describe("--output", () => {
    const dir = demoProgram({
      "Pulumi.dev.yaml": "config:\n  demo:port: 80\n",
      "policy.json": "{}\n",
      "answers.json": "{}\n",
      "package.json": "{}\n",
    });
    const inputs = [
      { file: path.join(dir, "Pulumi.yaml"), what: "the project file" },
      { file: path.join(dir, "Pulumi.dev.yaml"), what: "the stack file of dev" },
      { file: path.join(dir, "policy.json"), what: "the policy config" },
      { file: path.join(dir, "answers.json"), what: "the invoke answers" },
    ];
    const out = (name: string) => usageError(() => checkOutput(name, inputs, dir));

    it("never names an input, even through a link, nor a program file", () => {
      for (const input of inputs) {
        expect(out(input.file)).to.contain(`is ${input.what}`);
        expect(out(input.file)).to.contain("the check never overwrites its inputs");
      }
      fs.symlinkSync(path.join(dir, "Pulumi.dev.yaml"), path.join(dir, "link.yaml"));
      fs.linkSync(path.join(dir, "policy.json"), path.join(dir, "hard.json"));
      expect(out(path.join(dir, "link.yaml"))).to.contain("is the stack file of dev");
      expect(out(path.join(dir, "hard.json"))).to.contain("is the policy config");
      for (const name of [
        "index.ts",
        "package.json",
        "tsconfig.json",
        "lib.mjs",
        "Pulumi.qa.yaml",
      ]) {
        expect(out(path.join(dir, name))).to.contain("names a program file");
      }
    });

    it("refuses directories, devices, FIFOs and a missing directory; takes a new file", () => {
      expect(out(dir)).to.contain("is a directory");
      expect(out("/dev/null")).to.contain("is not a regular file (a device, FIFO or socket)");
      fs.mkdirSync(path.join(dir, "fifos"));
      const fifo = path.join(dir, "fifos", "report.fifo");
      execFileSync("mkfifo", [fifo]);
      expect(out(fifo)).to.contain("is not a regular file");
      expect(out(path.join(dir, "missing", "report.json"))).to.match(
        /directory .*missing does not exist/,
      );
      expect(out(path.join(dir, "index.ts", "report.json"))).to.match(
        /index\.ts is not a directory/,
      );
      expect(checkOutput(path.join(dir, "report.sarif"), inputs, dir)).to.equal(
        path.join(dir, "report.sarif"),
      );
    });

    it("is checked before the run: exit 2, the stack file untouched, nothing written", async () => {
      const stackFile = path.join(dir, "Pulumi.dev.yaml");
      const before = fs.readFileSync(stackFile, "utf8");
      const run = await cli("--program", dir, "--format", "json", "--output", stackFile);
      expect(run.code).to.equal(2);
      expect(run.stderr.split("\n")[0]).to.match(
        /^error: --output .*Pulumi\.dev\.yaml is the stack file of dev/,
      );
      expect(run.stdout).to.contain('"kind": "usage"');
      expect(fs.readFileSync(stackFile, "utf8")).to.equal(before);
      expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).to.deep.equal([]);
    });
  });

  describe("end to end", () => {
    it("stops a 'billion laughs' stack file with exit 2 in seconds, writing nothing", async () => {
      const dir = demoProgram({ "Pulumi.dev.yaml": laughs() });
      const report = path.join(dir, "report.json");
      const run = await cli("--program", dir, "--format", "json", "--output", report);
      expect(run.code).to.equal(2);
      expect(run.stderr.trim().split("\n")).to.have.length(1);
      expect(run.stderr).to.contain("its YAML aliases expand too far");
      expect(fs.existsSync(report)).to.equal(false);
      // The JSON error names the file, as the message does.
      const { error } = JSON.parse(run.stdout);
      expect(error.kind).to.equal("usage");
      expect(error.file).to.match(/Pulumi\.dev\.yaml$/);
    });

    it("says a secret aws:region cannot be decrypted offline and how to give it, before running", async () => {
      const dir = demoProgram({
        "Pulumi.dev.yaml": "config:\n  aws:region:\n    secure: v1:AAAAAAAAAAAAAAAA:YQ==\n",
      });
      const run = await cli("--program", dir, "--output", path.join(dir, "report.txt"));
      expect([run.code, fs.existsSync(path.join(dir, "report.txt"))]).to.deep.equal([2, false]);
      expect(run.stderr).to.equal(
        `error: ${path.join(dir, "Pulumi.dev.yaml")}:2: aws:region is a secret (secure:) that the ` +
          "check cannot decrypt offline; give its value for this run with --config " +
          "aws:region=<region> (never written anywhere)\n",
      );
    });

    it("refuses a typed read of a secret it could not decrypt, and says how to supply it", async () => {
      const dir = demoProgram({
        "Pulumi.dev.yaml": "config:\n  demo:port:\n    secure: v1:AAAAAAAAAAAAAAAA:c2VjcmV0\n",
      });
      const run = await cli("--program", dir, "--output", path.join(dir, "report.txt"));
      expect(run.code).to.equal(2);
      // A plain typed getter gets no stand-in the program could build on: the stack is refused,
      // naming the read (tools/lib/engine/secret-config-reads.js).
      expect(run.stderr.split("\n").slice(1, 2)).to.deep.equal([
        "  demo:port (requireNumber at index.ts:2): read it with requireSecretNumber (an unknown " +
          "secret offline, whose checks are listed as not evaluated), or give the value the stack " +
          "uses with --config demo:port=<value>",
      ]);
      expect(run.stderr).to.contain("read with a plain typed getter");
      expect(run.stderr).to.not.contain("out of range");
      expect(fs.existsSync(path.join(dir, "report.txt"))).to.equal(false);

      // Supplied for the run, it passes (and the value is written nowhere).
      const project = loadProject(dir);
      const result = await checkStack({
        project,
        stack: "dev",
        phases: ["preview"],
        judge: defaultRunner().judge,
        answers: (region) => fakeCloudAnswers({ accountId: "123456789012", region }),
        timeoutMs: 120_000,
        fallbackModulesDir: ROOT,
        configOverrides: { "demo:port": "4321" },
      });
      expect(result.configNotes.join("\n")).to.contain("demo:port given with --config");
      expect(JSON.stringify(result.configNotes)).to.not.contain("4321");
    });
  });
});
