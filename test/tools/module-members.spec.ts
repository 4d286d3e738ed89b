// The names a package module's declarations give it (tools/lib/engine/runtime-type-errors.ts):
// what the JavaScript hint and the type-checked recompile of a missing member rest on. A member the
// module re-exports must count, whichever quote its `export *` uses; a re-export that cannot be
// followed leaves the module unknown, so no member of it is said to be missing.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { missingMemberHint } from "../../tools/lib/engine/hints-members";
import { missingMemberOf, moduleMembers } from "../../tools/lib/engine/runtime-type-errors";

const made: string[] = [];

/** A program with an installed package `fakecfg` whose `settings` module is `settingsDts`. */
function program(settingsDts: string, extra: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "module-members-"));
  made.push(dir);
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "p", dependencies: { fakecfg: "1.0.0" } }),
    "node_modules/fakecfg/package.json": JSON.stringify({
      name: "fakecfg",
      version: "1.0.0",
      main: "index.js",
      types: "index.d.ts",
    }),
    "node_modules/fakecfg/index.js": 'exports.settings = require("./settings");\n',
    "node_modules/fakecfg/index.d.ts":
      "import * as settings from './settings'; export { settings };\n",
    "node_modules/fakecfg/settings/index.js": "exports.endpoint = undefined;\n",
    "node_modules/fakecfg/settings/index.d.ts": settingsDts,
    "node_modules/fakecfg/settings/vars.d.ts":
      "export declare const endpoint: { url: string } | undefined;\n",
    ...extra,
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const read = "TypeError: Cannot read properties of undefined (reading 'url')";
/** The column of `url` on the second line, where V8 places the failed read. */
const column = (src: string) => src.split("\n")[1].indexOf("url;") + 1;
const settings = (dir: string) => path.join(dir, "node_modules/fakecfg/settings/index.d.ts");

describe("module members read from a package's declarations", () => {
  after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it("follows `export * from` in single and double quotes, and a `.js` specifier", () => {
    expect(moduleMembers(settings(program("export * from './vars';\n")))).to.include("endpoint");
    expect(moduleMembers(settings(program('export * from "./vars";\n')))).to.include("endpoint");
    expect(moduleMembers(settings(program('export * from "./vars.js";\n')))).to.include("endpoint");
  });

  it("reads `export * as ns` in either quote and skips a type-only `export type *`", () => {
    const dir = program("export * as more from './vars';\nexport type * from './types';\n");
    expect(moduleMembers(settings(dir))).to.deep.equal(["more"]);
  });

  it("claims nothing of a module with an `export *` it cannot follow", () => {
    const unknown = [
      "export * from 'other-package';\n", // another package's declarations
      "export *\n  from './vars';\n", // over two lines
      "export * from './absent';\n", // a file not there
      "declare const all: { endpoint: string };\nexport = all;\n", // export =
    ];
    for (const dts of unknown) {
      expect(moduleMembers(settings(program(dts))), dts).to.equal(undefined);
    }
  });

  it("a JavaScript read of a re-exported member is not said to be missing", () => {
    const js =
      "const fakecfg = require('fakecfg');\nexports.url = fakecfg.settings.endpoint.url;\n";
    for (const dts of ["export * from './vars';\n", "export * from 'other-package';\n"]) {
      const dir = program(dts, { "index.js": js });
      const at = { file: path.join(dir, "index.js"), line: 2, column: column(js) };
      expect(missingMemberHint(read, at, dir), dts).to.equal("");
      expect(missingMemberOf(read, at, dir), dts).to.equal(undefined);
    }
  });

  it("a read of a member the followed declarations lack is named, TypeScript or JavaScript", () => {
    const js = "const fakecfg = require('fakecfg');\nexports.url = fakecfg.settings.endpont.url;\n";
    const ts =
      "import * as fakecfg from 'fakecfg';\nexport const u = fakecfg.settings.endpont.url;\n";
    const dir = program("export * from './vars';\n", { "index.js": js, "index.ts": ts });
    const jsAt = { file: path.join(dir, "index.js"), line: 2, column: column(js) };
    expect(missingMemberHint(read, jsAt, dir)).to.contain(
      "fakecfg 1.0.0 declares no `endpont` in `fakecfg.settings`: did you mean `fakecfg.settings.endpoint`?",
    );
    const tsAt = { file: path.join(dir, "index.ts"), line: 2, column: column(ts) };
    expect(missingMemberOf(read, tsAt, dir)?.expression).to.equal("fakecfg.settings.endpont");
  });
});
