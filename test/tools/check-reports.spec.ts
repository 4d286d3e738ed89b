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
import { defaultRunner } from "../../tools/check/judge";
import { PolicyInfo } from "../../tools/check/report";
import { nothingJudged, StackResult } from "../../tools/check/run";
import { hostile, reportedResults } from "./report-results";
import sarifSchema from "@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json";
import packJson from "../../policy-pack/package.json";

const ROOT = path.resolve(__dirname, "..", "..");
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

function sarif(results: StackResult[], opts: Partial<Parameters<typeof formatSarif>[2]> = {}) {
  const text = formatSarif(results, INFO, { version: VERSION, ...opts });
  return { text, doc: JSON.parse(text) };
}

/** What GitHub code scanning makes an alert of: every result of every run. */
function alerts(doc: any): any[] {
  return doc.runs.flatMap((r: any) => r.results);
}

describe("offline check reports", function () {
  this.timeout(600_000);
  let prod: StackResult;
  let violations: StackResult;

  before(async () => {
    ({ prod, violations } = await reportedResults());
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
