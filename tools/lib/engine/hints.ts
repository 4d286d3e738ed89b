// Hints the offline check adds to a failed program's first error: what the user can do about a
// failure that `pulumi preview` would show too, where the bare message does not say it.
import * as fs from "fs";
import * as path from "path";
import { fileURLToPath } from "url";
import { declaredRange, nearestPackageJson, packageNameOf, resolvePackageJson } from "./versions";
import { denoSpecifierHint, esmSchemeHint } from "./hints-specifiers";
import { outsideFolderHint, ownerAdvice } from "./hints-outside-folder";
import { hostTsconfig, tsconfigPathAliases, tsconfigSetting } from "./tsconfig-setting";

/**
 * A module the program cannot find that is a `paths` alias of its tsconfig. TypeScript resolves
 * `paths` when it type-checks; ts-node, which the language host compiles the program with, does
 * not rewrite them, and Node looks for a package of that name: `pulumi preview` fails the same
 * way. tsconfig-paths registers them at run time (its README: "ts-node -r
 * tsconfig-paths/register main.ts"; https://www.npmjs.com/package/tsconfig-paths).
 */
export function pathsAliasHint(message: string, pwd: string, tsconfigOption: unknown): string {
  const missing = missingModule(message);
  if (!missing) return "";
  const tsconfig = hostTsconfig(pwd, tsconfigOption);
  if (!tsconfig) return "";
  const alias = (tsconfigPathAliases(tsconfig) ?? []).find((key) => {
    const star = key.indexOf("*");
    if (star < 0) return key === missing;
    const [head, tail] = [key.slice(0, star), key.slice(star + 1)];
    return (
      missing.length >= head.length + tail.length &&
      missing.startsWith(head) &&
      missing.endsWith(tail)
    );
  });
  if (alias === undefined) return "";
  return (
    `\n"${missing}" is the "paths" alias "${alias}" of ${tsconfig.shown}: TypeScript resolves ` +
    "it, but the language host's ts-node does not rewrite it at run time, so `pulumi preview` " +
    "fails the same way. Import the file by its relative path, or install tsconfig-paths and " +
    'register it in Pulumi.yaml (runtime.options.nodeargs: "--require tsconfig-paths/register")'
  );
}

/**
 * `runtime.options.tsconfig` naming a file the language host cannot find. The host resolves it
 * from the program's working directory (`cmd/run/run.js`: `fs.existsSync(tsConfigPath)`), and a
 * `main` in Pulumi.yaml makes that directory the entry point's folder, not the project's root
 * (pulumi/pulumi#10022: "setting the `main` key ... changes the current working directory ... to
 * the parent directory of `main`"), so a path written from the root is not found and `pulumi
 * preview` fails the same way. Names the path that works when the file is there from the root.
 */
export function tsconfigPathHint(message: string, pwd: string, rootDir: string): string {
  const named = /^tsconfig path was set to (.+) but the file was not found/.exec(message)?.[1];
  if (!named || path.isAbsolute(named) || path.resolve(pwd) === path.resolve(rootDir)) return "";
  const fromRoot = path.resolve(rootDir, named);
  if (!fs.existsSync(fromRoot)) return "";
  const relative = path.relative(pwd, fromRoot);
  return (
    `\nruntime.options.tsconfig is read from the program's working directory, ` +
    `${path.relative(rootDir, pwd)}/, the folder of Pulumi.yaml's \`main\`, not from the ` +
    `project's root, where ${named} is: set \`tsconfig: ${relative}\``
  );
}

/**
 * A package the program imports but that is not installed where it runs. Node resolves a bare
 * specifier from node_modules only (https://nodejs.org/api/modules.html, "Loading from
 * node_modules folders"); offline the program has only what it installed and what the check lends
 * it (the check's own packages), so an `npm install` the program never had shows here first, as
 * it would in `pulumi preview`. Says whether the program's package.json lists the package.
 */
