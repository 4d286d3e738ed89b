// Every input property of every @pulumi/aws resource type, nested input types included, read from
// the installed provider's own declarations: each resource's `<Class>Args` interface (its `.d.ts`),
// the type token from the matching `.js` (`static __pulumiType = '...'`), and the nested input
// types those reference (`inputs.<ns>.<Name>` in `types/input.d.ts`). The compact data the fake
// provider uses (./fake-aws/schema.ts) keeps only the inputs the fake must fill in, so a question
// about every input ("which types take a KMS key?") is answered here.
//
// Parsing the declarations (about 2,700 files) takes about 4 s of CPU; hashing them about 0.3 s.
// So what the parse yields is kept once per process and on disk, under
// node_modules/.cache/offline-check/provider-inputs, keyed by a digest of every file it is read
// from and the TypeScript version that parses them: another provider version, a patched file or
// another compiler is another key and parses again; a damaged entry is parsed again too.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import type * as ts from "typescript";
import { keepNewest, markUsed, seal, unseal, writeEntry } from "./engine/cache-folder";

interface Field {
  readonly name: string;
  readonly refs: readonly string[];
}

/** What parsing a provider's declarations yields: its resources' inputs and nested input types. */
interface Parsed {
  /** Every resource type's top-level inputs (its `<Class>Args` members), by type token. */
  readonly args: Map<string, Field[]>;
  /** Interfaces of `types/input.d.ts` by `ns.Name`. */
  readonly nested: Map<string, Field[]>;
}

/** Bumped when what an entry holds changes. */
const FORMAT = 1;
/** Entries kept (one per provider version and checkout sharing the folder). */
const KEEP = 8;

/** Parsed declarations, kept for the process: they do not change while it runs. */
const parsedByRoot = new Map<string, Parsed>();

function parsedDeclarations(root: string): Parsed {
  let value = parsedByRoot.get(root);
  if (!value) parsedByRoot.set(root, (value = cachedParse(root)));
  return value;
}

/** The TypeScript compiler, loaded on the first parse only (a cache hit never needs it). */
function typescript(): typeof ts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("typescript") as typeof ts;
}

/** Where the installed @pulumi/aws lives. */
function providerRoot(): string {
  return path.dirname(require.resolve("@pulumi/aws/package.json"));
}

function resourceFiles(dir: string, out: string[]): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "node_modules" && e.name !== "types") resourceFiles(p, out);
    } else if (e.name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

/** A resource's declaration file, with the type token its `.js` declares. */
interface ResourceFile {
  readonly file: string;
  readonly text: string;
  readonly token: string;
}

/** The files the parse reads, and a digest of all of them (with the compiler's version). */
function readSources(root: string): { resources: ResourceFile[]; input: string; key: string } {
  const h = crypto.createHash("sha256").update(`${FORMAT}\0${typescriptVersion()}\0`);
  const resources: ResourceFile[] = [];
  for (const file of resourceFiles(root, []).sort()) {
    const text = fs.readFileSync(file, "utf8");
    h.update(`\0${path.relative(root, file)}\0`).update(text);
    if (!text.includes("extends pulumi.CustomResource")) continue;
    const js = fs.readFileSync(file.replace(/\.d\.ts$/, ".js"), "utf8");
    h.update("\0.js\0").update(js);
    const token = /static __pulumiType = '([^']+)'/.exec(js)?.[1];
    if (!token) throw new Error(`${file}: no __pulumiType`);
    resources.push({ file, text, token });
  }
  const input = fs.readFileSync(path.join(root, "types", "input.d.ts"), "utf8");
  h.update("\0types/input.d.ts\0").update(input);
  return { resources, input, key: h.digest("hex") };
}

/** The installed TypeScript's version, read without loading the compiler. */
function typescriptVersion(): string {
  const file = require.resolve("typescript/package.json");
  return String(JSON.parse(fs.readFileSync(file, "utf8")).version);
}

