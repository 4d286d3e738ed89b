// `aws:iam/getPolicyDocument:getPolicyDocument` as the provider renders it (the Terraform AWS
// provider's data source aws_iam_policy_document, internal/service/iam/policy_model.go and
// policy_document_data_source.go):
// - document keys in the order Version, Id, Statement; statement keys Sid, Effect, Action,
//   NotAction, Resource, NotResource, Principal, NotPrincipal, Condition (Go struct order);
// - a list of one string becomes the string; longer action/resource lists are sorted in reverse
//   (policyDecodeConfigStringList: sort.Reverse); principal identifiers too; condition values
//   keep their order ("order matters with values so not sorting here");
// - principals and conditions are JSON objects from Go maps: keys sorted; a lone `{type: "*",
//   identifiers: ["*"]}` principal becomes `"*"`;
// - `&{var}` becomes `${var}` (policy variables, written with & to escape interpolation);
// - sourcePolicyDocuments, then the statements, then overridePolicyDocuments are merged: a
//   statement with the Sid of an earlier one replaces it;
// - `json` is indented with two spaces, `minifiedJson` is compact, both with Go's HTML escaping
//   of <, > and &; the id is the CRC-32 hash code of `json`.
import * as zlib from "zlib";
import { hasUnknown, UNKNOWN } from "./env";

type Json = string | string[] | Record<string, unknown>;

interface Statement {
  Sid?: string;
  Effect?: string;
  Action?: Json;
  NotAction?: Json;
  Resource?: Json;
  NotResource?: Json;
  Principal?: Json;
  NotPrincipal?: Json;
  Condition?: Record<string, Record<string, Json>>;
}

interface Doc {
  Version?: string;
  Id?: string;
  Statement?: Statement[];
}

const vars = (s: string) => s.replace(/&\{/g, "${");

function stringList(list: unknown): Json | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const values = list.map((v) => vars(String(v)));
  if (values.length === 1) return values[0];
  return [...values].sort().reverse();
}

function sortedObject<T>(entries: [string, T][]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = v;
  return out;
}

function principals(list: unknown): Json | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  if (list.length === 1) {
    const ids = list[0].identifiers ?? [];
    if (list[0].type === "*" && ids.length === 1 && ids[0] === "*") return "*";
  }
  const byType = new Map<string, string[]>();
  for (const p of list) {
    const ids = (p.identifiers ?? []).map((v: unknown) => vars(String(v)));
    const sorted = ids.length === 1 ? ids : [...ids].sort().reverse();
    byType.set(p.type, [...(byType.get(p.type) ?? []), ...sorted]);
  }
  return sortedObject([...byType].map(([t, ids]) => [t, ids.length === 1 ? ids[0] : ids]));
}

function conditions(list: unknown): Statement["Condition"] {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const raw = new Map<string, Map<string, string[]>>();
  for (const c of list) {
    const byVar = raw.get(c.test) ?? new Map<string, string[]>();
    raw.set(c.test, byVar);
    byVar.set(c.variable, [
      ...(byVar.get(c.variable) ?? []),
      ...(c.values ?? []).map((v: unknown) => vars(String(v))),
    ]);
  }
  return sortedObject(
    [...raw].map(([test, byVar]) => [
      test,
      sortedObject([...byVar].map(([v, values]) => [v, values.length === 1 ? values[0] : values])),
    ]),
  );
}

function statement(s: Record<string, any>): Statement {
  const out: Statement = {};
  const set = <K extends keyof Statement>(k: K, v: Statement[K] | undefined) => {
    if (v !== undefined && v !== "") out[k] = v;
  };
  set("Sid", s.sid);
  set("Effect", s.effect ?? "Allow");
  set("Action", stringList(s.actions));
  set("NotAction", stringList(s.notActions));
  set("Resource", stringList(s.resources));
  set("NotResource", stringList(s.notResources));
  set("Principal", principals(s.principals));
  set("NotPrincipal", principals(s.notPrincipals));
  set("Condition", conditions(s.conditions));
  return out;
}

/** Statement keys in the provider's order (a parsed source document may have any order). */
function ordered(s: Statement): Statement {
  const keys: (keyof Statement)[] = [
    "Sid",
    "Effect",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Principal",
    "NotPrincipal",
    "Condition",
  ];
  const out: Statement = {};
  for (const k of keys) if (s[k] !== undefined) (out as any)[k] = s[k];
  return out;
}

function merge(into: Doc, doc: Doc): void {
  if (doc.Id) into.Id = doc.Id;
  if (doc.Version && (!into.Version || doc.Version > into.Version)) into.Version = doc.Version;
  for (const s of doc.Statement ?? []) {
    into.Statement ??= [];
    const i = s.Sid ? into.Statement.findIndex((e) => e.Sid === s.Sid) : -1;
    if (i >= 0) into.Statement[i] = ordered(s);
    else into.Statement.push(ordered(s));
  }
}

function parse(text: unknown, what: string): Doc {
  let doc: any;
  try {
    doc = JSON.parse(String(text));
  } catch (e) {
    throw new Error(`getPolicyDocument: ${what} is not JSON: ${(e as Error).message}`);
  }
  const st = doc.Statement;
  return { ...doc, Statement: st === undefined ? [] : Array.isArray(st) ? st : [st] };
}

/** Go's json.Marshal escapes <, > and & (HTMLEscape). */
function goEscape(s: string): string {
  return s.replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Terraform's create.StringHashcode: CRC-32 (IEEE) as a non-negative int. */
function hashcode(s: string): string {
  const crc = zlib.crc32(s);
  const signed = crc | 0;
  return String(signed >= 0 ? signed : -signed);
}

/** The data source's outputs for its arguments; `json` unknown if any argument is. */
export function policyDocument(args: Record<string, any>): Record<string, any> {
  if (hasUnknown(args)) return { ...args, json: UNKNOWN, minifiedJson: UNKNOWN, id: UNKNOWN };
  const doc: Doc = {};
  (args.sourcePolicyDocuments ?? []).forEach((d: unknown, i: number) =>
    merge(doc, parse(d, `sourcePolicyDocuments[${i}]`)),
  );
  const own: Doc = {
    Version: args.version ?? "2012-10-17",
    Id: args.policyId,
    Statement: (args.statements ?? []).map(statement),
  };
  merge(doc, own);
  (args.overridePolicyDocuments ?? []).forEach((d: unknown, i: number) =>
    merge(doc, parse(d, `overridePolicyDocuments[${i}]`)),
  );
  const out: Doc = { Version: doc.Version ?? "2012-10-17" };
  if (doc.Id) out.Id = doc.Id;
  if (doc.Statement?.length) out.Statement = doc.Statement;
  const json = goEscape(JSON.stringify(out, null, 2));
  return { ...args, json, minifiedJson: goEscape(JSON.stringify(out)), id: hashcode(json) };
}
