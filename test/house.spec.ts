// The house rules a newcomer relies on, kept from drifting back: a README that is a front door,
// source files readable in one go, config and components that do not import each other, and
// tools that share their core instead of leaning on each other sideways.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";

import { ROOT, trackedFiles } from "./helpers";

/** No hand-written source file over this many lines (generated data says so in its first line). */
const MAX_LINES = 450;
const README_MAX_BYTES = 12 * 1024;

/** The modules a TypeScript file imports or re-exports, as written. */
function importsIn(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"/g)) {
    found.push(m[1]);
  }
  for (const m of text.matchAll(/(?:^|\n)\s*import\s+"([^"]+)"/g)) found.push(m[1]);
  for (const m of text.matchAll(/\b(?:require|import)\(\s*"([^"]+)"\s*\)/g)) found.push(m[1]);
  return found;
}

/** `<file> imports <target>` for each relative import of the TypeScript `files` that `wrong` picks. */
function importsOf(files: string[], wrong: (target: string) => boolean): string[] {
  return files
    .filter((f) => f.endsWith(".ts"))
    .flatMap((f) =>
      importsIn(f)
        .map((spec) => target(f, spec))
        .filter((t): t is string => t !== undefined && wrong(t))
        .map((t) => `${f} imports ${t}`),
    );
}

/** A module path test: the folder `dir` or anything in it. */
const under = (dir: string) => (t: string) => t === dir || t.startsWith(`${dir}/`);

/** Where a relative import of `file` points, relative to the root (extension left off). */
function target(file: string, spec: string): string | undefined {
  if (!spec.startsWith(".")) return undefined;
  return path
    .relative(ROOT, path.resolve(ROOT, path.dirname(file), spec))
    .split(path.sep)
    .join("/");
}

/** Whether a module (path without extension) builds resources: it declares or makes them. */
function isComponentModule(modulePath: string): boolean {
  const file = [`${modulePath}.ts`, path.join(modulePath, "index.ts")].find((f) =>
    fs.existsSync(path.join(ROOT, f)),
  );
  if (!file) return false;
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  return /extends pulumi\.ComponentResource\b|from "@pulumi\/aws"/.test(text);
}

describe("house rules", () => {
  const files = trackedFiles();
  const sources = files.filter(
    (f) => /\.(ts|js|mjs|cjs)$/.test(f) && !f.startsWith("test/fixtures/programs/"),
  );

  it(`the README is a front door: at most ${README_MAX_BYTES / 1024} KB`, () => {
    expect(fs.statSync(path.join(ROOT, "README.md")).size).to.be.at.most(README_MAX_BYTES);
  });

  it(`no hand-written source file is over ${MAX_LINES} lines`, () => {
    const long = sources
      .map((f) => {
        const text = fs.readFileSync(path.join(ROOT, f), "utf8");
        return { f, lines: text.split("\n").length - (text.endsWith("\n") ? 1 : 0), text };
      })
      .filter(({ lines, text }) => lines > MAX_LINES && !/^\/\/ Generated\b/i.test(text))
      .map(({ f, lines }) => `${f}: ${lines} lines`);
    expect(long, "split these into named pieces").to.deep.equal([]);
  });

  it("stack config reads the layers' key declarations and helpers, never their components", () => {
    const isConfig = (f: string) => f.startsWith("components/config/");
    const component = (t: string) =>
      t.startsWith("components/") && !under("components/config")(t) && isComponentModule(t);
    expect(importsOf(files.filter(isConfig), component)).to.deep.equal([]);
  });

  it("components never import the stack config", () => {
    const isComponent = (f: string) =>
      f.startsWith("components/") && !f.startsWith("components/config/");
    expect(importsOf(files.filter(isComponent), under("components/config"))).to.deep.equal([]);
  });

  // The wire sentinel for an unknown value: once for the tools (tools/lib/engine/wire.ts), once
  // for the policy pack, which runs as its own package and imports nothing from tools/.
  it("the unknown sentinel is written once in the tools and once in the pack", () => {
    const SENTINEL = ["04da6b54", "80e4", "46f7", "96ec", "b56ff0331ba9"].join("-");
    const writing = (dir: string) =>
      sources.filter(
        (f) => f.startsWith(dir) && fs.readFileSync(path.join(ROOT, f), "utf8").includes(SENTINEL),
      );
    expect(writing("tools/")).to.deep.equal(["tools/lib/engine/wire.ts"]);
    expect(writing("policy-pack/")).to.deep.equal(["policy-pack/lib/values.ts"]);
  });

  it("the diagram tool does not lean on the cost tool (both share tools/lib)", () => {
    const isDiagram = (f: string) => f.startsWith("tools/diagram/") || f === "tools/diagram.ts";
    expect(importsOf(files.filter(isDiagram), under("tools/cost"))).to.deep.equal([]);
  });
});
