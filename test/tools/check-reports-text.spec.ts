// The offline check's text report on real results (the prod stack and the fixture program with
// violations, ./report-results.ts): counts per stack and across stacks, waivers once, the
// program's own warnings apart, --quiet and --min-severity, colour only where wanted, and
// control characters in names and messages escaped.
import { expect } from "chai";
import { formatJson } from "../../tools/check/format-json";
import { colorWanted, formatText } from "../../tools/check/format-text";
import { escapeLine, escapeText, summarize } from "../../tools/check/report";
import type { StackResult } from "../../tools/check/run";
import { componentTree } from "../../tools/check/text-resources";
import type { RecordedResource } from "../../tools/lib/recorder";
import { hostile, reportedResults } from "./report-results";

describe("offline check reports: text", function () {
  this.timeout(600_000);
  let prod: StackResult;
  let violations: StackResult;

  before(async () => {
    ({ prod, violations } = await reportedResults());
  });

  describe("text report", () => {
    it("counts checks per stack, waivers once, and keeps the program's warnings apart", () => {
      const text = formatText([prod]);
      const s = summarize(prod);
      expect(text).to.contain(
        `Checks: ${s.checks} — ${s.passed} passed, ${s.failed} failed, ${s.waived} waived, ${s.unevaluated} not evaluated`,
      );
      // Waived findings are not findings: counted once, under their own heading.
      expect(text).to.contain(`Findings: ${s.mandatory} mandatory, ${s.advisory} advisory`);
      expect(s.mandatory + s.advisory).to.equal(prod.violations.length);
      expect(text).to.contain(`Waived (${prod.waived.length})`);
      expect(text).to.not.match(/^\s+\S+ advisory\s+policy-waivers/m);
      expect(prod.warnings.length).to.be.greaterThan(0);
      expect(text).to.contain(`Program warnings (${prod.warnings.length}):`);
      const warnings = text.slice(text.indexOf("Program warnings"));
      expect(warnings).to.contain(escapeText(prod.warnings[0]));
      expect(text).to.not.contain("\x1b[");
    });

    it("summarises every stack checked, in a table and on the last line", () => {
      const text = formatText([prod, violations]);
      const lines = text.trimEnd().split("\n");
      const p = summarize(prod);
      const prodDetail = [
        p.advisory ? `${p.advisory} advisory` : "",
        p.unevaluatedMandatory ? `${p.unevaluatedMandatory} mandatory not evaluated` : "",
        // Our stacks' config asks isDryRun() (components/config/index.ts): the last line says so too.
        prod.dryRunSkipped ? "code behind isDryRun() not run" : "",
      ]
        .filter(Boolean)
        .join(", ");
      expect(lines[lines.length - 1]).to.equal(
        `Result: FAIL — 2 stacks checked: prod PASS (${prodDetail}); ` +
          `dev FAIL (${summarize(violations).mandatory} mandatory violations)`,
      );
      expect(text).to.contain("Checks across 2 stacks:");
      const total = lines.find((l) => l.trimStart().startsWith("all stacks"))!;
      const checks = prod.counts.checks + violations.counts.checks;
      expect(total.split(/\s{2,}/).map((c) => c.trim())).to.deep.equal([
        "",
        "all stacks",
        String(checks),
        String(prod.counts.passed + violations.counts.passed),
        String(prod.counts.failed + violations.counts.failed),
        String(prod.counts.waived + violations.counts.waived),
        String(prod.counts.unevaluated + violations.counts.unevaluated),
        "FAIL",
      ]);
      // With one stack the table is left out; the last line still names the stack.
      expect(formatText([prod])).to.not.contain("Checks across");
      expect(formatText([prod]).trimEnd().split("\n").pop()).to.match(
        /^Result: PASS — 1 stack checked: prod PASS/,
      );
    });

    it("the component tree tells apart types of the same name (remote and local Command)", () => {
      // As @pulumi/command's EC2 example holds them: `3 Command, 1 Command` said nothing.
      const stack = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
      const res = (type: string, name: string, custom = true) =>
        ({
          urn: `urn:pulumi:dev::p::${type}::${name}`,
          type,
          name,
          custom,
          remote: false,
          parent: custom ? stack : undefined,
          inputs: {},
          outputs: {},
          dependencies: [],
          propertyDependencies: {},
          options: {},
        }) as unknown as RecordedResource;
      const tree = componentTree([
        res("pulumi:pulumi:Stack", "p-dev", false),
        ...["a", "b", "c"].map((n) => res("command:remote:Command", n)),
        res("command:local:Command", "d"),
        res("aws:ec2/instance:Instance", "web"),
        res("aws:rds/instance:Instance", "db"),
        res("aws:s3/bucket:Bucket", "logs"),
      ]);
      expect(tree[0]).to.contain(
        "[7 resources]: 3 remote:Command, 1 ec2:Instance, 1 rds:Instance, 1 Bucket, 1 local:Command",
      );
    });

    it("--quiet prints the findings and the results only", () => {
      const text = formatText([prod, violations], { quiet: true });
      for (const gone of [
        "Resources:",
        "by component",
        "Waived (",
        "Preview notes",
        "Program warnings",
      ]) {
        expect(text).to.not.contain(gone);
      }
      expect(text).to.contain("s3-bucket-public-access-block");
      expect(text).to.contain("Result for prod: PASS");
      expect(text).to.contain("Result for dev: FAIL");
      expect(text.trimEnd().split("\n").pop()).to.match(/^Result: FAIL — 2 stacks checked/);
    });

    it("--min-severity hides lower findings, which still count and still fail", () => {
      const text = formatText([violations], { minSeverity: "critical" });
      const hidden = violations.violations.filter((v) => v.severity !== "critical");
      expect(text).to.contain(`(${hidden.length} below critical hidden by --min-severity`);
      expect(text).to.not.contain("s3-bucket-lifecycle-configured");
      expect(text).to.contain("kms-key-policy-no-wildcard-principal");
      // Every mandatory finding rated low and filtered out: the stack still fails, and says why.
      const low: StackResult = {
        ...violations,
        violations: violations.violations.map((v) => ({ ...v, severity: "low" as const })),
      };
      const mandatory = summarize(low).mandatory;
      const quiet = formatText([low], { minSeverity: "high", quiet: true });
      expect(quiet).to.contain("none shown");
      expect(quiet).to.contain(
        `Result for dev: FAIL — ${mandatory} mandatory violations (${mandatory} hidden by --min-severity)`,
      );
    });

    it("--fail-on-unevaluated turns a PASS with unevaluated mandatory checks into FAIL", () => {
      // Our stacks leave no mandatory check unevaluated; one that another stack's output keeps
      // unknown even in the apply phase stands for the case.
      const target = prod.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy")!;
      const partial = {
        ...prod,
        unevaluated: [
          ...prod.unevaluated,
          {
            policy: "iam-no-wildcard-actions",
            enforcementLevel: "mandatory",
            urn: target.urn,
            type: target.type,
            name: target.name,
            reason:
              "unknown even when every created resource is known (an output of stack reference shared)",
          },
        ],
      };
      expect(summarize(partial).unevaluatedMandatory).to.be.greaterThan(0);
      const pass = formatText([partial]);
      expect(pass).to.match(
        /Result for prod: PASS .* — but \d+ mandatory checks? could not be evaluated/,
      );
      const fail = formatText([partial], { gate: { failOnUnevaluated: true } });
      expect(fail).to.match(
        /Result for prod: FAIL — \d+ mandatory checks? could not be evaluated \(--fail-on-unevaluated\)/,
      );
      expect(
        JSON.parse(formatJson([partial], { gate: { failOnUnevaluated: true } })).summary.result,
      ).to.equal("FAIL");
    });

    it("escapes control characters: a resource name cannot print a fake PASS line", () => {
      const text = formatText([hostile(violations)], { color: false });
      expect(text).to.not.match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
      expect(text.split("\n").filter((l) => l.startsWith("Result for dev:"))).to.deep.equal([
        text.split("\n").find((l) => l.startsWith("Result for dev: FAIL")),
      ]);
      expect(text).to.contain("\\x1b[2K\\x0d\\x1b[32mResult for dev: PASS\\x1b[0m\\x9b\\u202e");
      // Program warnings and output too.
      expect(text.slice(text.indexOf("Program warnings"))).to.contain("\\x1b[2K");
      // Single-line fields escape newlines as well; messages keep them.
      expect(escapeLine("a\nb")).to.equal("a\\x0ab");
      expect(escapeText("a\nb\tc")).to.equal("a\nb\\x09c");
    });

    it("indents every line of a multi-line waiver reason or note: none starts a line of its own", () => {
      const forged = "kept for the partner\nResult for dev: PASS\n\nResult: PASS";
      const r: StackResult = {
        ...violations,
        waived: violations.waived.map((w) => ({ ...w, waiver: { ...w.waiver, reason: forged } })),
        configNotes: [forged],
      };
      expect(r.waived.length).to.be.greaterThan(0);
      const lines = formatText([r], { color: false }).trimEnd().split("\n");
      expect(lines.filter((l) => l.startsWith("Result"))).to.deep.equal([
        lines.find((l) => l.startsWith("Result for dev: FAIL")),
        lines[lines.length - 1],
      ]);
      expect(lines).to.include("        Result for dev: PASS");
      expect(lines).to.include("           Result for dev: PASS");
    });

    it("colours only when asked: a terminal, FORCE_COLOR, never with NO_COLOR or a pipe", () => {
      const tty = { isTTY: true };
      const pipe = { isTTY: false };
      expect(colorWanted(tty, {})).to.equal(true);
      expect(colorWanted(pipe, {})).to.equal(false);
      expect(colorWanted(tty, { NO_COLOR: "1" })).to.equal(false);
      expect(colorWanted(tty, { NO_COLOR: "" })).to.equal(true);
      expect(colorWanted(tty, { TERM: "dumb" })).to.equal(false);
      expect(colorWanted(pipe, { FORCE_COLOR: "1" })).to.equal(true);
      expect(colorWanted(pipe, { FORCE_COLOR: "" })).to.equal(true);
      expect(colorWanted(tty, { FORCE_COLOR: "0" })).to.equal(false);
      expect(colorWanted(tty, { FORCE_COLOR: "1", NO_COLOR: "1" })).to.equal(true);
      const coloured = formatText([violations], { color: true });
      expect(coloured).to.contain("\x1b[31mFAIL\x1b[39m");
      // Colour codes are the report's own: the program's text is escaped before they are added.
      expect(formatText([hostile(violations)], { color: true })).to.not.contain("\x1b[2K");
    });
  });
});
