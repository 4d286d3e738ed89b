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

  it("loads no entry point of the Pulumi SDK with any module of the check", () => {
    const modules = fs
      .readdirSync(path.join(ROOT, "tools", "check"))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => `./tools/check/${f.replace(/\.ts$/, "")}`);
    expect(modules).to.include("./tools/check/imported");
    const probe =
      `require("./tools/lib/ts-require").register(process.cwd());` +
      `for (const m of ${JSON.stringify(modules)}) require(m);` +
      `process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
    const loaded = JSON.parse(
      execFileSync(process.execPath, ["-e", probe], { cwd: ROOT, encoding: "utf8" }),
    ) as string[];
    const sdkEntry = loaded.filter((m) =>
      /node_modules[\\/]@pulumi[\\/]pulumi[\\/](index\.js|automation[\\/])/.test(m),
    );
    expect(sdkEntry).to.deep.equal([]);
  });
});
