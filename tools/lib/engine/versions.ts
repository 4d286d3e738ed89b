// Version skew between a program's dependencies and what the check expects, reported as program
// warnings before the findings are trusted:
//
// - several copies of `@pulumi/pulumi` whose majors differ, as the Go language host warns when it
//   lists a program's packages (pulumi/pulumi `sdk/nodejs/cmd/pulumi-language-nodejs`,
//   `compatibleVersions`: "Found incompatible versions of @pulumi/pulumi. Differing major
//   versions are not supported."); resources and outputs of one copy are foreign to the other;
// - the program's own `@pulumi/pulumi` or `@pulumi/aws` of another major than the check's (what
//   the policy pack is written for): type tokens and property names change between majors, so
//   a rule may not see what it looks for;
// - a `@pulumi/*` package whose loaded copy is of another major than the program's package.json
//   asks for: most often a program without node_modules of its own that runs on the copies the
//   check lends it. Classes and properties come and go between majors (awsx 1.0 moved the 0.x
//   API to `@pulumi/awsx/classic`, aws 6 renamed `rds.Instance` `name` to `dbName`: the
//   packages' CHANGELOG.md), so such a run fails on a missing class or drops a setting silently.
import * as fs from "fs";
import * as path from "path";

export interface PackageCopy {
  readonly version: string;
  /** The copy's package.json. */
  readonly file: string;
}

/** The version a package.json gives, without a leading "v" (@pulumi/policy writes "v1.21.0"). */
export function readVersion(file: string): string | undefined {
  try {
    const v = JSON.parse(fs.readFileSync(file, "utf8")).version;
    return typeof v === "string" ? v.replace(/^v/, "") : undefined;
  } catch {
    return undefined;
  }
}

/** The major of a version or a range ("^7.48.0" → 7). */
export function major(version: string): number | undefined {
  const m = /(\d+)/.exec(version);
  return m ? Number(m[1]) : undefined;
}

function subdirs(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() || d.isSymbolicLink())
      .map((d) => d.name);
  } catch {
    return [];
  }
}

/**
 * Every `@pulumi/pulumi` under `nodeModules` (a node_modules directory), nested ones included, as
 * Node would load them: `<node_modules>/@pulumi/pulumi`, and the same in each package's own
 * node_modules.
 */
export function pulumiCopies(nodeModules: string): PackageCopy[] {
  const out: PackageCopy[] = [];
  const seen = new Set<string>();
  const walk = (dir: string, depth: number) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      return;
    }
    if (seen.has(real) || depth > 8) return;
    seen.add(real);
    const file = path.join(dir, "@pulumi", "pulumi", "package.json");
    const version = readVersion(file);
    if (version) out.push({ version, file });
    for (const name of subdirs(dir)) {
      if (name.startsWith(".")) continue;
      const packages = name.startsWith("@")
        ? subdirs(path.join(dir, name)).map((n) => path.join(dir, name, n))
        : [path.join(dir, name)];
      for (const p of packages) {
        const nested = path.join(p, "node_modules");
        if (fs.existsSync(nested)) walk(nested, depth + 1);
      }
    }
  };
  walk(nodeModules, 0);
  return out;
}

/** The node_modules directory that holds `@pulumi/pulumi`, given its package.json. */
function nodeModulesOf(sdkPackageJson: string): string | undefined {
  const dir = path.resolve(sdkPackageJson, "..", "..", "..");
  return path.basename(dir) === "node_modules" ? dir : undefined;
}

/** The package a bare specifier names: `@pulumi/aws/s3` → `@pulumi/aws`, `lodash/fp` → `lodash`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * Whether a module specifier names a package (`@pulumi/aws`, `lodash/fp`, `node:fs`), not a file
 * by a relative or absolute path (`./x`, `../x`, `/x`, `C:\x`, `file:///x`).
 */
export function isPackageSpecifier(specifier: string): boolean {
  return (
    !specifier.startsWith(".") &&
    !specifier.startsWith("file:") &&
    !path.isAbsolute(specifier) &&
    !path.win32.isAbsolute(specifier)
  );
}

/** The package.json of `name` as Node resolves it from `from`, if it is installed there. */
export function resolvePackageJson(name: string, from: string): string | undefined {
  try {
    return require.resolve(`${name}/package.json`, { paths: [from] });
  } catch {
    return undefined;
  }
}

