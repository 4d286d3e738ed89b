// A program that asks the Pulumi CLI who is logged in (test/fixtures/programs/pulumi-whoami):
// `pulumi preview` runs it, since the CLI running the program is logged in. The check never starts
// the CLI (tools/lib/engine/automation-guard.js), so it answers a bare `pulumi whoami` itself
// (tools/lib/engine/whoami-answer.js) and
// says so, rather than refusing it as a nested deployment; any other `pulumi` command stays refused.
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as path from "path";
import { cliAnsweredNotes } from "../../tools/check/cli-note";
import {
  WHOAMI_URL,
  WHOAMI_USER,
  whoamiOutput,
  whoamiRefusal,
} from "../../tools/lib/engine/whoami-answer";
import { FIXTURES, lineOf, runStack } from "./program-runs";

describe("a program that runs `pulumi whoami`", function () {
  this.timeout(120_000);

  it("runs to the end with the check's user, and the run names each query and its line", async () => {
    const r = await runStack(path.join(FIXTURES, "pulumi-whoami"), { stack: "dev" });
    expect(r.failure?.message, "the run did not fail").to.equal(undefined);
    const queue = r.resources.find((x) => x.type === "aws:sqs/queue:Queue");
    expect(queue?.inputs.tags).to.deep.equal({
      CreatedBy: WHOAMI_USER,
      Also: WHOAMI_USER,
      Json: WHOAMI_USER,
      Backend: WHOAMI_URL,
    });
    const file = "pulumi-whoami/index.ts";
    const first = lineOf(file, 'execSync("pulumi whoami")');
    const second = lineOf(file, 'execFileSync("pulumi", ["whoami"]');
    const third = lineOf(file, 'execSync("pulumi whoami --json")');
    const fourth = lineOf(file, 'execFileSync("pulumi", ["whoami", "-v"]');
    expect(r.cliAnswered).to.deep.equal([
      `execSync("pulumi whoami") (index.ts:${first})`,
      `execFileSync("pulumi whoami") (index.ts:${second})`,
      `execSync("pulumi whoami --json") (index.ts:${third})`,
      `execFileSync("pulumi whoami -v") (index.ts:${fourth})`,
    ]);
    const [note] = cliAnsweredNotes([r], WHOAMI_USER);
    expect(note).to.contain(`execSync("pulumi whoami") (index.ts:${first})`);
    expect(note).to.contain(`answered "${WHOAMI_USER}"`);
  });

  describe("answers as the CLI prints it (pulumi/pulumi pkg/cmd/pulumi/whoami.go)", () => {
    const json = `{\n  "user": "${WHOAMI_USER}",\n  "organizations": [\n    "${WHOAMI_USER}"\n  ],\n  "url": "${WHOAMI_URL}"\n}\n`;
    const verbose =
      `User: ${WHOAMI_USER}\nOrganizations: ${WHOAMI_USER}\nBackend URL: ${WHOAMI_URL}\n` +
      "Token type: personal\n";
    const cases: [string, string | undefined][] = [
      ["pulumi whoami", `${WHOAMI_USER}\n`],
      ["pulumi whoami --json", json],
      ["pulumi whoami -j", json],
      ["pulumi whoami --verbose", verbose],
      ["pulumi whoami -v", verbose],
      // --json is read first, whatever the order.
      ["pulumi whoami -v --json", json],
      ["/usr/local/bin/pulumi  whoami  -j", json],
      // Cobra's forms of the two booleans (spf13/pflag: shorthands run together, `=<bool>`).
      ["pulumi whoami -jv", json],
      ["pulumi whoami -vj=false", verbose],
      ["pulumi whoami --json=true", json],
      ["pulumi whoami --json=false", `${WHOAMI_USER}\n`],
      ["pulumi whoami --json=false -v=1", verbose],
      ["pulumi whoami --json=maybe", undefined],
      ["pulumi whoami --org acme", undefined],
      // The CLI's global flags (pkg/cmd/pulumi/pulumi.go), before or after whoami, in pflag's forms.
      ["pulumi whoami --non-interactive", `${WHOAMI_USER}\n`],
      ["pulumi --non-interactive whoami -j", json],
      ["pulumi whoami --color never", `${WHOAMI_USER}\n`],
      ["pulumi --color=never whoami --verbose", verbose],
      ["pulumi -C infra whoami", `${WHOAMI_USER}\n`],
      ["pulumi whoami -jC infra", json],
      ["pulumi whoami -Cinfra", `${WHOAMI_USER}\n`],
      ["pulumi --cwd=infra whoami", `${WHOAMI_USER}\n`],
      [
        "pulumi whoami --logtostderr --logflow -e --emoji=false --memprofilerate 0",
        `${WHOAMI_USER}\n`,
      ],
      ["pulumi whoami --disable-integrity-checking", `${WHOAMI_USER}\n`],
      // whoami's own boolean --verbose takes the place of the root's int one: -v=9 fails there.
      ["pulumi whoami -v=9", undefined],
      ["pulumi whoami --color=purple", undefined],
      ["pulumi whoami --cwd", undefined],
      ["pulumi whoami --tracing file:/tmp/t", undefined],
      ["pulumi --stack dev whoami", undefined],
      // `--` ends the flags (pflag); before whoami it ends cobra's search for the command too.
      ["pulumi whoami --", `${WHOAMI_USER}\n`],
      ["pulumi whoami -j --", json],
      ["pulumi whoami -- acme", undefined],
      ["pulumi whoami -- -j", undefined],
      ["pulumi -- whoami", undefined],
      ["pulumi whoami && pulumi up", undefined],
      ["pulumi up", undefined],
      ["pulumi --non-interactive up", undefined],
    ];
    for (const [line, output] of cases)
      it(`${line}: ${output === undefined ? "not answered (refused)" : JSON.stringify(output)}`, () => {
        expect(whoamiOutput(line)).to.equal(output);
      });
  });

  describe("refuses a form it does not answer, saying so (not as a deployment)", () => {
    const cases: [string, string | undefined][] = [
      ["pulumi whoami -v=9", "-v=9"],
      ["pulumi whoami --color=purple -j", "--color=purple"],
      ["pulumi --tracing file:/tmp/t whoami", "--tracing"],
      ["pulumi whoami --profiling prof", "--profiling"],
      ["pulumi whoami -jx", "-jx"],
      ["pulumi whoami --non-interactive", undefined],
      ["pulumi whoami acme", "acme"],
      ["pulumi whoami -jv", undefined],
      ["pulumi whoami --", undefined],
      ["pulumi whoami -- acme", "acme"],
      ["pulumi whoami -- -j", "-j"],
      ["pulumi whoami --org acme -- x", "--org"],
      ["pulumi whoami && pulumi up", undefined],
      ["pulumi up", undefined],
    ];
    for (const [line, word] of cases)
      it(`${line}: ${word === undefined ? "no such refusal" : `refused on ${word}`}`, () => {
        const e = whoamiRefusal(line);
        if (word === undefined) expect(e).to.equal(undefined);
        else {
          expect(e?.code).to.equal("ERR_OFFLINE_WHOAMI_FORM");
          expect(e?.message).to.equal(
            `\`${line}\` is not answered by the offline check: it answers \`pulumi whoami\` ` +
              "with its --json (-j) and --verbose (-v) and the CLI's global flags but --tracing, " +
              "--profiling and --tracing-header, in the forms the CLI accepts (-jv, --json=true, " +
              `-C dir, --color=never), not "${word}"; run it without that word, or give the ` +
              "user another way (a config value)",
          );
          expect(e?.message).to.not.contain("Automation API");
        }
      });
  });

  describe("a file and its arguments run without a shell: the arguments as given", () => {
    it('one argument with a space is one value (-C "my dir")', () => {
      expect(whoamiOutput("pulumi", ["whoami", "-C", "my dir"])).to.equal(`${WHOAMI_USER}\n`);
      expect(whoamiOutput("pulumi", ["whoami", "--cwd=my dir", "-j"])).to.contain('"user"');
      expect(whoamiRefusal("pulumi", ["whoami", "-C", "my dir"])).to.equal(undefined);
    });
    it("an argument with a space is one argument, named whole", () => {
      expect(whoamiOutput("pulumi", ["whoami", "my org"])).to.equal(undefined);
      expect(whoamiRefusal("pulumi", ["whoami", "my org"])?.message).to.contain('not "my org"');
    });
    it("another file is not answered", () => {
      expect(whoamiOutput("pulumi-other", ["whoami"])).to.equal(undefined);
    });
    it("execFileSync in the program's process answers it", () => {
      const preload = path.resolve(__dirname, "../../tools/lib/engine/child-preload.js");
      const script =
        'process.stdout.write(require("child_process").execFileSync("pulumi", ' +
        '["whoami", "-C", "my dir", "--"], { encoding: "utf8" }))';
      const out = execFileSync(process.execPath, ["-r", preload, "-e", script], {
        encoding: "utf8",
        timeout: 20_000,
      });
      expect(out).to.equal(`${WHOAMI_USER}\n`);
    });
  });

  it("a run that ran no query has no note", () => {
    expect(cliAnsweredNotes([{ cliAnswered: [] }], WHOAMI_USER)).to.deep.equal([]);
  });
});
