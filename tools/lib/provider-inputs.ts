// Every input property of every @pulumi/aws resource type, nested input types included, read from
// the installed provider's own declarations: each resource's `<Class>Args` interface (its `.d.ts`),
// the type token from the matching `.js` (`static __pulumiType = '...'`), and the nested input
// types those reference (`inputs.<ns>.<Name>` in `types/input.d.ts`). The compact data the fake
// provider uses (./fake-aws/schema.ts) keeps only the inputs the fake must fill in, so a question
// about every input ("which types take a KMS key?") is answered here. Parsing the declarations
// takes a few seconds: it is done once per process.
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/** Parsed declarations, kept for the process: parsing them takes seconds, and they do not change. */
const parsed = new Map<string, Map<string, Field[]>>();

function memo(key: string, read: () => Map<string, Field[]>): Map<string, Field[]> {
  let value = parsed.get(key);
  if (!value) parsed.set(key, (value = read()));
  return value;
}

/** Where the installed @pulumi/aws lives. */
function providerRoot(): string {
  return path.dirname(require.resolve("@pulumi/aws/package.json"));
}

function parse(file: string, text = fs.readFileSync(file, "utf8")): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
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

/** The nested input types a property's declared type names, as `ns.Name`. */
function nestedRefs(type: ts.TypeNode | undefined): string[] {
  if (!type) return [];
  return [...type.getText().matchAll(/\binputs\.([A-Za-z0-9_]+\.[A-Za-z0-9_]+)/g)].map((m) => m[1]);
}

interface Field {
  readonly name: string;
  readonly refs: readonly string[];
}

function fieldsOf(decl: ts.InterfaceDeclaration): Field[] {
  const out: Field[] = [];
  for (const m of decl.members) {
    if (ts.isPropertySignature(m) && m.name) {
      out.push({ name: m.name.getText(), refs: nestedRefs(m.type) });
    }
  }
  return out;
}

/** Interfaces of `types/input.d.ts` by `ns.Name`. */
function inputInterfaces(root: string): Map<string, Field[]> {
  return memo(`nested:${root}`, () => readInputInterfaces(root));
}

function readInputInterfaces(root: string): Map<string, Field[]> {
  const out = new Map<string, Field[]>();
  const sf = parse(path.join(root, "types", "input.d.ts"));
  const visit = (node: ts.Node, ns: string[]) => {
    if (ts.isModuleDeclaration(node) && node.body && ts.isModuleBlock(node.body)) {
      for (const s of node.body.statements) visit(s, [...ns, node.name.getText()]);
    } else if (ts.isInterfaceDeclaration(node)) {
      out.set([...ns, node.name.getText()].join("."), fieldsOf(node));
    }
  };
  sf.statements.forEach((s) => visit(s, []));
  return out;
}

/** Every resource type's top-level inputs (its `<Class>Args` members), by type token. */
function resourceArgs(root: string): Map<string, Field[]> {
  return memo(`args:${root}`, () => readResourceArgs(root));
}

function readResourceArgs(root: string): Map<string, Field[]> {
  const out = new Map<string, Field[]>();
  for (const file of resourceFiles(root, []).sort()) {
    const text = fs.readFileSync(file, "utf8");
    if (!text.includes("extends pulumi.CustomResource")) continue;
    const token = /static __pulumiType = '([^']+)'/.exec(
      fs.readFileSync(file.replace(/\.d\.ts$/, ".js"), "utf8"),
    )?.[1];
    if (!token) throw new Error(`${file}: no __pulumiType`);
    const sf = parse(file, text);
    const cls = sf.statements.find(
      (s): s is ts.ClassDeclaration =>
        ts.isClassDeclaration(s) &&
        (s.heritageClauses ?? []).some((h) =>
          h.types.some((t) => t.expression.getText() === "pulumi.CustomResource"),
        ),
    );
    const args = sf.statements.find(
      (s): s is ts.InterfaceDeclaration =>
        ts.isInterfaceDeclaration(s) && s.name.getText() === `${cls?.name?.getText()}Args`,
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