/** The major version a dependency range of `checkDir`'s package.json names (`^7.48.0` → 7). */
function targetMajor(checkDir: string, name: string): { range: string; major: number } | undefined {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(checkDir, "package.json"), "utf8"));
    const range = pkg.dependencies?.[name] ?? pkg.devDependencies?.[name];
    const m = typeof range === "string" ? major(range) : undefined;
    return m === undefined ? undefined : { range, major: m };
  } catch {
    return undefined;
  }
}

/**
 * The nearest package.json at or above `dir`, parsed, with its path (a file that holds no JSON
 * object reads as an empty one); undefined when there is none or it is not JSON.
 */
export function nearestPackageJson(
  dir: string,
): { file: string; pkg: Record<string, unknown> } | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const file = path.join(d, "package.json");
    if (fs.existsSync(file)) {
      try {
        const pkg: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
        const isObject = pkg !== null && typeof pkg === "object" && !Array.isArray(pkg);
        return { file, pkg: isObject ? (pkg as Record<string, unknown>) : {} };
      } catch {
        return undefined;
      }
    }
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * The major a dependency range pins: `^4.0.0`, `~0.30.1`, `4.x`, `4` name one; ranges open
 * upwards (`>=3`, `*`, `latest`), unions and non-registry sources (`file:`, `git+…`) do not.
 */
function pinnedMajor(range: string): number | undefined {
  const m = /^\s*[\^~=v]*\s*(\d+)(?:\.(?:\d+|[xX*]))*(?:[-+][\w.]*)?\s*$/.exec(range);
  return m ? Number(m[1]) : undefined;
}

/**
 * Warnings for each `@pulumi/*` dependency of the program's package.json (the nearest one above
 * `programDir`) whose copy the program loads is of another major than the range asks for.
 */
export function declaredVersionWarnings(
  programDir: string,
  checkDir: string,
  used?: ReadonlySet<string>,
): string[] {
  return [...declaredMajorMismatches(programDir, checkDir, used).values()];
}

/**
 * The warnings of `declaredVersionWarnings` by package name, for a hint that would otherwise say
 * again what one of them says.
 */
export function declaredMajorMismatches(
  programDir: string,
  checkDir: string,
  used?: ReadonlySet<string>,
): Map<string, string> {
  const warnings = new Map<string, string>();
  const found = nearestPackageJson(programDir);
  if (!found) return warnings;
  const deps = {
    ...(found.pkg.devDependencies as Record<string, unknown> | undefined),
    ...(found.pkg.dependencies as Record<string, unknown> | undefined),
  };
  for (const [name, range] of Object.entries(deps).sort(([a], [b]) => a.localeCompare(b))) {
    if (!name.startsWith("@pulumi/") || typeof range !== "string") continue;
    if (used && name !== "@pulumi/pulumi" && !used.has(name)) continue;
    const want = pinnedMajor(range);
    // What the program does not resolve itself, it loads from the check's node_modules.
    const own = resolvePackageJson(name, programDir);
    const file = own ?? resolvePackageJson(name, checkDir);
    const version = file ? readVersion(file) : undefined;
    if (want === undefined || !file || !version || major(version) === want) continue;
    const lent = own === undefined;
    warnings.set(
      name,
      `${path.basename(path.dirname(found.file))}/package.json asks for ${name} ${range}, but ` +
        (lent
          ? `the program has not installed it and runs on the check's ${version}`
          : `the program loads ${version} (${file})`) +
        `: classes and properties differ between majors, so the run may fail on one the ` +
        `program uses or drop a setting it makes; run \`npm install\` in the program, or ` +
        `update it to ${name} ${major(version)}`,
    );
  }
  return warnings;
}

/**
 * The `@pulumi/*` packages a run used, read from the type tokens it registered and the invokes it
 * made: a token's package is its first segment (`aws:s3/bucketV2:BucketV2` is `@pulumi/aws`,
 * `pulumi:providers:aws` the provider of `@pulumi/aws`, `docker-build:index:Image`
 * `@pulumi/docker-build`). A package a program lists but never imports registers nothing.
 */
export function usedPackages(tokens: Iterable<string>): Set<string> {
  const used = new Set<string>();
  for (const token of tokens) {
    const parts = token.split(":");
    const pkg = parts[0] === "pulumi" && parts[1] === "providers" ? parts[2] : parts[0];
    if (pkg && pkg !== "pulumi") used.add(`@pulumi/${pkg}`);
  }
  return used;
}

