// What a hand-written type entry sees and may supply (see resources.ts for the order).
import type { Partition, Region } from "./regions";
import type { TypeSchema } from "./schema";

export interface Base {
  readonly type: string;
  readonly logicalName: string;
  readonly inputs: Record<string, any>;
  readonly region: Region;
  readonly partition: Partition;
  readonly account: string;
  /** Seed of every made-up value of this resource: its type and logical name. */
  readonly seed: string;
  /** Physical name (program's, from a prefix, or auto-named), when the type has one. */
  readonly physical?: string;
  readonly schema?: TypeSchema;
}

export interface Special {
  /** The resource id (default: EC2 prefix id, else the physical name, else a UUID). */
  id?(b: Base): string;
  /** The ARN (default: the type's ARN format filled in). */
  arn?(b: Base, id: string): string;
  /** Outputs that win over the generic values (the inputs still win over these). */
  state?(b: Base, id: string, arn: string | undefined): Record<string, unknown>;
  /**
   * Outputs the provider's read after create sets from what the API returns where that differs
   * from the input given: these win over the inputs (an OIDC provider's `url` without its scheme).
   */
  readBack?(b: Base, state: Record<string, any>): Record<string, unknown>;
}

/** `arn:<partition>:<service>:<region>:<account>:<rest>`, in the resource's region and account. */
export const arnOf = (
  b: Base,
  service: string,
  rest: string,
  region = b.region.code,
  account = b.account,
): string => `arn:${b.partition.partition}:${service}:${region}:${account}:${rest}`;
