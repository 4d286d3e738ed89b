// The policy pack as `pulumi policy publish` ships it: the pack folder alone, packed with
// `npm pack`, placed in an empty folder whose node_modules holds only the dependencies the pack
// declares (linked from this repository's install: no network), type-checked with the pack's own
// tsconfig (the Node.js policy host registers ts-node with `typeCheck: true`) and loaded: every
// policy of `policies/index.ts` must come up there, by the same names as in the repository.
// `index.ts` is not loaded: constructing a PolicyPack starts the policy server.
//
// The packed folder is placed at the same path on every run (under the git-ignored test/.tmp), so
// the compile can be incremental: TypeScript keeps its build info beside the output and, on the
// next run, checks and emits again only what changed; a file's version is a hash of its text, and
// unchanged files' errors are reported again from the build info
// (https://www.typescriptlang.org/tsconfig/incremental.html). A change to the pack, a dependency's
// declarations or the compiler still gets a full check of what it affects.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import * as ts from "typescript";
import { allPolicies } from "../../policy-pack/policies";
import { ROOT } from "../helpers";

const PACK_DIR = path.join(ROOT, "policy-pack");
/** Where the packed pack is placed, compiled and loaded (git-ignored). */
const PLACE_DIR = path.join(ROOT, "test", ".tmp", "publish");

interface PackageJson {
  readonly name: string;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

/** The package a bare specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** Every `.ts` file under `dir` (no node_modules). */
function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules") continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith(".ts")) out.push(p);
  }
  return out;
}

