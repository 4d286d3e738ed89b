// The app image's base images (app/Dockerfile) are pinned by digest and kept current by Renovate
// (renovate.json). They are ARG defaults used by `FROM ${VAR}`, which Renovate reads through a
// regex custom manager. A regex manager replaces the whole matched string, and it can add a digest
// where there was none only through `autoReplaceStringTemplate` (renovatebot/renovate discussion
// #29068; the template form of discussion #44680); `pinDigests` makes it propose that digest.
// The ARG's name travels as the `depType` group, one of the regex manager's match fields
// (renovatebot/renovate lib/modules/manager/custom/regex/utils.ts, `validMatchFields`), so the
// template can write the line back whole; the whole match is what it replaces (`replaceString`).
// Without both, a tag such as `22-bookworm-slim` never yields a PR when it is rebuilt with OS
// fixes, and every build takes whatever the tag points to that day.
//
// The template engine here renders only the two forms the template may use (`{{{field}}}` and
// `{{#if field}}…{{/if}}`, Handlebars as Renovate runs it) and refuses any other, so what it
// renders is what Renovate renders.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../helpers";

const DOCKERFILE = "app/Dockerfile";
const dockerfile = fs.readFileSync(path.join(ROOT, DOCKERFILE), "utf8");
const renovate = JSON.parse(fs.readFileSync(path.join(ROOT, "renovate.json"), "utf8"));

interface CustomManager {
  readonly customType: string;
  readonly managerFilePatterns: string[];
  readonly matchStrings: string[];
  readonly autoReplaceStringTemplate?: string;
  readonly datasourceTemplate?: string;
}

/** A `managerFilePatterns` entry: `/regex/` is a regular expression, anything else a glob (not used here). */
function fileMatches(pattern: string, file: string): boolean {
  const m = /^\/(.*)\/$/.exec(pattern);
  return m !== null && new RegExp(m[1]).test(file);
}

const managers = (renovate.customManagers as CustomManager[]).filter(
  (m) => m.customType === "regex" && m.managerFilePatterns.some((p) => fileMatches(p, DOCKERFILE)),
);

interface Match {
  readonly text: string;
  readonly index: number;
  readonly groups: Record<string, string | undefined>;
}

/** Every match of the Dockerfile's managers in `content`, as Renovate's regex manager finds them (global flag). */
function matchesIn(content: string): Match[] {
  return managers.flatMap((m) =>
    m.matchStrings.flatMap((s) =>
      [...content.matchAll(new RegExp(s, "g"))].map((x) => ({
        text: x[0],
        index: x.index!,
        groups: { ...x.groups },
      })),
    ),
  );
}

