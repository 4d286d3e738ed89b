// An ES module program whose nodeargs load ts-node's ESM loader (`--loader ts-node/esm`): the
// language host then registers its own CommonJS ts-node too (the vendored 7.0.1 when it cannot
// resolve another), whose stack formatter does not know the modules the loader compiled in its own
// thread. Every call site the preload records (a config read, setMocks, an invoke, a refused
// `pulumi` command, process.exit) must still name the TypeScript line, not the compiled
// JavaScript's, which drops blank lines (tools/lib/engine/url-frames.js). The host's steps are
// replayed in one Node.js process: its source-map-support, the vendored ts-node's register, the
// program's import.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { lineOf, ROOT, SCRATCH } from "./program-runs";

const PRELOAD = path.join(ROOT, "tools", "lib", "engine", "child-preload.js");
const SDK = path.join(ROOT, "node_modules", "@pulumi", "pulumi");
const PROGRAM = "esm-loader-lines/index.ts";

describe("call sites in an ES module compiled by the loader its nodeargs name", function () {
  this.timeout(60_000);
  let dir: string;
  let sites: Record<string, unknown>[];

  before(() => {
    fs.mkdirSync(SCRATCH, { recursive: true });
    // Under the project, so that the program resolves its SDK as an installed one would.
    dir = fs.mkdtempSync(path.join(SCRATCH, "esm-loader-lines-"));
    fs.cpSync(path.join(ROOT, "test", "fixtures", "programs", "esm-loader-lines"), dir, {
      recursive: true,
    });
    const host = [
      `require(require.resolve("source-map-support/register", { paths: [${JSON.stringify(path.join(SDK, "cmd", "run"))}] }));`,
      `require(${JSON.stringify(path.join(SDK, "vendor", "ts-node@7.0.1"))}).register({`,
      '  transpileOnly: true, compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true" },',
      "});",
      `import(${JSON.stringify("file://" + path.join(dir, "index.ts"))});`,
    ].join("\n");
    fs.writeFileSync(path.join(dir, "host.cjs"), host);
    const file = path.join(dir, "sites.jsonl");
    const run = spawnSync(
      process.execPath,
      ["--require", PRELOAD, "--loader", "ts-node/esm", path.join(dir, "host.cjs")],
      {
        cwd: dir,
        env: {
          ...process.env,
          NODE_OPTIONS: "",
          TS_NODE_TRANSPILE_ONLY: "true",
          OFFLINE_INVOKE_SITES: file,
          OFFLINE_ESM_SOURCE_MAPS: "true",
          OFFLINE_GUARD_MOCKS: "true",
        },
        encoding: "utf8",
        timeout: 50_000,
      },
    );
    expect(run.status, run.stderr).to.equal(3);
    sites = fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const siteOf = (token: string) => sites.find((s) => s.token === token);

  for (const [kind, token, snippet] of [
    ["a config read that throws", "config:fixture-esm-loader-lines:bucketPrefix", ".require("],
    ["setMocks", "setMocks", "pulumi.runtime.setMocks("],
    ["an invoke", "aws:ssm/getParameter:getParameter", "pulumi.runtime.invoke("],
    [
      "a refused pulumi command",
      'automation-blocked:execFileSync("pulumi up --yes")',
      'execFileSync("pulumi"',
    ],
    ["process.exit", "process.exit", "process.exit("],
  ]) {
    it(`${kind}: the TypeScript line`, () => {
      const site = siteOf(token);
      expect(site, `${token} among ${JSON.stringify(sites)}`).to.not.equal(undefined);
      expect(site!.file).to.equal(path.join(dir, "index.ts"));
      expect(site!.line).to.equal(lineOf(PROGRAM, snippet));
    });
  }
});
