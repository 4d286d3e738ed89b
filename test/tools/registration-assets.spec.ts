// Which missing file assets and archives of a registration fail it, as the Pulumi engine's hashing
// does, and which the apply phase takes as the product of a local command of the stack: only a
// command the file's own property is built from and that can make the file (it runs in a folder
// above the file, or its command line names it). The compliant registration is a Lambda whose
// bundle a build command in ./api makes; each case breaks one thing of it.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { assetProblems, missingAssetFiles } from "../../tools/lib/engine/registration-assets";
import { ARCHIVE_SIG, ASSET_SIG, SIG_KEY } from "../../tools/lib/engine/wire";

const COMMAND = "urn:pulumi:dev::demo::command:local:Command::api-build";
const archive = (p: string) => ({ [SIG_KEY]: ARCHIVE_SIG, path: p });
const asset = (p: string) => ({ [SIG_KEY]: ASSET_SIG, path: p });

describe("a registration's missing files and the local commands that make them", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "registration-assets-"));
    fs.mkdirSync(path.join(dir, "api"));
    fs.writeFileSync(path.join(dir, "handler.js"), "exports.handler = async () => 1;\n");
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  interface Case {
    inputs?: Record<string, unknown>;
    command?: Record<string, unknown>;
    propertyDependencies?: Record<string, string[]>;
    apply?: boolean;
  }
  const problems = (c: Case) =>
    assetProblems(
      "api",
      c.inputs ?? { runtime: "nodejs22.x", code: archive("./api/lambda.zip") },
      [dir],
      c.apply ?? true,
      c.propertyDependencies ?? { code: [COMMAND] },
      (urn) =>
        urn === COMMAND
          ? {
              type: "command:local:Command",
              inputs: c.command ?? { create: "npm ci && npm run zip", dir: "./api" },
            }
          : undefined,
    );

  it("an archive built from the output of a command that runs in its folder: a warning, no error", () => {
    const r = problems({});
    expect(r.error).to.equal(undefined);
    expect(r.warnings).to.have.length(1);
    expect(r.warnings[0]).to.contain("api: ./api/lambda.zip does not exist");
    expect(r.warnings[0]).to.contain('its "code" is built from that command\'s output');
    expect(r.warnings[0]).to.contain("it runs in ./api");
  });

  it("a command whose create names the file makes it, wherever it runs", () => {
    const r = problems({
      inputs: { code: archive("./dist/lambda.zip") },
      command: { create: "cd api && zip -r ../dist/lambda.zip ." },
    });
    expect(r.error).to.equal(undefined);
    expect(r.warnings[0]).to.contain("its create names it");
  });

  it("the preview phase hashes every archive: a missing one fails whatever command it comes from", () => {
    expect(problems({ apply: false }).error).to.equal(
      `failed to compute archive hash for "code": couldn't read archive path './api/lambda.zip': ` +
        "stat ./api/lambda.zip: no such file or directory",
    );
  });

  it("a command that cannot make the file (it reads a git revision) excuses nothing", () => {
    const r = problems({
      inputs: { code: archive("./dist/lambda.zip") },
      command: { create: "git rev-parse --short HEAD" },
    });
    expect(r.error).to.contain("couldn't read archive path './dist/lambda.zip'");
    expect(r.warnings).to.deep.equal([]);
  });

  it("a command running in another folder, naming another file, excuses nothing", () => {
    const r = problems({ inputs: { code: archive("./dist/lambda.zip") } });
    expect(r.error).to.contain("couldn't read archive path './dist/lambda.zip'");
  });

  it("a command the resource only dependsOn excuses nothing: the archive is named at preview too", () => {
    expect(problems({ propertyDependencies: {} }).error).to.contain(
      "couldn't read archive path './api/lambda.zip'",
    );
    // Another property built from the command does not make this one's file either.
    expect(problems({ propertyDependencies: { tags: [COMMAND] } }).error).to.contain(
      "couldn't read archive path './api/lambda.zip'",
    );
  });

  it("a file under a nested key is matched to the command through its top-level property", () => {
    // The engine names the innermost key ("bundle"); the property dependencies are keyed "settings".
    const r = problems({
      inputs: { settings: { bundle: archive("./api/lambda.zip") } },
      propertyDependencies: { settings: [COMMAND] },
    });
    expect(r.error).to.equal(undefined);
    expect(r.warnings[0]).to.contain('its "settings" is built');
  });

  it("every missing file is checked: one the command makes does not excuse another", () => {
    const r = problems({
      inputs: {
        code: archive("./api/lambda.zip"),
        source: asset("./static/logo.png"),
      },
      propertyDependencies: { code: [COMMAND], source: [COMMAND] },
    });
    expect(r.error).to.equal(
      `failed to compute asset hash for "source": open ./static/logo.png: no such file or directory`,
    );
  });

  it("files that exist are no problem, and every missing one is listed in order", () => {
    expect(problems({ inputs: { code: archive("./handler.js") } })).to.deep.equal({
      warnings: [],
    });
    const files = missingAssetFiles(
      { a: asset("./handler.js"), b: [asset("./x.txt"), archive("./y")], c: { d: asset("/nope") } },
      [dir],
    );
    expect(files.map((f) => [f.property, f.path])).to.deep.equal([
      ["b", "./x.txt"],
      ["b", "./y"],
      ["c", "/nope"],
    ]);
  });
});
