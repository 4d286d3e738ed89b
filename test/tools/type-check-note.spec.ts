// The verdict of a program compiled without the type-check `pulumi preview` does: the language
// host type-checks TypeScript unless PULUMI_NODEJS_TRANSPILE_ONLY, the tsconfig's `noCheck` or
// the ts-node it loads say otherwise (@pulumi/pulumi cmd/run/run.js and hooks.js, the vendored
// ts-node 7.0.1's `register`, ts-node 10's `findAndReadConfig`); the check compiles transpile-only
// unless --type-check, and --type-check only where preview would. The rule, each of its cases,
// and the note in the text, JSON and SARIF reports.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { formatJson } from "../../tools/check/format-json";
import { formatSarif } from "../../tools/check/format-sarif";
import { formatText } from "../../tools/check/format-text";
import { ProgramError, type StackResult } from "../../tools/check/run";
import { lentCompilerOptions } from "../../tools/lib/engine/lent-packages";
import { NOT_TYPE_CHECKED, previewTypeChecks } from "../../tools/lib/engine/type-check-rule";
import { cannotFindModule, lentModuleNotFound } from "../../tools/lib/engine/type-only-imports";
import { checkProgram, FIXTURES, ROOT, SCRATCH } from "./program-runs";
import { writeFile } from "./files";

