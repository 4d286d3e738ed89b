// Hints on programs that fail while they load: a preload that misreads the language host's
// arguments, and an error thrown by a module's top-level code, which no other stack's outputs
// could have caused.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { argvProjectHint, missingCommandHint } from "../../tools/lib/engine/hints-runtime";
import { dependencyEnginesHint } from "../../tools/lib/engine/node-engines";
import { missingMemberHint } from "../../tools/lib/engine/hints-members";
import { boundPackage, missingMemberOf } from "../../tools/lib/engine/runtime-type-errors";
import {
  STACK_REFERENCE_TYPE,
  stackReferenceHint,
  thrownWhileLoading,
} from "../../tools/lib/engine/stack-references";
import { UNKNOWN } from "../../tools/lib/engine/wire";

const FIXTURES = path.resolve(__dirname, "..", "fixtures", "programs");
const PRELOAD = { nodeargs: "--require tsconfig-paths/register" };

describe("hints on a program that fails while it loads", () => {
  it("a preload that takes the host's --project <name> for a tsconfig path: the cause and a fix", () => {
    // tsconfig-paths 4 (minimist over process.argv), as a nodeargs --require, and 3's wording.
    for (const message of [
      "ENOENT: no such file or directory, stat 'paths-shape'",
      "Error: Unable to find paths-shape\n    at resolveConfigPath (/p/node_modules/x.js:1:1)",
    ]) {
      const hint = argvProjectHint(message, "paths-shape", PRELOAD);
      expect(hint).to.contain("passes the program `--project paths-shape`");
      expect(hint).to.contain("pulumi/pulumi#8787");
      expect(hint).to.contain('tp.loadConfig(".")');
    }
    // Another file, or a name that only starts with the project's: not this failure.
    expect(
      argvProjectHint("ENOENT: no such file or directory, stat 'dist'", "paths-shape", PRELOAD),
    ).to.equal("");
    expect(argvProjectHint("ENOENT: stat 'paths-shape-old'", "paths-shape", PRELOAD)).to.equal("");
    // No preload in the runtime's nodeargs: the program looked for that file itself.
    const own = "ENOENT: no such file or directory, stat 'paths-shape'";
    expect(argvProjectHint(own, "paths-shape")).to.equal("");
    expect(argvProjectHint(own, "paths-shape", { nodeargs: "--max-old-space-size=4096" })).to.equal(
      "",
    );
  });

  it("a failure thrown while a module loads is not blamed on the stack references it read", () => {
    const refs = [
      { type: STACK_REFERENCE_TYPE, outputs: { name: "o/core/prod", outputs: UNKNOWN } },
    ];
    // A missing file checked at a module's top level: nothing asynchronous has run yet.
    const loading =
      "Error: SSH public key not found\n    at Object.<anonymous> (/p/index.ts:33:9)\n" +
      "    at Module._compile (node:internal/modules/cjs/loader:1554:14)";
    expect(thrownWhileLoading(loading)).to.equal(true);
    expect(stackReferenceHint(refs, loading)).to.equal("");
    // Thrown in a callback (an apply, after an await): a reference's output may be the cause.
    const later =
      "Error: openbao-aws must export databaseSecurityGroupId\n    at /p/index.ts:24:13\n" +
      "    at /p/node_modules/@pulumi/pulumi/output.js:257:35\n" +
      "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)";
    expect(thrownWhileLoading(later)).to.equal(false);
    expect(stackReferenceHint(refs, later)).to.contain("reads stack o/core/prod");
    expect(stackReferenceHint(refs)).to.contain("reads stack o/core/prod");
  });

  it("a command the program starts itself names no package, wherever it runs", () => {
    const top =
      "Error: spawnSync op ENOENT\n    at Object.spawnSync (node:internal/child_process:1120:20)\n" +
      "    at Object.<anonymous> (/p/index.ts:3:1)\n" +
      "    at Module.m._compile (/p/node_modules/ts-node/src/index.ts:1618:23)";
    expect(missingCommandHint(top)).to.contain("runs `op` and Node.js cannot start");
    const inApply =
      "Error: spawnSync op ENOENT\n    at /p/index.ts:5:30\n" +
      "    at /p/node_modules/@pulumi/pulumi/output.ts:516:31\n    at Generator.next (<anonymous>)";
    expect(missingCommandHint(inApply)).to.contain("runs `op` and Node.js cannot start");
  });

  it("a dependency's engines.node is the cause only when the dependency threw, not the program's own code", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engines-"));
    try {
      const sdk = path.join(dir, "node_modules", "@pulumi", "pulumi");
      fs.mkdirSync(path.join(sdk, "cmd", "run"), { recursive: true });
      const pkg = { name: "@pulumi/pulumi", version: "3.276.0", engines: { node: ">=22" } };
      fs.writeFileSync(path.join(sdk, "package.json"), JSON.stringify(pkg));
      const loader = `    at Object.<anonymous> (${sdk}/cmd/run/run.js:300:5)`;
      // The SDK's own code threw: its engines range is the likely cause.
      const inSdk = `Error: x is not a function\n    at f (${sdk}/runtime/settings.js:10:3)\n${loader}`;
      expect(dependencyEnginesHint(inSdk, "v20.20.2")).to.contain('declares engines.node ">=22"');
      // An ES module of the dependency (named by file URL), or its anonymous async function.
      const esm = `Error: x\n    at f (file://${sdk}/runtime/i.mjs:1:1)\n${loader}`;
      expect(dependencyEnginesHint(esm, "v20.20.2")).to.contain('declares engines.node ">=22"');
      const anon = `Error: x\n    at async ${sdk}/runtime/i.js:1:1\n${loader}`;
      expect(dependencyEnginesHint(anon, "v20.20.2")).to.contain('declares engines.node ">=22"');
      // The SDK's compiler refused the tsconfig: the diagnostic is the cause, not the engines.
      const compiler =
        "TypeScript could not compile the program: error TS6046: Argument for '--module' option " +
        `must be: 'none', 'commonjs'.\n    at f (${sdk}/cmd/run/run.js:10:3)\n${loader}`;
      expect(dependencyEnginesHint(compiler, "v20.20.2")).to.equal("");
      // The program's `execSync("pnpm install")` threw; the SDK's loader is only further down.
      const inProgram =
        "Error: Command failed: pnpm install\n    at checkExecSyncError (node:child_process:890:11)\n" +
        `    at compileLambda (${dir}/index.ts:7:11)\n${loader}`;
      expect(dependencyEnginesHint(inProgram, "v20.20.2")).to.equal("");
      expect(missingCommandHint(inProgram, ["/bin/sh: 1: pnpm: not found"])).to.contain(
        "runs `pnpm install` and the shell cannot find `pnpm`",
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a JavaScript call of a class its package does not declare: the package and the nearest member", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "member-"));
    try {
      const file = path.join(dir, "index.js");
      fs.writeFileSync(
        file,
        'const aws = require("@pulumi/aws");\nnew aws.ec2.SecurityGroupp("x");\n',
      );
      const message = "TypeError: aws.ec2.SecurityGroupp is not a constructor";
      // A program that installed no packages (no node_modules above `dir`) runs on the ones the
      // check lends it through NODE_PATH: the hint reads the same package from there.
      const lent = process.cwd();
      expect(missingMemberHint(message, { file }, dir)).to.equal("");
      const hint = missingMemberHint(message, { file }, dir, lent);
      expect(hint).to.match(/@pulumi\/aws 7\.\d+\.\d+ declares no `SecurityGroupp` in `aws\.ec2`/);
      expect(hint).to.contain("did you mean `aws.ec2.SecurityGroup`?");
      // A member it has (the call failed for another reason), TypeScript (compiled again,
      // type-checked), or a name bound to no package: no hint.
      expect(
        missingMemberHint(
          "TypeError: aws.ec2.SecurityGroup is not a constructor",
          { file },
          dir,
          lent,
        ),
      ).to.equal("");
      expect(missingMemberHint(message, { file: path.join(dir, "index.ts") }, dir, lent)).to.equal(
        "",
      );
      expect(missingMemberHint("TypeError: x.y is not a function", { file }, dir, lent)).to.equal(
        "",
      );
      // A module the package does not have: V8 names only the member read from it, the line the rest.
      const removed = path.join(FIXTURES, "fail-removed-module", "legacy.js");
      const lines = fs.readFileSync(removed, "utf8").split("\n");
      const at = (snippet: string, member: string) => {
        const i = lines.findIndex((l) => l.includes(snippet));
        return {
          file: removed,
          line: i + 1,
          column: lines[i].indexOf(snippet) + snippet.indexOf(member) + 1,
        };
      };
      const read = (member: string) =>
        `TypeError: Cannot read properties of undefined (reading '${member}')`;
      const opsworks = missingMemberHint(
        read("Stack"),
        at("aws.opsworks.Stack", "Stack"),
        dir,
        lent,
      );
      expect(opsworks).to.match(/@pulumi\/aws 7\.\d+\.\d+ declares no `opsworks` in `aws`\./);
      expect(opsworks).to.contain("`pulumi preview` fails the same way at this line");
      const typo = missingMemberHint(
        read("Instance"),
        at("aws.ec3.Instance", "Instance"),
        dir,
        lent,
      );
      expect(typo).to.contain("declares no `ec3` in `aws`: did you mean `aws.ec2`?");
      expect(missingMemberHint(read("Stack"), { file: removed }, dir, lent)).to.equal("");
      // A member the package declares that is undefined at run time (`aws.config.region` with no
      // region set): nothing is said of it. A member of a module the package has that its
      // declarations lack (`aws.s3.nope`, as aws 7's `aws.iam.ManagedPolicies`): named.
      const undef = path.join(dir, "undef.js");
      fs.writeFileSync(
        undef,
        'const aws = require("@pulumi/aws");\nconst r = aws.config.region.toUpperCase();\nconst d = aws.s3.nope.Bucket;\n',
      );
      const column = (line: number, snippet: string) =>
        fs.readFileSync(undef, "utf8").split("\n")[line - 1].indexOf(snippet) + 1;
      const upper = { file: undef, line: 2, column: column(2, "toUpperCase") };
      expect(missingMemberHint(read("toUpperCase"), upper, dir, lent)).to.equal("");
      expect(missingMemberOf(read("toUpperCase"), upper, dir, lent)).to.equal(undefined);
      const deeper = { file: undef, line: 3, column: column(3, "Bucket") };
      expect(missingMemberHint(read("Bucket"), deeper, dir, lent)).to.contain(
        "declares no `nope` in `aws.s3`",
      );
      expect(boundPackage('import * as awsx from "@pulumi/awsx";', "awsx")).to.equal(
        "@pulumi/awsx",
      );
      expect(boundPackage('import aws from "@pulumi/aws";', "aws")).to.equal("@pulumi/aws");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
