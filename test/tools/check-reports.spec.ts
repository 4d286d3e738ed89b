// The offline check's reports (text, JSON, SARIF) on real results: the prod stack of this project
// and the fixture program with violations, each checked once in both phases (in this process, as
// `npm run check` does), then formatted as often as the cases need. The SARIF is validated against
// the OASIS SARIF 2.1.0 JSON schema (the copy @microsoft/jest-sarif ships, draft-04) and held to
// what GitHub code scanning needs: one alert per real unwaived finding, unique fingerprints, full
// regions, a tool version, no local paths.
import { expect } from "chai";
import * as os from "os";
import * as path from "path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { formatJson } from "../../tools/check/format-json";
import { formatSarif, MAX_TAGS } from "../../tools/check/format-sarif";
import { colorWanted, formatText } from "../../tools/check/format-text";
import { defaultRunner } from "../../tools/check/judge";
import { loadProject } from "../../tools/check/project";
import { escapeLine, escapeText, PolicyInfo, summarize } from "../../tools/check/report";
import { checkStack, nothingJudged, StackResult } from "../../tools/check/run";
import { fakeCloudAnswers } from "../../tools/lib/engine/answers";
import { componentTree } from "../../tools/check/text-resources";
import type { RecordedResource } from "../../tools/lib/recorder";
import sarifSchema from "@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json";
import packJson from "../../policy-pack/package.json";

const ROOT = path.resolve(__dirname, "..", "..");
const VIOLATIONS = path.join(ROOT, "test", "fixtures", "programs", "violations");
let INFO: PolicyInfo[] = [];
before(async () => {
  INFO = await defaultRunner().info();
});
const VERSION = packJson.version;

// The schema's `language` pattern is not valid under the `u` flag; formats are checked
// (uri, uri-reference, date-time), which catches an artifact URI that is not one.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(sarifSchema);

function check(dir: string, stack: string): Promise<StackResult> {
  return checkStack({
    project: loadProject(dir),
    stack,
    phases: ["preview", "apply"],
    judge: defaultRunner().judge,
    answers: (region) => fakeCloudAnswers({ accountId: "123456789012", region }),
    timeoutMs: 300_000,
    fallbackModulesDir: ROOT,
  });
}

function sarif(results: StackResult[], opts: Partial<Parameters<typeof formatSarif>[2]> = {}) {
  const text = formatSarif(results, INFO, { version: VERSION, ...opts });
  return { text, doc: JSON.parse(text) };
}

/** What GitHub code scanning makes an alert of: every result of every run. */
function alerts(doc: any): any[] {
  return doc.runs.flatMap((r: any) => r.results);
}

/** A copy of a result with resource names, messages and program output an attacker chose. */
function hostile(r: StackResult): StackResult {
  const evil = "x\x1b[2K\r\x1b[32mResult for dev: PASS\x1b[0m\u009b\u202e";
  return {
    ...r,
    violations: r.violations.map((v) => ({ ...v, name: `${v.name}${evil}`, detail: evil })),
    waived: r.waived.map((w) => ({ ...w, waiver: { ...w.waiver, reason: evil } })),
    warnings: [evil],
    diagnostics: [evil],
    configNotes: [evil],
  };
}

