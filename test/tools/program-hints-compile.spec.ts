// How a program is compiled and what it reads at run time, where the offline check's compile or
// the user's build differs from what `pulumi preview` needs: a type-only re-export that only a
// type-checking compile leaves out (the check then compiles as the language host does), a file
// archive a build makes, a tsconfig TypeScript 6 refuses, a JavaScript file Node.js runs as an ES
// module, an SDK whose native module this Node cannot load. Read from the fixtures' layout or a
// made-up one, without running them.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  buildScriptFor,
  missingAssetHint,
  missingAssetPath,
  runScriptCommand,
} from "../../tools/lib/engine/hints-build";
import { typeScript6Hint } from "../../tools/lib/engine/hints-typescript";
import { mixedModuleSyntaxHint } from "../../tools/lib/engine/hints-module-syntax";
import { nativeGrpcHint } from "../../tools/lib/engine/node-engines";
import {
  transpileOnlyFailure,
  typeCheckedNote,
  typesOnlyHint,
  typesOnlyModule,
  typesPackage,
} from "../../tools/lib/engine/type-only-imports";
import { missingMemberCall } from "../../tools/lib/engine/runtime-type-errors";
import { FIXTURES, ROOT } from "./program-runs";
import { writeFile } from "./files";

/** Node's CommonJS error for a module it cannot find, as the language host logs it. */
function notFound(specifier: string, importer: string): string {
  return (
    `Cannot find module '${specifier}'\nRequire stack:\n- ${importer}\n` +
    `- ${path.join(path.dirname(importer), "index.ts")}`
  );
}

describe("type-only imports and the compile `pulumi preview` does", () => {
  const dir = path.join(FIXTURES, "type-only-reexport");
  const handler = path.join(dir, "handler.ts");

  it("a package with only @types is types-only; the DefinitelyTyped name of a scoped one", () => {
    const m = typesOnlyModule({ kind: "error", message: notFound("aws-lambda", handler) });
    expect(m).to.deep.equal({
      specifier: "aws-lambda",
      importer: handler,
      declarations: "@types/aws-lambda",
    });
    expect(typesPackage("@octokit/webhooks")).to.equal("@types/octokit__webhooks");
  });

  it("an installed package, a missing one without types, a JavaScript importer: not types-only", () => {
    for (const [specifier, importer] of [
      ["@pulumi/aws", handler],
      ["left-pad-nowhere", handler],
      ["aws-lambda", path.join(dir, "handler.js")],
    ])
      expect(typesOnlyModule({ kind: "error", message: notFound(specifier, importer) })).to.equal(
        undefined,
      );
    expect(typesOnlyModule({ kind: "timeout", message: notFound("aws-lambda", handler) })).to.equal(
      undefined,
    );
  });

  it("the note and the hint name the file, the module and the fix", () => {
    const m = typesOnlyModule({ kind: "error", message: notFound("aws-lambda", handler) })!;
    const note = typeCheckedNote(m, dir);
    expect(note).to.match(/^handler\.ts imports "aws-lambda", which has only type declarations/);
    expect(note).to.contain("(@types/aws-lambda)");
    expect(note).to.contain('`export type { ... } from "aws-lambda"`');
    expect(typesOnlyHint(notFound("aws-lambda", handler))).to.contain("--type-check");
    expect(typesOnlyHint(notFound("@pulumi/aws", handler))).to.equal("");
  });
});