export function uninstalledPackageHint(message: string, pwd: string): string {
  const missing = missingModule(message);
  if (!missing) return esmSchemeHint(message, pwd);
  if (missing.startsWith(".") || path.isAbsolute(missing)) return "";
  if (missing.startsWith("node:")) return "";
  const deno = denoSpecifierHint(missing);
  if (deno) return deno;
  const name = packageNameOf(missing);
  const linked = linkedPackageHint(message, name, pwd);
  if (linked) return linked;
  const subpath = missingSubpathHint(missing, name, pwd);
  if (subpath) return subpath;
  const found = nearestPackageJson(pwd);
  if (!found) return "";
  const range = declaredRange(pwd, name);
  const shown = path.join(path.basename(path.dirname(found.file)), "package.json");
  return range !== undefined
    ? `\n"${name}" is a dependency of ${shown} (${range}) that is not installed: the program ` +
        `has no node_modules with it, and the check lends only its own packages. Run \`${
          installCommand(pwd).install
        }\` in the program first, as \`pulumi preview\` needs too`
    : `\n"${name}" is not installed, nor listed in ${shown}: add it (\`${installCommand(pwd).add} ${name}\`)`;
}

/**
 * A module path inside a package the program has installed (`@pulumi/pulumi/x/automation`), where
 * the installed version has no such file: Node found the package and then not the file, and the
 * message names the whole path, as if the package were missing. Installing again brings the same
 * version; the path belongs to another version (the Automation API moved from `x/automation` to
 * `automation` in @pulumi/pulumi 3.0: pulumi/automation-api-examples#26, "Upgrade to v3.0.0").
 */
function missingSubpathHint(missing: string, name: string, pwd: string): string {
  if (missing === name) return "";
  const installed = resolvePackageJson(name, pwd);
  if (!installed) return "";
  let version = "";
  try {
    const pkg = JSON.parse(fs.readFileSync(installed, "utf8")) as { version?: unknown };
    if (typeof pkg.version === "string") version = ` ${pkg.version}`;
  } catch {
    // An unreadable package.json only loses the version from the message.
  }
  const range = declaredRange(pwd, name);
  const asked = range !== undefined ? ` (package.json asks for ${range})` : "";
  return (
    `\n"${name}"${version} is installed${asked}, but it has no "${missing.slice(name.length + 1)}": ` +
    "that module is not part of the installed version, so installing again does not help. " +
    "Import it by the path this version has, or install the version that has the path"
  );
}

/**
 * A package the program has installed, missing for a file of another package the program loads
 * through a link (a pnpm or Yarn workspace package, `npm link`, a `file:` dependency). Node
 * resolves a linked module's imports from its real path, not from the node_modules link it was
 * loaded through ("By default, when Node.js loads a module from a path that is symbolically linked
 * to a different on-disk location, Node.js will dereference the link and use the actual on-disk
 * 'real path' of the module as both an identifier and as a root path to locate other dependency
 * modules": https://nodejs.org/api/cli.html#--preserve-symlinks), so that package needs the
 * dependency in its own node_modules or one above it. `pulumi preview` fails the same way.
 */
function linkedPackageHint(message: string, name: string, pwd: string): string {
  // CommonJS: "Require stack:\n- <importer>"; ESM: "... imported from <importer>", to the end of
  // the line (a path may hold spaces), a path or a file URL.
  const esm = /imported from ([^\n]+)/.exec(message)?.[1]?.trim();
  const importer =
    /\nRequire stack:\n- ([^\n]+)/.exec(message)?.[1] ??
    (esm?.startsWith("file://") ? fileURLToPath(esm) : esm);
  if (!importer || !path.isAbsolute(importer)) return "";
  const program = realDir(pwd);
  const from = path.dirname(importer);
  const rel = path.relative(program, from);
  const outside = rel.startsWith("..") || path.isAbsolute(rel);
  if (!outside || resolvePackageJson(name, from) || !resolvePackageJson(name, pwd)) return "";
  // Reached by a relative import that leaves the program's folder, not through a link.
  const relative = outsideFolderHint(
    message,
    name,
    importer,
    program,
    (d) => installCommand(d).install,
  );
  if (relative) return relative;
  const owner = nearestPackageJson(from);
  if (!owner || !linkedFrom(owner, pwd)) {
    // Neither a relative import the program's sources show nor a package installed for it: say
    // where Node looks, without naming a cause the files do not show.
    return (
      `\n"${name}" is installed for the program, but the file that imports it, ${importer}, ` +
      "lies outside the program's folder, and Node looks for a package from the importing " +
      "file's own folder upward, never in the node_modules of the program that loaded it: no " +
      `node_modules from ${from} up has "${name}". ` +
      ownerAdvice(name, importer, program, (d) => installCommand(d).install)
    );
  }
  const ownerName = typeof owner.pkg.name === "string" ? `${owner.pkg.name} (${owner.file})` : from;
  return (
    `\n"${name}" is installed for the program, but the file that imports it, ${importer}, ` +
    `belongs to ${ownerName}, which the program loads through a link: Node resolves its imports ` +
    "from its real location, where no node_modules has the package. List it in that package's " +
    `dependencies (or peerDependencies) and run \`${installCommand(from).install}\` at the ` +
    "workspace root, as `pulumi preview` needs too"
  );
}

