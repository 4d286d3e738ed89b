// Hints on failures a program meets while it runs, where the bare error does not say what to do:
// a command the machine lacks, a default import compiled without esModuleInterop, a call to AWS
// through an AWS SDK.
//
// Hints for a program that runs a command of the machine it is deployed from (`child_process`
// `execSync("pulumi whoami")`, `execSync("git rev-parse HEAD")`) and fails because that command
// is not installed where the check runs. Node reports such a failure as "Command failed: <command>"
// followed by the shell's "<name>: not found" (node:child_process, `checkExecSyncError`; POSIX sh
// exits 127 for a command it cannot find). `pulumi preview` runs the program where its author's
// tools are installed, so the failure is the offline run's, and the check says so.
import * as path from "path";
import { firstMatchingLines, readSource } from "./program-sources";
import type { Site } from "./sites-file";

/**
 * The command a failed `execSync`/`exec` ran and the program the shell could not find. With
 * `stdio: "inherit"` the shell's "<name>: not found" goes to the program's own stderr, not into
 * the error ("Command failed: <command>" alone; node:child_process `checkExecSyncError` only adds
 * the stderr it captured), so the program's output is searched too, for the command's first word.
 */
export function missingCommand(
  message: string,
  output: readonly string[] = [],
): { command: string; name: string; via?: string } | undefined {
  const failed = /Command failed: ([^\n]+)/.exec(message);
  if (!failed) return spawnedCommand(message);
  const missing =
    /(?:^|\n)[^\n]*?:\s*(?:\d+:\s*)?([^\s:]+): (?:command )?not found/.exec(message) ??
    /spawnSync ([^\s]+) ENOENT/.exec(message);
  if (missing) return { command: failed[1].trim(), name: missing[1] };
  const first = failed[1].trim().split(/\s+/)[0];
  const escaped = first.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const shell = new RegExp(`(?:^|:\\s)(?:\\d+:\\s*)?${escaped}: (?:command )?not found`);
  return output.some((line) => shell.test(line))
    ? { command: failed[1].trim(), name: first }
    : undefined;
}

/**
 * A program started without a shell (`execFileSync("op", [...])`, `spawnSync`) that is not
 * installed: Node reports "spawnSync op ENOENT" (or "spawn op ENOENT"), with no "Command failed"
 * line (node:child_process, the error's `path` and `syscall`). A package that runs it for the
 * program (`@1password/op-js` runs the 1Password CLI) is named from the error's stack; an error
 * with no stack frame at all is not explained (it may be the engine's own, a plugin it starts).
 */
