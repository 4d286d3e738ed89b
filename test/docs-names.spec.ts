// The names the documents give a user to type are the program's: every `platform:<key>` is a
// declared config key, every `pulumi stack output <name>` an output the program exports, every
// `npm run <script>` a script of the package it runs in, every repository path exists, and every
// `pulumi import` (and `<stack>-…` resource name) names a resource the stack registers. A new
// user follows README.md and docs/first-deploy.md step by step; a renamed key, output, script or
// file fails here, not half-way through a first deploy.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { SECTIONS } from "../components/config";
import { runWithEverything } from "./fixtures/features";
import { gitIgnores, ROOT, trackedFiles } from "./helpers";

/**
 * Documents about the offline check, which runs any program: their `platform:` keys are made-up
 * examples of what it reports (a misspelt key, a secret given on the command line), not ours.
 */
const ABOUT_ANY_PROGRAM = new Set(["docs/offline-check.md", "docs/check-reports.md"]);

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

/** A name a document gives, where: `file:line`. */
interface Named {
  readonly name: string;
  readonly at: string;
  /** The rest of the line after the match (flags such as `-w app`). */
  readonly rest: string;
  /** Every group of the match (a `pulumi import`'s type and name). */
  readonly groups: readonly (string | undefined)[];
}

/** Every match of `pattern` (the name: its first group that matched) in `text`, with its place. */
export function namesIn(file: string, text: string, pattern: RegExp): Named[] {
  return [...text.matchAll(pattern)].map((m) => {
    const start = m.index ?? 0;
    const end = text.indexOf("\n", start);
    return {
      name: m.slice(1).find((g) => g !== undefined) ?? "",
      at: `${file}:${text.slice(0, start).split("\n").length}`,
      rest: text.slice(start + m[0].length, end < 0 ? undefined : end),
      groups: m.slice(1),
    };
  });
}

/** `platform:<key>`; not a type token (`platform:runtime:Runtime`), a YAML `key: value` is one. */
export const CONFIG_KEY = /(?<![\w-])platform:([A-Za-z]\w*)(?![\w]|:[A-Za-z])/g;
/** `pulumi stack output [flags] <name>`, and prose's "the `<name>` output". */
export const STACK_OUTPUT =
  /pulumi stack output(?:\s+(?:(?:--stack|-s)[ =]\S+|--json|--shell|--show-secrets))*\s+([A-Za-z]\w*)/g;
export const OUTPUT_IN_PROSE = /\bthe `([A-Za-z]\w*)` output\b/g;
/** `npm run [-s] <script>`, `npm start`, `npm test`. */
export const NPM_SCRIPT = /\bnpm (?:run(?:\s+-s)?\s+([\w:.-]+)|(start|test)\b)/g;
/** A path in the repository, in backquotes: `components/runtime/task.ts`, `buildspec/`. */
export const REPO_PATH =
  /`((?:components|tools|test|buildspec|app|policy-pack|docs|\.ci|\.github)\/[\w./-]*)`/g;
/** `pulumi import <type> <name>`, the name on the next line after a `\` too. */
export const PULUMI_IMPORT = /pulumi import ([\w-]+:[\w/-]+:\w+)(?:[ \t]|\\\n)+([^\s\\]+)/g;
/**
 * A name AWS shows, by the project's and the stack's (`<project>-<stack>-app`,
 * `platform-<stack>-cpu-high`); with a trailing `-`, the start of names (`<project>-<stack>-restore-`).
 */
export const STACK_AWS_NAME =
  /(?<![\w/-])(?:platform|<project>)-<stack>((?:-[a-z0-9]+)*-?)(?![\w<])/g;
/** A resource's logical name by the stack's: `<stack>-runtime-scaling`. */
export const STACK_RESOURCE = /`<stack>-([a-z][\w-]*)`/g;

