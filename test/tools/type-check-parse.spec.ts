// The JSDoc a type-checking ts-node parses in the program's process
// (tools/lib/engine/type-check-parse.js): the language service ts-node makes parses as `tsc` does
// (`ParseForTypeErrors`), with the same type errors; one the program makes itself, one a custom
// transformer reads JSDoc through and a ts-patched TypeScript are untouched.
// The whole type-checked runs, and the errors they report, are in type-check-note.spec.ts.
import { expect } from "chai";
import * as fs from "fs";
import Module from "module";
import * as path from "path";
import type * as TS from "typescript";
import { SCRATCH } from "./program-runs";

const PARSE = path.resolve(__dirname, "..", "..", "tools", "lib", "engine", "type-check-parse.js");
/* eslint-disable @typescript-eslint/no-require-imports -- the preload's CommonJS modules */
const { parseForTypeErrors, markTsNode } = require(PARSE);
const realTs: typeof TS = require("typescript");
/* eslint-enable @typescript-eslint/no-require-imports */
/** `Module._preloadModules`, which ts-node 10's `register` runs its `require` option through. */
const NodeModule = Module as unknown as { _preloadModules: (requests: string[]) => void };

describe("the JSDoc a type-checking ts-node parses", () => {
  let dir: string;
  /** TypeScript's exports as the preload leaves them (a module object of its own). */
  let ts: typeof TS;

  before(() => {
    fs.mkdirSync(SCRATCH, { recursive: true });
    dir = fs.mkdtempSync(path.join(SCRATCH, "type-check-parse-"));
    const write = (file: string, ...lines: string[]) =>
      fs.writeFileSync(path.join(dir, file), lines.join("\n") + "\n");
    // A declaration file whose JSDoc carries no type (a TypeScript file's never does), one with
    // `@link`, and a program with a type error against each.
    write(
      "lib.d.ts",
      "/** A bucket. @deprecated use Store */",
      "export declare class Bucket {",
      "  /** Its name. */",
      "  name: string;",
      "}",
      "/** See {@link Bucket}. */",
      "export declare function make(size: number): Bucket;",
    );
    write(
      "index.ts",
      'import { Bucket, make } from "./lib";',
      'const b: Bucket = make("big");',
      "export const n: number = b.name;",
    );
    // A checked JavaScript file whose JSDoc is its types, and a call against them.
    write("uses-double.ts", 'import { double } from "./double-module";\ndouble("big");');
    write("double-module.js", "/** @param {number} n */", "exports.double = (n) => n * 2;");
    // An import used only in `{@link}`, under noUnusedLocals.
    write(
      "linked.ts",
      'import type { Bucket } from "./lib";',
      "/** Named as in {@link Bucket}. */",
      'export const name = "app";',
    );
    // A model whose JSDoc tag a custom transformer writes into the emitted JavaScript.
    write("model.ts", "export interface User {\n  /** @format email */\n  email: string;\n}");
    fs.appendFileSync(path.join(dir, "model.ts"), 'export const fields = "__FIELDS__";\n');
    const module = { exports: realTs };
    parseForTypeErrors(module);
    ts = module.exports as typeof TS;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A language service host over `dir`, as ts-node makes one (no `jsDocParsingMode`). */
  const host = (
    root = "index.ts",
    options: TS.CompilerOptions = {},
    extra: Partial<TS.LanguageServiceHost> = {},
  ): TS.LanguageServiceHost => ({
    getScriptFileNames: () => [path.join(dir, root)],
    getScriptVersion: () => "1",
    getScriptSnapshot: (f) =>
      fs.existsSync(f) ? ts.ScriptSnapshot.fromString(fs.readFileSync(f, "utf8")) : undefined,
    getCurrentDirectory: () => dir,
    // ES5's library alone and no @types: what the files need, nothing to parse beside them.
    getCompilationSettings: () => ({
      strict: true,
      lib: ["lib.es5.d.ts"],
      types: [],
      module: ts.ModuleKind.CommonJS,
      ...options,
    }),
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    ...extra,
  });
  /** ts-node 10.9's `create` (dist/index.js): a document registry, then the service on it. */
  const tsNode10 = {
    create: (serviceHost = host()) =>
      ts.createLanguageService(
        serviceHost,
        ts.createDocumentRegistry(ts.sys.useCaseSensitiveFileNames, dir),
      ),
  };
  /** ts-node 7.0.1's `register` (vendor/ts-node@7.0.1/index.js): the service alone. */
  const tsNode7 = { register: (serviceHost = host()) => ts.createLanguageService(serviceHost) };
  markTsNode(tsNode10);
  markTsNode(tsNode7);

  /** How a file was parsed: TypeScript records it on the source file (internal, not typed). */
  const modeOf = (service: TS.LanguageService, file: string) => {
    const parsed = service.getProgram()!.getSourceFile(path.join(dir, file));
    return (parsed as TS.SourceFile & { jsDocParsingMode?: TS.JSDocParsingMode }).jsDocParsingMode;
  };
  const errors = (service: TS.LanguageService, file = "index.ts") =>
    service
      .getSemanticDiagnostics(path.join(dir, file))
      .map((d) => `${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  /** The documentation quick info gives for `name` in lib.d.ts: what ts-node's getTypeInfo says. */
  const documentation = (service: TS.LanguageService) => {
    const file = path.join(dir, "lib.d.ts");
    const at = fs.readFileSync(file, "utf8").indexOf("name:");
    return ts.displayPartsToString(service.getQuickInfoAtPosition(file, at)!.documentation);
  };

  it("ts-node's language service parses declaration files as tsc does, with the same type errors", () => {
    const own = ts.createLanguageService(host());
    const expected = errors(own);
    expect(expected.map((e) => e.split(" ")[0])).to.deep.equal(["2345", "2322"]);
    for (const service of [tsNode10.create(), tsNode7.register()]) {
      expect(modeOf(service, "lib.d.ts")).to.equal(ts.JSDocParsingMode.ParseForTypeErrors);
      expect(errors(service)).to.deep.equal(expected);
      // What the program can see through it (ts-node 10's getTypeInfo): no documentation.
      expect(documentation(service)).to.equal("");
    }
    expect(documentation(own)).to.equal("Its name.");
  });

  it("a checked JavaScript file's JSDoc types are still parsed, and their errors reported", () => {
    const options = { allowJs: true, checkJs: true };
    const root = "uses-double.ts";
    const own = ts.createLanguageService(host(root, options));
    const service = tsNode10.create(host(root, options));
    expect(modeOf(service, "double-module.js")).to.equal(ts.JSDocParsingMode.ParseForTypeErrors);
    expect(errors(service, root)).to.deep.equal(errors(own, root));
    expect(errors(service, root).map((e) => e.split(" ")[0])).to.deep.equal(["2345"]);
  });

  it("an import used only in {@link} is still used under noUnusedLocals (no TS6133)", () => {
    const options = { noUnusedLocals: true };
    const own = ts.createLanguageService(host("linked.ts", options));
    const service = tsNode10.create(host("linked.ts", options));
    expect(modeOf(service, "linked.ts")).to.equal(ts.JSDocParsingMode.ParseForTypeErrors);
    expect(errors(own, "linked.ts")).to.deep.equal([]);
    expect(errors(service, "linked.ts")).to.deep.equal([]);
    // The same file with the link taken out: the import is reported, so the case can fail.
    const unlinked = host("linked.ts", options, {
      getScriptSnapshot: (f) =>
        fs.existsSync(f)
          ? ts.ScriptSnapshot.fromString(fs.readFileSync(f, "utf8").replace("{@link Bucket}", ""))
          : undefined,
    });
    expect(errors(tsNode10.create(unlinked), "linked.ts").map((e) => e.split(" ")[0])).to.include(
      "6133",
    );
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

  it("a language service made by a module ts-node 10's register preloads is the program's", () => {
    // ts-node 10.9's `register` (dist/index.js): `create`, then its `require` option's modules.
    const made: { ts?: typeof TS; host?: typeof host; services: TS.LanguageService[] } = {
      services: [],
    };
    (global as Record<string, unknown>).__typeCheckParseMade = made;
    fs.writeFileSync(
      path.join(dir, "setup.js"),
      "const made = global.__typeCheckParseMade;\n" +
        "made.services.push(made.ts.createLanguageService(made.host()));\n",
    );
    Object.assign(made, { ts, host });
    const preload = NodeModule._preloadModules;
    const withPreload = {
      register: () => {
        const service = tsNode10.create();
        NodeModule._preloadModules([path.join(dir, "setup.js")]);
        return service;
      },
    };
    markTsNode(withPreload);
    try {
      const service = withPreload.register();
      expect(modeOf(service, "lib.d.ts")).to.equal(ts.JSDocParsingMode.ParseForTypeErrors);
      expect(made.services).to.have.length(1);
      expect(modeOf(made.services[0], "lib.d.ts")).to.equal(ts.JSDocParsingMode.ParseAll);
      expect(documentation(made.services[0])).to.equal("Its name.");
      expect(NodeModule._preloadModules).to.equal(preload);
    } finally {
      delete (global as Record<string, unknown>).__typeCheckParseMade;
    }
  });

  describe("a custom transformer that reads JSDoc (typia's comment tags) sees it all", () => {
    /** Writes the JSDoc tags of the file into its `"__FIELDS__"` string, as typia does. */
    const tagsInto: TS.TransformerFactory<TS.SourceFile> = (context) => (file) => {
      const tags: string[] = [];
      const collect = (node: TS.Node): void => {
        for (const tag of realTs.getJSDocTags(node))
          tags.push(`${tag.tagName.text} ${tag.comment}`);
        realTs.forEachChild(node, collect);
      };
      collect(file);
      const write = (node: TS.Node): TS.Node =>
        realTs.isStringLiteral(node) && node.text === "__FIELDS__"
          ? context.factory.createStringLiteral(tags.join(";"))
          : realTs.visitEachChild(node, write, context);
      return realTs.visitNode(file, write) as TS.SourceFile;
    };
    const emitted = (service: TS.LanguageService) =>
      service
        .getEmitOutput(path.join(dir, "model.ts"))
        .outputFiles[0].text.split("\n")
        .filter((line) => line.startsWith('exports.fields = "'));

    it("through ts-node's transformers option, as an object or a function of the program", () => {
      const expected = ['exports.fields = "format email";'];
      const plain = ts.createLanguageService(
        host("model.ts", {}, { getCustomTransformers: () => ({ before: [tagsInto] }) }),
      );
      expect(emitted(plain)).to.deep.equal(expected);
      const asObject = host(
        "model.ts",
        {},
        { getCustomTransformers: () => ({ before: [tagsInto] }) },
      );
      expect(emitted(tsNode10.create(asObject))).to.deep.equal(expected);
      expect(emitted(tsNode7.register(asObject))).to.deep.equal(expected);
      // ts-node 10's own shape: a function of the program, read from the service it returns.
      const asFunction = {
        create: () => {
          const serviceHost = host(
            "model.ts",
            {},
            {
              getCustomTransformers: () =>
                service.getProgram() ? { before: [tagsInto] } : undefined,
            },
          );
          const service = ts.createLanguageService(
            serviceHost,
            ts.createDocumentRegistry(ts.sys.useCaseSensitiveFileNames, dir),
          );
          return service;
        },
      };
      markTsNode(asFunction);
      const service = asFunction.create();
      expect(emitted(service)).to.deep.equal(expected);
      expect(modeOf(service, "model.ts")).to.equal(ts.JSDocParsingMode.ParseAll);
      // A host whose getCustomTransformers gives none still gets the setting.
      const none = tsNode10.create(
        host("model.ts", {}, { getCustomTransformers: () => undefined }),
      );
      expect(modeOf(none, "model.ts")).to.equal(ts.JSDocParsingMode.ParseForTypeErrors);
    });

    it("through a TypeScript ts-patch rewrote (its export, or its header first in the file)", () => {
      const byExport = { exports: { ...realTs, originalCreateProgram: realTs.createProgram } };
      const exportsBefore = byExport.exports;
      parseForTypeErrors(byExport);
      expect(byExport.exports).to.equal(exportsBefore);
      const patchedFile = path.join(dir, "typescript.js");
      fs.writeFileSync(patchedFile, '/// tsp-module:\n/// {\n///   "tsVersion": "5.9.3"\n');
      const byHeader = { exports: realTs, filename: patchedFile };
      parseForTypeErrors(byHeader);
      expect(byHeader.exports).to.equal(realTs);
      // The same TypeScript from a file without the header is changed: the header decided it.
      const unpatched = { exports: realTs, filename: path.join(dir, "index.ts") };
      parseForTypeErrors(unpatched);
      expect(unpatched.exports).to.not.equal(realTs);
    });
  });

  it("a TypeScript before 5.3 (no JSDocParsingMode) is left as it is: the SDK's vendored 3.8.3", () => {
    const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a vendored CommonJS file
    const ts38 = require(path.join(sdk, "vendor", "typescript@3.8.3", "typescript.js"));
    expect(ts38.createLanguageService).to.be.a("function");
    expect(ts38.createDocumentRegistry).to.be.a("function");
    const old = { exports: ts38 };
    parseForTypeErrors(old);
    expect(old.exports).to.equal(ts38);
  });
});
