// A hint for an import written for Deno: `npm:@pulumi/aws@7`, `jsr:@std/path@1`,
// `https://deno.land/std/...`. Pulumi runs a `runtime: nodejs` project on Node.js, whose CommonJS
// loader resolves a bare name from node_modules and nothing with a scheme (it reports "Cannot
// find module 'npm:@pulumi/aws@7'"; https://nodejs.org/api/modules.html, "Loading from
// node_modules folders"), and whose ES module loader takes only file:, data: and node: URLs
// (https://nodejs.org/api/esm.html#urls). `pulumi preview` fails the same way; the package hint
// would otherwise read the scheme as part of a package name ("npm:@pulumi is not installed").
// Node's ES module loader names only the scheme ("Only URLs with a scheme in: file, data, and node
// are supported by the default ESM loader. Received protocol 'npm:'", ERR_UNSUPPORTED_ESM_URL_SCHEME),
// so the hint finds the import in the program's sources.
import * as path from "path";
import { firstMatchingLines } from "./program-sources";

/** A specifier with a Deno scheme, split into what Node.js would import instead. */
function denoSpecifier(
  specifier: string,
): { scheme: string; name?: string; version?: string; subpath?: string } | undefined {
  const m = /^(npm|jsr|https?):(.*)$/.exec(specifier);
  if (!m) return undefined;
  const [, scheme, rest] = m;
  if (scheme.startsWith("http")) return { scheme };
  const p = /^\/?(@[^/@]+\/[^/@]+|[^/@]+)(?:@([^/]+))?(\/.*)?$/.exec(rest);
  return p ? { scheme, name: p[1], version: p[2], subpath: p[3] } : { scheme };
}

/**
 * The hint for a missing module whose specifier is a Deno import, or "" for any other; `at`, the
 * program's `file:line` that imports it, when the failure itself does not name one.
 */
export function denoSpecifierHint(specifier: string, at?: string): string {
  const d = denoSpecifier(specifier);
  if (!d) return "";
  const subject = at === undefined ? `"${specifier}" is a` : `${at} imports "${specifier}", a`;
  const head =
    `\n${subject} Deno import specifier (${d.scheme}:): Pulumi runs this program on ` +
    "Node.js (runtime: nodejs), which imports packages by their bare name from node_modules and " +
    "does not resolve such specifiers; `pulumi preview` fails the same way. ";
  if (!d.name) {
    return (
      head +
      "Node.js does not import modules from URLs: install the package from npm, or copy the " +
      "module into the program"
    );
  }
  const install = `${d.name}${d.version ? `@${d.version}` : ""}`;
  const bare = `${d.name}${d.subpath ?? ""}`;
  return d.scheme === "jsr"
    ? head +
        `Install the JSR package into node_modules (\`npx jsr add ${install}\`) and import "${bare}"`
    : head +
        `Import "${bare}" and declare the version in package.json (\`npm install ${install}\`)`;
}

/**
 * The hint for Node's ES module loader refusing a Deno scheme (`Received protocol 'npm:'`): the
 * first import of such a specifier in the program's sources, named at its line, or "".
 */
export function esmSchemeHint(message: string, pwd: string): string {
  const scheme = /Received protocol '(npm|jsr|https?):'/.exec(message)?.[1];
  if (!scheme) return "";
  const quoted = `["'](${scheme}:[^"'\\s]+)["']`;
  const importOf = new RegExp(`(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*)${quoted}`);
  const found = firstMatchingLines(pwd, importOf, 1)[0];
  const specifier = found ? importOf.exec(found.text)?.[1] : undefined;
  if (!found || !specifier) return "";
  const at = `${path.relative(pwd, found.file) || path.basename(found.file)}:${found.line}`;
  return denoSpecifierHint(specifier, at);
}
