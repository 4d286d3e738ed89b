// The log groups a managed service exports its logs to (Aurora, Redshift Serverless): the
// component creates them first, encrypted with its key and kept for the retention it is given, and
// the service uses a group that exists instead of creating one unencrypted and kept forever. The
// key lets CloudWatch Logs use it for those groups only.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { cloudWatchLogsGrant, EncryptionKey, KeyGrant } from "./kms-key";
import type { TagsOf } from "./naming";

/** What the exported log groups take from a component's builder. */
export interface ExportedLogsScope {
  readonly name: string;
  readonly args: { readonly logRetentionDays: number };
  readonly tags: TagsOf;
  readonly dataOpts: pulumi.CustomResourceOptions;
  readonly self: pulumi.ComponentResource;
  readonly partition: pulumi.Input<string>;
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
  /** Where the service exports the logs: one group `<logGroupPrefix>/<type>` a log type. */
  readonly logGroupPrefix: string;
}

/** The key grant that lets CloudWatch Logs encrypt the groups below `logGroupPrefix`. */
export function exportedLogsKeyGrant(b: ExportedLogsScope): KeyGrant {
  const { partition, region, accountId, logGroupPrefix } = b;
  return cloudWatchLogsGrant(
    pulumi.interpolate`arn:${partition}:logs:${region}:${accountId}:log-group:${logGroupPrefix}/*`,
    { region, parent: b.self },
  );
}

/**
 * A group `<logGroupPrefix>/<type>` for each exported log type, encrypted with `key`, kept
 * `args.logRetentionDays` days, and held as data. `role(type)` names it: `${name}-<role>`, tagged
 * with that role.
 */
export function exportedLogGroups(
  b: ExportedLogsScope,
  key: EncryptionKey,
  types: readonly string[],
  role: (type: string) => string,
): aws.cloudwatch.LogGroup[] {
  const { name, args, tags, dataOpts, logGroupPrefix } = b;
  return types.map(
    (type) =>
      new aws.cloudwatch.LogGroup(
        `${name}-${role(type)}`,
        {
          name: `${logGroupPrefix}/${type}`,
          retentionInDays: args.logRetentionDays,
          kmsKeyId: key.keyArn,
          tags: tags(role(type)),
        },
        dataOpts,
      ),
  );
}
