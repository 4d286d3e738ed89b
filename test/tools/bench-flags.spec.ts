// `npm run bench` reads its flags before it loads anything heavy: a bad flag is a usage error
// (exit 2) from a process that never loaded the policy pack, the policy runner or the engine's
// analyzer. What the process loaded is read from Node's module cache as it exits, through a
// preload given in NODE_OPTIONS.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BENCH_USAGE } from "../../tools/bench/args";
import { ROOT, runScript } from "./cli";

/** Modules the bench may load only once its flags have been read. */
const HEAVY = [
  path.join(ROOT, "policy-pack") + path.sep,
  path.join(ROOT, "tools", "lib", "policy-runner.ts"),
  path.join(ROOT, "tools", "lib", "engine", "analyzer.ts"),
  path.join(ROOT, "tools", "bench", "pack.ts"),
  path.join(ROOT, "tools", "bench", "analyzer.ts"),
];

describe("npm run bench: flags before anything loads", function () {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-flags-"));
    fs.writeFileSync(
      path.join(dir, "loaded.js"),
      'process.on("exit", () => require("fs").writeFileSync(process.env.BENCH_LOADED_MODULES, ' +
        "JSON.stringify(Object.keys(require.cache))));\n",
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs the bench with `args`; what it printed and the modules it had loaded when it exited. */
  async function bench(args: readonly string[], name: string) {
    const file = path.join(dir, `${name}.json`);
    const run = await runScript("bench", args, {
      BENCH_LOADED_MODULES: file,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${JSON.stringify(path.join(dir, "loaded.js"))}`,
    });
    const loaded: string[] = JSON.parse(fs.readFileSync(file, "utf8"));
    return { run, loaded };
  }

  for (const [name, args, message] of [
    ["unknown-flag", ["--bogus"], "error: unknown flag '--bogus'\n\n"],
    ["bad-size", ["--only", "pack", "--sizes", "abc"], "error: --sizes takes whole numbers"],
    ["bad-part", ["--only", "everything"], "error: --only 'everything': use one of pack,"],
  ] as const) {
    it(`${args.join(" ")}: exit 2 with the usage error, the pack and the engine never loaded`, async () => {
      const { run, loaded } = await bench(args, name);
      expect(run, run.stderr).to.deep.include({ code: 2, stdout: "" });
      expect(run.stderr.startsWith(message), run.stderr).to.equal(true);
      expect(run.stderr.endsWith(BENCH_USAGE), run.stderr).to.equal(true);
      // The probe saw the bench's own modules load: an empty list would prove nothing.
      expect(loaded).to.include(path.join(ROOT, "tools", "bench", "args.ts"));
      expect(loaded.filter((m) => HEAVY.some((h) => m.startsWith(h)))).to.deep.equal([]);
    });
  }
});
