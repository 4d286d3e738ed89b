// Reads the output properties every resource of the installed `@pulumi/aws` declares, from the
// provider's own declarations: each resource class's `readonly x: pulumi.Output<T>` members (its
// `.d.ts`), the type token from the matching `.js` (`static __pulumiType = '...'`: the token is
// missing from the declarations), which of them are inputs (`<Class>Args`), and the nested output
// types they reference (`types/output.d.ts`, with their input counterparts in `types/input.d.ts`).
//
// Encoding (compact, decoded by tools/lib/fake-aws/schema.ts): a property list is
// `name:type[flags],...`; type `s` string, `n` number, `b` boolean, `a` anything else (assets,
// untyped), `T[]` list, `{T}` map, `@ns.Name` a nested output type; flags `?` the output may be
// absent (not computed by the provider), `!` a required input, `~` an optional input. A property
// that is an optional input the provider does not compute (`?~`) is left out: its output is the
// input or nothing, so it needs no value. Nested types list their fields with `?` only (their
// input counterparts carry every field, computed ones included, so they tell nothing), only those
// reachable from output-only properties (the only nested values the fake fills in), and only
// their fields that are not optional.
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

export interface ResourceDecl {
  readonly token: string;
  /** Module directory and class name, e.g. `cloudwatch`, `LogGroup`. */
  readonly module: string;
  readonly className: string;
  readonly props: string;
}

export interface Declarations {
  readonly version: string;
  readonly resources: ResourceDecl[];
  /** Nested output types reachable from resource outputs, by `ns.Name`. */
  readonly shapes: Record<string, string>;
}

function typeCode(node: ts.TypeNode | undefined): { code: string; optional: boolean } {
  if (!node) return { code: "a", optional: false };
  if (ts.isUnionTypeNode(node)) {
    const rest = node.types.filter(
      (t) => !(t.kind === ts.SyntaxKind.UndefinedKeyword) && !isUndefinedLiteral(t),
    );
    const optional = rest.length !== node.types.length;
    if (rest.length === 1) return { code: typeCode(rest[0]).code, optional };
    const codes = new Set(rest.map((t) => typeCode(t).code));
    return { code: codes.size === 1 ? [...codes][0] : "a", optional };
  }
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { code: "s", optional: false };
    case ts.SyntaxKind.NumberKeyword:
      return { code: "n", optional: false };
    case ts.SyntaxKind.BooleanKeyword:
      return { code: "b", optional: false };
  }
  if (ts.isLiteralTypeNode(node)) {
    if (ts.isStringLiteral(node.literal)) return { code: "s", optional: false };
    if (ts.isNumericLiteral(node.literal)) return { code: "n", optional: false };
    return { code: "b", optional: false };
  }
  if (ts.isArrayTypeNode(node))
    return { code: `${typeCode(node.elementType).code}[]`, optional: false };
  if (ts.isParenthesizedTypeNode(node)) return typeCode(node.type);
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    return { code: index ? `{${typeCode(index.type).code}}` : "a", optional: false };
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    if (name.startsWith("outputs.")) return { code: `@${name.slice(8)}`, optional: false };
    if (name.startsWith("enums.")) return { code: "s", optional: false };
    return { code: "a", optional: false };
  }
  return { code: "a", optional: false };
}

function isUndefinedLiteral(t: ts.TypeNode): boolean {
  return ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.UndefinedKeyword;
}

/** `pulumi.Output<T>` → T. */
function outputArg(node: ts.TypeNode | undefined): ts.TypeNode | undefined {
  if (node && ts.isTypeReferenceNode(node) && node.typeName.getText() === "pulumi.Output") {
    return node.typeArguments?.[0];
  }
  return undefined;
}

function isCustomResource(c: ts.ClassDeclaration): boolean {
  return (c.heritageClauses ?? []).some((h) =>
    h.types.some((t) => t.expression.getText() === "pulumi.CustomResource"),
  );
}

/** Input properties of an interface: name → required. */
function inputsOf(decl: ts.InterfaceDeclaration | undefined): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const m of decl?.members ?? []) {
    if (ts.isPropertySignature(m) && m.name) out.set(m.name.getText(), !m.questionToken);
  }
  return out;
}