/** Import and require specifiers of a TypeScript file (imports, exports, require, import()). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

function isBuiltin(specifier: string): boolean {
  const name = specifier.replace(/^node:/, "").split("/")[0];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module list at run time
  return specifier.startsWith("node:") || require("module").builtinModules.includes(name);
}

describe("the policy pack publishes on its own", function () {
  this.timeout(60_000);
  let tmp: string;
  let pack: string;
  let manifest: PackageJson;

  before(() => {
    tmp = PLACE_DIR;
    // Only the build info and its output stay from an earlier run; the pack is packed afresh.
    fs.rmSync(path.join(tmp, "place"), { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    for (const f of fs.readdirSync(tmp)) if (f.endsWith(".tgz")) fs.rmSync(path.join(tmp, f));
    // `npm pack` is what packs a Node.js policy pack; offline, it only reads the folder.
    const out = execFileSync(
      "npm",
      ["pack", "--json", "--ignore-scripts", "--pack-destination", tmp],
      { cwd: PACK_DIR, encoding: "utf8", env: { ...process.env, npm_config_audit: "false" } },
    );
    const [{ filename }] = JSON.parse(out) as { filename: string }[];
    const place = path.join(tmp, "place");
    fs.mkdirSync(place);
    execFileSync("tar", ["-xzf", path.join(tmp, path.basename(filename)), "-C", place]);
    pack = path.join(place, "package");
    manifest = JSON.parse(fs.readFileSync(path.join(pack, "package.json"), "utf8"));
    // The empty folder's node_modules: the declared dependencies only, linked from this
    // repository's install (their own dependencies resolve from there, as Node follows links).
    const declared = {
      ...manifest.dependencies,
      ...manifest.devDependencies,
    };
    for (const dep of Object.keys(declared)) {
      const source = path.join(ROOT, "node_modules", dep);
      expect(fs.existsSync(source), `${dep} is declared but not installed`).to.equal(true);
      const target = path.join(pack, "node_modules", dep);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.symlinkSync(source, target, "dir");
    }
  });

  after(() => {
    if (tmp) fs.rmSync(path.join(tmp, "place"), { recursive: true, force: true });
  });

  it("ships everything it compiles: its own tsconfig, extending nothing outside the pack", () => {
    const raw = ts.readConfigFile(path.join(pack, "tsconfig.json"), ts.sys.readFile);
    expect(raw.error, "tsconfig.json").to.equal(undefined);
    const extendsValue = [raw.config.extends ?? []].flat() as string[];
    for (const e of extendsValue) {
      const resolved = path.resolve(pack, e);
      expect(
        resolved.startsWith(pack + path.sep),
        `tsconfig extends ${e}, outside the pack`,
      ).to.equal(true);
    }
    const parsed = ts.parseJsonConfigFileContent(raw.config, ts.sys, pack);
    expect(
      parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")),
    ).to.deep.equal([]);
    for (const f of ["PulumiPolicy.yaml", "package.json", "index.ts", "policies/index.ts"]) {
      expect(fs.existsSync(path.join(pack, f)), f).to.equal(true);
    }
    // The same sources as in the repository, none left behind.
    const shipped = tsFiles(pack)
      .map((f) => path.relative(pack, f))
      .sort();
    const source = tsFiles(PACK_DIR)
      .map((f) => path.relative(PACK_DIR, f))
      .sort();
    expect(shipped).to.deep.equal(source);
  });

  it("declares every package it imports, and imports nothing from outside the pack", () => {
    const declared = new Set(
      Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }),
    );
    const undeclared = new Set<string>();
    for (const file of tsFiles(pack)) {
      for (const spec of importsOf(file)) {
        if (spec.startsWith(".")) {
          const target = path.resolve(path.dirname(file), spec);
          expect(
            target.startsWith(pack + path.sep),
            `${path.relative(pack, file)} imports ${spec}, outside the pack`,
          ).to.equal(true);
          continue;
        }
        if (isBuiltin(spec)) continue;
        if (!declared.has(packageOf(spec)))
          undeclared.add(`${packageOf(spec)} (${path.relative(pack, file)})`);
      }
    }
    expect([...undeclared], "add these to policy-pack/package.json").to.deep.equal([]);
    // What the Node.js policy host needs to run a TypeScript pack with type checking.
    for (const dep of [
      "@pulumi/policy",
      "@pulumi/pulumi",
      "typescript",
      "ts-node",
      "@types/node",
    ]) {
      expect(declared.has(dep), dep).to.equal(true);
    }
  });

  it("type-checks and loads every policy from the packed folder, with only its declared dependencies", () => {
    // One compiler run: the type check the policy host does, and JavaScript to load.
    const tsc = path.join(pack, "node_modules", "typescript", "bin", "tsc");
    const outDir = path.join(tmp, "out");
    const buildInfo = path.join(tmp, "pack.tsbuildinfo");
    // Build info without its output would make TypeScript skip an emit it believes done.
    if (!fs.existsSync(outDir)) fs.rmSync(buildInfo, { force: true });
    try {
      execFileSync(
        process.execPath,
        [
          tsc,
          "-p",
          "tsconfig.json",
          "--outDir",
          outDir,
          "--sourceMap",
          "false",
          "--incremental",
          "--tsBuildInfoFile",
          buildInfo,
        ],
        {
          cwd: pack,
          encoding: "utf8",
        },
      );
    } catch (e: any) {
      throw new Error(
        `the packed policy pack does not compile:\n${e.stdout ?? ""}${e.stderr ?? ""}`,
      );
    }
    // The emitted code resolves its packages from the packed folder's node_modules only.
    const outModules = path.join(outDir, "node_modules");
    fs.rmSync(outModules, { force: true });
    fs.symlinkSync(path.join(pack, "node_modules"), outModules, "dir");
    const names = execFileSync(
      process.execPath,
      [
        "-e",
        "const { allPolicies } = require('./policies');" +
          "process.stdout.write(JSON.stringify(allPolicies.map((p) => p.name)));",
      ],
      { cwd: outDir, encoding: "utf8", env: { ...process.env, NODE_PATH: "" } },
    );
    expect(JSON.parse(names)).to.deep.equal(allPolicies.map((p) => p.name));
    expect(allPolicies.length).to.be.greaterThan(50);
  });
});