describe("a call of what the installed packages lack, which a type-checking compile refuses", () => {
  const dir = path.join(FIXTURES, "fail-missing-member");
  const storage = path.join(dir, "components", "storage.ts");
  const line =
    fs
      .readFileSync(storage, "utf8")
      .split("\n")
      .findIndex((l) => l.includes("EncryptionConfiguration(")) + 1;
  const message = "TypeError: aws.s3.BucketServerSideEncryptionConfiguration is not a constructor";
  const failure = { kind: "error" as const, message, location: { file: storage, line, column: 1 } };

  it("a TypeScript file of the program calling a package member that is not there: compiled again", () => {
    expect(missingMemberCall(failure)).to.deep.equal({
      expression: "aws.s3.BucketServerSideEncryptionConfiguration",
      kind: "constructor",
    });
    const note = transpileOnlyFailure(failure, dir);
    expect(note).to.contain(
      `components/storage.ts:${line} calls \`aws.s3.BucketServerSideEncryptionConfiguration\``,
    );
    expect(note).to.contain("`pulumi preview` type-checks the program by default");
  });

  it("a TypeScript read of a module its package does not have (removed in a later major): compiled again", () => {
    const removed = path.join(FIXTURES, "fail-removed-module");
    const file = path.join(removed, "index.ts");
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const line = lines.findIndex((l) => l.includes("new aws.opsworks.Stack(")) + 1;
    const column = lines[line - 1].indexOf("Stack(") + 1;
    const read = "TypeError: Cannot read properties of undefined (reading 'Stack')";
    const at = { kind: "error" as const, message: read, location: { file, line, column } };
    expect(missingMemberCall(at)).to.deep.equal({ expression: "aws.opsworks", kind: "member" });
    const note = transpileOnlyFailure(at, removed);
    expect(note).to.contain(
      `index.ts:${line} reads \`aws.opsworks\`, which the installed packages do not have`,
    );
    expect(note).to.contain("`pulumi preview` type-checks the program by default");
    // The same words about a value of the program's own (not a package member), or a column
    // that is not at the member read: not compiled again.
    const own = lines.findIndex((l) => l.includes("settings.network!.vpcId")) + 1;
    const ownColumn = lines[own - 1].indexOf("vpcId") + 1;
    const vpc = {
      ...at,
      message: "TypeError: Cannot read properties of undefined (reading 'vpcId')",
      location: { file, line: own, column: ownColumn },
    };
    expect(transpileOnlyFailure(vpc, removed)).to.equal(undefined);
    expect(transpileOnlyFailure({ ...at, location: { file, line, column: 1 } }, removed)).to.equal(
      undefined,
    );
  });

  it("a TypeScript read of an undefined member of a module the package has: not compiled again", () => {
    // `aws.config.region` is declared (`@pulumi/aws/config/vars.d.ts`) and undefined with no
    // region set: a type-checking compile accepts the line, so it explains nothing.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "undefined-member-"));
    try {
      const file = path.join(tmp, "index.ts");
      const lines = [
        'import * as aws from "@pulumi/aws";',
        "export const r = aws.config.region!.toUpperCase();",
        'export const s = new aws.opsworks.Stack("s", {} as any);',
      ];
      fs.writeFileSync(file, lines.join("\n") + "\n");
      const read = (member: string) =>
        `TypeError: Cannot read properties of undefined (reading '${member}')`;
      const at = (line: number, member: string) => ({
        kind: "error" as const,
        message: read(member),
        location: { file, line, column: lines[line - 1].indexOf(member) + 1 },
      });
      // The packages are lent (nothing installed above the temporary folder): found there.
      expect(transpileOnlyFailure(at(2, "toUpperCase"), tmp, ROOT)).to.equal(undefined);
      expect(missingMemberCall(at(2, "toUpperCase"), tmp, ROOT)).to.equal(undefined);
      // A module the package lacks, on the lent packages: compiled again.
      expect(missingMemberCall(at(3, "Stack"), tmp, ROOT)).to.deep.equal({
        expression: "aws.opsworks",
        kind: "member",
      });
      // A package that cannot be found: nothing is claimed of it.
      expect(missingMemberCall(at(3, "Stack"), tmp)).to.equal(undefined);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("not for a package's own file, a JavaScript file, a bare name or another error", () => {
    const at = (file: string) => ({ ...failure, location: { file, line: 1, column: 1 } });
    expect(transpileOnlyFailure(at(path.join(dir, "node_modules", "x", "index.ts")), dir)).to.equal(
      undefined,
    );
    expect(transpileOnlyFailure(at(path.join(dir, "index.js")), dir)).to.equal(undefined);
    const bare = { ...failure, message: "TypeError: handler is not a function" };
    expect(transpileOnlyFailure(bare, dir)).to.equal(undefined);
    const other = { ...failure, message: "Error: bucketName is required" };
    expect(transpileOnlyFailure(other, dir)).to.equal(undefined);
    expect(transpileOnlyFailure({ ...failure, location: undefined }, dir)).to.equal(undefined);
  });
});

describe("file assets and archives that a build makes", () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "missing-asset-"));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const write = (file: string, body: unknown) => writeFile(root, file, JSON.stringify(body));
  const engineSays = (p: string) =>
    `failed to register new resource fn [aws:lambda/function:Function]: 2 UNKNOWN: failed to ` +
    `compute archive hash for "code": couldn't read archive path '${p}': stat ${p}: no such file ` +
    "or directory";

  it("the path from the engine's wording, for an archive and for a file asset", () => {
    expect(missingAssetPath(engineSays("../build/lambda"))).to.equal("../build/lambda");
    expect(
      missingAssetPath(
        'failed to compute asset hash for "source": open site/index.html: no such file or directory',
      ),
    ).to.equal("site/index.html");
    expect(missingAssetPath("Cannot find module 'x'")).to.equal(undefined);
  });

  it("the build script whose name or command names the missing folder, else `build`", () => {
    write("infra/package.json", {
      scripts: {
        build: "tsc",
        "build:lambda": "node scripts/build-lambda.mjs",
        // Names a folder of this machine above the program, never the program's own.
        [`build:${path.basename(os.tmpdir())}`]: "echo",
        test: "x",
      },
    });
    const pwd = path.join(root, "infra");
    expect(buildScriptFor(path.join(pwd, "lambda", "dist"), pwd)).to.deep.equal({
      dir: pwd,
      name: "build:lambda",
    });
    expect(buildScriptFor(path.join(pwd, "site", "out"), pwd)?.name).to.equal("build");
    // A sibling package's folder, built from the program's own script.
    write("infra/package.json", { scripts: { build: "cd ../bot && npm run build" } });
    expect(buildScriptFor(path.join(root, "bot", "bin", "code"), pwd)?.name).to.equal("build");
  });

  it("a monorepo root's build script, with the package manager its lock file names", () => {
    write("package.json", { workspaces: ["packages/*"], scripts: { build: "turbo build" } });
    write("packages/infra/package.json", { scripts: { preview: "pulumi preview" } });
    fs.writeFileSync(path.join(root, "pnpm-lock.yaml"), "");
    const pwd = path.join(root, "packages", "infra");
    const hint = missingAssetHint(engineSays("../../build/lambda"), pwd);
    expect(hint).to.contain(`../../build/lambda (relative to the program's folder, ${pwd}: `);
    expect(hint).to.contain(`run \`pnpm run build\` in ${root} first`);
    expect(runScriptCommand(pwd, "build")).to.equal("pnpm run build");
  });

  it("no script: the fix is to build it; an existing path or another error: no hint", () => {
    write("infra/package.json", {});
    const pwd = path.join(root, "infra");
    expect(missingAssetHint(engineSays("./app"), pwd)).to.contain("Build or create it first");
    fs.mkdirSync(path.join(pwd, "app"));
    expect(missingAssetHint(engineSays("./app"), pwd)).to.equal("");
    expect(missingAssetHint("Cannot find module 'x'", pwd)).to.equal("");
  });
});

