// Hints for what a program needs built before `pulumi preview` can run it: a file asset or
// archive whose path does not exist yet (a Lambda's bundle, a site's build folder).
import * as fs from "fs";
import * as path from "path";
import { installCommand } from "./hints";
import { nearestPackageJson } from "./versions";

/**
 * The path of a file asset or archive the engine could not read, from its message (as the
 * engine words it: pkg/resource/plugin/rpc.go, sdk/go/common/resource/archive.go, asset.go).
 */
export function missingAssetPath(message: string): string | undefined {
  const m =
    /couldn't read archive path '([^']+)'/.exec(message) ??
    /failed to compute asset hash for "[^"]*": open (.+?): no such file or directory/.exec(message);
  return m?.[1];
}

/** How the user runs a package.json script with the package manager that installed `dir`. */
export function runScriptCommand(dir: string, script: string): string {
  const manager = installCommand(dir).install.split(" ")[0];
  return manager === "yarn" ? `yarn ${script}` : `${manager} run ${script}`;
}

interface Script {
  readonly dir: string;
  readonly name: string;
}

/**
 * The script that most likely builds `target`: among the build scripts (`build`, `build:*`) of
 * the program's package.json and of the package that holds the missing folder's nearest existing
 * ancestor, the first whose name or command names a folder of the missing path
 * (`build:lambda` for `lambda/dist`, `cd ../bot && npm run build` for `../bot/bin/code`), else
 * the first `build`.
 */
export function buildScriptFor(target: string, pwd: string): Script | undefined {
  let existing = path.dirname(target);
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) {
    existing = path.dirname(existing);
  }
  // The package of the existing folder counts when it is that folder's own or a workspace root
  // (a monorepo's build scripts live there), not any package.json further up.
  const holder = nearestPackageJson(existing);
  const own =
    holder && (path.dirname(holder.file) === existing || holder.pkg.workspaces !== undefined);
  const owners = [nearestPackageJson(pwd), own ? holder : undefined].filter(
    (o, i, all): o is NonNullable<typeof o> =>
      !!o && all.findIndex((x) => x?.file === o.file) === i,
  );
  const scripts: (Script & { command: string })[] = owners.flatMap((o) =>
    Object.entries((o.pkg.scripts ?? {}) as Record<string, unknown>)
      .filter(([name, command]) => /^build(\W|$)/.test(name) && typeof command === "string")
      .map(([name, command]) => ({ dir: path.dirname(o.file), name, command: String(command) })),
  );
  // The folders the program names (relative to it), not those of the machine above it.
  const words = path
    .relative(pwd, target)
    .split(path.sep)
    .filter((w) => w && !["dist", "build", "bin", "out", "lib", "code", ".."].includes(w));
  const named = scripts.find((s) => words.some((w) => s.name.includes(w) || s.command.includes(w)));
  const chosen = named ?? scripts.find((s) => s.name === "build");
  return chosen && { dir: chosen.dir, name: chosen.name };
}

/**
 * A file asset or archive whose path does not exist when the program registers the resource
 * that holds it. The Pulumi engine hashes every asset and archive as it receives a registration
 * (`ComputeAssetHashes`), so `pulumi preview` fails there too: the path is most often the output
 * of a build the user runs first (`npm run build`, a bundler). Names where the relative path
 * leads (the program's folder is Node's working directory, where the SDK resolves it) and the
 * script that builds it.
 */
export function missingAssetHint(message: string, pwd: string): string {
  const named = missingAssetPath(message);
  if (!named) return "";
  const full = path.resolve(pwd, named);
  if (fs.existsSync(full)) return "";
  const where = path.isAbsolute(named)
    ? ""
    : ` (relative to the program's folder, ${pwd}: ${full})`;
  const script = buildScriptFor(full, pwd);
  const fix = script
    ? `It looks like build output: run \`${runScriptCommand(script.dir, script.name)}\`` +
      (path.resolve(script.dir) === path.resolve(pwd) ? "" : ` in ${script.dir}`) +
      " first, as before `pulumi preview`"
    : "Build or create it first, as `pulumi preview` needs it too";
  return (
    `\n${named}${where} does not exist: the Pulumi engine reads every file asset and archive ` +
    "when the program registers the resource, so `pulumi preview` fails the same way. " +
    fix
  );
}
