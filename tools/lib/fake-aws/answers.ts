// Answers a user supplies for data sources the fake does not model: a JSON file
//
//   { "<token>": <result object>,
//     "<token>": [ { "args": { ...partial match... }, "result": { ... } }, ... ] }
//
// An entry that is a list answers the first item whose `args` all match the invoke's arguments
// (deep equality on each given key); an object answers every call of the token.
import * as fs from "fs";

export interface InvokeAnswer {
  readonly args?: Record<string, unknown>;
  readonly result: Record<string, unknown>;
}

export type InvokeAnswers = ReadonlyMap<string, InvokeAnswer[]>;

const TOKEN = /^[a-zA-Z][\w-]*:[\w/.-]*:[\w.-]+$/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const FORMAT =
  '{ "<token>": { ...result... } } or { "<token>": [ { "args": { ...partial match... }, "result": { ...result... } } ] }';

/** Validates parsed answers; `source` names the file in errors. */
export function parseInvokeAnswers(data: unknown, source: string): InvokeAnswers {
  const fail = (where: string, what: string): never => {
    throw new Error(
      `${source}: ${where}${what}. Expected ${FORMAT}, e.g. { "aws:ec2/getVpc:getVpc": { "id": "vpc-0123456789abcdef0" } }`,
    );
  };
  if (!isObject(data)) fail("", "the file must hold a JSON object keyed by invoke token");
  const out = new Map<string, InvokeAnswer[]>();
  for (const [token, entry] of Object.entries(data as Record<string, unknown>)) {
    if (!TOKEN.test(token)) {
      fail(`key "${token}": `, 'is not an invoke token such as "aws:ec2/getAmi:getAmi"');
    }
    if (isObject(entry)) {
      out.set(token, [{ result: entry }]);
      continue;
    }
    if (!Array.isArray(entry))
      fail(`key "${token}": `, "must be a result object or a list of { args, result }");
    const list = entry as unknown[];
    if (list.length === 0) fail(`key "${token}": `, "the list is empty");
    out.set(
      token,
      list.map((item, i) => {
        const at = `key "${token}"[${i}]: `;
        if (!isObject(item)) return fail(at, "must be an object { args, result }");
        const extra = Object.keys(item).filter((k) => k !== "args" && k !== "result");
        if (extra.length) fail(at, `unexpected field ${extra.map((k) => `"${k}"`).join(", ")}`);
        if (!isObject(item.result)) fail(at, '"result" must be an object');
        if (item.args !== undefined && !isObject(item.args)) fail(at, '"args" must be an object');
        return {
          args: item.args as Record<string, unknown> | undefined,
          result: item.result as Record<string, unknown>,
        };
      }),
    );
  }
  return out;
}

/** Reads and validates an answers file (once per run: the caller keeps the result). */
export function loadInvokeAnswers(file: string): InvokeAnswers {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(`${file}: cannot read the invoke answers file: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message}). Expected ${FORMAT}`);
  }
  return parseInvokeAnswers(data, file);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** Whether every argument `partial` names has that value in `args` (a partial match). */
export function argsMatch(
  partial: Readonly<Record<string, unknown>>,
  args: Readonly<Record<string, unknown>>,
): boolean {
  return Object.entries(partial).every(([k, v]) => deepEqual(args[k], v));
}

/** The user's answer for this call, if one matches. */
export function findAnswer(
  answers: InvokeAnswers | undefined,
  token: string,
  args: Record<string, unknown>,
): Record<string, unknown> | undefined {
  for (const a of answers?.get(token) ?? []) {
    if (!a.args || argsMatch(a.args, args)) return a.result;
  }
  return undefined;
}
