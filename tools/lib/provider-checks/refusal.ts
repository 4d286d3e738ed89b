// What a refusal says: one input the provider's Check (at `pulumi preview`) or AWS's API (at
// `pulumi up`, when the provider creates the resource) refuses, and how the stack names and places
// what a program leaves unnamed or unplaced. Shared by the per-resource tables (./index.ts) and the
// checks across resources (./across-resources.ts).
import type { EngineResource } from "../engine/monitor";
import type { Autonaming } from "../fake-aws/autonaming";
import type { RefusedBy } from "./rule";

/** One input the provider refuses. */
export interface Refusal {
  readonly resource: EngineResource;
  /** Pulumi input path. */
  readonly prop: string;
  /** The value refused, `[secret]` for a secret one. */
  readonly value: unknown;
  /** The provider's own messages. */
  readonly says: readonly string[];
  readonly fix: string;
  /**
   * `<repository> <path>` of the provider source that declares the check, or the AWS page that
   * documents the limit (`by: "aws"`).
   */
  readonly source: string;
  /** The provider's Check (stops `pulumi preview`) or AWS's API (stops `pulumi up` at create). */
  readonly by: RefusedBy;
  /** The value is the name Pulumi made up from the logical name (the program gave none). */
  readonly autoNamed: boolean;
}

/**
 * How the stack names what a program leaves unnamed (`pulumi:autonaming`,
 * ../fake-aws/autonaming.ts), and where it creates what names no region.
 */
export interface StackNaming {
  readonly autonaming?: (type: string) => Autonaming;
  /** The organization a pattern's `${organization}` reads. */
  readonly organization?: string;
  /** The stack's AWS region when its config or environment sets one (`aws:region`, AWS_REGION). */
  readonly region?: string;
}
