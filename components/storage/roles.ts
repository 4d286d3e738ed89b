// The producer roles of the Storage layer (./index.ts): the API's task role and the Kafka ingest's
// role, each trusted by exactly its producer.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ecsTasksTrustPolicy, roleTrustPolicy, serviceTrustPolicy } from "../iam";
import type { TagsOf } from "../naming";
import { type IngestPrincipal, ROLE_ARN } from "../storage.keys";
import type { StorageArgs } from "./index";
import type { Producer } from "./policies";

/**
 * The producer roles `${name}-api-role` (trusted by ECS tasks: `ecsTasksTrustPolicy`) and
 * `${name}-ingest-role` (trusted by its configured producer).
 */
export function producerRoles(
  self: pulumi.ComponentResource,
  name: string,
  args: StorageArgs,
  on: {
    readonly tags: TagsOf;
    readonly accountId: pulumi.Output<string>;
    readonly partition: pulumi.Output<string>;
    readonly region: pulumi.Output<string>;
  },
): Record<Producer, aws.iam.Role> {
  const parent = { parent: self };
  const { tags, accountId, partition, region } = on;
  const api = new aws.iam.Role(
    `${name}-api-role`,
    {
      description: `Task role of the API: read and write its own upload bucket (${name})`,
      assumeRolePolicy: ecsTasksTrustPolicy({ accountId, partition, region }, parent),
      tags: tags("api-role"),
    },
    parent,
  );
  const ingest = new aws.iam.Role(
    `${name}-ingest-role`,
    {
      description: `Ingest producer role: read and write its own upload bucket (${name})`,
      assumeRolePolicy: ingestTrustPolicy(self, args.ingestPrincipal, accountId),
      tags: tags("ingest-role"),
    },
    parent,
  );
  return { api, ingest };
}

/** Trust policy of the ingest role for a service principal or an exact IAM role. */
function ingestTrustPolicy(
  self: pulumi.ComponentResource,
  principal: IngestPrincipal,
  accountId: pulumi.Output<string>,
): pulumi.Output<string> {
  const parent = { parent: self };
  if (principal.type === "Service") {
    // MSK Developer Guide ("Cross-service confused deputy prevention"): for MSK Connect,
    // aws:SourceArn is the connector; connector/* names every connector of this account and
    // region when the connector is not known here.
    const partition = aws.getPartitionOutput({}, parent).partition;
    const region = aws.getRegionOutput({}, parent).region;
    const sourceArn =
      principal.sourceArn ??
      (principal.identifier === "kafkaconnect.amazonaws.com"
        ? pulumi.interpolate`arn:${partition}:kafkaconnect:${region}:${accountId}:connector/*`
        : undefined);
    return serviceTrustPolicy(
      principal.identifier,
      { sourceAccount: accountId, sourceArn },
      parent,
    );
  }
  // IAM docs ("Access to AWS accounts owned by third parties"): a role assumed from another
  // account should present sts:ExternalId. Without one, the trust is limited to principals of
  // this account (aws:PrincipalAccount), so a cross-account role configured without an external
  // id fails closed; the deploying account is only known at run time, hence a warning rather
  // than an error.
  if (principal.externalId !== undefined) {
    return roleTrustPolicy(principal.identifier, { externalId: principal.externalId }, parent);
  }
  const roleAccount = ROLE_ARN.exec(principal.identifier)?.[2];
  accountId.apply((own) => {
    if (roleAccount !== own) {
      void pulumi.log.warn(
        `ingestPrincipal: ${principal.identifier} is in account ${roleAccount}, not ${own}, and has no externalId: it will not be able to assume the ingest role; set an externalId`,
        self,
      );
    }
  });
  return roleTrustPolicy(principal.identifier, { principalAccount: accountId }, parent);
}