/** The cache folder beside the provider's own node_modules; none under OFFLINE_CHECK_NO_CACHE. */
function cacheFolder(root: string): string | undefined {
  if (process.env.OFFLINE_CHECK_NO_CACHE) return undefined;
  // root is <node_modules>/@pulumi/aws
  const nodeModules = path.dirname(path.dirname(root));
  if (path.basename(nodeModules) !== "node_modules") return undefined;
  return path.join(nodeModules, ".cache", "offline-check", "provider-inputs");
}

/** A map of fields as an entry keeps it, or undefined when the entry does not hold one. */
function fieldMap(value: unknown): Map<string, Field[]> | undefined {
  if (!Array.isArray(value)) return undefined;
  const out = new Map<string, Field[]>();
  for (const item of value) {
    if (!Array.isArray(item) || typeof item[0] !== "string" || !Array.isArray(item[1])) {
      return undefined;
    }
    for (const f of item[1] as unknown[]) {
      const field = f as Partial<Field> | null;
      if (typeof field?.name !== "string" || !Array.isArray(field.refs)) return undefined;
      if (!field.refs.every((r) => typeof r === "string")) return undefined;
    }
    out.set(item[0], item[1] as Field[]);
  }
  return out;
}

/** The parse kept in `file`, or undefined when there is none or it is damaged. */
function readEntry(file: string): Parsed | undefined {
  try {
    const bytes = unseal(fs.readFileSync(file));
    if (!bytes) return undefined;
    const entry = JSON.parse(bytes.toString("utf8")) as { args?: unknown; nested?: unknown };
    const args = fieldMap(entry.args);
    const nested = fieldMap(entry.nested);
    return args && nested ? { args, nested } : undefined;
  } catch {
    return undefined;
  }
}

function storeEntry(file: string, parsed: Parsed): void {
  try {
    const json = JSON.stringify({ args: [...parsed.args], nested: [...parsed.nested] });
    writeEntry(file, seal(Buffer.from(json, "utf8")));
    keepNewest(path.dirname(file), KEEP, ".json");
  } catch {
    // a cache that cannot be written costs the next process the parse, nothing else
  }
}

/** The parse of `root`'s declarations, from the cache folder when an earlier run kept it. */
function cachedParse(root: string): Parsed {
  const sources = readSources(root);
  const folder = cacheFolder(root);
  const file = folder && path.join(folder, `${sources.key}.json`);
  const hit = file ? readEntry(file) : undefined;
  if (hit) {
    markUsed(file!);
    return hit;
  }
  const parsed = {
    args: readResourceArgs(sources.resources),
    nested: readInputInterfaces(sources.input),
  };
  if (file) storeEntry(file, parsed);
  return parsed;
}

function parse(file: string, text: string): ts.SourceFile {
  const tsc = typescript();
  return tsc.createSourceFile(file, text, tsc.ScriptTarget.Latest, true);
}

/** The nested input types a property's declared type names, as `ns.Name`. */
function nestedRefs(type: ts.TypeNode | undefined): string[] {
  if (!type) return [];
  return [...type.getText().matchAll(/\binputs\.([A-Za-z0-9_]+\.[A-Za-z0-9_]+)/g)].map((m) => m[1]);
}

function fieldsOf(decl: ts.InterfaceDeclaration): Field[] {
  const tsc = typescript();
  const out: Field[] = [];
  for (const m of decl.members) {
    if (tsc.isPropertySignature(m) && m.name) {
      out.push({ name: m.name.getText(), refs: nestedRefs(m.type) });
    }
  }
  return out;
}

/** Interfaces of `types/input.d.ts` by `ns.Name`. */
function inputInterfaces(root: string): Map<string, Field[]> {
  return parsedDeclarations(root).nested;
}

