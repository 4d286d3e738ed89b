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
 * Their commands, paths and outputs are ours, and checked.
 */
const ABOUT_ANY_PROGRAM = new Set([
  "docs/offline-check.md",
  "docs/program-packages.md",
  "docs/check-reports.md",
]);

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

/** A name a document gives, where: `file:line`. */
interface Named {
  readonly name: string;
  readonly at: string;
  /** The rest of the line after the match (flags such as `-w app`). */
  readonly rest: string;
  /** Every group of the match (a `pulumi import`'s type and name). */
  readonly groups: readonly (string | undefined)[];
  /** The named groups (an npm command's workspace, `ws`). */
  readonly named: Readonly<Record<string, string | undefined>>;
}

/**
 * Every match of `pattern` in `text`, with its place; the name is the group named `name`, else
 * the first group that matched.
 */
export function namesIn(file: string, text: string, pattern: RegExp): Named[] {
  return [...text.matchAll(pattern)].map((m) => {
    const start = m.index ?? 0;
    const end = text.indexOf("\n", start + m[0].length);
    return {
      name: m.groups?.name ?? m.slice(1).find((g) => g !== undefined) ?? "",
      at: `${file}:${text.slice(0, start).split("\n").length}`,
      rest: text.slice(start + m[0].length, end < 0 ? undefined : end),
      groups: m.slice(1),
      named: { ...m.groups },
    };
  });
}

/** `platform:<key>`; not a type token (`platform:runtime:Runtime`), a YAML `key: value` is one. */
export const CONFIG_KEY = /(?<![\w-])platform:([A-Za-z]\w*)(?![\w]|:[A-Za-z])/g;
/** `pulumi stack output [flags] <name>`, and prose's "the `<name>` output". */
export const STACK_OUTPUT =
  /pulumi stack output(?:\s+(?:(?:--stack|-s)[ =]\S+|--json|--shell|--show-secrets))*\s+([A-Za-z]\w*)/g;
/**
 * Prose's "the `<name>` output" (also "The", across a line break), "(`<name>` output)" and "the
 * stack output `<name>`"; not "its `<name>` output", a resource's.
 */
export const OUTPUT_IN_PROSE =
  /(?:(?:\b[Tt]he\s+|\(\s*)`([A-Za-z]\w*)`\s+output\b|\bstack\s+output\s+`([A-Za-z]\w*)`)/g;
/**
 * `npm [-w <ws>] run [-s] <script>`, `npm start`, `npm test`; a workspace given before the command
 * is `ws`, one given after it is read from the rest of the line (`workspaceOf`).
 */
export const NPM_SCRIPT =
  /\bnpm\s+(?:(?:-w|--workspace)[ =](?<ws>[\w@./-]+)\s+)?(?:run(?:\s+-s)?\s+|(?=(?:start|test)\b))(?<name>[\w:-]+(?:\.[\w:-]+)*)/g;
/** Top-level folders of the repository a document names paths in. */
const REPO_FOLDERS = ["components", "tools", "test", "buildspec", "app", "policy-pack", "docs"];
/** A path in backquotes whose first folder is one of `folders`: `components/runtime/task.ts`. */
export function pathPattern(folders: readonly string[]): RegExp {
  const first = folders.map((f) => f.replace(/[.]/g, "\\.")).join("|");
  return new RegExp(`\`((?:${first})\\/[\\w./-]*)\``, "g");
}
/** A path in the repository, in backquotes: `components/runtime/task.ts`, `buildspec/`. */
export const REPO_PATH = pathPattern([...REPO_FOLDERS, ".ci", ".github"]);
/**
 * A path in prose or a command, without backquotes: "the reasons are in tools/cost/free-types.ts",
 * `npx tsc -p app/tsconfig.json`; not a Markdown link's target (docs-links checks those),
 * a URL's or another path's tail.
 */
export const UNQUOTED_PATH = new RegExp(
  `(?<![\\w/\`.@~\\[(-])((?:${[...REPO_FOLDERS, "\\.ci", "\\.github"].join("|")})\\/[\\w./-]*\\w)`,
  "g",
);
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

const documents = trackedFiles("*.md").filter((f) => !f.startsWith("test/fixtures/"));
const all = (pattern: RegExp, docs = documents) =>
  docs.flatMap((f) => namesIn(f, read(f), pattern));
/** What a kind matches in every document, at least `min` names: a kind matching nearly nothing is broken. */
function found(kind: string, named: Named[], min: number): Named[] {
  expect(named.length, `${kind}: names found in the documents`).to.be.at.least(min);
  return named;
}

/**
 * The npm package a document belongs to, the nearest folder up with a package.json ("." for the
 * root's): its README names the package's own files from there (`src/app.ts` in app/README.md).
 */
export function packageOf(doc: string): string {
  for (let dir = path.dirname(doc); dir !== "."; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(ROOT, dir, "package.json"))) return dir;
  }
  return ".";
}