describe("offline check reports", function () {
  this.timeout(600_000);
  let prod: StackResult;
  let violations: StackResult;

  before(async () => {
    [prod, violations] = await Promise.all([check(ROOT, "prod"), check(VIOLATIONS, "dev")]);
  });

  describe("SARIF for GitHub code scanning", () => {
    it("validates against the OASIS SARIF 2.1.0 schema: prod, violations, both runs, suppressed", () => {
      for (const doc of [
        sarif([prod]).doc,
        sarif([violations]).doc,
        sarif([prod, violations], { minSeverity: "high" }).doc,
        sarif([violations], { includeSuppressed: true }).doc,
        sarif([hostile(violations)], { includeSuppressed: true }).doc,
      ]) {
        expect(validateSarif(doc), JSON.stringify(validateSarif.errors, null, 2)).to.equal(true);
      }
    });

    it("opens one alert per real unwaived finding: no waiver, note or unevaluated check", () => {
      const noted: StackResult = {
        ...violations,
        configNotes: [
          "no Pulumi.dev.yaml: the stack ran on the project's config defaults",
          "the apply phase failed, so only the preview phase was judged: spawn docker ENOENT",
        ],
      };
      for (const r of [prod, violations, noted]) {
        const { doc } = sarif([r]);
        const results = alerts(doc);
        expect(results).to.have.length(r.violations.length);
        expect(results.map((x) => `${x.ruleId} ${x.properties.urn}`).sort()).to.deep.equal(
          r.violations.map((v) => `${v.policy} ${v.urn}`).sort(),
        );
        for (const x of results) {
          expect(x).to.not.have.property("suppressions");
          expect(x).to.not.have.property("kind");
          expect(x.ruleId).to.not.equal("policy-waivers");
          expect(x.level).to.equal(
            r.violations.find((v) => v.policy === x.ruleId && v.urn === x.properties.urn)!
              .enforcementLevel === "mandatory"
              ? "error"
              : "warning",
          );
        }
        const run = doc.runs[0];
        // Unevaluated checks are tool notifications, each with its rule; waivers are listed once.
        // The run's notes on the stack come first, as notes without a rule.
        const notifications = run.invocations[0].toolExecutionNotifications;
        expect(notifications).to.have.length(r.configNotes.length + r.unevaluated.length);
        expect(
          notifications.slice(0, r.configNotes.length).map((n: any) => n.message.text),
        ).to.deep.equal(r.configNotes);
        for (const n of notifications.slice(r.configNotes.length))
          expect(n).to.have.property("associatedRule");
        expect(run.properties.waivers).to.have.length(r.waived.length);
        expect(run.properties.previewNotesResolved).to.equal(r.notes.length);
        expect(run.properties.summary).to.include({
          checks: r.counts.checks,
          failed: r.counts.failed,
          waived: r.counts.waived,
        });
      }
      // Our prod stack: its notes and unevaluated checks exist, and none of them is an alert.
      expect(prod.notes.length).to.be.greaterThan(0);
      expect(prod.waived.length).to.be.greaterThan(0);
      expect(alerts(sarif([prod]).doc)).to.have.length(prod.violations.length);
    });

    it("lists each waiver exactly once, as a suppressed result with its reason when asked", () => {
      const { doc } = sarif([violations], { includeSuppressed: true });
      const run = doc.runs[0];
      const suppressed = run.results.filter((x: any) => x.suppressions);
      expect(suppressed).to.have.length(violations.waived.length);
      const key = suppressed.find((x: any) => x.ruleId === "kms-key-rotation-enabled");
      expect(key.suppressions).to.deep.equal([
        {
          kind: "inSource",
          status: "accepted",
          justification: "Legacy partner integration pins key material; ticket SEC-1234.",
        },
      ]);
      expect(run.properties).to.not.have.property("waivers");
      expect(run.results.filter((x: any) => !x.suppressions)).to.have.length(
        violations.violations.length,
      );
      expect(run.results.some((x: any) => x.ruleId === "policy-waivers")).to.equal(false);
    });

    it("gives every result a stable primaryLocationLineHash, unique per policy and resource", () => {
      const { doc } = sarif([prod, violations], { includeSuppressed: true });
      for (const run of doc.runs) {
        const hashes = run.results.map((x: any) => x.partialFingerprints.primaryLocationLineHash);
        expect(new Set(hashes).size).to.equal(hashes.length);
        for (const x of run.results) {
          expect(Object.keys(x.partialFingerprints)).to.deep.equal(["primaryLocationLineHash"]);
        }
      }
      // Several buckets are constructed on one line of one component: distinct alerts all the same.
      const prodRuns = sarif([prod]).doc.runs[0].results;
      const lines = prodRuns.map(
        (x: any) =>
          `${x.locations[0].physicalLocation.artifactLocation.uri}:${x.locations[0].physicalLocation.region.startLine}`,
      );
      expect(new Set(lines).size).to.be.lessThan(lines.length);
      // Stable: the same findings give the same fingerprints in another order and another run.
      const again = sarif([violations, prod]).doc.runs[1].results;
      const byKey = (rs: any[]) =>
        Object.fromEntries(
          rs.map((x) => [
            `${x.ruleId} ${x.properties.urn}`,
            x.partialFingerprints.primaryLocationLineHash,
          ]),
        );
      expect(byKey(again)).to.deep.equal(byKey(prodRuns));
    });

    it("gives full regions, the pack's version, concise rules with at most 10 tags", () => {
      const { doc } = sarif([prod, violations]);
      for (const run of doc.runs) {
        const driver = run.tool.driver;
        expect(driver.version).to.equal(VERSION);
        expect(driver.semanticVersion).to.equal(VERSION);
        for (const rule of driver.rules) {
          expect(rule.properties.tags.length).to.be.at.most(MAX_TAGS);
          expect(rule.properties.tags).to.include("security");
          expect(rule.shortDescription.text).to.not.equal(rule.fullDescription.text);
          expect(rule.shortDescription.text.length).to.be.at.most(100);
          expect(rule.fullDescription.text.length).to.be.at.most(1024);
        }
        const locations = [
          ...run.results.map((x: any) => x.locations[0]),
          ...run.invocations[0].toolExecutionNotifications
            .filter((n: any) => n.locations)
            .map((n: any) => n.locations[0]),
        ];
        for (const loc of locations) {
          const region = loc.physicalLocation.region;
          expect(region).to.have.all.keys("startLine", "startColumn", "endLine", "endColumn");
          expect(region.endLine).to.be.at.least(region.startLine);
          expect(region.endColumn).to.be.greaterThan(region.startColumn);
        }
      }
      // The rule with the most mirrored controls keeps 10 tags; its controls stay in the help.
      const busiest = INFO.reduce((a, b) => (b.references.length > a.references.length ? b : a));
      expect(busiest.references.length + 2).to.be.greaterThan(MAX_TAGS);
      const rule = doc.runs[0].tool.driver.rules.find((x: any) => x.id === busiest.name);
      for (const ref of busiest.references) expect(rule.help.text).to.contain(ref.id);
      // A finding points at the line that constructed its resource, from the `new` on.
      const bucket = doc.runs[1].results.find(
        (x: any) => x.ruleId === "s3-bucket-public-access-block",
      );
      expect(bucket.locations[0].physicalLocation).to.deep.equal({
        artifactLocation: {
          uri: "test/fixtures/programs/violations/index.ts",
          uriBaseId: "%SRCROOT%",
        },
        region: { startLine: 6, startColumn: 23, endLine: 6, endColumn: 94 },
      });
    });

    it("holds no absolute or local path", () => {
      const { text, doc } = sarif([prod, violations], { includeSuppressed: true });
      for (const local of [ROOT, os.homedir(), "file://"]) expect(text).to.not.contain(local);
      // No value anywhere is an absolute path.
      const walk = (v: unknown): void => {
        if (typeof v === "string") expect(v).to.not.match(/^(?:\/|[A-Za-z]:[\\/])/);
        else if (v && typeof v === "object") Object.values(v).forEach(walk);
      };
      walk(doc);
      for (const run of doc.runs) {
        for (const base of Object.values<any>(run.originalUriBaseIds)) {
          expect(base).to.not.have.property("uri");
        }
        for (const x of run.results) {
          const uri: string = x.locations[0].physicalLocation.artifactLocation.uri;
          expect(uri).to.not.match(/^\/|^[A-Za-z]:|\.\./);
        }
      }
    });

    it("leaves findings below --min-severity out of the results, and says how many", () => {
      const { doc } = sarif([violations], { minSeverity: "critical" });
      const results = alerts(doc);
      const critical = violations.violations.filter((v) => v.severity === "critical");
      expect(results).to.have.length(critical.length);
      expect(doc.runs[0].properties.hiddenFindings).to.equal(
        violations.violations.length - critical.length,
      );
    });

    it("escapes control characters in message text", () => {
      const { text, doc } = sarif([hostile(violations)], { includeSuppressed: true });
      expect(text).to.not.match(/[\u007f-\u009f\u202e]/);
      for (const x of alerts(doc)) {
        expect(x.message.text).to.not.match(/[\u0000-\u001f\u007f-\u009f\u202e]/);
      }
      const first = alerts(doc)[0];
      expect(first.message.text).to.equal(
        "x\\x1b[2K\\x0d\\x1b[32mResult for dev: PASS\\x1b[0m\\x9b\\u202e",
      );
      expect(first.locations[0].logicalLocations[0].name).to.contain("\\x1b[2K");
    });
  });

  describe("a stack with nothing to judge", () => {
    it("is named in the report's warnings, never a quiet pass", () => {
      const stack = { type: "pulumi:pulumi:Stack" };
      expect(nothingJudged([stack])).to.contain(
        "the program registered no resource besides its stack and providers: the policies had nothing to judge",
      );
      expect(nothingJudged([stack, { type: "pulumi:providers:aws" }])).to.contain("nothing");
      expect(nothingJudged([stack, { type: "aws:s3/bucket:Bucket" }])).to.equal(undefined);
    });
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

  describe("JSON report", () => {
    it("keeps unevaluated checks and the summary, filters with --min-severity, escapes C1", () => {
      const doc = JSON.parse(formatJson([prod]));
      expect(doc.unevaluated).to.have.length(prod.unevaluated.length);
      expect(doc.summary).to.include.keys("checks", "passed", "failed", "waived", "unevaluated");
      const filtered = JSON.parse(formatJson([violations], { minSeverity: "high" }));
      expect(filtered.filter.minSeverity).to.equal("high");
      expect(filtered.violations.length + filtered.filter.hidden).to.equal(
        violations.violations.length,
      );
      expect(filtered.summary.failed).to.equal(violations.counts.failed);
      const text = formatJson([hostile(violations)]);
      expect(text).to.not.match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
      expect(text).to.contain("\\u009b");
      expect(JSON.parse(text).warnings[0]).to.contain("\u009b");
    });
  });
});