/** What index.ts exports: the stack outputs `pulumi stack output` knows. */
export function exportedNames(source: string): Set<string> {
  const file = ts.createSourceFile("index.ts", source, ts.ScriptTarget.Latest);
  const names = new Set<string>();
  for (const st of file.statements) {
    const exported = ts.canHaveModifiers(st)
      ? ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      : false;
    if (ts.isVariableStatement(st) && exported) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) names.add(d.name.text);
      }
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && exported && st.name) {
      names.add(st.name.text);
    } else if (
      ts.isExportDeclaration(st) &&
      st.exportClause &&
      ts.isNamedExports(st.exportClause)
    ) {
      for (const e of st.exportClause.elements) names.add(e.name.text);
    }
  }
  return names;
}

/** Every string in `value`, at any depth. */
function stringsIn(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === "string") into.add(value);
  else if (value && typeof value === "object")
    for (const v of Object.values(value)) stringsIn(v, into);
  return into;
}

/** The scripts of a package.json. */
function scriptsOf(dir: string): Set<string> {
  return new Set(Object.keys(JSON.parse(read(path.join(dir, "package.json"))).scripts ?? {}));
}

/**
 * The workspace an npm command runs in: `-w app` / `--workspace=app` before the command ends
 * (`;`, `&&`, `|`, a closing backquote, a comment), else the root.
 */
