// What a compile error means when the program installed no packages and ran on those the check
// lends it (./lent-packages.ts): a member TypeScript cannot find in a lent package is missing from
// the version the check has, which need not be the version the program was written for.
import * as fs from "fs";
import * as path from "path";
import { compileFailed } from "./failure-stage";
import {
  declaredMajorMismatches,
  declaredRange,
  isPackageSpecifier,
  nearestPackageJson,
  packageNameOf,
  resolvePackageJson,
} from "./versions";
import { installCommand } from "./hints";

/** The version a package.json file names, or "" when it cannot be read. */
function versionOf(packageJson: string): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(packageJson, "utf8")) as { version?: unknown };
    return typeof pkg.version === "string" ? pkg.version : "";
  } catch {
    return "";
  }
}

/**
 * The modules a compile error names as where a member is missing, as TypeScript writes them:
 * `typeof import("<file>")` (TS2339/TS2551, a property of a module), `Module '"<module>"' has no
 * exported member 'x'` (TS2305) and `'"<module>"' has no exported member named 'x'` (TS2724),
 * also on a namespace inside it (`'"<file>".s3' has no exported member named 'x'`, for
 * `aws.types.input.s3.X`). `<module>` is a file by its absolute path or a package specifier
 * (`@pulumi/awsx`, `@pulumi/aws/iam`), as the program imported it.
 */
const MODULE_NAMED = [/import\("([^"]+)"\)/g, /'"([^"]+)"(?:\.[\w$.]+)?' has no exported member/g];

/** The lent packages a compile error names (see MODULE_NAMED), not installed by the program. */
function lentPackagesNamed(message: string, pwd: string, fallbackModulesDir: string): string[] {
  // TypeScript names the files by their real path: the lent folder may be a link.
  const folders = [path.join(fallbackModulesDir, "node_modules")];
  try {
    folders.push(fs.realpathSync(folders[0]));
  } catch {
    // an unreadable folder is matched as written
  }
  const names = new Set<string>();
  for (const m of MODULE_NAMED.flatMap((re) => [...message.matchAll(re)])) {
    let name: string;
    if (isPackageSpecifier(m[1])) {
      name = packageNameOf(m[1]);
      if (!resolvePackageJson(name, fallbackModulesDir)) continue;
    } else {
      const file = path.resolve(m[1]);
      const folder = folders.find((f) => file.startsWith(f + path.sep));
      if (folder === undefined) continue;
      name = packageNameOf(
        file
          .slice(folder.length + 1)
          .split(path.sep)
          .join("/"),
      );
    }
    if (!resolvePackageJson(name, pwd)) names.add(name);
  }
  return [...names].sort();
}

/**
 * A compile failure whose diagnostics name a module of a lent package (MODULE_NAMED): which
 * packages, each with the version lent and what the program's package.json asks for, and what to
 * do. With no package.json, that one listing the program's dependencies is needed; where the
 * version notes (./versions.ts `declaredVersionWarnings`) already say the range asked for and to
 * install, the hint does not say it again. Empty when the program installed the package itself,
 * or the failure names nothing lent.
 */
export function lentPackageCompileHint(
  message: string,
  pwd: string,
  fallbackModulesDir: string | undefined,
): string {
  if (!fallbackModulesDir || !compileFailed(message)) return "";
  const names = lentPackagesNamed(message, pwd, fallbackModulesDir);
  if (names.length === 0) return "";
  const hasPackageJson = nearestPackageJson(pwd) !== undefined;
  const noted = declaredMajorMismatches(pwd, fallbackModulesDir);
  const lent = names.map((name) => {
    const installed = resolvePackageJson(name, fallbackModulesDir);
    const version = installed ? versionOf(installed) : "";
    const range = declaredRange(pwd, name);
    const asked =
      !hasPackageJson || noted.has(name)
        ? ""
        : range === undefined
          ? " (not in package.json)"
          : ` (package.json asks for ${range})`;
    return `${name}${version ? ` ${version}` : ""}${asked}`;
  });
  const head =
    `\nthe program has installed no packages, so it ran on those the check lends: ${lent.join(", ")}. ` +
    "The members TypeScript cannot find are missing from those versions, not necessarily from " +
    "the ones the program was written for";
  const again = "check it again, as `pulumi preview` needs them installed too";
  if (!hasPackageJson) {
    return (
      `${head}. The program has no package.json, so nothing names the versions it was written ` +
      "for: it needs one that lists its dependencies (`npm init -y`, then " +
      `\`npm install <package>@<version> …\` for ${names.join(", ")} at the versions it was ` +
      `written for); then ${again}`
    );
  }
  if (names.every((name) => noted.has(name))) {
    return `${head}: the version notes on its package.json say which versions it asks for and what to install`;
  }
  const unlisted = names.filter((name) => declaredRange(pwd, name) === undefined);
  const listFirst = unlisted.length
    ? `list ${unlisted.join(", ")} in its package.json at the version it was written for, then `
    : "";
  return (
    `${head}: ${listFirst}install its dependencies (\`${installCommand(pwd).install}\` beside ` +
    `its package.json) and ${again}`
  );
}