function spawnedCommand(
  message: string,
): { command: string; name: string; via?: string } | undefined {
  const spawned = /\bspawn(?:Sync)? (\S+) ENOENT/.exec(message);
  const frames = message
    .split("\n")
    .filter((l) => /^\s+at /.test(l) && !/\(node:|at node:/.test(l))
    .join("\n");
  // Without a frame of the program or a package, the failure may be the engine's own (a plugin).
  if (!spawned || !frames) return undefined;
  // The package that made the call is the innermost frame's, when that frame is a package's; a
  // call the program makes itself (at its top level or in a callback) names none.
  const sep = "[\\\\/]";
  const part = "[^\\\\/\\s()]+";
  const innermost = frames.split("\n")[0];
  const frame = new RegExp(`${sep}node_modules${sep}((?:@${part}${sep})?${part})${sep}`).exec(
    innermost,
  );
  const via = frame?.[1].replace(/\\/g, "/");
  return { command: spawned[1], name: path.basename(spawned[1]), via };
}

export function missingCommandHint(message: string, output: readonly string[] = []): string {
  const m = missingCommand(message, output);
  if (!m) return "";
  const cli =
    m.name === "pulumi"
      ? "the Pulumi CLI, which an offline check runs without (no CLI, no backend to log in to); " +
        "`pulumi preview` runs the program with the CLI that started it"
      : `\`${m.name}\`, which is not installed on this machine; \`pulumi preview\` runs the ` +
        "program where its author's tools are installed";
  return (
    `\nThe program runs \`${m.command}\`${m.via ? ` (through ${m.via})` : ""} and ` +
    `${/Command failed/.test(message) ? "the shell cannot find" : "Node.js cannot start"} ${cli}. ` +
    "Give the program " +
    "what the command would print another way for this run if it reads one first (--config " +
    "<key>=<value>), install the command, or run the check where it is installed"
  );
}

/**
 * The Docker CLI's own words when no daemon answers ("Cannot connect to the Docker daemon at
 * unix:///var/run/docker.sock. Is the docker daemon running?"), picked out of a build's output:
 * a dependency that builds an image (awsx classic `Image.fromPath`, docker-classic) reports the
 * whole output, whose first lines are the builder's notices ("DEPRECATED: The legacy builder is
 * deprecated"), not the cause. Undefined when the output has no such line.
 */
export function dockerDaemonMissing(message: string): string | undefined {
  const said = /Cannot connect to the Docker daemon[^\n?]*\??/.exec(message)?.[0];
  return said ? `no Docker daemon answers on this machine ("${said.trim()}")` : undefined;
}

/**
 * `aws.config.requireRegion()` throws "No AWS region has been configured" when neither the
 * stack's `aws:region` nor `AWS_REGION` / `AWS_DEFAULT_REGION` is set (@pulumi/aws
 * `config/require.js` and `config/vars.js`, the same text from major 2 to 7). `pulumi preview`
 * stops the same way on such a stack: the fix is the stack's config, which the check takes too.
 */
export function missingRegionHint(message: string, stack: string | undefined): string {
  if (!/No AWS region has been configured/.test(message)) return "";
  const file = `Pulumi.${stack ?? "<stack>"}.yaml`;
  return (
    "\nThe program requires the AWS region (`aws.config.requireRegion()`), and neither " +
    `\`aws:region\` in ${file} nor AWS_REGION / AWS_DEFAULT_REGION sets it; \`pulumi preview\` ` +
    "stops the same way on this stack. Set it with `pulumi config set aws:region <region>` " +
    `(it goes into ${file}), or for this run only with --config aws:region=<region>`
  );
}

/**
 * A default import of a CommonJS module (`import express from "express"`) compiled without
 * `esModuleInterop`: TypeScript then reads the module's `default` property (`express_1.default`),
 * which a CommonJS module does not have, and the program fails on its first use with "Cannot read
 * properties of undefined" or "… is not a function" (TypeScript handbook, "esModuleInterop": "off
 * by default"; it is implied only for `module` node16/nodenext). `pulumi preview` compiles the
 * same way: with the program's tsconfig, or without one with TypeScript's defaults (cmd/run/run.js).
 */
export function defaultImportHint(
  message: string,
  location: { file: string; line: number } | undefined,
  tsconfigSource: string | undefined,
): string {
  if (!location || /"esModuleInterop"\s*:\s*true/.test(tsconfigSource ?? "")) return "";
  const reading = /Cannot read propert(?:y|ies) of undefined \(reading '([^']+)'\)/.exec(message);
  const called = /\(0 , (\w+)_1\.default\) is not a function|(\w+)_1\.default is not a/.exec(
    message,
  );
  if (!reading && !called) return "";
  const source = readSource(location.file);
  if (source === undefined) return "";
  const line = source.split("\n")[location.line - 1] ?? "";
  const imports = [
    ...source.matchAll(
      /^\s*import\s+([A-Za-z_$][\w$]*)\s*(?:,\s*\{[^}]*\})?\s+from\s+["']([^"']+)["']/gm,
    ),
  ];
  const hit = imports.find(([, name]) =>
    called
      ? name === (called[1] ?? called[2])
      : new RegExp(`\\b${name}\\.${reading![1]}\\b`).test(line),
  );
  if (!hit) return "";
  const [, name, from] = hit;
  return (
    `\n\`${name}\` is a default import of "${from}" (\`import ${name} from "${from}"\`), a CommonJS ` +
    `module, compiled without esModuleInterop: TypeScript reads \`${name}_1.default\`, which ` +
    `the module does not have, and \`pulumi preview\` fails the same way. Add "esModuleInterop": ` +
    `true to the compilerOptions of the program's tsconfig.json, or write \`import * as ${name} ` +
    `from "${from}"\``
  );
}