/**
 * Whether the package whose package.json is `owner` is what a node_modules entry the program
 * resolves by its name leads to (a workspace link, `npm link`, a `file:` dependency).
 */
function linkedFrom(owner: { file: string; pkg: Record<string, unknown> }, pwd: string): boolean {
  const name = owner.pkg.name;
  if (typeof name !== "string" || name === "") return false;
  const found = resolvePackageJson(name, pwd);
  return found !== undefined && realDir(found) === realDir(owner.file);
}

function realDir(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return dir;
  }
}

/**
 * The specifier of a "Cannot find module/package '<x>'" error: Node's CommonJS and ESM resolvers
 * and ts-node's copy of the latter word it so. Node prints an error that stops it before the
 * program starts (a loader named by `--import` or `--loader` in the runtime's `nodeargs`) with
 * its code: "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'tsx' imported from ...".
 */
export function missingModule(message: string): string | undefined {
  return /^(?:Error \[ERR_[A-Z_]+\]: )?Cannot find (?:module|package) '([^']+)'/.exec(message)?.[1];
}

export { declaredRange } from "./versions";

/**
 * A CommonJS entry point (`.cjs`) of a package that says `"type": "module"`. The language host
 * loads such a package's entry point with `import()` and takes a default export in place of named
 * exports, refusing a module that has both (@pulumi/pulumi `cmd/run/run.js`: "expected entrypoint
 * module to have either a default export or named exports but not both"). Imported, a CommonJS
 * module has both as soon as it exports a name: its `module.exports` is the default export, next
 * to the names Node detects (https://nodejs.org/api/esm.html#commonjs-namespaces). `pulumi
 * preview` fails the same way; the bare message does not say why a file with no default has one.
 */
export function commonJsEntryHint(
  message: string,
  pwd: string,
  rootDir: string,
  main: string | undefined,
): string {
  if (!message.startsWith("expected entrypoint module to have either a default export")) return "";
  const found = nearestPackageJson(pwd);
  if (!found || found.pkg.type !== "module") return "";
  const entry =
    main !== undefined && /\.c[jt]s$/.test(main)
      ? path.resolve(rootDir, main)
      : main === undefined && typeof found.pkg.main === "string" && /\.c[jt]s$/.test(found.pkg.main)
        ? path.resolve(path.dirname(found.file), found.pkg.main)
        : undefined;
  if (!entry) return "";
  const shown = path.join(path.basename(path.dirname(found.file)), "package.json");
  return (
    `\n${path.relative(pwd, entry) || entry} is a CommonJS module, which the language host ` +
    `imports as an ES module because ${shown} says "type": "module": Node then gives its ` +
    "module.exports as the default export next to the names it exports, so it always has both " +
    "and `pulumi preview` fails the same way. Make the entry point an ES module (`export const` " +
    'in a .mjs or .js file), or drop "type": "module" so that the language host requires it'
  );
}

/**
 * An ES module the language host loads with `require()`: it imports the entry point only when
 * the program's package.json says `"type": "module"`, and requires it otherwise, `.mjs` or not
 * (@pulumi/pulumi cmd/run/run.js, `runProgram`). Node requires an ES module only when its graph
 * has no top-level await (ERR_REQUIRE_ASYNC_MODULE), and before 20.19 / 22.12 not at all
 * (ERR_REQUIRE_ESM; Node.js docs, "Loading ECMAScript modules using require()"). `pulumi
 * preview` fails the same way; Node's message does not say why the file was required.
 */
export function requireEsmHint(message: string, pwd: string): string {
  if (
    !/ERR_REQUIRE_(ASYNC_MODULE|ESM)|require\(\) cannot be used on an ESM graph with top-level await|require\(\) of ES Module/.test(
      message,
    )
  ) {
    return "";
  }
  const found = nearestPackageJson(pwd);
  if (found?.pkg.type === "module") return "";
  const shown = found
    ? path.join(path.basename(path.dirname(found.file)), "package.json")
    : "package.json";
  return (
    "\nThe language host imports the entry point as an ES module only when the program's " +
    `package.json says "type": "module", and requires it otherwise; ${shown} does not, so Node ` +
    "required an ES module it cannot require (one with top-level await, or any on a Node before " +
    `20.19), and \`pulumi preview\` fails the same way. Add "type": "module" to ${shown}, or ` +
    "move the top-level await into an exported async function"
  );
}

