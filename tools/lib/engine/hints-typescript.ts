// A tsconfig that TypeScript 6 refuses. TypeScript 6.0 turns the options it deprecates for 7.0
// into errors unless the tsconfig says `"ignoreDeprecations": "6.0"` (TS5101, TS5107: "Option
// 'moduleResolution=node10' is deprecated and will stop functioning in TypeScript 7.0. Specify
// compilerOption '"ignoreDeprecations": "6.0"' to silence this error"), and wants `rootDir` set
// where an `outDir` would otherwise lay files out from the computed common source directory
// (TS5011); both messages end "Visit https://aka.ms/ts6 for migration information". The language
// host compiles with the TypeScript the program installed (pulumi/pulumi#15622), so a program
// whose package.json lets npm pick 6.x, on the tsconfig `pulumi new` wrote ("moduleResolution":
// "node"), fails under `pulumi preview` the same way.
import * as fs from "fs";
import * as path from "path";
import { installCommand } from "./hints";
import { hostTsconfig } from "./tsconfig-setting";
import { major, readVersion, resolvePackageJson } from "./versions";

/** The TypeScript the language host compiles the program with, and its version. */
function hostTypeScript(pwd: string): { version: string; file: string } | undefined {
  const sdk = resolvePackageJson("@pulumi/pulumi", pwd);
  if (!sdk) return undefined;
  const file = resolvePackageJson("typescript", path.dirname(fs.realpathSync(sdk)));
  const version = file ? readVersion(file) : undefined;
  return file && version ? { version, file } : undefined;
}

export function typeScript6Hint(message: string, pwd: string, tsconfigOption: unknown): string {
  const code = /error TS(5011|5101|5107)\b/.exec(message)?.[1];
  if (!code) return "";
  const ts = hostTypeScript(pwd);
  if (!ts || major(ts.version) !== 6) return "";
  const tsconfig = hostTsconfig(pwd, tsconfigOption);
  const shown = tsconfig?.shown ?? "tsconfig.json";
  const fix =
    code === "5011"
      ? `set "rootDir" in ${shown}'s compilerOptions to the folder its outDir should mirror ` +
        '(".", the program\'s folder, when index.ts sits beside src/)'
      : `add "ignoreDeprecations": "6.0" to ${shown}'s compilerOptions, or replace the ` +
        'deprecated option (e.g. "moduleResolution": "node16" with "module": "node16")';
  return (
    `\nThe program compiles with TypeScript ${ts.version} (${path.relative(pwd, ts.file)}), ` +
    `which refuses what ${shown} asks where TypeScript 5 accepted it, and the language host ` +
    "compiles with the program's TypeScript, so `pulumi preview` fails the same way. Either " +
    `${fix}, or keep TypeScript 5: \`${installCommand(pwd).addDev} typescript@^5\``
  );
}
