// The hints on how the language host compiles a TypeScript program, added to its failed run's
// error: Node left to strip types itself, an ES module without a ts-node 10 the host can resolve or
// an SDK too old to register its loader, the SDK's own TypeScript refusing a tsconfig. Read from a
// program's layout, without running it.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  esmTypeScriptHint,
  sdkTypeScriptHint,
  typeStrippingHint,
} from "../../tools/lib/engine/hints-typescript-host";

describe("hints on how the language host compiles TypeScript", () => {
  it("TypeScript with the host's ts-node off: the Node versions that strip types by default", () => {
    const refusal =
      'TypeError [ERR_UNKNOWN_FILE_EXTENSION]: Unknown file extension ".ts" for /p/index.ts';
    const hint = typeStrippingHint(refusal, false, "20.20.2");
    expect(hint).to.contain("Pulumi.yaml sets `runtime.options.typescript: false`");
    expect(hint).to.contain("this is Node 20.20.2");
    expect(typeStrippingHint(refusal, false, "22.17.1")).to.contain("this is Node 22.17.1");
    for (const node of ["22.18.0", "23.6.0", "24.1.0"]) {
      expect(typeStrippingHint(refusal, false, node), node).to.equal("");
    }
    // ts-node on (the default): the ESM hint speaks instead.
    expect(typeStrippingHint(refusal, undefined, "20.20.2")).to.equal("");
    expect(typeStrippingHint(refusal, true, "20.20.2")).to.equal("");
    expect(typeStrippingHint("Cannot find module 'x'", false, "20.20.2")).to.equal("");
  });

  it("an ES module in TypeScript whose own node_modules lack ts-node 10: the install that runs it", () => {
    // Node's refusal when the language host falls back to its vendored ts-node 7 (CommonJS hooks
    // only), as a program with its own dependencies but no ts-node gets it.
    const refusal = 'TypeError: Unknown file extension ".ts" for /p/index.ts';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "esm-ts-"));
    const install = (name: string, version: string) => {
      const at = path.join(dir, "node_modules", name);
      fs.mkdirSync(at, { recursive: true });
      fs.writeFileSync(path.join(at, "package.json"), JSON.stringify({ name, version }));
    };
    const pkg = (type?: string) =>
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "p", type }));
    try {
      pkg("module");
      install("@pulumi/pulumi", "3.276.0");
      const missing = esmTypeScriptHint(refusal, dir);
      expect(missing).to.contain(
        `${path.basename(dir)}/package.json makes the program an ES module`,
      );
      expect(missing).to.contain("the program has no ts-node installed");
      expect(missing).to.contain("`npm install --save-dev ts-node@^10 typescript@^5`");
      install("ts-node", "7.0.1");
      expect(esmTypeScriptHint(refusal, dir)).to.contain("the program has ts-node 7.0.1");
      // ts-node 10 with an SDK that does not yet register its ESM loader: the nodeargs way.
      install("ts-node", "10.9.2");
      install("@pulumi/pulumi", "3.182.0");
      expect(esmTypeScriptHint(refusal, dir)).to.contain(
        'upgrade @pulumi/pulumi, or add to Pulumi.yaml runtime.options.nodeargs: "--loader ts-node/esm"',
      );
      install("@pulumi/pulumi", "3.183.0");
      expect(esmTypeScriptHint(refusal, dir)).to.equal("");
      // A CommonJS program, or another failure, gets no such hint.
      install("ts-node", "7.0.1");
      expect(esmTypeScriptHint("TypeError: something else", dir)).to.equal("");
      pkg(undefined);
      expect(esmTypeScriptHint(refusal, dir)).to.equal("");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an ES module whose ts-node 10 sits below a hoisted SDK that cannot resolve it: named, with the fixes", () => {
    // A workspace: the SDK hoisted to the root's node_modules, ts-node 10 only in the program's.
    const refusal = 'TypeError: Unknown file extension ".ts" for /w/app/index.ts';
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "esm-hoisted-"));
    const app = path.join(root, "app");
    const install = (at: string, name: string, version: string) => {
      const dir = path.join(at, "node_modules", name);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version }));
    };
    try {
      fs.mkdirSync(app);
      fs.writeFileSync(
        path.join(app, "package.json"),
        JSON.stringify({ name: "app", type: "module" }),
      );
      install(root, "@pulumi/pulumi", "3.248.0");
      install(app, "ts-node", "10.9.2");
      const hint = esmTypeScriptHint(refusal, app);
      expect(hint).to.contain("ts-node 10.9.2 is installed for the program");
      expect(hint).to.contain(
        `(${path.join(fs.realpathSync(root), "node_modules", "@pulumi", "pulumi")})`,
      );
      expect(hint).to.contain("finds none");
      expect(hint).to.contain('runtime.options.nodeargs: "--loader ts-node/esm"');
      // An older ts-node at the root is what the host finds.
      install(root, "ts-node", "7.0.1");
      expect(esmTypeScriptHint(refusal, app)).to.contain("finds ts-node 7.0.1");
      // ts-node 10 where the SDK is: the host runs the module; no hint.
      install(root, "ts-node", "10.9.2");
      expect(esmTypeScriptHint(refusal, app)).to.equal("");
      // An SDK before 3.183 registers no loader wherever ts-node is: the upgrade is the fix, also
      // when the host could not resolve the program's ts-node either.
      install(root, "@pulumi/pulumi", "3.150.0");
      fs.rmSync(path.join(root, "node_modules", "ts-node"), { recursive: true });
      const old = esmTypeScriptHint(refusal, app);
      expect(old).to.contain(
        "@pulumi/pulumi 3.150.0 registers ts-node's ESM loader only from 3.183.0",
      );
      expect(old).to.not.contain("looks for ts-node/esm from its own folder");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("a tsconfig option the SDK's own TypeScript 3.8 refuses names that TypeScript and the upgrade (pulumi/pulumi#15622)", () => {
    // TypeScript 3.8's refusal of a tsconfig written for TypeScript 5, as @pulumi/pulumi 3.80
    // (dependencies: typescript ~3.8.3) compiles it whatever the program installed.
    const refusal =
      "TypeScript could not compile the program: error TS6046: Argument for '--target' option " +
      "must be: 'es3', 'es5', 'es6', 'es2015', 'es2016', 'es2017', 'es2018', 'es2019', 'es2020', 'esnext'.";
    // One folder per layout: Node caches where a package resolved from a folder.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "sdk-ts-"));
    const sdk = path.join("node_modules", "@pulumi", "pulumi");
    const layout = (name: string, packages: Record<string, string>, folders: string[] = []) => {
      const dir = path.join(root, name);
      for (const [at, version] of Object.entries(packages)) {
        fs.mkdirSync(path.join(dir, at), { recursive: true });
        fs.writeFileSync(path.join(dir, at, "package.json"), JSON.stringify({ version }));
      }
      for (const at of folders) fs.mkdirSync(path.join(dir, at), { recursive: true });
      return dir;
    };
    try {
      const nested = sdkTypeScriptHint(
        refusal,
        layout("nested", {
          [sdk]: "3.80.0",
          [path.join(sdk, "node_modules", "typescript")]: "3.8.3",
          [path.join("node_modules", "typescript")]: "5.9.3",
        }),
      );
      expect(nested).to.contain(
        "The TypeScript that compiles the program is 3.8.3, @pulumi/pulumi 3.80.0's own dependency, not the program's 5.9.3",
      );
      expect(nested).to.contain("Upgrade @pulumi/pulumi to 3.113.0 or later");
      // A newer SDK takes the program's TypeScript: the refusal is the program's own TypeScript's.
      const peer = layout("peer", {
        [sdk]: "3.120.0",
        [path.join("node_modules", "typescript")]: "5.9.3",
      });
      expect(sdkTypeScriptHint(refusal, peer)).to.equal(
        "\nThe TypeScript that compiles the program is its own, 5.9.3, and it does not know the " +
          "value tsconfig.json gives --target. Use one of the values it lists in tsconfig.json, " +
          "or a TypeScript version that knows it",
      );
      // ... and without one installed, falls back to the TypeScript 3.8.3 it vendors.
      const vendoring = layout("vendored", { [sdk]: "3.120.0" }, [
        path.join(sdk, "vendor", "typescript@3.8.3"),
      ]);
      const vendored = sdkTypeScriptHint(refusal, vendoring);
      expect(vendored).to.contain("is 3.8.3, the copy the SDK vendors, not the program's");
      expect(vendored).to.contain("Run `npm install --save-dev typescript@^5` in the program");
      expect(sdkTypeScriptHint("error TS2304: Cannot find name 'x'.", vendoring)).to.equal("");
      // Listed as a dev dependency but left out of the install: the install is the fix.
      const omitted = layout("omitted", { [sdk]: "3.248.0" }, [
        path.join(sdk, "vendor", "typescript@3.8.3"),
      ]);
      fs.writeFileSync(
        path.join(omitted, "package.json"),
        JSON.stringify({ devDependencies: { typescript: "~5.9.3" } }),
      );
      expect(sdkTypeScriptHint(refusal, omitted)).to.contain(
        "package.json lists typescript ~5.9.3 but it is not installed (an install without dev dependencies?): run `npm install` in the program",
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("hints on a tsconfig option the program's own TypeScript refuses", () => {
  it("names the program's TypeScript and its package.json range, and the upgrade that reads it", () => {
    // TypeScript 3.9 (a devDependency ^3.0.0) reading `module: nodenext`, added in TypeScript 4.7.
    const refusal =
      "TypeScript could not compile the program: error TS6046: Argument for '--module' option " +
      "must be: 'none', 'commonjs', 'amd', 'system', 'umd', 'es6', 'es2015', 'es2020', 'esnext'.\n" +
      "error TS6046: Argument for '--moduleResolution' option must be: 'node', 'classic'.";
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "own-ts-"));
    const install = (name: string, version: string) => {
      const at = path.join(dir, "node_modules", name);
      fs.mkdirSync(at, { recursive: true });
      fs.writeFileSync(path.join(at, "package.json"), JSON.stringify({ name, version }));
    };
    try {
      fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ devDependencies: { typescript: "^3.0.0" } }),
      );
      install("@pulumi/pulumi", "3.276.0");
      install("typescript", "3.9.10");
      expect(sdkTypeScriptHint(refusal, dir)).to.equal(
        "\nThe TypeScript that compiles the program is its own, 3.9.10 (package.json lists " +
          "typescript ^3.0.0), and it does not know the value tsconfig.json gives --module, " +
          "--moduleResolution. Upgrade it: run `npm install --save-dev typescript@^5` in the " +
          "program, or keep to the options TypeScript 3.9.10 knows in tsconfig.json",
      );
      // An option its TypeScript does not know at all (TS5023): the option, not a value.
      const unknown = "error TS5023: Unknown compiler option 'erasableSyntaxOnly'.";
      expect(sdkTypeScriptHint(unknown, dir)).to.equal(
        "\nThe TypeScript that compiles the program is its own, 3.9.10 (package.json lists " +
          "typescript ^3.0.0), and it does not know the option --erasableSyntaxOnly that " +
          "tsconfig.json sets. Upgrade it: run `npm install --save-dev typescript@^5` in the " +
          "program, or keep to the options TypeScript 3.9.10 knows in tsconfig.json",
      );
      // A TypeScript 5 that lacks the option (added in 5.8): remove it or upgrade; no values listed.
      install("typescript", "5.4.5");
      expect(sdkTypeScriptHint(unknown, dir)).to.equal(
        "\nThe TypeScript that compiles the program is its own, 5.4.5 (package.json lists " +
          "typescript ^3.0.0), and it does not know the option --erasableSyntaxOnly that " +
          "tsconfig.json sets. Remove it from tsconfig.json, or use a TypeScript version that has it",
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