/**
 * Warnings about the versions a program (run from `programDir`) loads, against the check's own
 * (`checkDir`): the declared ranges always, the copies only when the program has its own. With
 * `used` (what a run that finished registered, `usedPackages`), packages it never used are passed
 * over; a failed run gives none, since a major the program did not expect may be why it failed.
 */
export function versionWarnings(
  programDir: string,
  checkDir: string,
  used?: ReadonlySet<string>,
): string[] {
  const warnings: string[] = declaredVersionWarnings(programDir, checkDir, used);
  const sdk = resolvePackageJson("@pulumi/pulumi", programDir);
  const checkSdk = resolvePackageJson("@pulumi/pulumi", checkDir);
  if (!sdk || (checkSdk && fs.realpathSync(sdk) === fs.realpathSync(checkSdk))) return warnings;
  const nodeModules = nodeModulesOf(sdk);
  const copies = nodeModules ? pulumiCopies(nodeModules) : [];
  const first = copies[0];
  for (const other of copies.slice(1)) {
    if (major(other.version) !== major(first.version)) {
      warnings.push(
        "Found incompatible versions of @pulumi/pulumi. Differing major versions are not " +
          `supported.\n  Version ${first.version} referenced at ${first.file}\n` +
          `  Version ${other.version} referenced at ${other.file}`,
      );
      break;
    }
  }
  for (const name of ["@pulumi/pulumi", "@pulumi/aws"]) {
    if (used && name !== "@pulumi/pulumi" && !used.has(name)) continue;
    const file = name === "@pulumi/pulumi" ? sdk : resolvePackageJson(name, programDir);
    const target = targetMajor(checkDir, name);
    const version = file ? readVersion(file) : undefined;
    if (!version || !target || major(version) === target.major) continue;
    warnings.push(
      name === "@pulumi/pulumi"
        ? `the program loads ${name} ${version}, but the check is built on ${name} ` +
            `${target.range} (major ${target.major}): resource options and the engine ` +
            "protocol differ between majors, so findings may be missing or wrong"
        : `the program loads ${name} ${version}, but the policy pack is written for ${name} ` +
            `${target.range} (major ${target.major}): type tokens and property names differ ` +
            "between majors, so findings may be missing or wrong",
    );
  }
  if (sendsSourcePositions(sdk) === false) {
    const sdkVersion = readVersion(sdk);
    warnings.push(
      `the program's @pulumi/pulumi${sdkVersion ? ` ${sdkVersion}` : ""} sends no source ` +
        "positions with its registrations, so its findings name no file or line; " +
        `@pulumi/pulumi ${FIRST_WITH_SOURCE_POSITIONS} and later send them`,
    );
  }
  return warnings;
}

/**
 * The first release of `@pulumi/pulumi` whose registrations carry source positions: 3.76.0
 * (2023-07-20), whose release notes list "[sdk/{go,nodejs,python}] Add support for reporting
 * resource source positions" (pulumi/pulumi#13449).
 */
export const FIRST_WITH_SOURCE_POSITIONS = "3.76.0";

/**
 * Whether an installed `@pulumi/pulumi` (its package.json) sends the file and line that made each
 * resource: its `runtime/resource.js` sets the registration's `sourcePosition` (the field of
 * pulumi/pulumi `proto/pulumi/resource.proto` RegisterResourceRequest), which SDKs before
 * `FIRST_WITH_SOURCE_POSITIONS` (2.x among them) lack. Undefined when the file is not there to
 * tell.
 */
export function sendsSourcePositions(sdkPackageJson: string): boolean | undefined {
  try {
    const runtime = path.join(path.dirname(sdkPackageJson), "runtime", "resource.js");
    return fs.readFileSync(runtime, "utf8").includes("setSourceposition");
  } catch {
    return undefined;
  }
}

/** The range the program's package.json (the nearest above `dir`) gives `name`, if any. */
export function declaredRange(dir: string, name: string): string | undefined {
  const pkg = nearestPackageJson(dir)?.pkg as Record<string, Record<string, unknown> | undefined>;
  return ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"]
    .map((field) => pkg?.[field]?.[name])
    .find((v): v is string => typeof v === "string");
}
