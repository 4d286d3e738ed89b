// What the offline engine answers in place of cloud providers: the state of each resource a
// program creates or reads, and the result of each invoke (data source). Backed by the fake AWS
// (../fake-aws), shared with the unit tests' mocks; answers a user supplies (`--invoke-answers`)
// come first.
import { createHash } from "crypto";
import { findAnswer, invoke, InvokeAnswers, resourceState } from "../fake-aws";
import type { AutonamingByType, PatternContext } from "../fake-aws/autonaming";
import type { Invented } from "../fake-aws/invented";
import { remoteOutputs } from "./remote-outputs";
import { remoteReferences, ChildState } from "./remote-references";
import { remoteRefusal } from "./remote-refusals";

/** `preview`: as `pulumi preview` sees a stack; `apply`: as `pulumi up` sees each resource. */
export type Phase = "preview" | "apply";

export interface ResourceStateArgs {
  readonly type: string;
  readonly name: string;
  /** Plain inputs (secrets unwrapped); unknowns are the wire sentinel. */
  readonly inputs: Record<string, any>;
  /** The id of a resource that is read or imported. */
  readonly id?: string;
  /** The account its provider runs in, when that provider pins one; else the stack's. */
  readonly accountId?: string;
}

export interface EngineAnswers {
  /**
   * Id and state of a custom resource; in the apply phase every output is known, except those of
   * a type the answers do not model (`modeled: false`), which the program sees as unknown.
   */
  resourceState(
    args: ResourceStateArgs,
    phase: Phase,
  ): {
    id: string;
    state: Record<string, any>;
    modeled?: false;
    /** Outputs read back from the API that win over the echoed inputs (ResourceState). */
    readBack?: Record<string, unknown>;
  };
  /**
   * Result of an invoke; throws an error naming the token when it cannot be answered. `accountId`
   * is the account of the provider it is sent to, when that provider pins one; else the stack's.
   */
  invoke(token: string, args: Record<string, any>, accountId?: string): Record<string, any>;
  /** The user's own answer (`--invoke-answers`) to an invoke, if they gave one. */
  given?(token: string, args: Record<string, any>): Record<string, any> | undefined;
  /** Id of a provider instance created in the apply phase. */
  providerId(urn: string): string;
  /**
   * Outputs of a remote component in the apply phase that follow from its plain inputs; the
   * ones left out stay unknown.
   */
  remoteOutputs?(
    type: string,
    name: string,
    inputs: Record<string, any>,
    at?: RemoteAt,
  ): Record<string, any>;
  /**
   * Outputs of a remote component in the apply phase that are references to its children, and
   * the state of each referenced child (./remote-references.ts).
   */
  remoteReferences?(
    urn: string,
    type: string,
    name: string,
    inputs: Record<string, any>,
    at?: RemoteAt,
  ): { outputs: Record<string, any>; children: ChildState[] };
  /**
   * What the plugin of a remote component refuses of its inputs, in either phase: its message, or
   * undefined (./remote-refusals.ts).
   */
  remoteRefusal?(
    type: string,
    name: string,
    inputs: Record<string, any>,
    at?: RemoteAt,
  ): string | undefined;
}

/**
 * Where a remote component's children run (its `aws` provider's region and account) and the
 * version of its package the program registered it with.
 */
export interface RemoteAt {
  readonly region?: string;
  readonly accountId?: string;
  readonly version?: string;
}

export interface AnswerOptions {
  readonly accountId: string;
  readonly region: string;
  readonly invokeAnswers?: InvokeAnswers;
  /** The stack's `pulumi:autonaming`, read once by `autonamingOf` (../fake-aws/autonaming.ts). */
  readonly autonaming?: AutonamingByType;
  /** The project, stack and organization an autonaming pattern reads. */
  readonly naming?: PatternContext;
}

export function fakeCloudAnswers(opts: AnswerOptions): EngineAnswers {
  const autonaming = opts.autonaming;
  // One run's made-up values, kept distinct across its resources (../fake-aws/invented.ts).
  const invented: Invented = new Map();
  const env = {
    accountId: opts.accountId,
    region: opts.region,
    autonaming,
    naming: opts.naming,
    invented,
  };
  const where = (at?: { region?: string; accountId?: string }) => ({
    accountId: at?.accountId ?? env.accountId,
    region: typeof at?.region === "string" ? at.region : env.region,
    autonaming,
    naming: opts.naming,
  });
  return {
    resourceState(args, phase) {
      return resourceState(
        { type: args.type, name: args.name, inputs: args.inputs, id: args.id },
        args.accountId ? { ...env, accountId: args.accountId } : env,
        phase,
      );
    },
    invoke(token, args, accountId) {
      return invoke(token, args, accountId ? { ...env, accountId } : env, opts.invokeAnswers);
    },
    given(token, args) {
      const answer = findAnswer(opts.invokeAnswers, token, args);
      return answer ? { ...answer } : undefined;
    },
    remoteOutputs(type, name, inputs, at) {
      try {
        return remoteOutputs(type, name, inputs, where(at), at?.version);
      } catch {
        // A derivation that fails (a region the fake does not know) leaves the outputs unknown,
        // as before: the run goes on and names the component as the source of its unknowns.
        return {};
      }
    },
    remoteReferences(urn, type, name, inputs, at) {
      try {
        return remoteReferences(urn, type, name, inputs, where(at), at?.version);
      } catch {
        return { outputs: {}, children: [] };
      }
    },
    remoteRefusal(type, name, inputs, at) {
      try {
        return remoteRefusal(type, name, inputs, where(at), at?.version);
      } catch {
        return undefined;
      }
    },
    providerId(urn) {
      const h = createHash("sha256").update(urn).digest("hex");
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}