/**
 * A JavaScript entry point in a program's build folder that has not been built. The language
 * host compiles TypeScript itself only with the runtime option `typescript` on ("whether to use
 * ts-node to execute sources", https://www.pulumi.com/docs/reference/pkg/dotnet/Pulumi.Automation/Pulumi.Automation.ProjectRuntimeOptions.html);
 * an entry point that names the compiled `.js` (package.json `main`, Pulumi.yaml `main`) is run
 * as it is, and before a build it does not exist: Node says "Cannot find module ... Please verify
 * that the package.json has a valid "main" entry", and `pulumi preview` fails the same way,
 * though the entry is right and only the build is missing. A Pulumi.yaml `main` that names the
 * build folder itself (`main: bin/`, a folder the CLI requires to exist) is missing the same way.
 * Returns "" unless `file` (a `.js` file, or a folder: a path without an extension) is missing
 * and is the tsconfig's `outDir` or inside it.
 */
export function unbuiltOutputHint(file: string, pwd: string, tsconfigOption: unknown): string {
  const folder = path.extname(file) === "";
  if (!path.isAbsolute(file) || fs.existsSync(file)) return "";
  if (!folder && !/\.[cm]?js$/.test(file)) return "";
  const tsconfig = hostTsconfig(pwd, tsconfigOption);
  // As TypeScript reads it: a commented-out line is none, an `extends` base's counts, relative to
  // the file that sets it.
  const setting = tsconfig && tsconfigSetting(tsconfig, "outDir", pwd);
  const outDir = setting?.value;
  if (!tsconfig || !setting || !outDir) return "";
  const out = path.resolve(path.dirname(setting.file), outDir);
  if (file !== out && !file.startsWith(out + path.sep)) return "";
  const scripts = nearestPackageJson(pwd)?.pkg.scripts as Record<string, unknown> | undefined;
  const build = typeof scripts?.build === "string" ? "npm run build" : "npx tsc";
  return (
    `\n${path.relative(pwd, file)} is compiled output that has not been built: ` +
    `${tsconfig.shown} compiles into "${outDir}", and the language host runs that JavaScript ` +
    "without compiling anything, so `pulumi preview` fails the same way. Build the program " +
    `first (\`${build}\`)`
  );
}

/** The commands of the package manager that installed the program, as its user types them. */
interface InstallCommands {
  readonly install: string;
  readonly add: string;
  readonly addDev: string;
}

const MANAGERS: Record<string, InstallCommands> = {
  npm: { install: "npm install", add: "npm install", addDev: "npm install --save-dev" },
  pnpm: { install: "pnpm install", add: "pnpm add", addDev: "pnpm add --save-dev" },
  yarn: { install: "yarn install", add: "yarn add", addDev: "yarn add --dev" },
  bun: { install: "bun install", add: "bun add", addDev: "bun add --dev" },
};

/**
 * Lock files each package manager writes, nearest folder first (a workspace's is at its root),
 * and pnpm's workspace file, which marks a pnpm workspace's root before its first install
 * (https://pnpm.io/pnpm-workspace_yaml).
 */
const LOCK_FILES: readonly (readonly [string, string])[] = [
  ["pnpm-lock.yaml", "pnpm"],
  ["pnpm-workspace.yaml", "pnpm"],
  ["yarn.lock", "yarn"],
  ["bun.lock", "bun"],
  ["bun.lockb", "bun"],
  ["package-lock.json", "npm"],
  ["npm-shrinkwrap.json", "npm"],
];

/**
 * The package manager of the program at `dir`: its package.json's `packageManager` field
 * (Corepack, "pnpm@9.1.0"), else the lock file nearest above `dir`, else npm. Pulumi installs
 * with the one `runtime.options.packagemanager` names (npm, yarn, pnpm or bun; Pulumi docs,
 * "Node.js" runtime options), and a program's user has the same one's lock file.
 */
export function installCommand(dir: string): InstallCommands {
  const field = nearestPackageJson(dir)?.pkg.packageManager;
  const named = typeof field === "string" ? field.split("@")[0] : undefined;
  if (named && MANAGERS[named]) return MANAGERS[named];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const lock = LOCK_FILES.find(([file]) => fs.existsSync(path.join(d, file)));
    if (lock) return MANAGERS[lock[1]];
    if (path.dirname(d) === d) return MANAGERS.npm;
  }
}
