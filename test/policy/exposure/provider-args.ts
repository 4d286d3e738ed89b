// The inputs of every @pulumi/aws resource type as the installed provider declares them, nested
// ones included: each resource class's `<Name>Args` interface (its .d.ts file), walked through the
// input types it refers to (types/input.d.ts). Paths read like the program's props:
// `networkInterfaces[].associatePublicIpAddress`.
import * as fs from "fs";
import * as path from "path";

interface Shape {
  readonly fields: { name: string; ref?: string; list: boolean }[];
}

/** One declared field: its name, and the nested input type it holds, if any. */
function parseFields(body: string): Shape["fields"] {
  const out: Shape["fields"] = [];
  for (const m of body.matchAll(/^ {4,8}(?:readonly )?(\w+)\??: (.*);$/gm)) {
    const ref = /inputs\.([\w.]+)/.exec(m[2])?.[1];
    out.push({ name: m[1], ref, list: /\[\]/.test(m[2]) });
  }
  return out;
}

/** `ns.Iface` → its fields, from types/input.d.ts. */
function inputShapes(root: string): Map<string, Shape> {
  const text = fs.readFileSync(path.join(root, "types", "input.d.ts"), "utf8");
  const shapes = new Map<string, Shape>();
  for (const ns of text.split(/^export declare namespace /m).slice(1)) {
    const name = /^(\w+)/.exec(ns)![1];
    for (const m of ns.matchAll(/^ {4}(?:export )?interface (\w+) \{\n([\s\S]*?)^ {4}\}/gm)) {
      shapes.set(`${name}.${m[1]}`, { fields: parseFields(m[2]) });
    }
  }
  return shapes;
}

/** Every resource class of the installed provider: its type token and its declarations. */
function resourceDeclarations(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const dir of fs.readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory() || dir.name === "types" || dir.name === "node_modules") continue;
    for (const file of fs.readdirSync(path.join(root, dir.name))) {
      if (!file.endsWith(".js")) continue;
      const js = fs.readFileSync(path.join(root, dir.name, file), "utf8");
      const token = /static __pulumiType = '([^']+)'/.exec(js)?.[1];
      if (token === undefined) continue;
      const dts = path.join(root, dir.name, file.replace(/\.js$/, ".d.ts"));
      out.set(token, fs.readFileSync(dts, "utf8"));
    }
  }
  return out;
}

const ROOT = () => path.dirname(require.resolve("@pulumi/aws/package.json"));

/** Every resource type token → the paths of all its inputs, nested ones included. */
export function providerInputPaths(): Map<string, string[]> {
  const root = ROOT();
  const shapes = inputShapes(root);
  const walk = (fields: Shape["fields"], prefix: string, seen: string[], out: string[]) => {
    for (const f of fields) {
      const at = `${prefix}${f.name}`;
      out.push(at);
      const shape = f.ref === undefined ? undefined : shapes.get(f.ref);
      if (!shape || seen.includes(f.ref!)) continue;
      walk(shape.fields, `${at}${f.list ? "[]" : ""}.`, [...seen, f.ref!], out);
    }
  };
  const out = new Map<string, string[]>();
  for (const [token, dts] of resourceDeclarations(root)) {
    const args = /^export interface \w+Args \{\n([\s\S]*?)^\}/m.exec(dts)?.[1];
    if (args === undefined) continue;
    const paths: string[] = [];
    walk(parseFields(args), "", [], paths);
    out.set(token, paths);
  }
  return out;
}

/**
 * Resource types whose declarations (documentation and examples included) match `pattern`: a flag
 * that lives inside a JSON document input, such as OpenSearch Serverless's `AllowFromPublic`.
 */
export function typesDocumenting(pattern: RegExp): string[] {
  return [...resourceDeclarations(ROOT())].filter(([, dts]) => pattern.test(dts)).map(([t]) => t);
}
