// Hints for the TypeScript a program runs with: Node's own type stripping when the language host's
// ts-node is off, TypeScript in an ES module, and an SDK whose TypeScript is missing or too old.
import * as fs from "fs";
import * as path from "path";
import { major, nearestPackageJson, readVersion, resolvePackageJson } from "./versions";
import { declaredRange, installCommand } from "./hints";

/**
 * A TypeScript program whose Pulumi.yaml turns the language host's ts-node off
 * (`runtime.options.typescript: false`): Node itself must then run the `.ts` files, which it does
 * by stripping their types, on by default from Node 22.18 and 23.6 (22.6 to 22.17 need
 * `--experimental-strip-types` in `nodeargs`; Node.js docs, "Modules: TypeScript", history). On an
 * older Node the entry point is refused (ERR_UNKNOWN_FILE_EXTENSION) or read as JavaScript, and
 * `pulumi preview` on that Node fails the same way. `node` is the version the program ran on.
 */
export function typeStrippingHint(
  message: string,
  typescriptOption: unknown,
  node = process.versions.node,
): string {
  if (typescriptOption !== false) return "";
  if (!/Unknown file extension "\.[cm]?ts"|ERR_UNKNOWN_FILE_EXTENSION/.test(message)) return "";
  const [maj, min] = node.split(".").map(Number);
  const strips = maj > 23 || (maj === 23 && min >= 6) || (maj === 22 && min >= 18);
  if (strips) return "";
  return (
    "\nPulumi.yaml sets `runtime.options.typescript: false`, so the language host leaves the " +
    `.ts files to Node itself, which strips their types only from Node 22.18 (or 23.6) on; this ` +
    `is Node ${node}, so \`pulumi preview\` fails the same way here. Run with Node 22.18 or later, ` +
    "or remove `typescript: false` to let the language host compile the program with ts-node"
  );
}

/**
 * An ES module program in TypeScript that Node cannot load: the language host runs one natively
 * only with ts-node's ESM loader, which needs ts-node 10 or later (and TypeScript 4.7 or later)
 * installed in the program; the SDK's vendored ts-node 7 registers CommonJS hooks only, and Node
 * then refuses the `.ts` entry point (ERR_UNKNOWN_FILE_EXTENSION). @pulumi/pulumi registers the
 * loader itself from 3.183.0 on; older versions need `nodeargs: --loader ts-node/esm` in
 * Pulumi.yaml (@pulumi/pulumi `cmd/run/run.js`, "automatic ESM mode"; pulumi/pulumi#19980; Pulumi
 * docs, JavaScript and TypeScript, "Native ESM support"). The host resolves ts-node from its own
 * folder, so a ts-node the program installed below a hoisted SDK is not found either.
 * `pulumi preview` fails the same way.
 */
export function esmTypeScriptHint(message: string, pwd: string): string {
  if (!/Unknown file extension "\.[cm]?ts"/.test(message)) return "";
  const found = nearestPackageJson(pwd);
  if (!found || found.pkg.type !== "module") return "";
  const shown = path.join(path.basename(path.dirname(found.file)), "package.json");
  const tsNode = installedVersion("ts-node", pwd);
  if (tsNode === undefined || (major(tsNode) ?? 0) < 10) {
    return (
      `\n${shown} makes the program an ES module, and the language host runs TypeScript ES ` +
      "modules only through ts-node's ESM loader, from ts-node 10 on; the program has " +
      (tsNode === undefined ? "no ts-node installed" : `ts-node ${tsNode}`) +
      ", so `pulumi preview` fails the same way. Run " +
      `\`${installCommand(pwd).addDev} ts-node@^10 typescript@^5\` in the program, or compile it ` +
      "to JavaScript first"
    );
  }
  const sdkFile = resolvePackageJson("@pulumi/pulumi", pwd);
  const sdk = sdkFile ? readVersion(sdkFile) : undefined;
  // An SDK before 3.183 never registers the loader, wherever ts-node is: that is the fix to name.
  if (sdk !== undefined && olderThan(sdk, [3, 183, 0])) {
    return (
      `\n@pulumi/pulumi ${sdk} registers ts-node's ESM loader only from 3.183.0 on, so ` +
      "`pulumi preview` fails the same way: upgrade @pulumi/pulumi, or add to Pulumi.yaml " +
      'runtime.options.nodeargs: "--loader ts-node/esm"'
    );
  }
  // The host resolves `ts-node/esm` from its own folder (run.js: `require.resolve("ts-node/esm")`),
  // not from the program's: an SDK installed above the program (a workspace root) whose folders
  // hold no ts-node 10 falls back to its vendored ts-node 7, and Node refuses the `.ts` file.
  const hostSees =
    sdkFile && installedVersion("ts-node", path.join(path.dirname(sdkFile), "cmd", "run"));
  if (sdkFile && (hostSees === undefined || (major(hostSees) ?? 0) < 10)) {
    return (
      `\nts-node ${tsNode} is installed for the program, but the language host of the ` +
      `@pulumi/pulumi it loads (${path.dirname(sdkFile)}) looks for ts-node/esm from its own ` +
      `folder and finds ${hostSees === undefined ? "none" : `ts-node ${hostSees}`}, so ` +
      "`pulumi preview` fails the same way. Install ts-node 10 where @pulumi/pulumi is " +
      "installed (the workspace root), or add to Pulumi.yaml runtime.options.nodeargs: " +
      '"--loader ts-node/esm", which Node resolves from the program\'s folder'
    );
  }
  return "";
}

