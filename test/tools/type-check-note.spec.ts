// The verdict of a program compiled without the type-check `pulumi preview` does: the language
// host type-checks TypeScript unless PULUMI_NODEJS_TRANSPILE_ONLY, the tsconfig's `noCheck` or
// the ts-node it loads say otherwise (@pulumi/pulumi cmd/run/run.js and hooks.js, the vendored
// ts-node 7.0.1's `register`, ts-node 10's `findAndReadConfig`); the check compiles transpile-only
// unless --type-check, and --type-check only where preview would. The rule, each of its cases,
// and the note in the text, JSON and SARIF reports.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { formatJson } from "../../tools/check/format-json";
import { formatSarif } from "../../tools/check/format-sarif";
import { formatText } from "../../tools/check/format-text";
import { ProgramError, type StackResult } from "../../tools/check/run";
import { NOT_TYPE_CHECKED, previewTypeChecks } from "../../tools/lib/engine/type-check-rule";
import { checkProgram, FIXTURES, SCRATCH } from "./program-runs";

describe("a verdict without the type-check pulumi preview does", function () {
  this.timeout(120_000);

  describe("whether pulumi preview type-checks a program", () => {
    let dir: string;
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    };
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
});
