// A native property whose name the aws-native SDK changed between major versions. Early releases
// camel-cased CloudFormation's acronyms letter by letter (`KMSKeyId` → `kMSKeyId`, `KmsArn` →
// `kMSArn`, `SSESpecification` → `sSESpecification`, `VPCOptions` → `vPCOptions`); later ones
// normalised them (`kmsKeyId`, `kmsArn`, `sseSpecification`, `vpcOptions`: sdk/nodejs/cloudtrail/trail.ts,
// sdk/nodejs/appflow/flow.ts, sdk/nodejs/dynamodb/table.ts, sdk/nodejs/opensearchservice/domain.ts
// of pulumi/pulumi-aws-native; 0.67.0 on npm still ships the early spellings, 0.126.0 and 1.x the
// normalised ones). A twin reads either, so a program on any SDK version is judged by what it set,
// never by how its SDK spelled it.
import type { Derived } from "./twins";

/**
 * The classic property read from the native property `current`, or else from `legacy` (the same
 * property as an older SDK spelled it), converted by `map` when given. `fields`: the fields inside
 * it (or in the paths findings name through it) that the older SDK spelled otherwise, current to
 * older, so a finding names them as the program wrote them.
 */
export function spelledEither(
  current: string,
  legacy: string,
  map?: (v: any, props: any) => unknown,
  fields?: Readonly<Record<string, string>>,
): Derived {
  return {
    from: current,
    deps: [current, legacy],
    always: true,
    legacy,
    legacyFields: fields,
    map: (v: unknown, props: any) => {
      const value = v ?? props[legacy];
      return map ? map(value, props) : value;
    },
  };
}

/** A nested native field as either SDK spelled it (`kmsMasterKeyId`, else `kMSMasterKeyId`). */
export function eitherField(o: any, current: string, legacy: string): unknown {
  if (o === undefined || o === null) return undefined;
  return o[current] ?? o[legacy];
}
