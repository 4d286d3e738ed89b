// What the check's own process loads. It drives the engine and the reports; the SDK's entry point
// (`@pulumi/pulumi`, whose automation API loads TypeScript: some 50 MB and 0.3 s of CPU) runs only
// in the program's process. A module of the check that imports a helper living beside the SDK's
// mocks (tools/lib/recorder.ts) would load it in every run: this loads each module of the check in
// a process of its own and lists what it pulled in.
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

describe("the check's own process", function () {
  this.timeout(120_000);

  it("loads no entry point of the Pulumi SDK, nor TypeScript, with any module of the check", () => {
    const modules = fs
      .readdirSync(path.join(ROOT, "tools", "check"))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => `./tools/check/${f.replace(/\.ts$/, "")}`);
    expect(modules).to.include("./tools/check/imported");
    // Who asks for TypeScript: the check's own compiler cache (tools/lib/ts-require.js) compiles
    // the check's files with it when they are not cached yet (a fresh clone), and nothing else may;
    // once they are, not even the cache.
    // The probe asks for it last itself, which shows the recording sees such a request.
    const probe =
      `const Module = require("module"); const load = Module._load; const asked = [];` +
      `Module._load = function (request, parent) {` +
      `  if (/(^|[\\\\/]node_modules[\\\\/])typescript([\\\\/]|$)/.test(request) &&` +
      `    !/[\\\\/]node_modules[\\\\/]typescript[\\\\/]/.test(parent?.filename ?? ""))` +
      `    asked.push(parent?.filename ?? "");` +
      `  return load.apply(this, arguments); };` +
      `require("./tools/lib/ts-require").register(process.cwd());` +
      `for (const m of ${JSON.stringify(modules)}) require(m);` +
      `require("typescript"); asked.push("end");` +
      `process.stdout.write(JSON.stringify({ loaded: Object.keys(require.cache), asked }));`;
    const run = (): { loaded: string[]; asked: string[] } =>
      JSON.parse(execFileSync(process.execPath, ["-e", probe], { cwd: ROOT, encoding: "utf8" }));
    const { loaded, asked } = run();
    const sdkEntry = loaded.filter((m) =>
      /node_modules[\\/]@pulumi[\\/]pulumi[\\/](index\.js|automation[\\/])/.test(m),
    );
    expect(sdkEntry).to.deep.equal([]);
    const compiler = path.join(ROOT, "tools", "lib", "ts-require.js");
    const askers = asked.slice(0, asked.indexOf("end"));
    expect(askers.pop(), "the probe's own request is seen").to.equal(path.join(ROOT, "[eval]"));
    expect(askers.filter((f) => f !== compiler)).to.deep.equal([]);
    // With the cache warm (the run above compiled what was missing), nothing asks for TypeScript:
    // a compiler cache that loaded it eagerly, on every run, would be seen here.
    const again = run().asked;
    expect(again.slice(0, again.indexOf("end")), "only the probe's own request").to.deep.equal([
      path.join(ROOT, "[eval]"),
    ]);
  });
});