describe("a tsconfig TypeScript 6 refuses", () => {
  let pwd: string;
  /** A program whose node_modules holds @pulumi/pulumi and the given TypeScript (manifests only). */
  const programWith = (typescript: string) => {
    if (pwd) fs.rmSync(pwd, { recursive: true, force: true });
    pwd = fs.mkdtempSync(path.join(os.tmpdir(), "ts6-"));
    for (const [name, version] of [
      ["@pulumi/pulumi", "3.248.0"],
      ["typescript", typescript],
    ]) {
      const dir = path.join(pwd, "node_modules", name);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version }));
    }
    fs.writeFileSync(path.join(pwd, "tsconfig.json"), '{ "compilerOptions": { "outDir": "bin" } }');
    return pwd;
  };
  afterEach(() => fs.rmSync(pwd, { recursive: true, force: true }));

  // As ts-node words them through the check (mjwbenton/when-last; the `pulumi new` tsconfig).
  const TS5011 =
    "TypeScript could not compile the program: error TS5011: The common source directory of " +
    "'tsconfig.json' is './src'. The 'rootDir' setting must be explicitly set to this or another " +
    "path to adjust your output's file layout.\n  Visit https://aka.ms/ts6 for migration information.";
  const TS5107 =
    "TypeScript could not compile the program: tsconfig.json(7,29): error TS5107: Option " +
    "'moduleResolution=node10' is deprecated and will stop functioning in TypeScript 7.0.";

  it("rootDir for TS5011, ignoreDeprecations or the newer option for a deprecation; TypeScript 5 either way", () => {
    programWith("6.0.3");
    const rootDir = typeScript6Hint(TS5011, pwd, undefined);
    expect(rootDir).to.contain("The program compiles with TypeScript 6.0.3");
    expect(rootDir).to.contain(`set "rootDir" in tsconfig.json's compilerOptions`);
    expect(rootDir).to.contain("`npm install --save-dev typescript@^5`");
    const deprecated = typeScript6Hint(TS5107, pwd, undefined);
    expect(deprecated).to.contain(`add "ignoreDeprecations": "6.0" to tsconfig.json's`);
  });

  it("TS5011 is a file-by-file compile's (the check compiles again); a deprecation is not", () => {
    programWith("6.0.3");
    const note = transpileOnlyFailure({ kind: "error", message: TS5011 }, pwd);
    expect(note).to.contain("TypeScript 6 refused a file compiled on its own (TS5011");
    expect(note).to.contain('set "rootDir" in the tsconfig');
    expect(transpileOnlyFailure({ kind: "error", message: TS5107 }, pwd)).to.equal(undefined);
    expect(transpileOnlyFailure({ kind: "timeout", message: TS5011 }, pwd)).to.equal(undefined);
  });

  it("nothing for TypeScript 5, or for another compiler error", () => {
    programWith("5.9.3");
    expect(typeScript6Hint(TS5107, pwd, undefined)).to.equal("");
    programWith("6.0.3");
    expect(
      typeScript6Hint("error TS2322: Type 'string' is not assignable", pwd, undefined),
    ).to.equal("");
  });
});

