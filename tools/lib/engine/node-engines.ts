// The Node version a dependency asks for (its package.json `engines.node`), read when a program
// fails while that dependency loads: the likely cause, which the error itself never names.
import * as path from "path";
import { nearestPackageJson } from "./versions";
import { frameOf } from "./frame-of";

/** [major, minor, patch] of "22.19.0", "v20.20.2", "22" or "22.x"; undefined otherwise. */
function versionParts(v: string): number[] | undefined {
  const m = /^v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/.exec(v.trim());
  if (!m) return undefined;
  return [m[1], m[2], m[3]].map((p) => (p === undefined || !/^\d+$/.test(p) ? 0 : Number(p)));
}

/** `parts` followed by zeros, three in all. */
function pad(parts: number[]): number[] {
  return [...parts, 0, 0, 0].slice(0, 3);
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * Below 0, 0 or above 0 as version `a` comes before, with or after `b` (semver precedence of
 * major.minor.patch; a prerelease such as 4.7.0-beta before its release); undefined when either
 * is not such a version.
 */
export function compareVersions(a: string, b: string): number | undefined {
  const [coreA, preA] = a.trim().split(/-(.*)/s);
  const [coreB, preB] = b.trim().split(/-(.*)/s);
  const pa = versionParts(coreA);
  const pb = versionParts(coreB);
  if (!pa || !pb) return undefined;
  const byCore = compare(pad(pa), pad(pb));
  if (byCore !== 0) return byCore;
  return Number(preA === undefined) - Number(preB === undefined);
}

/**
 * Whether Node `version` satisfies an `engines.node` range, for the comparators npm's ranges use
 * most (>=, >, <=, <, =, ^, ~, x, *, joined by spaces and ||: https://github.com/npm/node-semver
 * "Ranges"); undefined for a range this does not read.
 */
export function nodeSatisfies(range: string, version: string): boolean | undefined {
  const v = versionParts(version);
  if (!v) return undefined;
  let readable = true;
  const alternatives = range.split("||").map((alt) =>
    alt
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .every((token) => {
        if (token === "*" || token === "x") return true;
        const m = /^(>=|<=|>|<|=|\^|~)?(.+)$/.exec(token);
        const want = m && versionParts(m[2]);
        if (!m || !want) {
          readable = false;
          return false;
        }
        const given = m[2].split(".").filter((p) => /^\d+$/.test(p)).length;
        // A partial version is an x-range: "<=22" is "<23.0.0" and ">22" is ">=23.0.0" (node-semver
        // "X-Ranges"), so the comparators weigh only the parts given.
        const c = compare(pad(v.slice(0, given)), pad(want.slice(0, given)));
        switch (m[1]) {
          case ">=":
            return c >= 0;
          case ">":
            return c > 0;
          case "<=":
            return c <= 0;
          case "<":
            return c < 0;
          case "^":
            return c >= 0 && v[0] === want[0];
          case "~":
            return c >= 0 && v[0] === want[0] && (given < 2 || v[1] === want[1]);
          default:
            // "22", "22.x", "=22.1.0": the parts given must match.
            return v.slice(0, given).every((p, i) => p === want[i]);
        }
      }),
  );
  return readable ? alternatives.some(Boolean) : undefined;
}

/**
 * A dependency that threw while it loaded and whose package.json declares an `engines.node` range
 * this Node does not satisfy: the likely cause, which the error itself never names (npm only warns,
 * EBADENGINE, when it installs such a package: https://docs.npmjs.com/cli/configuring-npm/package-json#engines).
 * `pulumi preview` runs the program on the same Node and fails the same way. A TypeScript
 * diagnostic (`error TS6046: ...`, thrown from the SDK's compiler) names its own cause: the
 * compiler refused the program or its tsconfig, whatever Node runs it.
 */
export function dependencyEnginesHint(detail: string, nodeVersion = process.version): string {
  if (/\berror TS\d+:/.test(detail)) return "";
  const sep = `${path.sep}node_modules${path.sep}`;
  for (const line of detail.split("\n")) {
    // CommonJS and ES-module frames (`file:///…/i.mjs`, `at async /…`) alike; never Node's own.
    const file = frameOf(line)?.file;
    if (file === undefined || !path.isAbsolute(file)) continue;
    // The first file frame is the code that threw (Node's own `node:` frames have no path): the
    // program's own code (a failed `execSync`) is no dependency failing to load, even though the
    // SDK's loader, which declares engines too, sits further down the stack.
    if (!file.includes(sep)) return "";
    const found = nearestPackageJson(path.dirname(file));
    const range = found?.pkg.engines as { node?: unknown } | undefined;
    if (!found || typeof range?.node !== "string") return "";
    if (nodeSatisfies(range.node, nodeVersion) !== false) return "";
    const name = typeof found.pkg.name === "string" ? found.pkg.name : path.dirname(found.file);
    const version = typeof found.pkg.version === "string" ? ` ${found.pkg.version}` : "";
    return (
      `\nIt was thrown while ${name}${version} loaded, which declares engines.node ` +
      `"${range.node}" (${found.file}); this is Node ` +
      `${nodeVersion}, which \`pulumi preview\` would run it on too. Run on a Node version the ` +
      `package supports, or install a version of ${name} that supports this one`
    );
  }
  return "";
}

/**
 * @pulumi/pulumi 1.x loads the native `grpc` package, whose binary is compiled for one Node
 * version at install (`node_modules/grpc/src/node/extension_binary/node-v<ABI>-...`); it says
 * "The gRPC binary module was not installed" when there is none for the Node that runs it. The
 * grpc package is deprecated ("This library will not receive any further updates": its npm
 * page) and does not build on current Node versions, so `npm rebuild` rarely helps there: later
 * @pulumi/pulumi majors use @grpc/grpc-js, plain JavaScript. `pulumi preview` fails the same way.
 *
 * The copy that fails may not be the program's: a provider of the 0.x/1.x era (`@pulumi/awsx`
 * 0.18, `@pulumi/cloud`) next to a current @pulumi/pulumi brings its own old SDK in its own
 * node_modules, and the path Node could not load (`text`, the whole error) names that package.
 */
export function nativeGrpcHint(message: string, pwd: string, text = message): string {
  if (!/The gRPC binary module was not installed/.test(message)) return "";
  const nested = /(\/[^'"\s]*?\/node_modules\/((?:@[^/\s]+\/)?[^/\s]+))\/node_modules\/grpc\//.exec(
    text,
  );
  const why =
    `loads the native grpc module, not compiled for Node.js ${process.versions.node} ` +
    "(grpc 1.x does not build on current Node versions, and npm skips its install script unless " +
    "allowed): `pulumi preview` fails the same way here.";
  // The SDK's own nested grpc is the SDK's failure, not another package's.
  if (nested && nested[2] !== "@pulumi/pulumi") {
    const [, ownerDir, owner] = nested;
    const ownVersion = String(
      nearestPackageJson(path.join(ownerDir, "x"))?.pkg.version ?? "",
    ).replace(/^v/, "");
    const oldSdk = nearestPackageJson(path.join(ownerDir, "node_modules", "@pulumi", "pulumi", "x"))
      ?.pkg.version;
    const top = nearestPackageJson(path.join(pwd, "node_modules", "@pulumi", "pulumi", "x"))?.pkg
      .version;
    return (
      `\nThe program's ${owner}${ownVersion ? ` ${ownVersion}` : ""} brings ` +
      `its own @pulumi/pulumi${typeof oldSdk === "string" ? ` ${oldSdk}` : ""} (in its node_modules), which ${why} ` +
      `Upgrade ${owner} to a release made for the program's @pulumi/pulumi` +
      `${typeof top === "string" ? ` ${top}` : ""}, or remove it if the program no longer uses it`
    );
  }
  const sdk = nearestPackageJson(path.join(pwd, "node_modules", "@pulumi", "pulumi", "x"));
  const version = typeof sdk?.pkg.version === "string" ? ` ${sdk.pkg.version}` : "";
  return (
    `\nThe program's @pulumi/pulumi${version} ${why} Upgrade @pulumi/pulumi (and the providers) ` +
    "to a current major, which uses @grpc/grpc-js, or run the program on the Node.js version it " +
    "was installed for"
  );
}
