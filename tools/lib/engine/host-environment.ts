// The environment and the arguments the language host is started with, as the Go side of the
// host builds them (pulumi/pulumi `sdk/nodejs/cmd/pulumi-language-nodejs/main.go`, `execRuntime`,
// `constructArguments`, `constructConfig`): config in PULUMI_CONFIG with keys rewritten to
// `<namespace>:config:<name>` (./host-config.ts) and the secret keys in PULUMI_CONFIG_SECRET_KEYS;
// `runtime.options` give PULUMI_NODEJS_TYPESCRIPT, PULUMI_NODEJS_TSCONFIG_PATH and the node
// arguments (./runtime-options.ts); the arguments are `--monitor --engine --organization --project
// --root-directory --stack --pwd [--dry-run] --parallel <entry point>`. What the check adds (its
// preload, transpile-only, the OFFLINE_* settings its preloads read) is explained in
// ./language-host.ts.
import * as path from "path";
import { hostConfig } from "./host-config";
import { lentEnvironment } from "./lent-packages";
import type { ProgramRunOptions, SdkInfo } from "./program-run";
import { hostOptions, programNodeOptions } from "./runtime-options";
import { tracing } from "./trace";
import { nearestPackageJson } from "./versions";

const CHILD_PRELOAD = path.join(__dirname, "child-preload.js");

/** The host's `runtime.options` as ./runtime-options.ts reads them. */
export type HostOptions = ReturnType<typeof hostOptions>;

/** The language host's environment: the check's own, less its settings, and the run's. */
export function hostEnvironment(
  opts: ProgramRunOptions,
  host: HostOptions,
  sdk: SdkInfo,
  pwd: string,
  sitesFile: string,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // The check's own settings must not leak into the program's SDK (the user's NODE_OPTIONS
    // are passed on below, after the check's preload).
    if (/^PULUMI_(NODEJS_|CONFIG)/.test(k) || k === "NODE_OPTIONS" || k.startsWith("TS_NODE_"))
      continue;
    env[k] = v;
  }
  env.PULUMI_CONFIG = hostConfig(opts.config);
  env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(opts.secretKeys);
  if (host.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (host.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = host.tsconfig;
  if (!opts.typeCheck) {
    env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
    env.TS_NODE_TRANSPILE_ONLY = "true";
  }
  env.NODE_OPTIONS = programNodeOptions(CHILD_PRELOAD, process.env.NODE_OPTIONS);
  env.OFFLINE_INVOKE_SITES = sitesFile;
  // The setMocks guard is armed in this process alone, never in the processes the program starts
  // (its own unit tests may call setMocks there): child-preload.js, item 16.
  env.OFFLINE_GUARD_MOCKS = "true";
  // The apply phase leaves unknown what an offline run cannot compute inside `apply`: item 19.
  if (opts.phase === "apply") env.OFFLINE_APPLY_UNKNOWNS = "true";
  if (opts.undecryptable && Object.keys(opts.undecryptable).length > 0)
    env.OFFLINE_UNDECRYPTABLE_CONFIG = JSON.stringify(opts.undecryptable);
  if (opts.cacheDir && !opts.typeCheck)
    env.OFFLINE_TS_CACHE = path.join(opts.cacheDir, "typescript");
  if (opts.cacheDir) env.OFFLINE_CODE_CACHE = path.join(opts.cacheDir, "v8");
  if (nearestPackageJson(pwd)?.pkg.type === "module") env.OFFLINE_ESM_SOURCE_MAPS = "true";
  if (tracing) env.OFFLINE_CHECK_TRACE_AS = `program:${opts.phase}`;
  if (!sdk.own) {
    Object.assign(
      env,
      lentEnvironment(opts.fallbackModulesDir, !!opts.typeCheck && host.typescript),
    );
  }
  return env;
}

/** The language host's command line: node arguments, the run script, the engine's flags. */
export function hostArguments(
  opts: ProgramRunOptions,
  host: HostOptions,
  sdk: SdkInfo,
  address: string,
  pwd: string,
  entry: string,
): string[] {
  return [
    ...host.nodeargs,
    ...(process.env.OFFLINE_CHILD_PROF
      ? ["--cpu-prof", `--cpu-prof-dir=${process.env.OFFLINE_CHILD_PROF}`]
      : []),
    sdk.runPath,
    "--monitor",
    address,
    "--engine",
    address,
    "--organization",
    opts.organization ?? "organization",
    "--project",
    opts.project,
    "--root-directory",
    opts.rootDir,
    "--stack",
    opts.stack,
    "--pwd",
    pwd,
    "--dry-run",
    "--parallel",
    "16",
    entry,
  ];
}