/** Renders `{{{field}}}` and `{{#if field}}…{{/if}}`; any other Handlebars form is an error. */
function render(template: string, fields: Record<string, string | undefined>): string {
  const withIfs = template.replace(/\{\{#if (\w+)\}\}(.*?)\{\{\/if\}\}/g, (_, f, body) =>
    fields[f] ? body : "",
  );
  const out = withIfs.replace(/\{\{\{(\w+)\}\}\}/g, (_, f) => {
    const v = fields[f];
    if (v === undefined) throw new Error(`the template names ${f}, which this update does not set`);
    return v;
  });
  if (out.includes("{{")) throw new Error(`unsupported template form in ${template}`);
  return out;
}

/** `content` with each match replaced by the template rendered for it, as Renovate writes an update. */
function applyUpdate(
  content: string,
  template: string,
  update: (m: Match) => Record<string, string | undefined>,
): string {
  let out = content;
  for (const m of [...matchesIn(content)].sort((a, b) => b.index - a.index)) {
    const rendered = render(template, { ...m.groups, ...update(m) });
    out = out.slice(0, m.index) + rendered + out.slice(m.index + m.text.length);
  }
  return out;
}

const DIGEST_A = `sha256:${"a".repeat(64)}`;
const DIGEST_B = `sha256:${"b".repeat(64)}`;

describe("App base images: pinned by digest and updated by Renovate", () => {
  const fromVars = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);

  it("builds every stage from an ARG image the Renovate manager reads, whole, to the end of its line", () => {
    expect(managers, `a regex custom manager for ${DOCKERFILE}`).to.have.length(1);
    expect(fromVars.length).to.be.greaterThan(0);
    const found = matchesIn(dockerfile);
    for (const from of fromVars) {
      const v = /^\$\{([A-Z_]+)\}$/.exec(from);
      expect(v, `FROM ${from} names its image through an ARG`).to.not.equal(null);
      const m = found.find((x) => x.groups.depType === v![1]);
      expect(m, `ARG ${v![1]} is read by the manager`).to.not.equal(undefined);
      expect(m!.groups.depName).to.match(/^[a-z0-9.-]+(\/[a-z0-9._-]+)+$/);
      expect(m!.groups.currentValue).to.match(/^[\w.-]+$/);
      // Nothing of the line is left outside the match (the replacement rewrites the match only).
      expect(dockerfile[m!.index + m!.text.length]).to.equal("\n");
      expect(dockerfile.lastIndexOf("\n", m!.index)).to.equal(m!.index - 1);
    }
  });

  it("lets Renovate propose digests for the base images (pinDigests on their rule)", () => {
    const rules = (renovate.packageRules as Record<string, unknown>[]).filter(
      (r) => Array.isArray(r.matchDatasources) && r.matchDatasources.includes("docker"),
    );
    expect(rules.map((r) => r.pinDigests)).to.include(true);
    expect(managers[0].datasourceTemplate).to.equal("docker");
  });

  it("writes a pin as the same ARG with the digest added, which it reads back for the next update", () => {
    const template = managers[0].autoReplaceStringTemplate;
    expect(template, "autoReplaceStringTemplate of the manager").to.be.a("string");
    const before = matchesIn(dockerfile);
    // Pin: the same tag, a digest added.
    const pinned = applyUpdate(dockerfile, template!, (m) => ({
      newValue: m.groups.currentValue,
      newDigest: DIGEST_A,
    }));
    const after = matchesIn(pinned);
    expect(
      after.map((m) => [m.groups.depType, m.groups.depName, m.groups.currentValue]),
    ).to.deep.equal(before.map((m) => [m.groups.depType, m.groups.depName, m.groups.currentValue]));
    expect(after.map((m) => m.groups.currentDigest)).to.deep.equal(before.map(() => DIGEST_A));
    for (const m of after) {
      expect(m.text).to.equal(
        `ARG ${m.groups.depType}=${m.groups.depName}:${m.groups.currentValue}@${DIGEST_A}`,
      );
    }
    // Only the ARG lines changed.
    const changed = pinned.split("\n").filter((l, i) => l !== dockerfile.split("\n")[i]);
    expect(changed).to.have.length(before.length);

    // The next update (a rebuilt tag: a new digest; or a new tag) replaces the pinned line in full.
    const updated = applyUpdate(pinned, template!, (m) => ({
      newValue:
        m.groups.depType === before[0].groups.depType ? "24-bookworm-slim" : m.groups.currentValue,
      newDigest: DIGEST_B,
    }));
    const next = matchesIn(updated);
    expect(next.map((m) => m.groups.currentDigest)).to.deep.equal(before.map(() => DIGEST_B));
    expect(next[0].groups.currentValue).to.equal("24-bookworm-slim");
    expect(updated.split("\n")).to.have.length(dockerfile.split("\n").length);
  });

  it("writes no dangling @ when an update comes without a digest", () => {
    const template = managers[0].autoReplaceStringTemplate!;
    const written = applyUpdate(dockerfile, template, (m) => ({
      newValue: m.groups.currentValue,
      newDigest: undefined,
    }));
    for (const m of matchesIn(written)) {
      expect(m.text).to.equal(
        `ARG ${m.groups.depType}=${m.groups.depName}:${m.groups.currentValue}`,
      );
    }
    expect(written).to.not.match(/_IMAGE=\S*@(\s|$)/m);
  });
});
