// The JSDoc a type-checking ts-node parses in the program's process
// (tools/lib/engine/type-check-parse.js): the language service ts-node makes parses as `tsc` does
// (`ParseForTypeErrors`), with the same type errors; one the program makes itself is untouched.
// The whole type-checked runs, and the errors they report, are in type-check-note.spec.ts.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import type * as TS from "typescript";
import { SCRATCH } from "./program-runs";

const PARSE = path.resolve(__dirname, "..", "..", "tools", "lib", "engine", "type-check-parse.js");
/* eslint-disable @typescript-eslint/no-require-imports -- the preload's CommonJS modules */
const { parseForTypeErrors, markTsNode } = require(PARSE);
const realTs: typeof TS = require("typescript");
/* eslint-enable @typescript-eslint/no-require-imports */

describe("the JSDoc a type-checking ts-node parses", () => {
  let dir: string;
  /** TypeScript's exports as the preload leaves them (a module object of its own). */
  let ts: typeof TS;

  before(() => {
    fs.mkdirSync(SCRATCH, { recursive: true });
    dir = fs.mkdtempSync(path.join(SCRATCH, "type-check-parse-"));
    // A declaration file whose JSDoc carries no type (a TypeScript file's never does), one with
    // `@link`, and a program with a type error against each.
    fs.writeFileSync(
      path.join(dir, "lib.d.ts"),
      "/** A bucket. @deprecated use Store */\nexport declare class Bucket { /** Its name. */ name: string }\n" +
        "/** See {@link Bucket}. */\nexport declare function make(size: number): Bucket;\n",
    );
    fs.writeFileSync(
      path.join(dir, "index.ts"),
      'import { Bucket, make } from "./lib";\nconst b: Bucket = make("big");\nexport const n: number = b.name;\n',
    );
    const module = { exports: realTs };
    parseForTypeErrors(module);
    ts = module.exports as typeof TS;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A language service host over `dir`, as ts-node makes one (no `jsDocParsingMode`). */
  const host = (): TS.LanguageServiceHost => ({
    getScriptFileNames: () => [path.join(dir, "index.ts")],
    getScriptVersion: () => "1",
    getScriptSnapshot: (f) =>
      fs.existsSync(f) ? ts.ScriptSnapshot.fromString(fs.readFileSync(f, "utf8")) : undefined,
    getCurrentDirectory: () => dir,
    // ES5's library alone and no @types: what the files need, nothing to parse beside them.
    getCompilationSettings: () => ({
      strict: true,
      noEmit: true,
      lib: ["lib.es5.d.ts"],
      types: [],
    }),
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
  });
  /** ts-node 10.9's `create` (dist/index.js): a document registry, then the service on it. */
  const tsNode10 = {
    create: () =>
      ts.createLanguageService(
        host(),
        ts.createDocumentRegistry(ts.sys.useCaseSensitiveFileNames, dir),
      ),
  };
  /** ts-node 7.0.1's `register` (vendor/ts-node@7.0.1/index.js): the service alone. */
  const tsNode7 = { register: () => ts.createLanguageService(host()) };
  markTsNode(tsNode10);
  markTsNode(tsNode7);

  /** How a file was parsed: TypeScript records it on the source file (internal, not typed). */
  const modeOf = (service: TS.LanguageService, file: string) => {
    const parsed = service.getProgram()!.getSourceFile(path.join(dir, file));
    return (parsed as TS.SourceFile & { jsDocParsingMode?: TS.JSDocParsingMode }).jsDocParsingMode;
  };
  const errors = (service: TS.LanguageService) =>
    service
      .getSemanticDiagnostics(path.join(dir, "index.ts"))
      .map((d) => `${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);

  it("ts-node's language service parses declaration files as tsc does, with the same type errors", () => {
    const own = ts.createLanguageService(host());
    const expected = errors(own);
    expect(expected.map((e) => e.split(" ")[0])).to.deep.equal(["2345", "2322"]);
    for (const service of [tsNode10.create(), tsNode7.register()]) {
      expect(modeOf(service, "lib.d.ts")).to.equal(ts.JSDocParsingMode.ParseForTypeErrors);
      expect(errors(service)).to.deep.equal(expected);
    }
  });

  it("a language service the program makes itself, or one on a registry of its own, is left as it is", () => {
    const own = ts.createLanguageService(host());
    expect(modeOf(own, "lib.d.ts")).to.equal(ts.JSDocParsingMode.ParseAll);
    // Made inside ts-node's call, but on a registry ts-node did not make there: its mode must
    // match the registry's, so both stay as given.
    const registry = ts.createDocumentRegistry(ts.sys.useCaseSensitiveFileNames, dir);
    const onTheirs = { register: () => ts.createLanguageService(host(), registry) };
    markTsNode(onTheirs);
    expect(modeOf(onTheirs.register(), "lib.d.ts")).to.equal(ts.JSDocParsingMode.ParseAll);
    // A host that chose a mode keeps it.
    const all = { register: () => ts.createLanguageService({ ...host(), jsDocParsingMode: 0 }) };
    markTsNode(all);
    expect(modeOf(all.register(), "lib.d.ts")).to.equal(ts.JSDocParsingMode.ParseAll);
  });

  it("a TypeScript before 5.3 (no JSDocParsingMode) is left as it is", () => {
    const old = { exports: { createLanguageService: realTs.createLanguageService } };
    parseForTypeErrors(old);
    expect(old.exports.createLanguageService).to.equal(realTs.createLanguageService);
  });
});