function flags(optionalOutput: boolean, input: boolean | undefined): string {
  return `${optionalOutput ? "?" : ""}${input === undefined ? "" : input ? "!" : "~"}`;
}

function walk(dir: string, out: string[]): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "node_modules" && e.name !== "types") walk(p, out);
    } else if (e.name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

function parse(file: string, text = fs.readFileSync(file, "utf8")): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
}

/** Interfaces of a `types/*.d.ts` file by `ns.Name` (top-level namespaces only, as generated). */
function interfaces(file: string): Map<string, ts.InterfaceDeclaration> {
  const out = new Map<string, ts.InterfaceDeclaration>();
  const visit = (node: ts.Node, ns: string[]) => {
    if (ts.isModuleDeclaration(node) && node.body && ts.isModuleBlock(node.body)) {
      for (const s of node.body.statements) visit(s, [...ns, node.name.getText()]);
    } else if (ts.isInterfaceDeclaration(node)) {
      out.set([...ns, node.name.getText()].join("."), node);
    }
  };
  parse(file).statements.forEach((s) => visit(s, []));
  return out;
}

/** Reads every custom resource the installed provider at `root` declares. */
export function readDeclarations(root: string): Declarations {
  const version = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version;
  const resources: ResourceDecl[] = [];
  const referenced = new Set<string>();
  const collectRefs = (code: string) => {
    for (const m of code.matchAll(/@([A-Za-z0-9_.]+)/g)) referenced.add(m[1]);
  };
  for (const file of walk(root, []).sort()) {
    const text = fs.readFileSync(file, "utf8");
    if (!text.includes("extends pulumi.CustomResource")) continue;
    const sf = parse(file, text);
    const js = fs.readFileSync(file.replace(/\.d\.ts$/, ".js"), "utf8");
    for (const stmt of sf.statements) {
      if (!ts.isClassDeclaration(stmt) || !stmt.name || !isCustomResource(stmt)) continue;
      const className = stmt.name.getText();
      const token = /static __pulumiType = '([^']+)'/.exec(js)?.[1];
      if (!token) throw new Error(`${file}: no __pulumiType for ${className}`);
      const args = sf.statements.find(
        (s): s is ts.InterfaceDeclaration =>
          ts.isInterfaceDeclaration(s) && s.name.getText() === `${className}Args`,
      );
      const inputs = inputsOf(args);
      const props: string[] = [];
      for (const m of stmt.members) {
        if (!ts.isPropertyDeclaration(m) || !m.name) continue;
        const inner = outputArg(m.type);
        if (!inner) continue;
        const name = m.name.getText();
        const { code, optional } = typeCode(inner);
        const input = inputs.get(name);
        if (optional && input === false) continue;
        if (!optional && input === undefined) collectRefs(code);
        props.push(`${name}:${code}${flags(optional, input)}`);
      }
      const module = path.relative(root, path.dirname(file)) || "index";
      resources.push({ token, module, className, props: props.join(",") });
    }
  }
  // Nested output types, transitively through fields that are always present.
  const outputs = interfaces(path.join(root, "types", "output.d.ts"));
  const shapes: Record<string, string> = {};
  const queue = [...referenced];
  while (queue.length) {
    const name = queue.pop()!;
    if (shapes[name] !== undefined) continue;
    const decl = outputs.get(name);
    if (!decl) throw new Error(`types/output.d.ts has no interface ${name}`);
    const fields: string[] = [];
    for (const m of decl.members) {
      if (!ts.isPropertySignature(m) || !m.name) continue;
      const { code, optional } = typeCode(m.type);
      if (optional || m.questionToken) continue;
      for (const r of code.matchAll(/@([A-Za-z0-9_.]+)/g)) queue.push(r[1]);
      fields.push(`${m.name.getText()}:${code}`);
    }
    shapes[name] = fields.join(",");
  }
  resources.sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
  const sortedShapes: Record<string, string> = {};
  for (const k of Object.keys(shapes).sort()) sortedShapes[k] = shapes[k];
  return { version, resources, shapes: sortedShapes };
}
