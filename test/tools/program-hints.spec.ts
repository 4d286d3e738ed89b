// What the offline check adds to a failed program's own error: the hints that name the cause and
// the fix (a package nobody installed or listed, a CommonJS entry point under "type": "module", a
// dependency written for a newer Node). Read from a program's layout, without running it; the runs
// that raise these errors are in programs-failures.spec.ts. The hints on how the language host
// compiles TypeScript are in program-hints-typescript-host.spec.ts.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  commonJsEntryHint,
  tsconfigPathHint,
  requireEsmHint,
  uninstalledPackageHint,
} from "../../tools/lib/engine/hints";
import {
  awsSdkHint,
  defaultImportHint,
  dockerDaemonMissing,
  missingCommandHint,
  missingRegionHint,
} from "../../tools/lib/engine/hints-runtime";
import {
  commonJsNoEntryHint,
  noEntrypointHint,
  programEntryFile,
} from "../../tools/lib/engine/hints-entrypoint";
import { nodeSatisfies } from "../../tools/lib/engine/node-engines";
import {
  STACK_REFERENCE_TYPE,
  stackReferenceHint,
  unreadStackReferences,
  unreadStackReferencesNote,
} from "../../tools/lib/engine/stack-references";
import { UNKNOWN } from "../../tools/lib/engine/wire";
import { writeFiles } from "./files";