describe("a verdict without the type-check pulumi preview does", function () {
  this.timeout(120_000);

  describe("whether pulumi preview type-checks a program", () => {
    let dir: string;
    const write = (file: string, text: string) => writeFile(dir, file, text);
    const rule = (runtimeOptions: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}) =>
      previewTypeChecks({ rootDir: dir, runtimeOptions }, env);

    beforeEach(() => {
      fs.mkdirSync(SCRATCH, { recursive: true });
      dir = fs.mkdtempSync(path.join(SCRATCH, "type-check-rule-"));
      write("package.json", JSON.stringify({ name: "p", main: "index.ts" }));
      write("index.ts", "export const x = 1;\n");
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("type-checks TypeScript by default, without a tsconfig or with one that allows it", () => {
      expect(rule()).to.equal(true);
      write(
        "tsconfig.json",
        '{ // comments, as tsconfig allows\n "compilerOptions": { "strict": true } }',
      );
      expect(rule()).to.equal(true);
    });

    it("follows PULUMI_NODEJS_TRANSPILE_ONLY when it is set, before the tsconfig", () => {
      expect(rule({}, { PULUMI_NODEJS_TRANSPILE_ONLY: "true" })).to.equal(false);
      write("tsconfig.json", '{ "compilerOptions": { "strict": true } }');
      expect(rule({}, { PULUMI_NODEJS_TRANSPILE_ONLY: "false" })).to.equal(true);
      // ts-node then type-checks, but TypeScript 5.5+ itself reports no type error under noCheck
      // (its `skipTypeChecking`; TypeScript 5.9's language service gives no TS2322 then).
      write("tsconfig.json", '{ "compilerOptions": { "noCheck": true } }');
      expect(rule({}, { PULUMI_NODEJS_TRANSPILE_ONLY: "false" })).to.equal(false);
      // Empty is unset: the tsconfig decides.
      expect(rule({}, { PULUMI_NODEJS_TRANSPILE_ONLY: "" })).to.equal(false);
    });

    it("follows the tsconfig's noCheck, also of the tsconfig runtime option names", () => {
      write("tsconfig.json", '{ "compilerOptions": { "noCheck": true } }');
      expect(rule()).to.equal(false);
      write("tsconfig.pulumi.json", '{ "compilerOptions": { "strict": true } }');
      expect(rule({ tsconfig: "tsconfig.pulumi.json" })).to.equal(true);
    });

    /** The program's own SDK, ts-node and TypeScript, as package.json files of those versions. */
    const installs = (versions: { tsNode: string; typescript: string }) => {
      write(
        "node_modules/@pulumi/pulumi/package.json",
        '{ "name": "@pulumi/pulumi", "version": "3.248.0" }',
      );
      write(
        "node_modules/ts-node/package.json",
        `{ "name": "ts-node", "version": "${versions.tsNode}" }`,
      );
      write(
        "node_modules/typescript/package.json",
        `{ "name": "typescript", "version": "${versions.typescript}" }`,
      );
    };
    const tsNodeSection = (section: Record<string, unknown>) =>
      write(
        "tsconfig.json",
        JSON.stringify({ compilerOptions: { strict: true }, "ts-node": section }),
      );

    it("ts-node 10: the tsconfig's \"ts-node\" section, then TS_NODE_TRANSPILE_ONLY, under the host's own value", () => {
      installs({ tsNode: "10.9.2", typescript: "5.9.3" });
      expect(rule({}, { TS_NODE_TRANSPILE_ONLY: "true" })).to.equal(false);
      expect(rule({}, { TS_NODE_TRANSPILE_ONLY: "yes" })).to.equal(false);
      expect(rule({}, { TS_NODE_TRANSPILE_ONLY: "false" })).to.equal(true);
      tsNodeSection({ transpileOnly: true });
      expect(rule()).to.equal(false);
      // The section is read over the environment; the host's value, when it has one, over both.
      expect(rule({}, { TS_NODE_TRANSPILE_ONLY: "false" })).to.equal(false);
      expect(rule({}, { PULUMI_NODEJS_TRANSPILE_ONLY: "false" })).to.equal(true);
      // typeCheck overrides transpileOnly; swc implies it.
      tsNodeSection({ transpileOnly: true, typeCheck: true });
      expect(rule()).to.equal(true);
      tsNodeSection({ swc: true });
      expect(rule()).to.equal(false);
      expect(rule({}, { TS_NODE_TYPE_CHECK: "true" })).to.equal(true);
    });

    it('the "ts-node" section\'s compilerOptions.noCheck turns type errors off from TypeScript 5.5', () => {
      installs({ tsNode: "10.9.2", typescript: "5.9.3" });
      tsNodeSection({ compilerOptions: { noCheck: true } });
      expect(rule()).to.equal(false);
      installs({ tsNode: "10.9.2", typescript: "5.4.5" });
      expect(rule()).to.equal(true);
    });

    it("ts-node 7 (the copy the SDK vendors): the host's value wins even unset, so TS_NODE_TRANSPILE_ONLY and the section are not read", () => {
      installs({ tsNode: "7.0.1", typescript: "5.9.3" });
      expect(rule({}, { TS_NODE_TRANSPILE_ONLY: "true" })).to.equal(true);
      tsNodeSection({ transpileOnly: true });
      expect(rule()).to.equal(true);
      expect(rule({}, { PULUMI_NODEJS_TRANSPILE_ONLY: "true" })).to.equal(false);
      expect(rule({}, { PULUMI_NODEJS_TRANSPILE_ONLY: "true", TS_NODE_TYPE_CHECK: "1" })).to.equal(
        true,
      );
    });

    it("automatic ESM mode: ts-node is registered before the host's options reach it", () => {
      installs({ tsNode: "10.9.2", typescript: "5.9.3" });
      write("package.json", JSON.stringify({ name: "p", main: "index.ts", type: "module" }));
      expect(rule({}, { PULUMI_NODEJS_TRANSPILE_ONLY: "true" })).to.equal(true);
      expect(rule({}, { TS_NODE_TRANSPILE_ONLY: "true" })).to.equal(false);
      // A loader among the node arguments: no automatic ESM mode, the host's options count.
      const nodeargs = "--import ./register.js";
      expect(rule({ nodeargs }, { PULUMI_NODEJS_TRANSPILE_ONLY: "true" })).to.equal(false);
    });

    it("automatic ESM mode needs TypeScript above 4.7.0, compared as a whole version", () => {
      write("package.json", JSON.stringify({ name: "p", main: "index.ts", type: "module" }));
      // In ESM mode the host's PULUMI_NODEJS_TRANSPILE_ONLY reaches no ts-node: it type-checks.
      const esm = () => rule({}, { PULUMI_NODEJS_TRANSPILE_ONLY: "true" });
      for (const [typescript, expected] of [
        ["4.7.0", false],
        ["4.7.0-beta", false],
        ["4.6.4", false],
        ["4.7.1", true],
        ["4.8.2", true],
      ] as const) {
        installs({ tsNode: "10.9.2", typescript });
        expect(esm(), typescript).to.equal(expected);
      }
    });

    it("follows the tsconfig's extends for the \"ts-node\" section and compilerOptions, not for the host's noCheck", () => {
      installs({ tsNode: "10.9.2", typescript: "5.9.3" });
      write("tsconfig.base.json", JSON.stringify({ "ts-node": { transpileOnly: true } }));
      write(
        "tsconfig.json",
        JSON.stringify({ extends: "./tsconfig.base.json", compilerOptions: { strict: true } }),
      );
      expect(rule()).to.equal(false);
      // A file's section over its base's.
      write(
        "tsconfig.json",
        JSON.stringify({ extends: "./tsconfig.base", "ts-node": { transpileOnly: false } }),
      );
      expect(rule()).to.equal(true);
      // A base's noCheck: the host reads the file alone, so ts-node type-checks, and TypeScript
      // 5.5+ reports nothing under the chain's noCheck; 5.4 does not know it.
      write("configs/strict.json", JSON.stringify({ compilerOptions: { noCheck: true } }));
      write("tsconfig.json", JSON.stringify({ extends: "./configs/strict.json" }));
      expect(rule()).to.equal(false);
      installs({ tsNode: "7.0.1", typescript: "5.9.3" });
      expect(rule()).to.equal(false);
      installs({ tsNode: "10.9.2", typescript: "5.4.5" });
      expect(rule()).to.equal(true);
      // The file's own value, which the host passes last, over the base's.
      installs({ tsNode: "10.9.2", typescript: "5.9.3" });
      write(
        "tsconfig.json",
        JSON.stringify({ extends: "./configs/strict.json", compilerOptions: { noCheck: false } }),
      );
      expect(rule()).to.equal(true);
    });

    it("does not for plain JavaScript, nor with TypeScript support off", () => {
      expect(rule({ typescript: false })).to.equal(false);
      write("package.json", JSON.stringify({ name: "p", main: "index.js" }));
      write("index.js", "exports.x = 1;\n");
      expect(rule()).to.equal(false);
    });
  });

  describe("a program with a type error only a type-checking compile sees", () => {
    const program = path.join(FIXTURES, "type-error-unchecked");
    let r: StackResult;

    before(async () => {
      r = await checkProgram(program);
    });

    it("passes transpile-only, and the result line says it was not type-checked, once", () => {
      expect(r.notTypeChecked).to.equal(NOT_TYPE_CHECKED);
      const lines = formatText([r]).split("\n");
      const result = lines.find((l) => l.startsWith("Result for dev:"));
      expect(result).to.match(/^Result for dev: PASS — .* — not type-checked \(pulumi preview/);
      expect(lines.filter((l) => l.includes("not type-checked"))).to.have.length(1);
    });

    it("says so in JSON and SARIF, and nothing when the run type-checked", () => {
      expect(JSON.parse(formatJson([r])).notTypeChecked).to.equal(NOT_TYPE_CHECKED);
      const sarif = (x: StackResult) =>
        JSON.parse(formatSarif([x], [], { version: "0.0.0" })).runs[0].properties;
      expect(sarif(r).notTypeChecked).to.equal(NOT_TYPE_CHECKED);
      const checked: StackResult = { ...r, notTypeChecked: undefined };
      expect(formatText([checked])).not.to.contain("not type-checked");
      expect(JSON.parse(formatJson([checked]))).not.to.have.property("notTypeChecked");
      expect(sarif(checked)).not.to.have.property("notTypeChecked");
    });

    it("with ts-node's type-check off in the program's tsconfig: no note, and --type-check passes, as pulumi preview does", async () => {
      fs.mkdirSync(SCRATCH, { recursive: true });
      const dir = fs.mkdtempSync(path.join(SCRATCH, "type-check-off-"));
      try {
        fs.cpSync(program, dir, { recursive: true });
        fs.writeFileSync(
          path.join(dir, "tsconfig.json"),
          JSON.stringify({ compilerOptions: { strict: true }, "ts-node": { transpileOnly: true } }),
        );
        const plain = await checkProgram(dir);
        expect(plain.notTypeChecked).to.equal(undefined);
        const checked = await checkProgram(dir, { typeCheck: true });
        expect(checked.notTypeChecked).to.equal(undefined);
        expect(formatText([checked])).to.match(/Result for dev: PASS/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it("--type-check under PULUMI_NODEJS_TRANSPILE_ONLY=true passes, as pulumi preview does in that environment", async () => {
      const before = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
      process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
      try {
        const checked = await checkProgram(program, { typeCheck: true });
        expect(formatText([checked])).to.match(/Result for dev: PASS/);
      } finally {
        if (before === undefined) delete process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
        else process.env.PULUMI_NODEJS_TRANSPILE_ONLY = before;
      }
    });

    it("fails with the type error under --type-check, as pulumi preview does", async () => {
      const err = await checkProgram(program, { typeCheck: true }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(ProgramError);
      expect((err as ProgramError).message).to.contain("TS2724");
    });
  });

  describe("a program that installed nothing, type-checked on the packages the check lends", () => {
    // Outside the repository, so nothing up its folders has node_modules: the packages are lent.
    let dir: string;
    const program = (name: string, index: string) => {
      const p = path.join(dir, name);
      fs.mkdirSync(p);
      fs.writeFileSync(path.join(p, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
      const deps = { "@pulumi/aws": "^7.0.0", "@pulumi/pulumi": "^3.0.0" };
      fs.writeFileSync(
        path.join(p, "package.json"),
        JSON.stringify({ name, main: "index.ts", dependencies: deps }),
      );
      fs.writeFileSync(path.join(p, "index.ts"), `import * as aws from "@pulumi/aws";\n${index}\n`);
      return p;
    };
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => expect.fail("the program should have failed"),
        (e: unknown) => e as ProgramError,
      );

    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "type-check-lent-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("the compile resolves bare imports and type packages in the lent modules folder", () => {
      const options = JSON.parse(lentCompilerOptions(ROOT));
      const modules = path.join(ROOT, "node_modules");
      expect(options.paths["*"]).to.deep.equal([
        path.join(modules, "*"),
        path.join(modules, "@types", "*"),
      ]);
      expect(options.typeRoots).to.deep.equal([path.join(modules, "@types")]);
      const at = (message: string) => ({ kind: "error" as const, message });
      expect(cannotFindModule(at("index.ts(1,22): error TS2307: Cannot find module 'x'"))).to.equal(
        true,
      );
      expect(cannotFindModule(at("index.ts(2,26): error TS2339: Property 'y'"))).to.equal(false);
      expect(cannotFindModule({ kind: "timeout", message: "error TS2307" })).to.equal(false);
    });

    it("--type-check of a sound program passes (no TS2307 on a lent package)", async () => {
      const ok = program("lent-ok", 'export const id = new aws.s3.Bucket("b").id;');
      const r = await checkProgram(ok, { typeCheck: true });
      expect(r.resources.map((x) => x.type)).to.include("aws:s3/bucket:Bucket");
    });

    it("a module aws 7 removed: compiled again, the type error names it, not a lent import", async () => {
      const removed = program(
        "lent-removed",
        'export const s = new aws.opsworks.Stack("s", { region: "us-east-1", serviceRoleArn: "arn:aws:iam::1:role/r", defaultInstanceProfileArn: "arn" });',
      );
      const err = await failure(checkProgram(removed));
      expect(err).to.be.instanceOf(ProgramError);
      expect(err.message).to.contain("TS2339").and.to.contain("'opsworks'");
      expect(err.message).not.to.contain("TS2307");
    });

    it("--type-check with the program's own tsconfig paths resolves both its aliases and the lent packages", async () => {
      // The alias is read by the type-check alone (a type import, erased at run time), the lent
      // @pulumi/aws by both; a type error behind the alias shows the compile saw that file.
      const own = program(
        "lent-paths",
        'import type { Names } from "@app/names";\n' +
          'const names: Names = { bucket: "b" };\n' +
          "export const id = new aws.s3.Bucket(names.bucket).id;",
      );
      fs.mkdirSync(path.join(own, "src"));
      fs.writeFileSync(
        path.join(own, "src", "names.ts"),
        "export interface Names { bucket: string }\n",
      );
      const compilerOptions = { strict: true, baseUrl: ".", paths: { "@app/*": ["src/*"] } };
      fs.writeFileSync(path.join(own, "tsconfig.json"), JSON.stringify({ compilerOptions }));
      const r = await checkProgram(own, { typeCheck: true });
      expect(r.resources.map((x) => x.type)).to.include("aws:s3/bucket:Bucket");
      expect(r.notTypeChecked).to.equal(undefined);
      fs.writeFileSync(
        path.join(own, "src", "names.ts"),
        "export interface Names { bucket: number }\n",
      );
      const err = await failure(checkProgram(own, { typeCheck: true }));
      expect(err).to.be.instanceOf(ProgramError);
      expect(err.message).to.contain("TS2322").and.not.to.contain("TS2307");
    });

    it("--type-check with a tsconfig pattern a lent package also matches (@pulumi/*) resolves both", async () => {
      // `"@pulumi/*"` has a longer prefix than the lent `"*"`, so TypeScript takes it for
      // @pulumi/aws too: the lent folder must be among its substitutions.
      const own = program(
        "lent-scope-paths",
        'import type { Tags } from "@pulumi/tags";\n' +
          'const tags: Tags = { team: "web" };\n' +
          'export const id = new aws.s3.Bucket("b", { tags }).id;',
      );
      const vendored = path.join(own, "vendor", "@pulumi", "tags");
      fs.mkdirSync(vendored, { recursive: true });
      fs.writeFileSync(
        path.join(vendored, "index.ts"),
        "export type Tags = Record<string, string>;\n",
      );
      const compilerOptions = {
        strict: true,
        baseUrl: ".",
        paths: { "@pulumi/*": ["vendor/@pulumi/*"] },
      };
      fs.writeFileSync(path.join(own, "tsconfig.json"), JSON.stringify({ compilerOptions }));
      const r = await checkProgram(own, { typeCheck: true });
      expect(r.resources.map((x) => x.type)).to.include("aws:s3/bucket:Bucket");
      expect(r.notTypeChecked).to.equal(undefined);
    });

    it("a TS2307 is the program's own when the package is its own or nobody lends it", () => {
      const failed = {
        kind: "error" as const,
        message: "index.ts(1,22): error TS2307: Cannot find module '@pulumi/aws/s3'",
      };
      const lent = { own: false, runPath: "", version: "3" };
      // No tsconfig `paths`: the TS2307 is the program's own, not the lent folder's.
      expect(lentModuleNotFound({ failure: failed, sdk: lent }, dir, ROOT)).to.equal(undefined);
      const compilerOptions = { baseUrl: ".", paths: { "@app/*": ["src/*"] } };
      fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions }));
      expect(lentModuleNotFound({ failure: failed, sdk: lent }, dir, ROOT)?.detail).to.equal(
        failed.message,
      );
      // A subpath the lent package does not have is the program's own error too.
      const subpath = {
        ...failed,
        message: failed.message.replace("@pulumi/aws/s3", "@pulumi/aws/no-such-module"),
      };
      expect(lentModuleNotFound({ failure: subpath, sdk: lent }, dir, ROOT)).to.equal(undefined);
      expect(
        lentModuleNotFound({ failure: failed, sdk: { ...lent, own: true } }, dir, ROOT),
      ).to.equal(undefined);
      const typo = { ...failed, message: failed.message.replace("@pulumi/aws/s3", "@pulumi/awz") };
      expect(lentModuleNotFound({ failure: typo, sdk: lent }, dir, ROOT)).to.equal(undefined);
      const relative = { ...failed, message: failed.message.replace("@pulumi/aws/s3", "./app") };
      expect(lentModuleNotFound({ failure: relative, sdk: lent }, dir, ROOT)).to.equal(undefined);
    });
  });
});
