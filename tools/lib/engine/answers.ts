// What the offline engine answers in place of cloud providers: the state of each resource a
// program creates or reads, and the result of each invoke (data source). Backed by the fake AWS
// shared with the unit tests' mocks; answers a user supplies (`--invoke-answers`) come first.
import { createHash } from "crypto";
import { mockCall, mockState, MockEnv } from "../mock-aws";

/** `preview`: as `pulumi preview` sees a stack; `apply`: as `pulumi up` sees each resource. */
export type Phase = "preview" | "apply";

export interface ResourceStateArgs {
  readonly type: string;
  readonly name: string;
  /** Plain inputs (secrets unwrapped); unknowns are the wire sentinel. */
  readonly inputs: Record<string, any>;
  /** The id of a resource that is read or imported. */
  readonly id?: string;
}

export interface EngineAnswers {
  /** Id and state of a custom resource; in the apply phase every output is known. */
  resourceState(args: ResourceStateArgs, phase: Phase): { id: string; state: Record<string, any> };
  /** Result of an invoke; throws an error naming the token when it cannot be answered. */
  invoke(token: string, args: Record<string, any>): Record<string, any>;
  /** Id of a provider instance created in the apply phase. */
  providerId(urn: string): string;
}

/** Answers a user gives for invokes the fake cloud does not know, keyed by token. */
export type InvokeAnswers = ReadonlyMap<string, (args: Record<string, any>) => any>;

export interface AnswerOptions {
  readonly accountId: string;
  readonly region: string;
  /** AZ suffixes of the region (a, b, c ...). */
  readonly azNames: readonly string[];
  readonly invokeAnswers?: InvokeAnswers;
}

/** The message for an invoke nobody can answer offline. */
export function unansweredInvoke(token: string): string {
  return (
    `the offline check has no answer for the invoke ${token}; give one in a JSON file ` +
    `({"${token}": {<result>}}) with --invoke-answers <file.json>`
  );
}

export function fakeCloudAnswers(opts: AnswerOptions): EngineAnswers {
  const env: MockEnv = {
    accountId: opts.accountId,
    region: opts.region,
    azNames: [...opts.azNames],
  };
  return {
    resourceState(args, phase) {
      const r = mockState(
        { type: args.type, name: args.name, inputs: args.inputs, custom: true, id: args.id } as any,
        env,
        phase === "preview",
      );
      return { id: r.id ?? "", state: r.state };
    },
    invoke(token, args) {
      const given = opts.invokeAnswers?.get(token);
      if (given) return given(args);
      try {
        return mockCall({ token, inputs: args } as any, env);
      } catch (e) {
        if (/Mock not implemented/.test((e as Error).message)) {
          throw new Error(unansweredInvoke(token));
        }
        throw e;
      }
    },
    providerId(urn) {
      const h = createHash("sha256").update(urn).digest("hex");
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}

/**
 * Reads `--invoke-answers`: `{ "<token>": <result> | [{ "args": {<subset>}, "result": <result> }] }`.
 * A list answers by the first entry whose `args` are a subset of the invoke's arguments.
 */
export function readInvokeAnswers(file: string, text: string): InvokeAnswers {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
    throw new Error(`${file} must be a JSON object keyed by invoke token`);
  }
  const answers = new Map<string, (args: Record<string, any>) => any>();
  for (const [token, value] of Object.entries(doc as Record<string, unknown>)) {
    if (!/^[^:]+:[^:]*:[^:]+$/.test(token)) {
      throw new Error(
        `${file}: "${token}" is not an invoke token (<package>:<module>:<function>, e.g. aws:ec2/getAmi:getAmi)`,
      );
    }
    if (Array.isArray(value)) {
      value.forEach((entry, i) => {
        if (!entry || typeof entry !== "object" || !("result" in entry)) {
          throw new Error(`${file}: "${token}"[${i}] needs "result" (and optionally "args")`);
        }
      });
      answers.set(token, (args) => {
        const hit = value.find((e: any) => matches(e.args ?? {}, args));
        if (!hit) {
          throw new Error(
            `${file}: no entry of "${token}" matches the arguments ${JSON.stringify(args)}`,
          );
        }
        return hit.result;
      });
    } else if (value && typeof value === "object") {
      answers.set(token, () => value);
    } else {
      throw new Error(`${file}: "${token}" must be an object (the invoke's result) or a list`);
    }
  }
  return answers;
}

function matches(pattern: unknown, value: unknown): boolean {
  if (pattern && typeof pattern === "object" && !Array.isArray(pattern)) {
    if (!value || typeof value !== "object") return false;
    return Object.entries(pattern).every(([k, v]) => matches(v, (value as any)[k]));
  }
  return JSON.stringify(pattern) === JSON.stringify(value);
}