export function workspaceOf(rest: string): string {
  const command = rest.split(/[;&|`#]/, 1)[0];
  return /(?:^|\s)(?:-w|--workspace)[ =]([\w@./-]+)/.exec(command)?.[1] ?? ".";
}

const documents = trackedFiles("*.md").filter(
  (f) => !f.startsWith("test/fixtures/") && !ABOUT_ANY_PROGRAM.has(f),
);
const all = (pattern: RegExp) => documents.flatMap((f) => namesIn(f, read(f), pattern));

describe("names the documents give a user to type", () => {
  it("reads the deploy runbook and the README (the checks below are not empty)", () => {
    expect(documents).to.include.members(["README.md", "docs/first-deploy.md", "app/README.md"]);
    expect(all(CONFIG_KEY).length).to.be.greaterThan(50);
    expect(all(STACK_OUTPUT).length).to.be.greaterThan(5);
    expect(all(NPM_SCRIPT).length).to.be.greaterThan(5);
    expect(all(REPO_PATH).length).to.be.greaterThan(50);
    expect(all(PULUMI_IMPORT).length).to.be.at.least(2);
  });

  it("finds each kind of name as a user reads it, and only those", () => {
    const text = [
      "pulumi config set platform:certificateArn x; `platform:runtime:Runtime` is a type",
      "prod `platform:codecommitRepository: platform-staging-app`",
      "$(pulumi stack output sourceCloneUrl) and pulumi stack output --stack prod --json url",
      "the `sourceConnectionArn` output; npm run -s check; npm run dev -w app; npm start -w app",
      "`components/runtime/task.ts` and `buildspec/` but not `src/server.ts`",
      "pulumi import aws:cloudwatch/logGroup:LogGroup <stack>-runtime-insights-logs /aws/x",
    ].join("\n");
    const names = (p: RegExp) => namesIn("x.md", text, p).map((n) => n.name);
    expect(names(CONFIG_KEY)).to.deep.equal(["certificateArn", "codecommitRepository"]);
    expect(names(STACK_OUTPUT)).to.deep.equal(["sourceCloneUrl", "url"]);
    expect(names(OUTPUT_IN_PROSE)).to.deep.equal(["sourceConnectionArn"]);
    const scripts = namesIn("x.md", text, NPM_SCRIPT);
    expect(scripts.map((s) => [s.name, workspaceOf(s.rest)])).to.deep.equal([
      ["check", "."],
      ["dev", "app"],
      ["start", "app"],
    ]);
    expect(names(REPO_PATH)).to.deep.equal(["components/runtime/task.ts", "buildspec/"]);
    expect(namesIn("x.md", `${text} \\\n  y`, PULUMI_IMPORT).map((n) => n.groups)).to.deep.equal([
      ["aws:cloudwatch/logGroup:LogGroup", "<stack>-runtime-insights-logs"],
    ]);
    expect(
      namesIn("x.md", "pulumi import aws:s3/bucket:Bucket \\\n    b-1 name", PULUMI_IMPORT)[0]
        .groups,
    ).to.deep.equal(["aws:s3/bucket:Bucket", "b-1"]);
    expect(
      namesIn(
        "x.md",
        "`<project>-<stack>-app`, platform-<stack>-db and `<project>-<stack>-restore-`",
        STACK_AWS_NAME,
      ).map((n) => n.name),
    ).to.deep.equal(["-app", "-db", "-restore-"]);
    expect(exportedNames("export const a = 1;\nconst b = 2;\nexport { b as c };")).to.deep.equal(
      new Set(["a", "c"]),
    );
  });

  it("every platform:<key> is a key the program declares", () => {
    const declared = new Set(
      SECTIONS.flatMap((s) => Object.values(s.keys).map((d) => (d as { key: string }).key)),
    );
    const unknown = all(CONFIG_KEY).filter((n) => !declared.has(n.name));
    expect(unknown.map((n) => `${n.at}: platform:${n.name}`)).to.deep.equal([]);
  });

  it("every stack output a document names is one index.ts exports", () => {
    const exported = exportedNames(read("index.ts"));
    expect(exported.size).to.be.greaterThan(20);
    const named = [...all(STACK_OUTPUT), ...all(OUTPUT_IN_PROSE)];
    const missing = named.filter((n) => !exported.has(n.name));
    expect(
      missing.map((n) => `${n.at}: ${n.name} (index.ts exports no such output)`),
    ).to.deep.equal([]);
  });

  it("every npm script a document runs exists in the package it runs in", () => {
    const missing = all(NPM_SCRIPT).filter((n) => !scriptsOf(workspaceOf(n.rest)).has(n.name));
    expect(missing.map((n) => `${n.at}: npm run ${n.name} (${workspaceOf(n.rest)})`)).to.deep.equal(
      [],
    );
  });

  it("every repository path a document names exists (a build output git ignores aside)", () => {
    const missing = all(REPO_PATH).filter(({ name, at }) => {
      const clean = name.replace(/[.:]+$/, "");
      const doc = at.slice(0, at.lastIndexOf(":"));
      // A package's README names its own files from its folder (app/README.md: `test/...`).
      const candidates = [clean, path.join(path.dirname(doc), clean)];
      return !candidates.some((p) => fs.existsSync(path.join(ROOT, p)) || gitIgnores(p));
    });
    expect(missing.map((n) => `${n.at}: ${n.name} (no such file or folder)`)).to.deep.equal([]);
  });

  it("every `pulumi import` and `<stack>-…` name is a resource the stack registers", async () => {
    const rec = await runWithEverything("staging");
    const has = (type: string | undefined, name: string) =>
      rec.resources.some((r) => r.name === name && (type === undefined || r.type === type));
    const names = [
      ...all(PULUMI_IMPORT).map(({ at, groups: [type, resource] }) => ({
        at,
        type,
        resource: resource ?? "",
      })),
      ...all(STACK_RESOURCE).map((n) => ({
        at: n.at,
        type: undefined,
        resource: `<stack>-${n.name}`,
      })),
    ];
    expect(names.length).to.be.at.least(3);
    const missing = names
      .map((n) => ({ ...n, resource: n.resource.replace(/<stack>/g, "staging") }))
      .filter((n) => !has(n.type, n.resource));
    expect(missing.map((n) => `${n.at}: ${n.type ?? ""} ${n.resource}`.trim())).to.deep.equal([]);
  });

  it("every `<project>-<stack>-…` name is one the stack gives AWS (a prefix, with a trailing -)", async () => {
    const rec = await runWithEverything("staging");
    const given = new Set<string>();
    for (const r of rec.resources) stringsIn([r.inputs, r.outputs], given);
    const named = all(STACK_AWS_NAME);
    expect(named.length).to.be.greaterThan(10);
    const missing = named.filter(({ name }) => {
      const wanted = `platform-staging${name}`;
      return wanted.endsWith("-")
        ? ![...given].some((g) => g.includes(wanted)) // a prefix: in an ARN pattern or a policy
        : !given.has(wanted);
    });
    expect(missing.map((n) => `${n.at}: <project>-<stack>${n.name}`)).to.deep.equal([]);
  });
});