describe("hints on a failed program's error", () => {
  it("a default import of a CommonJS module without esModuleInterop: named, with the two fixes", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "default-import-"));
    try {
      const file = path.join(dir, "server.ts");
      fs.writeFileSync(
        file,
        'import express, { Router } from "express";\nrouter.use(express.json());\n',
      );
      const at = { file, line: 2 };
      const read = "TypeError: Cannot read properties of undefined (reading 'json')";
      const hint = defaultImportHint(read, at, undefined);
      expect(hint).to.contain('`express` is a default import of "express"');
      expect(hint).to.contain('"esModuleInterop": true');
      expect(hint).to.contain('import * as express from "express"');
      const call = "TypeError: (0 , express_1.default) is not a function";
      expect(defaultImportHint(call, { file, line: 1 }, undefined)).to.contain("`express`");
      const interop = '{ "compilerOptions": { "esModuleInterop": true } }';
      expect(defaultImportHint(read, at, interop)).to.equal("");
      fs.writeFileSync(file, 'import * as express from "express";\nrouter.use(express.json());\n');
      expect(defaultImportHint(read, at, undefined)).to.equal("");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("AWS called through an AWS SDK without credentials: where the program imports it, and what to do", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-sdk-"));
    try {
      fs.writeFileSync(
        path.join(dir, "index.ts"),
        'import * as aws from "@pulumi/aws";\nimport {SSM} from "aws-sdk";\n',
      );
      fs.mkdirSync(path.join(dir, "node_modules"));
      fs.writeFileSync(path.join(dir, "node_modules", "x.js"), 'require("@aws-sdk/client-s3");\n');
      const v2 =
        "CredentialsError: Missing credentials in config, if using AWS_CONFIG_FILE, set AWS_SDK_LOAD_CONFIG=1";
      const hint = awsSdkHint(v2, dir);
      expect(hint).to.contain(`imported at ${path.join(dir, "index.ts")}:2)`);
      expect(hint).to.not.contain("node_modules");
      expect(hint).to.contain("--invoke-answers answers only Pulumi data sources");
      expect(
        awsSdkHint("CredentialsProviderError: Could not load credentials from any providers", dir),
      ).to.contain("AWS SDK");
      expect(awsSdkHint("TypeError: x is undefined", dir)).to.equal("");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a command the shell cannot find (the Pulumi CLI, git): named, with what to do; others not", () => {
    const cli = missingCommandHint("Command failed: pulumi whoami\n/bin/sh: 1: pulumi: not found");
    expect(cli).to.contain("runs `pulumi whoami`");
    expect(cli).to.contain("the Pulumi CLI, which an offline check runs without");
    expect(cli).to.contain("--config <key>=<value>");
    const git = missingCommandHint(
      "Command failed: git rev-parse HEAD\nsh: git: command not found",
    );
    expect(git).to.contain("`git`, which is not installed on this machine");
    // With `stdio: "inherit"` the shell's complaint is in the program's output, not the error.
    const inherited = missingCommandHint("Command failed: pnpm install", [
      "Installing dependencies...",
      "/bin/sh: 1: pnpm: not found",
    ]);
    expect(inherited).to.contain("runs `pnpm install`");
    expect(inherited).to.contain("`pnpm`, which is not installed on this machine");
    expect(
      missingCommandHint("Command failed: pnpm install", ["/bin/sh: 1: esbuild: not found"]),
    ).to.equal("");
    expect(missingCommandHint("Error: spawnSync openssl ENOENT")).to.equal("");
    // Started without a shell (execFileSync) by a package for the program: named with the package.
    const op = missingCommandHint(
      "p [ExecutionError]: spawnSync op ENOENT\n" +
        "    at Object.spawnSync (node:internal/child_process:1120:20)\n" +
        "    at execFileSync (node:child_process:923:15)\n" +
        "    at t.execute (/p/node_modules/@1password/op-js/dist/index.js:1:2829)\n" +
        "    at Object.<anonymous> (/p/index.ts:8:36)",
    );
    expect(op).to.contain("runs `op` (through @1password/op-js) and Node.js cannot start `op`");
    expect(op).to.contain("which is not installed on this machine");
    expect(
      missingCommandHint("Command failed: make build\nmake: *** No rule to make target"),
    ).to.equal("");
  });

  it("a run that finished with unread stack references: a note naming them and the answer", () => {
    const ref = (name: string, outputs: unknown) => ({
      type: STACK_REFERENCE_TYPE,
      outputs: { name, outputs },
    });
    const names = unreadStackReferences([
      ref("krnbr/global-infra/default", UNKNOWN),
      ref("acme/network/dev", { vpcId: "vpc-1" }),
      { type: "aws:s3/bucket:Bucket", outputs: { outputs: UNKNOWN } },
    ]);
    expect(names).to.deep.equal(["krnbr/global-infra/default"]);
    // The preview and apply phases read the same reference: named once.
    const note = unreadStackReferencesNote([...names, ...names]);
    expect(note).to.contain("reads stack krnbr/global-infra/default through a StackReference");
    expect(note).to.contain("resources the program creates only once it has one");
    expect(note).to.contain('"args": { "name": "krnbr/global-infra/default" }');
    expect(unreadStackReferencesNote([])).to.equal("");
  });

  it("a stack reference whose stack name is itself unknown (a chain): named by its reference, never by the sentinel", () => {
    // new StackReference("data", { name: network.requireOutput("dataStackName") })
    const refs = [
      {
        type: STACK_REFERENCE_TYPE,
        name: "acme/network/dev",
        outputs: { name: "acme/network/dev", outputs: UNKNOWN },
      },
      { type: STACK_REFERENCE_TYPE, name: "data", outputs: { name: UNKNOWN, outputs: UNKNOWN } },
    ];
    const names = unreadStackReferences(refs);
    expect(names[0]).to.equal("acme/network/dev");
    expect(names[1]).to.contain('StackReference "data" takes it from a value unknown offline');
    const note = unreadStackReferencesNote(names);
    expect(note).not.to.contain(UNKNOWN);
    expect(note).to.contain('"args": { "name": "acme/network/dev" }');
    expect(stackReferenceHint(refs)).not.to.contain(UNKNOWN);
    // Only the chained one unread: the example names no stack the program never gave.
    const only = unreadStackReferencesNote(unreadStackReferences(refs.slice(1)));
    expect(only).to.contain('"args": { "name": "<org>/<project>/<stack>" }');
    expect(only).not.to.contain(UNKNOWN);
  });

  it("an ES module folder with no index file: the missing main and the build named", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "no-entrypoint-"));
    try {
      const pkg = { name: "p", type: "module", main: "build/main.js", scripts: { build: "tsc" } };
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg));
      fs.writeFileSync(path.join(dir, "main.ts"), "export {};\n");
      const message = `No entrypoint found in ${dir}`;
      const unbuilt = noEntrypointHint(message, dir);
      expect(unbuilt).to.contain('"main" is "build/main.js", which does not exist');
      expect(unbuilt).to.contain('the folder ".", which has no index.js, index.mjs');
      expect(unbuilt).to.contain("(`npm run build`)");
      // A main that exists is not the cause: the folder's missing index file is.
      fs.mkdirSync(path.join(dir, "build"));
      fs.writeFileSync(path.join(dir, "build", "main.js"), "export {};\n");
      const noIndex = noEntrypointHint(message, dir);
      expect(noIndex).to.contain('The folder "." has no index.js');
      expect(noIndex).not.to.contain("does not exist");
      expect(noEntrypointHint("Cannot find module 'x'", dir)).to.equal("");
      // The host reads `exports` before `main`: a missing main it never read is not the cause,
      // a missing export is.
      const exported = { ...pkg, main: "gone.js", exports: { ".": { import: "build/main.js" } } };
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(exported));
      expect(noEntrypointHint(message, dir)).not.to.contain("gone.js");
      fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ ...pkg, exports: "./dist/index.js" }),
      );
      expect(noEntrypointHint(message, dir)).to.contain(
        '"exports" is "./dist/index.js", which does not exist',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a CommonJS program in a folder below its package: main is named from the package's folder", () => {
    // Pulumi.yaml says `main: app/` and package.json is at the root: the host resolves package.json's
    // "main" from the package's folder (cmd/run/run.js, resolveEntrypoint), so "src/index.ts" would
    // name a file that is not there.
    const dir = writeFiles(fs.mkdtempSync(path.join(os.tmpdir(), "entry-below-")), {
      "Pulumi.yaml": "name: entry\nruntime: nodejs\nmain: app/\n",
      "package.json": '{ "name": "entry" }',
      "app/src/index.ts": "export {};\n",
    });
    try {
      const app = path.join(dir, "app");
      const message = `We failed to locate the entry point for your program: ${app}/`;
      const hint = commonJsNoEntryHint(message, app);
      expect(hint).to.contain('set "main": "app/src/index.ts" in ../package.json');
      expect(hint).to.contain("(or `main: app/src/index.ts` in Pulumi.yaml)");
      // Once set so, the entry file is found where the host finds it.
      fs.writeFileSync(
        path.join(dir, "package.json"),
        '{ "name": "entry", "main": "app/src/index.ts" }',
      );
      expect(commonJsNoEntryHint(message, app)).to.equal("");
      expect(programEntryFile(app, "app/")).to.equal(path.join(app, "src", "index.ts"));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an image build with no Docker daemon: the CLI's own sentence, not the builder's notices", () => {
    const output = [
      "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.",
      "            Install the buildx component to build images with BuildKit:",
      'time="2026-12-06T02:19:47Z" level=error msg="Can\'t close tar writer: io: read/write on closed pipe"',
      "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running? (and 7 more error(s))",
    ].join("\n");
    expect(dockerDaemonMissing(output)).to.equal(
      'no Docker daemon answers on this machine ("Cannot connect to the Docker daemon at ' +
        'unix:///var/run/docker.sock. Is the docker daemon running?")',
    );
    expect(dockerDaemonMissing("spawn docker ENOENT")).to.equal(undefined);
  });

  it("no AWS region for aws.config.requireRegion(): the stack file, the key and --config named", () => {
    const hint = missingRegionHint("Error: No AWS region has been configured", "dev");
    expect(hint).to.contain("`aws:region` in Pulumi.dev.yaml nor AWS_REGION / AWS_DEFAULT_REGION");
    expect(hint).to.contain("`pulumi config set aws:region <region>`");
    expect(hint).to.contain("--config aws:region=<region>");
    expect(missingRegionHint("Error: No AWS credentials", "dev")).to.equal("");
  });

  it("an ES module the language host requires: both of Node's refusals, never under type: module", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "require-esm-"));
    try {
      fs.writeFileSync(path.join(dir, "package.json"), '{ "name": "p", "main": "index.mjs" }');
      const tla =
        "require() cannot be used on an ESM graph with top-level await. Use import() instead.";
      const old = "Error [ERR_REQUIRE_ESM]: require() of ES Module /p/index.mjs not supported.";
      for (const message of [tla, old]) {
        const hint = requireEsmHint(message, dir);
        expect(hint).to.contain(`${path.basename(dir)}/package.json does not`);
        expect(hint).to.contain('Add "type": "module"');
      }
      expect(requireEsmHint("Cannot find module 'x'", dir)).to.equal("");
      fs.writeFileSync(path.join(dir, "package.json"), '{ "name": "p", "type": "module" }');
      expect(requireEsmHint(tla, dir)).to.equal("");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads the engines.node ranges npm packages declare (node-semver ranges)", () => {
    for (const [range, version, expected] of [
      [">=22.19.0", "v20.20.2", false],
      [">=22.19.0", "v22.19.0", true],
      ["^20.19.0 || >=22.12.0", "v20.20.2", true],
      ["^20.19.0 || >=22.12.0", "v21.7.0", false],
      [">=18 <20", "v20.0.0", false],
      ["~20.1.0", "v20.2.0", false],
      ["20.x", "v20.20.2", true],
      ["*", "v20.20.2", true],
      [">=22.19.0-pre", "v20.20.2", undefined],
      // Partial versions are x-ranges: "<=22" takes every 22.x, ">22" starts at 23.
      [">=18 <=22", "v22.19.0", true],
      ["<=22.1", "v22.1.9", true],
      [">22", "v22.19.0", false],
      [">22", "v23.0.0", true],
      ["<22", "v22.0.0", false],
    ] as const) {
      expect(nodeSatisfies(range, version), `${range} on ${version}`).to.equal(expected);
    }
  });

  it("a package the program imports but never listed: named, with the command that adds it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unlisted-"));
    try {
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ dependencies: {} }));
      fs.mkdirSync(path.join(dir, "src"));
      // From a subfolder (`main: src/`), the package.json above it is the program's.
      const hint = uninstalledPackageHint(
        "Cannot find module '@acme/settings/load'",
        path.join(dir, "src"),
      );
      expect(hint).to.contain(
        `"@acme/settings" is not installed, nor listed in ${path.basename(dir)}/package.json`,
      );
      expect(hint).to.contain("`npm install @acme/settings`");
      // Relative imports and Node's own modules are another story.
      expect(uninstalledPackageHint("Cannot find module './settings'", dir)).to.equal("");
      expect(uninstalledPackageHint("Cannot find module 'node:fs/x'", dir)).to.equal("");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a .cjs entry point of a "type": "module" package: why it has a default export, and the two fixes', () => {
    // The language host's refusal (@pulumi/pulumi cmd/run/run.js) of what `import()` makes of a
    // CommonJS module: `module.exports` as `default`, next to the names Node detects.
    const refusal =
      "expected entrypoint module to have either a default export or named exports but not both";
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cjs-entry-"));
    const pkg = (fields: Record<string, string>) =>
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "p", ...fields }));
    try {
      pkg({ type: "module" });
      const hint = commonJsEntryHint(refusal, dir, dir, "index.cjs");
      expect(hint).to.contain("index.cjs is a CommonJS module, which the language host imports");
      expect(hint).to.contain(`because ${path.basename(dir)}/package.json says "type": "module"`);
      expect(hint).to.contain('drop "type": "module" so that the language host requires it');
      // The entry point may come from package.json when Pulumi.yaml names none.
      pkg({ type: "module", main: "bin/index.cjs" });
      expect(commonJsEntryHint(refusal, dir, dir, undefined)).to.contain(
        path.join("bin", "index.cjs") + " is a CommonJS module",
      );
      // An ES module with both kinds of export is told so by the bare message already.
      expect(commonJsEntryHint(refusal, dir, dir, "index.mjs")).to.equal("");
      pkg({ main: "index.cjs" });
      expect(commonJsEntryHint(refusal, dir, dir, undefined)).to.equal("");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a runtime tsconfig written from the project's root while main moves the working directory: the path that works (pulumi/pulumi#10022)", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "tsconfig-main-"));
    try {
      fs.writeFileSync(path.join(root, "tsconfig.build.json"), "{}");
      fs.mkdirSync(path.join(root, "src"));
      const refusal = "tsconfig path was set to tsconfig.build.json but the file was not found";
      const hint = tsconfigPathHint(refusal, path.join(root, "src"), root);
      expect(hint).to.contain(
        "the program's working directory, src/, the folder of Pulumi.yaml's `main`",
      );
      expect(hint).to.contain("set `tsconfig: ../tsconfig.build.json`");
      // Without a main (the root is the working directory), or a file missing from the root too:
      // the host's own message says it all.
      expect(tsconfigPathHint(refusal, root, root)).to.equal("");
      const absent = "tsconfig path was set to tsconfig.other.json but the file was not found";
      expect(tsconfigPathHint(absent, path.join(root, "src"), root)).to.equal("");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
