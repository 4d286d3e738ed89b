// How the offline check explains a program's failure: a config error points at the stack file's
// line without stack frames; a missing key in a stack that imports ESC environments says they
// cannot be opened offline; a note on the packages' version skew stands only under a failure it
// may explain; a compile error is the compile's, in no phase.
import { expect } from "chai";
import * as path from "path";
import { type ConfigsByStack, describeProgramError } from "../../tools/check/explain";
import { loadProject, loadStackConfig } from "../../tools/check/project";
import { ProgramError } from "../../tools/check/run";
import { COMPILE_FAILURE } from "../../tools/lib/engine/failure-stage";
import { demoProgram } from "./demo-program";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * How the check explains `message`, thrown by the program in `dir` at index.ts `line`:`column`
 * while previewing its stack "dev" (`stack`: the error's stack trace, if it has one).
 */
function explainDevError(
  dir: string,
  message: string,
  at: { readonly line: number; readonly column: number },
  stack?: string,
): string {
  const project = loadProject(dir);
  const config = loadStackConfig(project, "dev");
  const index = path.join(dir, "index.ts");
  const failure = new ProgramError(
    message,
    "exception",
    { file: index, ...at },
    stack,
    [],
    "dev",
    "preview",
  );
  return describeProgramError(failure, new Map([["dev", { project, config }]]), ROOT);
}

describe("how the check explains a program's own failure", () => {
  it("points a program's own config error at the stack file's line, without stack frames", () => {
    const dir = demoProgram({
      "Pulumi.dev.yaml": "config:\n  demo:replicas: 2\n  demo:port: 70000\n",
    });
    const text = explainDevError(
      dir,
      "demo:port: 70000 is out of range",
      { line: 3, column: 37 },
      "Error: demo:port: 70000 is out of range\n    at Object.<anonymous> (" +
        path.join(dir, "index.ts") +
        ":3:37)",
    );
    expect(text).to.contain(`demo:port is set at ${path.join(dir, "Pulumi.dev.yaml")}:3`);
    expect(text).to.not.contain("stack:");
    expect(text).to.not.contain("    at ");
  });

  it("a YAML list read with config.require: says it arrives as JSON text and names requireObject", () => {
    const dir = demoProgram({
      "Pulumi.dev.yaml":
        "config:\n  demo:replicas: 2\n  demo:nodeGroups:\n    - name: general\n      size: 2\n",
    });
    const text = explainDevError(dir, "TypeError: nodeGroups.map is not a function", {
      line: 3,
      column: 20,
    });
    expect(text).to.contain(`demo:nodeGroups is set at ${path.join(dir, "Pulumi.dev.yaml")}:3`);
    expect(text).to.contain(
      "it is a YAML list there, which config.require and config.get return as its JSON text: " +
        'read it with config.requireObject("nodeGroups")',
    );
    // A scalar key named by the same kind of failure gets no such note.
    const scalar = explainDevError(dir, "TypeError: replicas.map is not a function", {
      line: 3,
      column: 20,
    });
    expect(scalar).to.contain("demo:replicas is set at");
    expect(scalar).to.not.contain("YAML list");
  });

  it("a required key the program misses, in a stack that imports ESC environments: says they cannot be opened offline", () => {
    const missing = (stackFile: string) => {
      const dir = demoProgram({ "Pulumi.dev.yaml": stackFile });
      return explainDevError(
        dir,
        "Missing required configuration variable 'demo:dbHost'\n\tplease set a value using the command `pulumi config set demo:dbHost <value>`",
        { line: 2, column: 1 },
      );
    };
    const withEsc = missing("environment:\n  - acme/app-dev\nconfig:\n  demo:replicas: 2\n");
    expect(withEsc).to.contain('imports Pulumi ESC environment "acme/app-dev"');
    expect(withEsc).to.contain("--config demo:dbHost=<value>");
    const plain = missing("config:\n  demo:replicas: 2\n");
    expect(plain).to.contain("demo:dbHost is not set; set it with `pulumi config set demo:dbHost");
    expect(plain).to.not.contain("ESC");
    expect(plain).to.not.contain("another namespace");
    expect(plain).to.not.contain("--secret");
    // Read with requireSecret: the SDK asks for --secret, and so does the fix.
    const secret = explainDevError(
      demoProgram({ "Pulumi.dev.yaml": "config:\n  demo:replicas: 2\n" }),
      "Missing required configuration variable 'demo:apiKey'\n\tplease set a value using the command `pulumi config set --secret demo:apiKey <value>`",
      { line: 2, column: 1 },
    );
    expect(secret).to.contain(
      "set it with `pulumi config set --secret demo:apiKey <value> --stack dev`",
    );
    // Set for the project's former name: `new pulumi.Config()` never reads it.
    const renamed = missing("config:\n  demo-old:dbHost: db.internal\n");
    expect(renamed).to.contain("The stack file sets demo-old:dbHost (");
    expect(renamed).to.contain("Pulumi.dev.yaml:2), in another namespace");
    expect(renamed).to.contain('new pulumi.Config("demo-old")');
  });

  it("a required key with ':' in its name: no config can hold it, so the way to rename it, not to set it", () => {
    // `new pulumi.Config().requireSecret("db:password")` reads demo:db:password, a key the CLI
    // refuses to parse; the SDK's message still says to set it.
    const dir = demoProgram({ "Pulumi.dev.yaml": "config:\n  demo:replicas: 2\n" });
    const text = explainDevError(
      dir,
      "Missing required configuration variable 'demo:db:password'\n\tplease set a value using the command `pulumi config set --secret demo:db:password <value>`",
      { line: 2, column: 1 },
    );
    expect(text).to.contain("demo:db:password can never be set");
    // Read with requireSecret (the SDK's message asks for --secret): the advice keeps both.
    expect(text).to.contain('config.requireSecret("db-password")');
    expect(text).to.contain("`pulumi config set --secret demo:db-password <value>`");
    expect(text).to.contain('new pulumi.Config("db").requireSecret("password")');
    expect(text).not.to.contain("--config demo:db:password=<value>");
    const plain = explainDevError(
      dir,
      "Missing required configuration variable 'demo:db:password'\n\tplease set a value using the command `pulumi config set demo:db:password <value>`",
      { line: 2, column: 1 },
    );
    expect(plain).to.contain('config.require("db-password")');
    expect(plain).not.to.contain("--secret");
    // `config.require("config:password")` asks for demo:config:password, which the SDK never
    // finds: the stack's legacy demo:config:password reaches the program as demo:password.
    const legacy = explainDevError(
      dir,
      "Missing required configuration variable 'demo:config:password'\n\tplease set a value using the command `pulumi config set demo:config:password <value>`",
      { line: 2, column: 1 },
    );
    expect(legacy).to.contain("demo:config:password can never be set");
    expect(legacy).to.contain("reaches the program as demo:<name>");
    expect(legacy).to.contain('config.require("password")');
    expect(legacy).to.contain('new pulumi.Config("demo:config").require("password")');
    expect(legacy).not.to.contain("is not set; set it with");
  });

  it("any other failure of a stack that imports ESC environments: names what they would have given the program", () => {
    // A program that validates its environment variables (t3-oss/env-core, zod) and fails
    // because the ESC environment that sets them under `pulumi preview` is not opened offline.
    const failure = (stackFile: string, message = "Invalid environment variables") =>
      explainDevError(demoProgram({ "Pulumi.dev.yaml": stackFile }), message, {
        line: 4,
        column: 29,
      });
    const esc = "environment:\n  imports:\n    - aws-dev\n";
    const withEsc = failure(esc);
    expect(withEsc).to.contain(
      'Pulumi.dev.yaml imports Pulumi ESC environment "aws-dev", which the check cannot open offline',
    );
    expect(withEsc).to.contain("environmentVariables in its environment");
    expect(withEsc).to.contain("export the variable in the shell");
    expect(withEsc).to.match(/^error: the program failed \(stack dev, preview phase\): Invalid/);
    // The note follows the failure's location, not between the message and it.
    expect(withEsc.indexOf("  at ")).to.be.greaterThan(0);
    expect(withEsc.indexOf("ESC environment")).to.be.greaterThan(withEsc.indexOf("  at "));
    // A read of process.env in the failure's stack, or a variable named as missing, is the
    // environment's too.
    expect(failure(esc, "DATABASE_URL is not set")).to.contain("ESC environment");
    expect(failure(esc, "Error: process.env.API_KEY is required")).to.contain("ESC environment");
    // A plain program bug (an index out of range) owes nothing to the environment.
    expect(
      failure(esc, "TypeError: Cannot read properties of undefined (reading 'z')"),
    ).to.not.contain("ESC");
    // Without an environment, nothing is said of ESC.
    expect(failure("config:\n  demo:replicas: 2\n")).to.not.contain("ESC");
    // A failure before any code ran (a package not installed) owes nothing to the environment.
    expect(
      failure(esc, "Cannot find module 'zod'\nRequire stack:\n- /p/src/env.ts"),
    ).to.not.contain("ESC");
  });
});

describe("a program failure beside its packages' version skew", () => {
  const skew =
    "p/package.json asks for @pulumi/awsx ^0.30.0, but the program has not installed it and " +
    "runs on the check's 3.9.0";
  const explain = (message: string, configsByStack: ConfigsByStack = new Map()) =>
    describeProgramError(
      new ProgramError(message, "exception", undefined, undefined, [], "dev", "preview", [skew]),
      configsByStack,
      ROOT,
    );

  it("notes the skew under a failure it may explain", () => {
    const text = explain("TypeError: Cannot read properties of undefined (reading 'API')");
    expect(text.split("\n")[1]).to.equal(`  note: ${skew}`);
  });

  it("leaves it out when a module is missing altogether", () => {
    expect(explain("Cannot find module '@lambda'")).not.to.contain("asks for");
    expect(explain("Cannot find package 'dotenv' imported from /p/index.ts")).not.to.contain(
      "asks for",
    );
  });

  it("leaves it out of a config error", () => {
    const project = loadProject(path.join(ROOT, "test", "fixtures", "programs", "compliant"));
    const config = loadStackConfig(project, "dev");
    const text = explain(
      "Missing required configuration variable 's3:bucketName'",
      new Map([["dev", { project, config }]]),
    );
    expect(text).to.contain("s3:bucketName is not set");
    expect(text).not.to.contain("asks for");
  });
});

describe("the program's output under its failure", () => {
  const explain = (message: string, output: string[]) =>
    describeProgramError(
      new ProgramError(message, "exception", undefined, undefined, output, "dev", "preview"),
      new Map(),
      ROOT,
    );

  it("leaves out the lines that repeat the failure's own message, keeps the others", () => {
    const leak =
      "The Pulumi runtime detected that 248 promises were still active\n" +
      "at the time that the process exited. There are a few ways that this can occur:";
    const text = explain(`the program exited with code 1: ${leak}`, [
      "deploying environment dev",
      ...leak.split("\n").slice(1),
      "The Pulumi runtime detected that 248 promises were still active",
    ]);
    expect(text).to.contain(
      "  program output before the failure:\n    deploying environment dev\n",
    );
    expect(text.match(/There are a few ways/g)).to.have.length(1);
    expect(text.match(/promises were still active/g)).to.have.length(1);
  });

  it("leaves out the check's own, Node's and the packages' frames of an error the program printed", () => {
    const engine = path.join(ROOT, "tools", "lib", "engine");
    const program = path.join(path.sep, "p", "index.ts");
    const text = explain("the Automation API is not run by the offline check", [
      "deploy failed: AutomationBlockedError: refused",
      `    at blocked (${path.join(engine, "automation-guard.js")}:126:12)`,
      `    at new LocalWorkspace (${path.join(ROOT, "node_modules", "@pulumi", "automation", "localWorkspace.ts")}:393:29)`,
      `    at main (${program}:6:40)`,
      `    at Module._compile (${path.join(engine, "code-cache.js")}:278:14)`,
      "    at node:internal/main/run_main_module:28:49",
      "    code: 'ERR_OFFLINE_AUTOMATION'",
    ]);
    const shown = text.slice(text.indexOf("program output before the failure:"));
    expect(shown).to.contain(`    at main (${program}:6:40)`);
    expect(shown).to.contain("deploy failed: AutomationBlockedError: refused");
    expect(shown).to.contain("code: 'ERR_OFFLINE_AUTOMATION'");
    for (const own of [
      "automation-guard.js",
      "code-cache.js",
      "localWorkspace.ts",
      "node:internal",
    ])
      expect(shown).not.to.contain(own);
  });
});

describe("the stage a program failed at", () => {
  const explain = (message: string, phase: "preview" | "apply") =>
    describeProgramError(
      new ProgramError(message, "exception", undefined, undefined, [], "dev", phase),
      new Map(),
      ROOT,
    );

  it("names a compile error as the compile's, before either phase, whichever run found it", () => {
    // A name read only inside an `apply`, which runs in the apply phase: the run compiled again
    // with type-checking refuses it, as `pulumi preview` does before any phase.
    const compile = `${COMPILE_FAILURE}: index.ts(4,57): error TS2304: Cannot find name 'prefix'.`;
    for (const phase of ["preview", "apply"] as const) {
      expect(explain(compile, phase).split("\n")[0]).to.equal(
        `error: the program failed (stack dev, compile, before the program runs): ${compile}`,
      );
    }
    expect(explain("ReferenceError: prefix is not defined", "apply").split("\n")[0]).to.equal(
      "error: the program failed (stack dev, apply phase): ReferenceError: prefix is not defined",
    );
  });
});