function readInputInterfaces(text: string): Map<string, Field[]> {
  const tsc = typescript();
  const out = new Map<string, Field[]>();
  const sf = parse(path.join("types", "input.d.ts"), text);
  const visit = (node: ts.Node, ns: string[]) => {
    if (tsc.isModuleDeclaration(node) && node.body && tsc.isModuleBlock(node.body)) {
      for (const s of node.body.statements) visit(s, [...ns, node.name.getText()]);
    } else if (tsc.isInterfaceDeclaration(node)) {
      out.set([...ns, node.name.getText()].join("."), fieldsOf(node));
    }
  };
  sf.statements.forEach((s) => visit(s, []));
  return out;
}

/** Every resource type's top-level inputs (its `<Class>Args` members), by type token. */
function resourceArgs(root: string): Map<string, Field[]> {
  return parsedDeclarations(root).args;
}

function readResourceArgs(resources: readonly ResourceFile[]): Map<string, Field[]> {
  const tsc = typescript();
  const out = new Map<string, Field[]>();
  for (const { file, text, token } of resources) {
    const sf = parse(file, text);
    const cls = sf.statements.find(
      (s): s is ts.ClassDeclaration =>
        tsc.isClassDeclaration(s) &&
        (s.heritageClauses ?? []).some((h) =>
          h.types.some((t) => t.expression.getText() === "pulumi.CustomResource"),
        ),
    );
    const args = sf.statements.find(
      (s): s is ts.InterfaceDeclaration =>
        tsc.isInterfaceDeclaration(s) && s.name.getText() === `${cls?.name?.getText()}Args`,
    );
    out.set(token, args ? fieldsOf(args) : []);
  }
  return out;
}

/**
 * For every resource type, the dotted paths of its inputs (top level or nested, e.g.
 * `encryptionConfiguration.kmsKeyArn`) whose own name passes `test`; types with none are left out.
 * A nested type that contains itself is followed once per path.
 */
export function inputPathsNamed(
  test: (name: string) => boolean,
  root = providerRoot(),
): Map<string, string[]> {
  const nested = inputInterfaces(root);
  const memo = new Map<string, string[]>();
  const inProgress = new Set<string>();
  const below = (fields: readonly Field[]): string[] => {
    const paths: string[] = [];
    for (const f of fields) {
      if (test(f.name)) paths.push(f.name);
      for (const ref of f.refs) {
        for (const sub of within(ref)) paths.push(`${f.name}.${sub}`);
      }
    }
    return paths;
  };
  const within = (ref: string): string[] => {
    const known = memo.get(ref);
    if (known) return known;
    if (inProgress.has(ref)) return [];
    const fields = nested.get(ref);
    if (!fields) throw new Error(`types/input.d.ts has no interface ${ref}`);
    inProgress.add(ref);
    const paths = below(fields);
    inProgress.delete(ref);
    memo.set(ref, paths);
    return paths;
  };
  const out = new Map<string, string[]>();
  for (const [token, fields] of resourceArgs(root)) {
    const paths = [...new Set(below(fields))];
    if (paths.length > 0) out.set(token, paths);
  }
  return out;
}

/**
 * Resource types whose declaration file (documentation and examples included) matches `pattern`:
 * for a setting that lives inside a JSON document input, such as OpenSearch Serverless's
 * `AllowFromPublic`, which no input name shows.
 */
export function typesDeclaring(pattern: RegExp, root = providerRoot()): string[] {
  const out: string[] = [];
  for (const file of resourceFiles(root, []).sort()) {
    const text = fs.readFileSync(file, "utf8");
    if (!text.includes("extends pulumi.CustomResource") || !pattern.test(text)) continue;
    const token = /static __pulumiType = '([^']+)'/.exec(
      fs.readFileSync(file.replace(/\.d\.ts$/, ".js"), "utf8"),
    )?.[1];
    if (token) out.push(token);
  }
  return out;
}

/** Every resource type's top-level input names (its `<Class>Args` members). */
export function topLevelInputs(root = providerRoot()): Map<string, Set<string>> {
  return new Map(
    [...resourceArgs(root)].map(([t, fields]) => [t, new Set(fields.map((f) => f.name))]),
  );
}
