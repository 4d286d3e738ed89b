// Where a program runs from and with which SDK, as the CLI's Node.js language host decides it
// (pulumi/pulumi `sdk/nodejs/cmd/pulumi-language-nodejs/main.go`: the project's `main`,
// `locateModule`). What the check says when it lends the program
// its own packages: ./lent-packages.ts. The run itself: ./language-host.ts.
import * as fs from "fs";
import * as path from "path";
import type { SdkInfo } from "./language-host";

/** The CLI's `main` rules: the program directory (pwd) and the entry point given to the host. */
export function programLocation(rootDir: string, main: string | undefined) {
  if (!main) return { pwd: rootDir, entry: "." };
  if (path.isAbsolute(main)) throw new Error("project 'main' must be a relative path");
  const full = path.resolve(rootDir, main);
  if (full !== rootDir && !full.startsWith(rootDir + path.sep)) {
    throw new Error("project 'main' must be a subfolder");
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch (e) {
    throw new Error(`project 'main' could not be read: ${(e as Error).message}`);
  }
  return stat.isDirectory() ? { pwd: full, entry: "." } : { pwd: path.dirname(full), entry: full };
}

/** Resolves `@pulumi/pulumi/cmd/run` from `dir`, as the host's `locateModule` does. */
export function locateSdk(dir: string, fallbackModulesDir: string): SdkInfo {
  const find = (from: string) => {
    try {
      const runPath = require.resolve("@pulumi/pulumi/cmd/run", { paths: [from] });
      const pkg = JSON.parse(
        fs.readFileSync(path.join(path.dirname(runPath), "..", "..", "package.json"), "utf8"),
      );
      return { runPath, version: String(pkg.version) };
    } catch {
      return undefined;
    }
  };
  const own = find(dir);
  if (own) return { ...own, own: true };
  const ours = find(fallbackModulesDir);
  if (!ours) throw new Error(`no @pulumi/pulumi found from ${dir} or ${fallbackModulesDir}`);
  return { ...ours, own: false };
}

/**
 * The Yarn Plug'n'Play manifest (`.pnp.cjs`, `.pnp.js` before Yarn 3) at or above `dir`, if any.
 * A PnP install leaves no node_modules: packages resolve only through that manifest, which a
 * plain `node` does not load (https://yarnpkg.com/features/pnp).
 */
export function yarnPnpManifest(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    for (const name of [".pnp.cjs", ".pnp.js"]) {
      const file = path.join(d, name);
      if (fs.existsSync(file)) return file;
    }
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * Why a program that has no `@pulumi/pulumi` in node_modules cannot run as `pulumi preview` runs
 * it, when that is not just a missing `npm install`: a Yarn Plug'n'Play install. The CLI's
 * language host finds the SDK with `require.resolve("@pulumi/pulumi/cmd/run")` in a plain `node`
 * (`locateModule` in pulumi/pulumi `sdk/nodejs/cmd/pulumi-language-nodejs/main.go`), which does
 * not load the PnP manifest, and stops with "It looks like the Pulumi SDK has not been
 * installed" (pulumi/pulumi#3586, Yarn PnP support, open). Lending the check's own packages would
 * judge versions the program never installed, so the check refuses it the same way.
 */
export function unlocatableSdk(pwd: string): string | undefined {
  const pnp = yarnPnpManifest(pwd);
  if (!pnp) return undefined;
  return (
    "It looks like the Pulumi SDK has not been installed: the program was installed with Yarn " +
    `Plug'n'Play (${pnp}), which leaves no node_modules, and the language host looks for ` +
    "@pulumi/pulumi in node_modules only, so `pulumi preview` fails the same way " +
    "(pulumi/pulumi#3586). Add `nodeLinker: node-modules` to .yarnrc.yml and run `yarn install`"
  );
}
