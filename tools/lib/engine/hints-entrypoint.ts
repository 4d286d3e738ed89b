// A hint for an ES module program whose entry point the language host cannot find. For a package
// whose package.json says `"type": "module"`, the host imports the program's path as `node
// <program>` would: a folder must hold index.js, index.mjs, index.ts or index.mts, else "No
// entrypoint found in <folder>" (@pulumi/pulumi cmd/run/run.js, `runProgram`). A `main` that does
// not exist (compiled output not built yet, a renamed file) is where that folder comes from: the
// host warns "Could not find entry point '<main>' specified in package.json" and falls back to the
// project's folder (`resolveEntrypoint`). `pulumi preview` fails the same way; the bare message
// names neither the missing file nor the fix.
import * as fs from "fs";
import * as path from "path";
import { nearestPackageJson } from "./versions";

const INDEXES = "index.js, index.mjs, index.ts or index.mts";

export function noEntrypointHint(message: string, pwd: string): string {
  const folder = /No entrypoint found in (.+)/.exec(message)?.[1]?.trim();
  if (!folder) return "";
  const found = nearestPackageJson(pwd);
  const main = typeof found?.pkg.main === "string" ? found.pkg.main : undefined;
  const shown = path.relative(pwd, folder) || ".";
  if (found && main && !fs.existsSync(path.resolve(path.dirname(found.file), main))) {
    const scripts = found.pkg.scripts as Record<string, unknown> | undefined;
    const build = typeof scripts?.build === "string" ? " (`npm run build`)" : "";
    return (
      `\npackage.json's "main" is "${main}", which does not exist, so the language host fell ` +
      `back to the folder "${shown}", which has no ${INDEXES}; \`pulumi preview\` fails the ` +
      `same way. Build the program first${build} if "${main}" is its compiled output, or ` +
      'point "main" (or `main:` in Pulumi.yaml) at the file the program starts from'
    );
  }
  return (
    `\nThe folder "${shown}" has no ${INDEXES}, the files an ES module program's folder is ` +
    'started from; `pulumi preview` fails the same way. Point "main" in package.json (or ' +
    "`main:` in Pulumi.yaml) at the file the program starts from"
  );
}
