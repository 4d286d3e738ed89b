// What a compile error means when the program installed no packages and ran on those the check
// lends it (./lent-packages.ts): a member TypeScript cannot find in a lent package is missing from
// the version the check has, which need not be the version the program was written for.
import * as fs from "fs";
import * as path from "path";
import { compileFailed } from "./failure-stage";
import { declaredRange, packageNameOf, resolvePackageJson } from "./versions";
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
 * A compile failure whose diagnostics name declarations inside the lent folder
 * (`typeof import("<lent>/node_modules/@pulumi/aws/iam/index")`, TS2339/TS2551/TS2305/TS2724 on
 * a member, an export or a type): which packages, each with the version lent and the range the
 * program's package.json asks for, and what to do. Empty when the program installed the package
 * itself, or the failure names nothing lent.
 */
export function lentPackageCompileHint(
  message: string,
  pwd: string,
  fallbackModulesDir: string | undefined,
): string {
  if (!fallbackModulesDir || !compileFailed(message)) return "";
  // TypeScript names the files by their real path: the lent folder may be a link.
  const folders = [path.join(fallbackModulesDir, "node_modules")];
  try {
    folders.push(fs.realpathSync(folders[0]));
  } catch {
    // an unreadable folder is matched as written
  }
  const names = new Set<string>();
  for (const m of message.matchAll(/import\("([^"]+)"\)/g)) {
    const file = path.resolve(m[1]);
    const folder = folders.find((f) => file.startsWith(f + path.sep));
    if (folder === undefined) continue;
    const name = packageNameOf(
      file
        .slice(folder.length + 1)
        .split(path.sep)
        .join("/"),
    );
    if (!resolvePackageJson(name, pwd)) names.add(name);
  }
  if (names.size === 0) return "";
  const lent = [...names].sort().map((name) => {
    const installed = resolvePackageJson(name, fallbackModulesDir);
    const version = installed ? versionOf(installed) : "";
    const range = declaredRange(pwd, name);
    const asked = range === undefined ? "not in package.json" : `package.json asks for ${range}`;
    return `${name}${version ? ` ${version}` : ""} (${asked})`;
  });
  return (
    `\nthe program has installed no packages, so it ran on those the check lends: ${lent.join(", ")}. ` +
    "The members TypeScript cannot find are missing from those versions, not necessarily from " +
    `the ones the program was written for: install its dependencies (\`${installCommand(pwd).install}\` ` +
    "beside its package.json) and check it again, as `pulumi preview` needs them installed too"
  );
}
