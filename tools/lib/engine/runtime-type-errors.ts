// A program written against another major of a provider package (`aws.s3.BucketV2` renamed,
// `repo.repositoryArn` never declared) fails under `pulumi preview` before it runs: the language
// host compiles it with ts-node, which type-checks unless PULUMI_NODEJS_TRANSPILE_ONLY or the
// tsconfig's `noCheck` says otherwise (`cmd/run/run.js` of @pulumi/pulumi: "Otherwise we default
// to ts-node's default, which is to type check"), and ts-node stops at the first file it requires
// that has a type error ("TSError: ⨯ Unable to compile TypeScript", ts-node README, "Type
// checking"). The check compiles transpile-only, so the same program runs on and fails later, at
// a call of what the package does not have (`TypeError: aws.s3.X is not a constructor`), in
// another file than the one `pulumi preview` names. Such a failure is compiled again as the host
// compiles it, so the report names the error, file and line `pulumi preview` names.
import * as fs from "fs";
import * as path from "path";
import type { ProgramFailure, SourceLocation } from "./language-host";
import { frameOf } from "./own-frames";
import { readSource } from "./program-sources";
import { nearestPackageJson } from "./versions";

/** `TypeError: aws.s3.BucketServerSideEncryptionConfiguration is not a constructor`. */
const MISSING_MEMBER = /^TypeError: ([\w$]+)((?:\.[\w$]+)+) is not a (constructor|function)\b/;
/**
 * `TypeError: Cannot read properties of undefined (reading 'Stack')`: V8's words for
 * `new aws.opsworks.Stack(...)` when `aws.opsworks` is missing (a module a later major removed,
 * a typo of a module name). The message names only the member read; the program's line at the
 * error's column names the rest.
 */
const UNDEFINED_READ = /^TypeError: Cannot read properties of undefined \(reading '([\w$]+)'\)/;

/** A file TypeScript compiles (`.ts`, `.tsx`, `.mts`, `.cts`): JavaScript is never type-checked. */
export const TYPESCRIPT_FILE = /\.[cm]?tsx?$/;

/** What `<root>.<path> is not a constructor|function` names. */
export interface MissingMember {
  /** The whole expression, e.g. `aws.s3.BucketV2`. */
  readonly expression: string;
  /** The name the program bound, e.g. `aws`. */
  readonly root: string;
  /** The members after it, e.g. `["s3", "BucketV2"]`. */
  readonly members: readonly string[];
  /** How it was used: called, constructed, or read from (`member`: `aws.opsworks` in `aws.opsworks.Stack`). */
  readonly kind: "constructor" | "function" | "member";
}

/** The package `name` is bound to in `source`: `require("p")`, `import * as name from "p"`, or a default import. */
export function boundPackage(source: string, name: string): string | undefined {
  const id = name.replace(/\$/g, "\\$");
  const forms = [
    new RegExp(`\\b(?:const|let|var)\\s+${id}\\s*=\\s*require\\(\\s*["']([^"']+)["']\\s*\\)`),
    new RegExp(`\\bimport\\s+\\*\\s+as\\s+${id}\\s+from\\s+["']([^"']+)["']`),
    new RegExp(`\\bimport\\s+${id}\\s+from\\s+["']([^"']+)["']`),
  ];
  for (const f of forms) {
    const m = f.exec(source);
    if (m) return m[1];
  }
  return undefined;
}

