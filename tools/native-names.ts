// Regenerates test/policy/native/sdk-names.txt, the aws-native property names the twins may read
// (`npm run -s native:names -- <sdk dir>...`): per native type a twin maps
// (policy-pack/lib/native/twins*.ts), the SDK versions that ship it, its resource Args' input
// property names, every property name of the nested input types those reach, and, for a type the
// first SDK ships, the names only the others spell. Each <sdk dir> is an unpacked
// @pulumi/aws-native npm package (`npm pack @pulumi/aws-native@<version>` then `tar xzf`, its
// `package/` directory; or a node_modules/@pulumi/aws-native), given in the table's order: the
// newest 1.x, the last 0.x, an early 0.x. The names are read from the package's declaration files,
// the generated sdk/nodejs/<module>/<type>.ts and types/input.ts of pulumi/pulumi-aws-native:
// `__pulumiType` in <type>.js names the token, `<Type>Args` in <type>.d.ts its inputs,
// `inputs.<module>.<Name>` the nested input types. Regenerate when a twin is added or reads a new
// property, and when a newer SDK is taken as the newest.
import * as fs from "fs";
import * as path from "path";
import { printUsage, runTool, UsageError } from "./lib/cli";
import { flagValue, parseFlags } from "./lib/flags";

const ROOT = path.resolve(__dirname, "..");
const TABLE = path.join(ROOT, "test", "policy", "native", "sdk-names.txt");

export const USAGE = `Usage: npm run -s native:names -- [options] <sdk dir>...

  <sdk dir>      an unpacked @pulumi/aws-native package (npm pack, then its package/ directory),
                 in the table's order: the newest 1.x, the last 0.x, an early 0.x
  --out <file>   write the table there (default: test/policy/native/sdk-names.txt)
  --check        write nothing; exit 1 when the table differs from what the packages give
  --help         this text
`;

/** A declaration's members: property name → its type's text. */
type Props = Record<string, string>;

interface Sdk {
  readonly version: string;
  /** Resource token → its <type>.d.ts. */
  readonly tokens: Map<string, string>;
  /** "<module>.<Name>" → the nested input type's members (types/input.d.ts). */
  readonly inputs: Map<string, Props>;
}

/** The end of the block opened just before `start` (the index after its closing brace). */
function blockEnd(text: string, start: number): number {
  let i = start;
  let depth = 1;
  while (depth && i < text.length) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}") depth--;
    i++;
  }
  return i;
}

/** Every interface in a declaration file's text, with its top-level members. */
function interfaces(text: string): Map<string, Props> {
  const out = new Map<string, Props>();
  const re = /(?:export )?interface (\w+)\s*\{/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const end = blockEnd(text, re.lastIndex);
    const body = text.slice(re.lastIndex, end - 1).replace(/\/\*[\s\S]*?\*\//g, "");
    const props: Props = {};
    let depth = 0;
    let member = "";
    for (const ch of body) {
      if ("{<([".includes(ch)) depth++;
      if ("}>)]".includes(ch)) depth--;
      if (ch === ";" && depth === 0) {
        const mm = member.trim().match(/^(?:readonly )?(\w+)\??:\s*([\s\S]*)$/);
        if (mm) props[mm[1]] = mm[2];
        member = "";
      } else member += ch;
    }
    out.set(m[1], props);
  }
  return out;
}

/** The nested input types of types/input.d.ts, by "<module>.<Name>". */
function inputTypes(root: string): Map<string, Props> {
  const text = fs.readFileSync(path.join(root, "types", "input.d.ts"), "utf8");
  const out = new Map<string, Props>();
  const re = /export declare namespace (\w+) \{|export namespace (\w+) \{/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const ns = m[1] || m[2];
    const end = blockEnd(text, re.lastIndex);
    for (const [k, v] of interfaces(text.slice(re.lastIndex, end - 1))) out.set(`${ns}.${k}`, v);
  }
  return out;
}

/** Resource token → declaration file, from each module's `<type>.js` (`get*` are invokes). */
function tokenIndex(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const dir of fs.readdirSync(root)) {
    const d = path.join(root, dir);
    if (!fs.statSync(d).isDirectory() || dir === "types" || dir === "node_modules") continue;
    for (const f of fs.readdirSync(d)) {
      if (!f.endsWith(".js") || f.startsWith("get")) continue;
      const m = fs.readFileSync(path.join(d, f), "utf8").match(/__pulumiType = '([^']+)'/);
      if (m) out.set(m[1], path.join(d, f.replace(/\.js$/, ".d.ts")));
    }
  }
  return out;
}

/** The SDK package in `dir`, or a usage error naming the argument and what it lacks. */
export function loadSdk(given: string): Sdk {
  // The directory `tar xzf` of the packed package makes holds it under package/.
  const dir = fs.existsSync(path.join(given, "package", "package.json"))
    ? path.join(given, "package")
    : given;
  const manifest = path.join(dir, "package.json");
  if (!fs.existsSync(manifest)) {
    throw new UsageError(
      `<sdk dir> ${dir}: no package.json there; give the package/ directory of an unpacked ` +
        "`npm pack @pulumi/aws-native@<version>`",
      true,
    );
  }
  const pkg = JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string; version?: string };
  if (pkg.name !== "@pulumi/aws-native" || typeof pkg.version !== "string") {
    throw new UsageError(
      `<sdk dir> ${dir}: package.json names ${JSON.stringify(pkg.name)}, not @pulumi/aws-native`,
      true,
    );
  }
  if (!fs.existsSync(path.join(dir, "types", "input.d.ts"))) {
    throw new UsageError(`<sdk dir> ${dir}: no types/input.d.ts (not a built SDK package)`, true);
  }
  // Early 0.x packages write their version with a leading "v" (v0.67.0).
  const version = pkg.version.replace(/^v/, "");
  return { version, tokens: tokenIndex(dir), inputs: inputTypes(dir) };
}

