// The generated declarations of every @pulumi/aws resource type (data/aws-types.json, written by
// `npm run gen:fake-aws`; encoding in tools/fake-aws-data/declarations.ts), loaded on first use
// and decoded per type on demand.

export type TypeCode =
  | { kind: "s" | "n" | "b" | "a" }
  | { kind: "list"; of: TypeCode }
  | { kind: "map"; of: TypeCode }
  | { kind: "ref"; name: string };

export interface Prop {
  readonly name: string;
  readonly type: TypeCode;
  /** The provider may leave it absent (an optional output it does not compute). */
  readonly optional: boolean;
  /** Whether the program can set it: `required`, `optional`, or undefined (output only). */
  readonly input?: "required" | "optional";
}

export interface TypeSchema {
  readonly token: string;
  readonly props: readonly Prop[];
  readonly byName: ReadonlyMap<string, Prop>;
  /** ARN format from the Service Authorization Reference, when one matched the type. */
  readonly arn?: string;
}

interface Data {
  readonly provider: string;
  readonly iamData: string;
  readonly types: Record<string, string>;
  readonly shapes: Record<string, string>;
}

let data: Data | undefined;
const decoded = new Map<string, TypeSchema | null>();
const shapes = new Map<string, readonly Prop[]>();

function load(): Data {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use only
  data ??= require("./data/aws-types.json") as Data;
  return data;
}

function parseType(code: string): TypeCode {
  if (code.endsWith("[]")) return { kind: "list", of: parseType(code.slice(0, -2)) };
  if (code.startsWith("{")) return { kind: "map", of: parseType(code.slice(1, -1)) };
  if (code.startsWith("@")) return { kind: "ref", name: code.slice(1) };
  return { kind: code as "s" | "n" | "b" | "a" };
}

function parseProps(text: string): Prop[] {
  if (!text) return [];
  return text.split(",").map((p) => {
    const colon = p.indexOf(":");
    const m = /^(.*?)([?!~]*)$/.exec(p.slice(colon + 1))!;
    const f = m[2];
    return {
      name: p.slice(0, colon),
      type: parseType(m[1]),
      optional: f.includes("?"),
      input: f.includes("!") ? "required" : f.includes("~") ? "optional" : undefined,
    };
  });
}

/** The declared outputs of an @pulumi/aws resource type, or undefined for an unknown token. */
export function typeSchema(token: string): TypeSchema | undefined {
  let s = decoded.get(token);
  if (s === undefined) {
    const raw = load().types[token];
    if (raw === undefined) {
      s = null;
    } else {
      const bar = raw.indexOf("|");
      const props = parseProps(bar < 0 ? raw : raw.slice(0, bar));
      s = {
        token,
        props,
        byName: new Map(props.map((p) => [p.name, p])),
        arn: bar < 0 ? undefined : raw.slice(bar + 1),
      };
    }
    decoded.set(token, s);
  }
  return s ?? undefined;
}

/** Fields of a nested output type (those always present). */
export function shapeFields(name: string): readonly Prop[] {
  let s = shapes.get(name);
  if (!s) {
    s = parseProps(load().shapes[name] ?? "");
    shapes.set(name, s);
  }
  return s;
}

/** Every resource type token the data knows. */
export function allTypes(): string[] {
  return Object.keys(load().types);
}

/** The package versions the data was generated from. */
export function dataVersions(): { provider: string; iamData: string } {
  const d = load();
  return { provider: d.provider, iamData: d.iamData };
}