/** A package's top-level folders (tracked), which its documents name paths in. */
function packageFolders(pkg: string): string[] {
  const folders = new Set<string>();
  for (const f of trackedFiles(`${pkg}/*`)) {
    const parts = path.relative(pkg, f).split(path.sep);
    if (parts.length > 1) folders.add(parts[0]);
  }
  return [...folders];
}

/** Paths a document names: the repository's, and a package's own from its folder. */
function pathsIn(doc: string): Named[] {
  const text = read(doc);
  const pkg = packageOf(doc);
  const patterns = [REPO_PATH, UNQUOTED_PATH];
  if (pkg !== ".") patterns.push(pathPattern(packageFolders(pkg)));
  const seen = new Set<string>();
  return patterns
    .flatMap((p) => namesIn(doc, text, p))
    .filter((n) => !seen.has(`${n.at} ${n.name}`) && seen.add(`${n.at} ${n.name}`));
}

describe("names the documents give a user to type", () => {
  it("reads the deploy runbook, the READMEs and the offline check's documents", () => {
    expect(documents).to.include.members([
      "README.md",
      "docs/first-deploy.md",
      "app/README.md",
      ...ABOUT_ANY_PROGRAM,
    ]);
  });

  it("finds each kind of name as a user reads it, and only those", () => {
    const text = [
      "pulumi config set platform:certificateArn x; `platform:runtime:Runtime` is a type",
      "prod `platform:codecommitRepository: platform-staging-app`",
      "$(pulumi stack output sourceCloneUrl) and pulumi stack output --stack prod --json url",
      "the `sourceConnectionArn` output; npm run -s check; npm run dev -w app; npm start -w app",
      "The\n  `redshiftEndpoint` output, (`biUserPolicyArn` output), the stack output `vpcId`",
      "but not its `shared` output; npm -w app run build; npm --workspace=app test",
      "`components/runtime/task.ts` and `buildspec/` but not `src/server.ts`",
      "pulumi import aws:cloudwatch/logGroup:LogGroup <stack>-runtime-insights-logs /aws/x",
    ].join("\n");
    const names = (p: RegExp) => namesIn("x.md", text, p).map((n) => n.name);
    expect(names(CONFIG_KEY)).to.deep.equal(["certificateArn", "codecommitRepository"]);
    expect(names(STACK_OUTPUT)).to.deep.equal(["sourceCloneUrl", "url"]);
    expect(names(OUTPUT_IN_PROSE)).to.deep.equal([
      "sourceConnectionArn",
      "redshiftEndpoint",
      "biUserPolicyArn",
      "vpcId",
    ]);
    const scripts = namesIn("x.md", text, NPM_SCRIPT);
    expect(scripts.map((s) => [s.name, s.named.ws ?? workspaceOf(s.rest)])).to.deep.equal([
      ["check", "."],
      ["dev", "app"],
      ["start", "app"],
      ["build", "app"],
      ["test", "app"],
    ]);
    expect(names(REPO_PATH)).to.deep.equal(["components/runtime/task.ts", "buildspec/"]);
    expect(names(pathPattern(["src"]))).to.deep.equal(["src/server.ts"]);
    expect(
      namesIn(
        "x.md",
        "reasons in tools/cost/free-types.ts; [doc](docs/x.md), https://h/tools/y and `tools/z`",
        UNQUOTED_PATH,
      ).map((n) => n.name),
    ).to.deep.equal(["tools/cost/free-types.ts"]);
    expect(packageOf("app/docs/uploads.md")).to.equal("app");
    expect(packageOf("docs/first-deploy.md")).to.equal(".");
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
    const ours = documents.filter((f) => !ABOUT_ANY_PROGRAM.has(f));
    const unknown = found("platform:<key>", all(CONFIG_KEY, ours), 50).filter(
      (n) => !declared.has(n.name),
    );
    expect(unknown.map((n) => `${n.at}: platform:${n.name}`)).to.deep.equal([]);
  });

  it("every stack output a document names is one index.ts exports", () => {
    const exported = exportedNames(read("index.ts"));
    expect(exported.size).to.be.greaterThan(20);
    const named = [
      ...found("pulumi stack output <name>", all(STACK_OUTPUT), 5),
      ...found("the `<name>` output", all(OUTPUT_IN_PROSE), 5),
    ];
    const missing = named.filter((n) => !exported.has(n.name));
    expect(
      missing.map((n) => `${n.at}: ${n.name} (index.ts exports no such output)`),
    ).to.deep.equal([]);
  });

  it("every npm script a document runs exists in the package it runs in", () => {
    const workspace = (n: Named) => n.named.ws ?? workspaceOf(n.rest);
    const missing = found("npm run <script>", all(NPM_SCRIPT), 10).filter(
      (n) => !scriptsOf(workspace(n)).has(n.name),
    );
    expect(missing.map((n) => `${n.at}: npm run ${n.name} (${workspace(n)})`)).to.deep.equal([]);
  });

  it("every repository path a document names exists (a build output git ignores aside)", () => {
    const named = found("`<folder>/<path>`", documents.flatMap(pathsIn), 50);
    expect(
      named.filter((n) => n.at.startsWith("app/")).length,
      "app's own paths",
    ).to.be.greaterThan(5);
    const missing = named.filter(({ name, at }) => {
      const clean = name.replace(/[.:]+$/, "");
      // A package's document names its own files from its folder (app/README.md: `src/app.ts`).
      const candidates = [clean, path.join(packageOf(at.slice(0, at.lastIndexOf(":"))), clean)];
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
    found("pulumi import", all(PULUMI_IMPORT), 2);
    found("`<stack>-<name>`", all(STACK_RESOURCE), 1);
    const missing = names
      .map((n) => ({ ...n, resource: n.resource.replace(/<stack>/g, "staging") }))
      .filter((n) => !has(n.type, n.resource));
    expect(missing.map((n) => `${n.at}: ${n.type ?? ""} ${n.resource}`.trim())).to.deep.equal([]);
  });

  it("every `<project>-<stack>-…` name is one the stack gives AWS (a prefix, with a trailing -)", async () => {
    const rec = await runWithEverything("staging");
    const given = new Set<string>();
    for (const r of rec.resources) stringsIn([r.inputs, r.outputs], given);
    const named = found("<project>-<stack>-<name>", all(STACK_AWS_NAME), 10);
    const missing = named.filter(({ name }) => {
      const wanted = `platform-staging${name}`;
      return wanted.endsWith("-")
        ? ![...given].some((g) => g.includes(wanted)) // a prefix: in an ARN pattern or a policy
        : !given.has(wanted);
    });
    expect(missing.map((n) => `${n.at}: <project>-<stack>${n.name}`)).to.deep.equal([]);
  });
});
