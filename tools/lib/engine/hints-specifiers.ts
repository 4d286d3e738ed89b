// A hint for an import written for Deno: `npm:@pulumi/aws@7`, `jsr:@std/path@1`,
// `https://deno.land/std/...`. Pulumi runs a `runtime: nodejs` project on Node.js, whose CommonJS
// loader resolves a bare name from node_modules and nothing with a scheme (it reports "Cannot
// find module 'npm:@pulumi/aws@7'"; https://nodejs.org/api/modules.html, "Loading from
// node_modules folders"), and whose ES module loader takes only file:, data: and node: URLs
// (https://nodejs.org/api/esm.html#urls). `pulumi preview` fails the same way; the package hint
// would otherwise read the scheme as part of a package name ("npm:@pulumi is not installed").

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

/** The hint for a missing module whose specifier is a Deno import, or "" for any other. */
export function denoSpecifierHint(specifier: string): string {
  const d = denoSpecifier(specifier);
  if (!d) return "";
  const head =
    `\n"${specifier}" is a Deno import specifier (${d.scheme}:): Pulumi runs this program on ` +
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
