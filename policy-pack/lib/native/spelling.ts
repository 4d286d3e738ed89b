// A native property whose name the aws-native SDK changed between major versions. Early releases
// camel-cased CloudFormation's acronyms letter by letter (`KMSKeyId` → `kMSKeyId`, `KmsArn` →
// `kMSArn`); 1.x normalised them (`kmsKeyId`, `kmsArn`: sdk/nodejs/cloudtrail/trail.ts and
// sdk/nodejs/appflow/flow.ts of pulumi/pulumi-aws-native at 1.x). A twin reads either, so a
// program on any SDK version is judged by what it set, never by how its SDK spelled it.
import type { Derived } from "./twins";

/**
 * The classic property read from the native property `current`, or else from `legacy` (the same
 * property as an older SDK spelled it).
 */
export function spelledEither(current: string, legacy: string): Derived {
  return {
    from: current,
    deps: [current, legacy],
    always: true,
    map: (v: unknown, props: any) => v ?? props[legacy],
  };
}