/** A resource's Args members in `sdk`, or undefined when the SDK does not ship the token. */
function argsOf(sdk: Sdk, token: string): Props | undefined {
  const file = sdk.tokens.get(token);
  if (file === undefined) return undefined;
  const its = interfaces(fs.readFileSync(file, "utf8"));
  const name = [...its.keys()].find((k) => k.endsWith("Args"));
  return name === undefined ? undefined : its.get(name);
}

/** Every member name under `props`: its own and those of the nested input types it reaches. */
function reachable(sdk: Sdk, props: Props | undefined, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  for (const [k, typeText] of Object.entries(props ?? {})) {
    names.add(k);
    for (const mm of typeText.matchAll(/inputs\.(\w+)\.(\w+)/g)) {
      const key = `${mm[1]}.${mm[2]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const n of reachable(sdk, sdk.inputs.get(key), seen)) names.add(n);
    }
  }
  return names;
}

/** The table for `tokens` from `sdks` (the first the newest), as the committed file holds it. */
export function nameTable(sdks: readonly Sdk[], tokens: readonly string[]): string {
  const lines = [
    "# Generated from the @pulumi/aws-native npm packages " +
      sdks.map((s) => s.version).join(", ") +
      " (1.x latest, the last 0.x, an early 0.x with CloudFormation's acronyms camel-cased letter by letter): per native type a twin maps, the versions that ship it | its resource Args' input property names | every property name of the nested input types those reach (sdk/nodejs/<module>/<type>.ts and types/input.ts of pulumi/pulumi-aws-native) | for a type 1.x ships, the names only older versions spell. Regenerate it from those packages when a twin is added or reads a new property.",
  ];
  for (const token of [...tokens].sort()) {
    const versions: string[] = [];
    const top = new Set<string>();
    const nested = new Set<string>();
    for (const sdk of sdks) {
      const args = argsOf(sdk, token);
      if (args === undefined) continue;
      versions.push(sdk.version);
      for (const k of Object.keys(args)) top.add(k);
      for (const k of reachable(sdk, args)) if (!(k in args)) nested.add(k);
    }
    const latest = argsOf(sdks[0], token);
    const now = latest === undefined ? undefined : reachable(sdks[0], latest);
    const legacy = now === undefined ? [] : [...top, ...nested].filter((k) => !now.has(k)).sort();
    lines.push(
      `${token} ${versions.join(",") || "-"} | ${[...top].sort().join(" ")} | ` +
        `${[...nested].sort().join(" ")} | ${legacy.join(" ")}`,
    );
  }
  return lines.join("\n") + "\n";
}

interface Args {
  dirs: string[];
  out: string;
  check: boolean;
  help: boolean;
}

const FLAGS = {
  "--out": { value: true },
  "--check": {},
  "--help": { alias: "-h" },
} as const;

export function parseArgs(argv: readonly string[]): Args {
  const operands: string[] = [];
  const flags = parseFlags(argv, FLAGS, operands);
  const out = flagValue(flags, "--out");
  const args: Args = {
    dirs: operands.map((d) => path.resolve(d)),
    out: out === undefined ? TABLE : path.resolve(out),
    check: flags.has("--check"),
    help: flags.has("--help"),
  };
  if (!args.help && args.dirs.length === 0) {
    throw new UsageError("give at least one <sdk dir> (the newest 1.x package first)", true);
  }
  if (!args.check && !fs.existsSync(path.dirname(args.out))) {
    throw new UsageError(`--out ${args.out}: its directory does not exist`, true);
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) return printUsage(USAGE);
  for (const dir of args.dirs) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new UsageError(`<sdk dir> ${dir}: no such directory`, true);
    }
  }
  const sdks = args.dirs.map(loadSdk);
  const { TWINS } = await import("../policy-pack/lib/native/twins");
  const table = nameTable(sdks, [...TWINS.keys()]);
  const shown = path.relative(ROOT, args.out);
  const current = fs.existsSync(args.out) ? fs.readFileSync(args.out, "utf8") : "";
  if (args.check) {
    process.stdout.write(
      current === table
        ? `${shown} is what the packages give\n`
        : `${shown} is stale: run npm run -s native:names -- ${args.dirs.join(" ")}\n`,
    );
    return current === table ? 0 : 1;
  }
  fs.writeFileSync(args.out, table);
  const types = table.split("\n").length - 2;
  process.stdout.write(
    `${shown}: ${types} native types from @pulumi/aws-native ` +
      `${sdks.map((s) => s.version).join(", ")}${current === table ? " (unchanged)" : ""}\n`,
  );
  return 0;
}

if (require.main === module) runTool(main, USAGE);