/** Names a module's declaration file declares as values (classes, functions, constants, namespaces). */
export function declaredMembers(dts: string): string[] {
  const out = new Set<string>();
  const re =
    /^export (?:declare )?(?:const|function|class|let|var|enum) ([\w$]+)|^(?:import|export) \* as ([\w$]+) from ["']\.{1,2}\//gm;
  for (let m = re.exec(dts); m; m = re.exec(dts)) out.add(m[1] ?? m[2]);
  return [...out];
}

/**
 * The installed package `pkg` as the program found it: from `from` (the file's folder, the
 * program's), then the packages the check lends a program that installed none
 * (`fallbackModulesDir`, whose `node_modules` the program's NODE_PATH names: ./language-host.ts).
 */
export function installedPackage(
  pkg: string,
  from: readonly string[],
  fallbackModulesDir?: string,
): { readonly dir: string; readonly entry: string; readonly version?: string } | undefined {
  let entry: string;
  try {
    entry = require.resolve(pkg, {
      paths: fallbackModulesDir ? [...from, fallbackModulesDir] : [...from],
    });
  } catch {
    return undefined;
  }
  const found = nearestPackageJson(path.dirname(entry));
  if (!found) return undefined;
  const version = typeof found.pkg.version === "string" ? found.pkg.version : undefined;
  return { dir: path.dirname(found.file), entry, version };
}

/**
 * Whether the package has a module `name`: its folder (`@pulumi/aws/opsworks/`), or a member its
 * entry declares or exports under that name.
 */
function hasModule(pkg: { readonly dir: string; readonly entry: string }, name: string): boolean {
  if (fs.existsSync(path.join(pkg.dir, name))) return true;
  const read = (f: string) => {
    try {
      return fs.readFileSync(f, "utf8");
    } catch {
      return "";
    }
  };
  const dts = read(pkg.entry.replace(/\.[cm]?js$/, ".d.ts"));
  if (declaredMembers(dts).includes(name)) return true;
  const id = name.replace(/\$/g, "\\$");
  return new RegExp(`\\bexports\\.${id}\\s*=|\\bexports,\\s*["']${id}["']`).test(read(pkg.entry));
}

/**
 * The member a `TypeError: <name>.<path> is not a constructor|function` names (the one way a
 * call of a member a package lacks fails at run time), read for the TypeScript note here and the
 * JavaScript hint of ./hints-members.ts alike.
 */
export function missingMemberOf(
  message: string,
  at?: { readonly file: string; readonly line?: number; readonly column?: number },
  pwd?: string,
  fallbackModulesDir?: string,
): MissingMember | undefined {
  const m = MISSING_MEMBER.exec(message);
  if (m) {
    return {
      expression: m[1] + m[2],
      root: m[1],
      members: m[2].slice(1).split("."),
      kind: m[3] as MissingMember["kind"],
    };
  }
  return undefinedNamespaceOf(message, at, pwd, fallbackModulesDir);
}

/**
 * For `Cannot read properties of undefined (reading 'X')` at a line that reads `<root>.<a>.X`
 * at the error's column, where `<root>` is a package the file imports and the installed package
 * has no module `<a>` (no `<pkg>/<a>/` folder, no such export): `<root>.<a>` is what the package
 * lacks. Likewise `<root>.<a>.<b>.X` where the package has the module `<a>` but its declarations
 * have no `<b>` (`aws.iam.ManagedPolicies.CloudWatchLogsFullAccess`, a name aws 7 dropped for
 * `ManagedPolicy`): `<root>.<a>.<b>`. Undefined for anything else: an undefined variable, a member
 * the module declares that is undefined (`aws.config.region` with no region set), a deeper read,
 * a module whose declarations cannot all be read, a package the file did not bind to that name or
 * that cannot be found.
 */
function undefinedNamespaceOf(
  message: string,
  at?: { readonly file: string; readonly line?: number; readonly column?: number },
  pwd?: string,
  fallbackModulesDir?: string,
): MissingMember | undefined {
  const read = UNDEFINED_READ.exec(message);
  if (!read || !at?.line || !at.column) return undefined;
  const source = readSource(at.file);
  const line = source?.split("\n")[at.line - 1];
  const col = at.column - 1;
  if (!source || !line || !line.startsWith(read[1], col)) return undefined;
  const chain = /(?:^|[^\w$.])([A-Za-z_$][\w$]*)\.([\w$]+)\.(?:([\w$]+)\.)?$/.exec(
    line.slice(0, col),
  );
  if (!chain) return undefined;
  const [, root, module, member] = chain;
  const pkg = boundPackage(source, root);
  if (!pkg || pkg.startsWith(".")) return undefined;
  const from = [path.dirname(at.file), ...(pwd ? [pwd] : [])];
  const installed = installedPackage(pkg, from, fallbackModulesDir);
  if (!installed) return undefined;
  const has = hasModule(installed, module);
  if (member === undefined) {
    if (has) return undefined;
    return { expression: `${root}.${module}`, root, members: [module], kind: "member" };
  }
  const declared = has ? moduleMembers(path.join(installed.dir, module, "index.d.ts")) : undefined;
  if (!declared || declared.includes(member)) return undefined;
  return {
    expression: `${root}.${module}.${member}`,
    root,
    members: [module, member],
    kind: "member",
  };
}

/**
 * The names the declaration file `dts` declares as values, those of its `export { ... }` lists,
 * and those of the files its `export * from "./x"` lines name (either quote; `./x.js` is
 * `./x.d.ts`, `./x.mjs` `./x.d.mts`); undefined, nothing claimed of the module, when one of these files cannot be read or
 * the file re-exports what this does not follow: `export * from "<package>"`, an `export *`
 * written otherwise (over several lines), or `export =` (its names are another declaration's).
 */
export function moduleMembers(dts: string, seen = new Set<string>()): string[] | undefined {
  if (seen.has(dts)) return [];
  seen.add(dts);
  let text: string;
  try {
    text = fs.readFileSync(dts, "utf8");
  } catch {
    return undefined;
  }
  if (/^\s*export\s*=/m.test(text)) return undefined;
  const names = declaredMembers(text);
  for (const m of text.matchAll(/^export (?:declare )?(?:namespace|import) ([\w$]+)/gm)) {
    names.push(m[1]);
  }
  // `export { A, B as C } from "./x"`: the names after `as`.
  for (const m of text.matchAll(/^export (?:type )?\{([^}]*)\}/gm)) {
    for (const part of m[1].split(",")) {
      const [, alias] = /(?:^|\s)([\w$]+)\s*$/.exec(part) ?? [];
      if (alias) names.push(alias);
    }
  }
  // Every `export *` but a type-only one (`export type * from`, TypeScript 5.0: no values) and a
  // namespace (`export * as ns from`, a name declaredMembers reads) must be one this follows.
  const all = text.match(/^[ \t]*export\s*\*(?!\s*as\s)/gm)?.length ?? 0;
  const followed = [...text.matchAll(/^export \* from (["'])(\.{1,2}\/[^"'\n]+)\1/gm)];
  if (followed.length !== all) return undefined;
  for (const m of followed) {
    const base = path.resolve(path.dirname(dts), m[2].replace(/\.([cm]?)js$/, ""));
    const file = [".d.ts", ".d.mts", ".d.cts", "/index.d.ts"]
      .map((ext) => base + ext)
      .find((f) => fs.existsSync(f));
    const more = file === undefined ? undefined : moduleMembers(file, seen);
    if (!more) return undefined;
    names.push(...more);
  }
  return names;
}

/**
 * The member a program's TypeScript called that its packages do not have, when the call is in a
 * TypeScript file of the program itself (not a package's, and not JavaScript, which no compile
 * checks): a type-checking compile would have refused it.
 */
export function missingMemberCall(
  failure: ProgramFailure | undefined,
  pwd?: string,
  fallbackModulesDir?: string,
): { readonly expression: string; readonly kind: string } | undefined {
  if (!programTypeScriptSite(failure)) return undefined;
  const m = missingMemberOf(failure.message, failure.location, pwd, fallbackModulesDir);
  return m && { expression: m.expression, kind: m.kind };
}

/**
 * Where a failure happened, when that is a TypeScript file of the program itself: not a package's
 * (under node_modules), and not JavaScript, which no compile type-checks.
 */
function programTypeScriptSite(
  failure: ProgramFailure | undefined,
): failure is ProgramFailure & { readonly location: SourceLocation } {
  const file = failure?.kind === "error" ? failure.location?.file : undefined;
  if (!file || !TYPESCRIPT_FILE.test(file)) return false;
  return !file.split(/[\\/]/).includes("node_modules");
}

/** `file:line` of a site, its file relative to the program's folder. */
function siteOf(at: SourceLocation, pwd: string): string {
  return `${path.isAbsolute(at.file) ? path.relative(pwd, at.file) : at.file}:${at.line}`;
}

/**
 * How a note on a run compiled again with type-checking ends: why the check compiled it so.
 * The language host compiles with ts-node, which type-checks unless PULUMI_NODEJS_TRANSPILE_ONLY
 * or the tsconfig's `noCheck` says otherwise (`cmd/run/run.js` of @pulumi/pulumi).
 */
export const TYPE_CHECKED_AGAIN =
  "`pulumi preview` type-checks the program by default and stops at the first type error, " +
  "before the program runs, so the check compiled it the same way (as --type-check does) and " +
  "reports what that compile reports";

/**
 * How such a note ends when the compile with type-checking found no error and the program ran:
 * a compile that sees the whole program emits what a file-by-file one cannot (an ambient `const
 * enum`'s members, which a file-by-file compile leaves as a read of a name nothing defines: the
 * TypeScript handbook, "Enums", "Const enum pitfalls").
 */
const RAN_TYPE_CHECKED =
  "the program runs only when compiled with type-checking, as `pulumi preview` compiles it by " +
  "default, so the check compiled it the same way (as --type-check does)";

/** A note that ends with TYPE_CHECKED_AGAIN, said of a run that compiled and ran. */
export function ranOnlyTypeChecked(note: string): string {
  return note.endsWith(TYPE_CHECKED_AGAIN)
    ? note.slice(0, -TYPE_CHECKED_AGAIN.length) + RAN_TYPE_CHECKED
    : note;
}

/** The report's note on a run compiled again with type-checking for that reason. */
export function missingMemberNote(
  failure: ProgramFailure | undefined,
  pwd: string,
  fallbackModulesDir?: string,
): string | undefined {
  const call = missingMemberCall(failure, pwd, fallbackModulesDir);
  const at = failure?.location;
  if (!call || !at) return undefined;
  return (
    (call.kind === "member"
      ? `${siteOf(at, pwd)} reads \`${call.expression}\`, which the installed packages do not have: `
      : `${siteOf(at, pwd)} calls \`${call.expression}\`, which is not a ${call.kind} of the ` +
        "installed packages: ") + TYPE_CHECKED_AGAIN
  );
}

/**
 * `Missing required property 'image'`: what a provider SDK's resource constructor throws for a
 * required input that is undefined (@pulumi/docker `container.js`, every generated resource
 * class: `if (args?.image === undefined && !opts.urn) throw new Error("Missing required property
 * 'image'")`), the constructor's own frame first (`at new Container (.../container.js:...)`).
 */
const MISSING_REQUIRED = /^Missing required property '([^']+)'/;
/** The frame of a class's constructor (V8: `at new Container (<place>)`). */
const CONSTRUCTOR_FRAME = /^\s*at new [\w$.]+ \(/;
/**
 * `ReferenceError: repo is not defined`: a name nothing declares (TypeScript's TS2304). Not Node's
 * "require is not defined in ES module scope", a module-format error with hints of its own
 * (./hints-module-syntax.ts), which a type-checking compile does not explain.
 */
const UNDEFINED_NAME = /^ReferenceError: ([\w$]+) is not defined(?:\n|$)/;

/** The frame lines of a failure's stack, as the language host printed it, in order. */
function frameLines(failure: ProgramFailure): string[] {
  return (failure.detail ?? "").split("\n").filter((l) => frameOf(l) !== undefined);
}

/** Whether a stack frame line is at `at`'s file and line. */
function frameAt(line: string | undefined, at: SourceLocation): boolean {
  const f = line === undefined ? undefined : frameOf(line);
  return f !== undefined && f.file === at.file && f.line === at.line;
}

/**
 * A required input the program's TypeScript left undefined, or a name it uses that nothing
 * defines. Given a value TypeScript cannot prove defined (a member the installed package does not
 * declare, as `RemoteImage.latest`, which @pulumi/docker 4.1.0 dropped, pulumi/pulumi-docker#564;
 * a `config.get` under strictNullChecks), or a name nothing declares (the random-typescript
 * template's stray `repo.id`), the type-checking compile of `pulumi preview` stops at that line
 * with the type error that says why, before the program runs: the report's note on a run compiled
 * again so. Only when the program's own line is where it failed: the error thrown there (the
 * name read), or by the provider SDK's constructor it called there (the frame just past the
 * constructor's); not one a dependency raised (its `window` is not defined), which no compile of
 * the program explains. Undefined for JavaScript (never type-checked) and for a package's file.
 */
export function undefinedValueNote(
  failure: ProgramFailure | undefined,
  pwd: string,
): string | undefined {
  if (!programTypeScriptSite(failure)) return undefined;
  const at = failure.location;
  const frames = frameLines(failure);
  const input = MISSING_REQUIRED.exec(failure.message)?.[1];
  if (input !== undefined) {
    const sdkConstructor =
      CONSTRUCTOR_FRAME.test(frames[0] ?? "") &&
      (frameOf(frames[0])?.file.split(/[\\/]/).includes("node_modules") ?? false);
    if (!sdkConstructor || !frameAt(frames[1], at)) return undefined;
    return `${siteOf(at, pwd)} gives a resource no required \`${input}\` at run time: ${TYPE_CHECKED_AGAIN}`;
  }
  const name = UNDEFINED_NAME.exec(failure.message)?.[1];
  if (name === undefined || !frameAt(frames[0], at)) return undefined;
  return `${siteOf(at, pwd)} uses \`${name}\`, which nothing defines at run time: ${TYPE_CHECKED_AGAIN}`;
}