/** The credential errors of the AWS SDKs (v2 `CredentialsError`, v3 `CredentialsProviderError`). */
const AWS_SDK_CREDENTIALS =
  /CredentialsError: Missing credentials|CredentialsProviderError|Could not load credentials from any providers/;
const AWS_SDK_IMPORT = /(?:from\s+|require\(\s*)["'](aws-sdk(?:\/[^"']*)?|@aws-sdk\/[^"']+)["']/;

/**
 * A program that calls AWS itself through an AWS SDK (not through a Pulumi data source) and
 * fails for want of credentials: under `pulumi preview` it runs with the deployer's AWS
 * credentials and reaches AWS; offline there are neither, and `--invoke-answers`, which answers
 * Pulumi's invokes, cannot answer it. Names where the program imports the SDK, since such a
 * failure's stack holds only the SDK's own frames.
 */
export function awsSdkHint(text: string, pwd: string): string {
  if (!AWS_SDK_CREDENTIALS.test(text)) return "";
  const sites = firstMatchingLines(pwd, AWS_SDK_IMPORT, 3).map((s) => `${s.file}:${s.line}`);
  return (
    "\nThe program calls AWS itself with an AWS SDK" +
    (sites.length > 0 ? ` (imported at ${sites.join(", ")})` : "") +
    ", outside Pulumi: `pulumi preview` runs it with the deployer's AWS credentials, an offline " +
    "check has no credentials and no AWS, and --invoke-answers answers only Pulumi data sources. " +
    "Read the value through a Pulumi data source (aws.ssm.getParameter …) or from config " +
    "(--config <key>=<value>), or run the check where AWS credentials and the network are there"
  );
}

/**
 * A preload that reads `--project` from `process.argv` as the path of a tsconfig (tsconfig-paths'
 * `register`, which parses the arguments with minimist, and esbuild-register through it) meets the
 * `--project <name>` the language host passes the program (pulumi-language-nodejs
 * `constructArguments`; cmd/run/run.js takes it as the project's name), and fails to find a file of
 * that name: "ENOENT: no such file or directory, stat '<project>'" (tsconfig-paths 4), "Unable to
 * find <project>" (3). `pulumi preview` fails the same way (pulumi/pulumi#8787).
 */
export function argvProjectHint(
  message: string,
  project: string,
  runtimeOptions?: Readonly<Record<string, unknown>>,
): string {
  // Only a program whose runtime preloads a module can meet this: without one, a file named like
  // the project that the program itself looks for is its own business.
  const nodeargs = runtimeOptions?.nodeargs;
  if (
    typeof nodeargs !== "string" ||
    !/(?:^|\s)(?:-r|--require|--import|--loader)\b/.test(nodeargs)
  ) {
    return "";
  }
  const quoted = project.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  if (!new RegExp(`(?:stat '${quoted}'|Unable to find ${quoted})(?:$|[\\s'])`).test(message)) {
    return "";
  }
  return (
    `\nThe language host passes the program \`--project ${project}\` (the project's name), and a ` +
    "module preloaded through runtime.options.nodeargs in Pulumi.yaml (tsconfig-paths/register " +
    "reads process.argv) takes it for the path of a tsconfig; `pulumi preview` fails the same way " +
    "(pulumi/pulumi#8787). Register the paths from the program instead, before its first import " +
    'of an alias: `const tp = require("tsconfig-paths"); const c = tp.loadConfig("."); ' +
    "tp.register({ baseUrl: c.absoluteBaseUrl, paths: c.paths });` (loadConfig with a folder " +
    "does not read process.argv), and drop the --require from nodeargs; or import by relative paths"
  );
}

/** The token prefix of the sites the preload records for `pulumi.log.error` (child-preload.js). */
export const LOG_ERROR_SITE = "log.error:";

/** Whether the program's own code logged this error message on a resource (child-preload.js). */
export function loggedByProgram(text: string, sites: ReadonlyMap<string, Site>): boolean {
  return sites.has(`${LOG_ERROR_SITE}own:${text.slice(0, 200)}`);
}

/** Where the program logged this error message with `pulumi.log.error`, if it did. */
export function loggedErrorSite(text: string, sites: ReadonlyMap<string, Site>): Site | undefined {
  const head = text.slice(0, 200);
  return head ? sites.get(`${LOG_ERROR_SITE}${head}`) : undefined;
}