describe("CommonJS and ES module syntax in one JavaScript file", () => {
  const dir = path.join(FIXTURES, "fail-mixed-module-syntax");
  const file = path.join(dir, "index.js");
  const error = (name: string) =>
    `ReferenceError: ${name} is not defined in ES module scope, you can use import instead`;

  it("names the line that made the file an ES module and the two fixes", () => {
    const hint = mixedModuleSyntaxHint(error("require"), { file }, dir);
    expect(hint).to.contain("index.js uses CommonJS (`require`) and ES module syntax (line 10: ");
    expect(hint).to.contain("`export const bucketArn = bucket.arn;`");
    expect(hint).to.contain("`exports.<name> = ...` in place of `export const`");
    expect(mixedModuleSyntaxHint(error("exports"), { file }, dir)).to.contain("(`exports`)");
  });

  it("nothing for another error, a TypeScript file, or an ES module package", () => {
    expect(mixedModuleSyntaxHint("ReferenceError: x is not defined", { file }, dir)).to.equal("");
    expect(
      mixedModuleSyntaxHint(error("require"), { file: path.join(dir, "index.ts") }, dir),
    ).to.equal("");
    const esm = path.join(FIXTURES, "esm-nodenext");
    expect(
      mixedModuleSyntaxHint(error("require"), { file: path.join(esm, "index.js") }, esm),
    ).to.equal("");
  });
});

describe("an SDK whose native grpc module was not built for this Node", () => {
  it("names the SDK's version, the Node that runs it and the upgrade", () => {
    const pwd = fs.mkdtempSync(path.join(os.tmpdir(), "grpc-"));
    try {
      const sdk = path.join(pwd, "node_modules", "@pulumi", "pulumi");
      fs.mkdirSync(sdk, { recursive: true });
      fs.writeFileSync(
        path.join(sdk, "package.json"),
        '{ "name": "@pulumi/pulumi", "version": "1.14.1" }',
      );
      // As danielh016/react-pulumi-s3-cloudfront-circleci (@pulumi/pulumi ^1.0.0) fails on Node 20.
      const hint = nativeGrpcHint(
        'The gRPC binary module was not installed. This may be fixed by running "npm rebuild"',
        pwd,
      );
      expect(hint).to.contain("The program's @pulumi/pulumi 1.14.1 loads the native grpc module");
      expect(hint).to.contain(`Node.js ${process.versions.node}`);
      expect(hint).to.contain("@grpc/grpc-js");
      expect(nativeGrpcHint("Cannot find module 'x'", pwd)).to.equal("");
    } finally {
      fs.rmSync(pwd, { recursive: true, force: true });
    }
  });

  it("names the provider that brings its own old SDK next to a current one", () => {
    const pwd = fs.mkdtempSync(path.join(os.tmpdir(), "grpc-"));
    try {
      const write = (dir: string, pkg: object) => {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg));
      };
      const awsx = path.join(pwd, "node_modules", "@pulumi", "awsx");
      write(path.join(pwd, "node_modules", "@pulumi", "pulumi"), { version: "3.276.0" });
      write(awsx, { name: "@pulumi/awsx", version: "v0.18.14" });
      write(path.join(awsx, "node_modules", "@pulumi", "pulumi"), { version: "1.14.1" });
      // As Jmen/hello-pulumi (awsx ^0.18.7, cloud ^0.18, @pulumi/pulumi "latest") fails on Node 20.
      const message =
        'The gRPC binary module was not installed. This may be fixed by running "npm rebuild"';
      const text =
        `${message}\nOriginal error: Cannot find module '${awsx}/node_modules/grpc/src/node/` +
        "extension_binary/node-v115-linux-x64-glibc/grpc_node.node'";
      const hint = nativeGrpcHint(message, pwd, text);
      expect(hint).to.contain(
        "The program's @pulumi/awsx 0.18.14 brings its own @pulumi/pulumi 1.14.1 (in its node_modules)",
      );
      expect(hint).to.contain(
        "Upgrade @pulumi/awsx to a release made for the program's @pulumi/pulumi 3.276.0",
      );
      // The SDK's own nested grpc is the SDK's, named as before.
      const own = `${message}\n'${pwd}/node_modules/@pulumi/pulumi/node_modules/grpc/src/x.node'`;
      expect(nativeGrpcHint(message, pwd, own)).to.contain(
        "The program's @pulumi/pulumi 3.276.0 loads",
      );
    } finally {
      fs.rmSync(pwd, { recursive: true, force: true });
    }
  });
});