/** A compiler option error of the TypeScript reading tsconfig.json (TS6046, TS5023). */
export const TS_OPTION_ERROR = /error TS(6046|5023):/;

/** The options a TS6046 or TS5023 refusal names, each once, as `--name`. */
function refusedOptions(message: string): string[] {
  const named = [
    ...message.matchAll(/Argument for '--(\w+)' option/g),
    ...message.matchAll(/Unknown compiler option '-*(\w+)'/g),
  ].map((m) => `--${m[1]}`);
  return [...new Set(named)];
}

/**
 * The program's own TypeScript refuses a tsconfig option: a version older than the option or its
 * value (TypeScript 3.9 knows no `nodenext` module, added in 4.7), or a value no version takes.
 * The upgrade is the program's: its package.json's `typescript`.
 */
function ownTypeScriptHint(message: string, compiler: string, pwd: string): string {
  const options = refusedOptions(message);
  const what = options.length > 0 ? options.join(", ") : "a compiler option";
  // TS5023 "Unknown compiler option": the option itself is unknown (it lists no values);
  // TS6046 "Argument for '--x' option must be": the option's value is.
  const unknownOption = /Unknown compiler option/.test(message);
  const listed = declaredRange(pwd, "typescript");
  const own =
    `\nThe TypeScript that compiles the program is its own, ${compiler}` +
    (listed !== undefined ? ` (package.json lists typescript ${listed})` : "") +
    (unknownOption
      ? `, and it does not know the option ${what} that tsconfig.json sets. `
      : `, and it does not know the value tsconfig.json gives ${what}. `);
  if ((major(compiler) ?? 0) < 5)
    return (
      own +
      `Upgrade it: run \`${installCommand(pwd).addDev} typescript@^5\` in the program, ` +
      `or keep to the options TypeScript ${compiler} knows in tsconfig.json`
    );
  return unknownOption
    ? own + "Remove it from tsconfig.json, or use a TypeScript version that has it"
    : own +
        "Use one of the values it lists in tsconfig.json, or a TypeScript version that knows it";
}

/** The version of a package as Node would resolve it from `dir`, if it is installed there. */
function installedVersion(name: string, dir: string): string | undefined {
  const file = resolvePackageJson(name, dir);
  return file ? readVersion(file) : undefined;
}

function olderThan(version: string, than: [number, number, number]): boolean {
  const parts = version.split(/[.+-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) if (parts[i] !== than[i]) return (parts[i] ?? 0) < than[i];
  return false;
}

/**
 * A compiler option that the TypeScript compiling the program does not know (TS6046 "Argument
 * for '--target' option must be: ...", TS5023 "Unknown compiler option"): which TypeScript that is
 * and the upgrade (the program's own: ownTypeScriptHint). The language host compiles with the `typescript` its `@pulumi/pulumi`
 * resolves (`tsutils.js`, `typeScriptRequireStrings`): before 3.113.0 the SDK's own dependency
 * `typescript ~3.8.3`; from 3.113.0 an optional peer, so the program's, or the copy of 3.8.3 the
 * SDK vendors when the program has none (pulumi/pulumi#15622; #15950: "With the release of
 * v3.113.0, @pulumi/pulumi has an optional peer dependency on typescript"). TypeScript 3.8 knows
 * no `es2022` target and no `nodenext` module, so `pulumi preview` fails the same way; the bare
 * compiler message does not say which TypeScript refused the tsconfig.
 */
export function sdkTypeScriptHint(message: string, pwd: string): string {
  if (!TS_OPTION_ERROR.test(message)) return "";
  const sdkFile = resolvePackageJson("@pulumi/pulumi", pwd);
  if (!sdkFile) return "";
  const sdkDir = path.dirname(fs.realpathSync(sdkFile));
  const sdk = readVersion(sdkFile);
  const vendored = path.join(sdkDir, "vendor", "typescript@3.8.3");
  const compilerFile = resolvePackageJson("typescript", sdkDir);
  const compiler = compilerFile
    ? readVersion(compilerFile)
    : fs.existsSync(vendored)
      ? "3.8.3"
      : undefined;
  if (!sdk || !compiler) return "";
  const ownFile = resolvePackageJson("typescript", pwd);
  if (compilerFile && ownFile && fs.realpathSync(compilerFile) === fs.realpathSync(ownFile)) {
    return ownTypeScriptHint(message, compiler, pwd);
  }
  const own = ownFile ? readVersion(ownFile) : undefined;
  // Listed but not installed: most often an install without dev dependencies.
  const listed = declaredRange(pwd, "typescript");
  const which = compilerFile
    ? `@pulumi/pulumi ${sdk}'s own dependency`
    : "the copy the SDK vendors";
  return (
    `\nThe TypeScript that compiles the program is ${compiler}, ${which}, not ` +
    (own ? `the program's ${own}` : "the program's (it has none installed)") +
    ": the language host compiles with the TypeScript its SDK resolves, the SDK's own before " +
    "@pulumi/pulumi 3.113.0 and the program's from then on (pulumi/pulumi#15622), so `pulumi " +
    "preview` fails the same way. " +
    (olderThan(sdk, [3, 113, 0])
      ? "Upgrade @pulumi/pulumi to 3.113.0 or later"
      : listed !== undefined
        ? `package.json lists typescript ${listed} but it is not installed (an install ` +
          `without dev dependencies?): run \`${installCommand(pwd).install}\` in the program`
        : `Run \`${installCommand(pwd).addDev} typescript@^5\` in the program`) +
    `, or keep to the options TypeScript ${compiler} knows in tsconfig.json`
  );
}
