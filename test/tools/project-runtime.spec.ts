// Pulumi.yaml's `runtime`: nodejs, or bun (Pulumi 3.227 and later run such a program with Bun),
// which the check runs on Node.js through the same language host and says so; other languages
// are refused at their line (tools/check/project.ts).
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadProject, runtimeNote } from "../../tools/check/project";
import { usageErrorOf } from "./usage-errors";

const FIXTURES = path.resolve(__dirname, "..", "fixtures", "programs");

function projectWithRuntime(runtime: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "project-runtime-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: demo\n${runtime}`);
  return dir;
}

describe("Pulumi.yaml runtime", () => {
  it("nodejs keeps its options and needs no note", () => {
    const p = loadProject(
      projectWithRuntime("runtime:\n  name: nodejs\n  options:\n    typescript: false\n"),
    );
    expect(p.runtime).to.equal("nodejs");
    expect(p.runtimeOptions).to.deep.equal({ typescript: false });
    expect(runtimeNote(p)).to.equal(undefined);
  });

  it("bun runs on Node.js, its options ignored as Bun ignores them, with a note saying where Bun differs", () => {
    // The shape of mustafa-hanif/wetarseel2.0 apps/infra/Pulumi.yaml.
    const p = loadProject(
      projectWithRuntime("runtime:\n  name: bun\n  options:\n    packagemanager: bun\n"),
    );
    expect(p.runtime).to.equal("bun");
    expect(p.runtimeOptions).to.deep.equal({});
    expect(loadProject(projectWithRuntime("runtime: bun\n")).runtime).to.equal("bun");
    const note = runtimeNote(p)!;
    expect(note).to.contain("`pulumi preview` runs the program with Bun");
    expect(note).to.contain("does not support function serialization");
  });

  it("main: the tsconfig's build folder, not built yet: refused with the build that makes it", () => {
    // The shape of a program whose Pulumi.yaml runs tsc's output folder (`typescript: false`,
    // `main: bin/`) checked before `npm run build`: the CLI needs `main` to exist.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unbuilt-main-folder-"));
    try {
      fs.cpSync(path.join(FIXTURES, "fail-unbuilt-js"), dir, { recursive: true });
      fs.appendFileSync(path.join(dir, "Pulumi.yaml"), "main: bin/\n");
      const message = usageErrorOf(() => loadProject(dir)).message;
      expect(message).to.contain(
        `project 'main' could not be read: ${path.join(dir, "bin")} does not exist`,
      );
      expect(message).to.contain(
        'bin is compiled output that has not been built: tsconfig.json compiles into "bin"',
      );
      expect(message).to.contain("Build the program first (`npm run build`)");
      // A folder outside the build output is only missing: no build is suggested.
      fs.writeFileSync(
        path.join(dir, "Pulumi.yaml"),
        "name: demo\nruntime: nodejs\nmain: infra/\n",
      );
      const other = usageErrorOf(() => loadProject(dir)).message;
      expect(other).to.contain("does not exist");
      expect(other).to.not.contain("compiled output");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("another language is refused at the runtime's line", () => {
    const { message } = usageErrorOf(() => loadProject(projectWithRuntime("runtime: python\n")));
    expect(message).to.match(/Pulumi\.yaml:2: runtime 'python' is not supported/);
  });

  it("a runtime that is not a name or a mapping with a name is named as such at its line", () => {
    const refusal = (runtime: string) =>
      usageErrorOf(() => loadProject(projectWithRuntime(runtime))).message;
    expect(refusal("runtime: [bun]\n")).to.match(
      /Pulumi\.yaml:2: 'runtime' must be a name \(runtime: nodejs\).* not a list/,
    );
    expect(refusal("runtime:\n  options: {}\n")).to.match(
      /Pulumi\.yaml:2: 'runtime' must be a name/,
    );
    expect(refusal("description: none\n")).to.match(/project is missing a 'runtime' attribute/);
  });
});
