// Hand-written outputs of the storage, data and application types, in AWS's formats (ARN formats
// from the Service Authorization Reference; ids and endpoints as each service documents them);
// the databases and warehouses in ./specials-databases.ts.
import { ALNUM, chars, hex, LOWER_ALNUM, TIMESTAMP, UPPER_ALNUM, uuid } from "./hash";
import { ec2Id, lastSegment } from "./arns";
import { UNKNOWN } from "./env";
import { arnOf as arn, Special } from "./special";
import { DATABASE_SPECIALS } from "./specials-databases";

/**
 * S3 website endpoint hosted zones (AWS General Reference, "Amazon S3 endpoints", as the
 * Terraform AWS provider's hosted_zones.go copies them); other regions get a made-up id.
 */
const S3_ZONE: Record<string, string> = {
  "us-east-1": "Z3AQBSTGFYJSTF",
  "us-east-2": "Z2O1EMRO9K5GLX",
  "us-west-1": "Z2F56UZL2M1ACD",
  "us-west-2": "Z3BJ6K6RIION7M",
  "eu-west-1": "Z1BKCTXD74EZPE",
  "eu-west-2": "Z3GKZC51ZF0DB4",
  "eu-central-1": "Z21DNDUVLTQW6Q",
  "ap-south-1": "Z11RGJOFQNVJUP",
  "ap-southeast-1": "Z3O0J2DXBE1FTB",
  "ap-southeast-2": "Z1WCIGYICN2BYD",
  "ap-northeast-1": "Z2M4EHUR26P7ZW",
  "ap-northeast-2": "Z3W03O7B5YMIYP",
  "ca-central-1": "Z1QDHH18159H29",
  "sa-east-1": "Z7KQH4QJS55SO",
  "us-gov-west-1": "Z31GFT0UA1I2HV",
};

const bucket: Special = {
  state: (b) => {
    const name = b.physical!;
    const website = b.inputs.website !== undefined;
    return {
      bucketDomainName: `${name}.s3.${b.partition.dnsSuffix}`,
      bucketRegionalDomainName: `${name}.s3.${b.region.code}.${b.partition.dnsSuffix}`,
      bucketRegion: b.region.code,
      hostedZoneId: S3_ZONE[b.region.code] ?? `Z${chars(`${b.region.code}.s3`, 13, UPPER_ALNUM)}`,
      websiteEndpoint: website
        ? `${name}.s3-website-${b.region.code}.${b.partition.dnsSuffix}`
        : "",
      websiteDomain: website ? `s3-website-${b.region.code}.${b.partition.dnsSuffix}` : "",
      // What the provider reads back from a new bucket (Terraform state of a fresh aws_s3_bucket).
      requestPayer: b.inputs.requestPayer ?? "BucketOwner",
      acl: b.inputs.acl ?? "private",
      versioning: b.inputs.versioning ?? { enabled: false, mfaDelete: false },
    };
  },
};

/** S3 bucket side resources (versioning, policy, public access block, …): id is the bucket. */
const bucketChild: Special = { id: (b) => String(b.inputs.bucket ?? UNKNOWN) };

/**
 * IAM unique ids: a four-letter prefix by kind and 17 more upper-case letters and digits (IAM
 * User Guide, "IAM identifiers", unique ID prefixes: AROA role, ANPA policy, AIDA user, AGPA
 * group, AIPA instance profile).
 */
const iam = (prefix: string, kind: string): Special => ({
  state: (b) => {
    const unique = `${prefix}${chars(b.seed, 17, UPPER_ALNUM)}`;
    const path = typeof b.inputs.path === "string" ? b.inputs.path : "/";
    return {
      ...(kind === "policy" ? { policyId: unique, attachmentCount: 0 } : { uniqueId: unique }),
      createDate: TIMESTAMP,
      path,
    };
  },
});

const kmsKey: Special = {
  id: (b) => uuid(b.seed),
  state: (_b, id) => ({ keyId: id }),
};

const kmsAlias: Special = {
  arn: (b) => arn(b, "kms", b.physical!),
  state: (b) => {
    const target = String(b.inputs.targetKeyId ?? "");
    return {
      targetKeyArn:
        target.startsWith("arn:") || target === UNKNOWN ? target : arn(b, "kms", `key/${target}`),
    };
  },
};

/** SQS: the queue's id is its URL (https://sqs.<region>.<suffix>/<account>/<name>). */
const queue: Special = {
  id: (b) => `https://sqs.${b.region.code}.${b.partition.dnsSuffix}/${b.account}/${b.physical}`,
  state: (_b, id) => ({ url: id }),
};

const topic: Special = { id: (b) => arn(b, "sns", b.physical!), arn: (_b, id) => id };

/** Secrets Manager appends "-" and six random characters to the secret's name in its ARN. */
const secret: Special = {
  id: (b) => arn(b, "secretsmanager", `secret:${b.physical}-${chars(b.seed, 6, ALNUM)}`),
  arn: (_b, id) => id,
};

const repository: Special = {
  state: (b) => ({
    registryId: b.account,
    repositoryUrl: `${b.account}.dkr.ecr.${b.region.code}.${b.partition.dnsSuffix}/${b.physical}`,
  }),
};

const ecsCluster: Special = {
  id: (b) => arn(b, "ecs", `cluster/${b.physical}`),
  arn: (_b, id) => id,
};

const ecsService: Special = {
  id: (b) => {
    const cluster = String(b.inputs.cluster ?? "default");
    const name = b.physical ?? b.inputs.name;
    if (cluster === UNKNOWN || name === UNKNOWN) return UNKNOWN;
    return arn(b, "ecs", `service/${lastSegment(cluster)}/${name}`);
  },
  arn: (_b, id) => id,
};

const taskDefinition: Special = {
  id: (b) => String(b.inputs.family ?? UNKNOWN),
  arn: (b, id) => (id === UNKNOWN ? UNKNOWN : arn(b, "ecs", `task-definition/${id}:1`)),
  state: (b, id) => ({ revision: 1, arnWithoutRevision: arn(b, "ecs", `task-definition/${id}`) }),
};

const lambdaFunction: Special = {
  state: (b, _id, fn) => {
    const version = b.inputs.publish === true ? "1" : "$LATEST";
    const invoke = (target: string) =>
      `arn:${b.partition.partition}:apigateway:${b.region.code}:lambda:path/2015-03-31/functions/${target}/invocations`;
    return {
      version,
      qualifiedArn: `${fn}:${version}`,
      invokeArn: invoke(fn!),
      qualifiedInvokeArn: invoke(`${fn}:${version}`),
      responseStreamingInvokeArn: `arn:${b.partition.partition}:apigateway:${b.region.code}:lambda:path/2021-11-15/functions/${fn}/response-streaming-invocations`,
      lastModified: "2026-01-01T00:00:00.000+0000",
      signingJobArn: "",
      signingProfileVersionArn: "",
    };
  },
};

const logGroup: Special = {
  state: (b) => ({ logGroupClass: b.inputs.logGroupClass ?? "STANDARD" }),
};

const table: Special = {
  state: (b, _id, tableArn) => {
    if (b.inputs.streamEnabled !== true) return { streamArn: "", streamLabel: "" };
    const label = "2026-01-01T00:00:00.000";
    return { streamArn: `${tableArn}/stream/${label}`, streamLabel: label };
  },
};

/** Kinesis and Firehose streams: the id is the ARN. */
const kinesisStream: Special = {
  id: (b) => arn(b, "kinesis", `stream/${b.physical}`),
  arn: (_b, id) => id,
};
const firehose: Special = {
  id: (b) => arn(b, "firehose", `deliverystream/${b.physical}`),
  arn: (_b, id) => id,
};

/** EFS: `fs-<17 hex>`; mount DNS `<id>.efs.<region>.amazonaws.com`. */
const fileSystem: Special = {
  id: (b) => ec2Id("fs", b.seed),
  state: (b, id) => ({
    dnsName: `${id}.efs.${b.region.code}.${b.partition.dnsSuffix}`,
    name: "",
    numberOfMountTargets: 0,
    sizeInBytes: [{ value: 6144, valueInIa: 0, valueInStandard: 6144 }],
    availabilityZoneId: "",
  }),
};

/** EKS: endpoint `https://<32 HEX>.gr7.<region>.eks.amazonaws.com`, OIDC issuer `…/id/<32 HEX>`. */
const eksCluster: Special = {
  state: (b) => {
    const h = hex(b.seed, 32).toUpperCase();
    return {
      endpoint: `https://${h}.gr7.${b.region.code}.eks.${b.partition.dnsSuffix}`,
      certificateAuthority: {
        data: Buffer.from(
          "-----BEGIN CERTIFICATE-----\nFAKE OFFLINE CA\n-----END CERTIFICATE-----\n",
        ).toString("base64"),
      },
      identities: [
        {
          oidcs: [{ issuer: `https://oidc.eks.${b.region.code}.${b.partition.dnsSuffix}/id/${h}` }],
        },
      ],
      platformVersion: "eks.1",
      status: "ACTIVE",
      clusterId: uuid(b.seed),
      createdAt: TIMESTAMP,
    };
  },
};

const stateMachine: Special = {
  id: (b) => arn(b, "states", `stateMachine:${b.physical}`),
  arn: (_b, id) => id,
  state: () => ({ status: "ACTIVE", creationDate: TIMESTAMP, revisionId: "" }),
};

const ssmParameter: Special = {
  arn: (b) => arn(b, "ssm", `parameter/${String(b.physical).replace(/^\//, "")}`),
  state: () => ({ version: 1 }),
};

/** An OIDC provider's URL as IAM names it: without `https://`. */
const withoutScheme = (url: string): string => url.replace(/^https:\/\//, "");

/**
 * AppSync: a GraphQL API's id is 26 lower-case letters and digits; `uris` holds its endpoints,
 * `https://<id>.appsync-api.<region>.amazonaws.com/graphql` and the real-time
 * `wss://<id>.appsync-realtime-api.<region>.amazonaws.com/graphql`
 * (docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html).
 */
const graphQLApi: Special = {
  id: (b) => chars(b.seed, 26, LOWER_ALNUM),
  state: (b, id) => ({
    uris: {
      GRAPHQL: `https://${id}.appsync-api.${b.region.code}.${b.partition.dnsSuffix}/graphql`,
      REALTIME: `wss://${id}.appsync-realtime-api.${b.region.code}.${b.partition.dnsSuffix}/graphql`,
    },
  }),
};

/**
 * IAM identity providers: the id is the provider's ARN (Terraform AWS provider, resources
 * aws_iam_openid_connect_provider and aws_iam_saml_provider, "id - The ARN assigned by AWS"). An
 * OIDC provider's ARN ends with its URL without the scheme,
 * `arn:aws:iam::123456789012:oidc-provider/accounts.google.com` (Pulumi registry,
 * aws.iam.getOpenIdConnectProvider), the name trust policies' condition keys start with
 * (`token.actions.githubusercontent.com:sub`; IAM User Guide, "Available keys for AWS OIDC
 * federation").
 */
const oidcProvider: Special = {
  id: (b) => {
    const url = b.inputs.url;
    if (url === UNKNOWN || typeof url !== "string") return UNKNOWN;
    return arn(b, "iam", `oidc-provider/${withoutScheme(url)}`, "");
  },
  arn: (_b, id) => id,
  // The `url` output is what IAM returns, without the scheme the input needs: the provider's read
  // after create sets it from the API (hashicorp/terraform-provider-aws
  // internal/service/iam/openid_connect_provider.go, resourceOpenIDConnectProviderRead:
  // `d.Set("url", output.Url)`; IAM GetOpenIDConnectProvider's `Url` has no `https://`, as
  // pulumi/pulumi#8632 and pulumi/pulumi-aws#5805 show). At preview, a provider being created
  // shows its input.
  readBack: (b) =>
    typeof b.inputs.url === "string" && b.inputs.url !== UNKNOWN
      ? { url: withoutScheme(b.inputs.url) }
      : {},
};

const samlProvider: Special = {
  id: (b) => arn(b, "iam", `saml-provider/${b.physical}`, ""),
  arn: (_b, id) => id,
};

const backupPlan: Special = { id: (b) => uuid(b.seed), state: () => ({ version: hex("v", 32) }) };

export const DATA_SPECIALS: Record<string, Special> = {
  "aws:s3/bucket:Bucket": bucket,
  "aws:s3/bucketV2:BucketV2": bucket,
  "aws:s3/bucketPolicy:BucketPolicy": bucketChild,
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": bucketChild,
  "aws:s3/bucketVersioning:BucketVersioning": bucketChild,
  "aws:s3/bucketVersioningV2:BucketVersioningV2": bucketChild,
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration":
    bucketChild,
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2":
    bucketChild,
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": bucketChild,
  "aws:s3/bucketLogging:BucketLogging": bucketChild,
  "aws:s3/bucketLoggingV2:BucketLoggingV2": bucketChild,
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": bucketChild,
  "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2": bucketChild,
  "aws:s3/bucketNotification:BucketNotification": bucketChild,
  "aws:iam/role:Role": iam("AROA", "role"),
  "aws:iam/policy:Policy": iam("ANPA", "policy"),
  "aws:iam/user:User": iam("AIDA", "user"),
  "aws:iam/group:Group": iam("AGPA", "group"),
  "aws:iam/instanceProfile:InstanceProfile": iam("AIPA", "instance-profile"),
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": oidcProvider,
  "aws:iam/samlProvider:SamlProvider": samlProvider,
  "aws:kms/key:Key": kmsKey,
  "aws:kms/alias:Alias": kmsAlias,
  "aws:sqs/queue:Queue": queue,
  "aws:appsync/graphQLApi:GraphQLApi": graphQLApi,
  "aws:sns/topic:Topic": topic,
  "aws:secretsmanager/secret:Secret": secret,
  "aws:ecr/repository:Repository": repository,
  "aws:ecs/cluster:Cluster": ecsCluster,
  "aws:ecs/service:Service": ecsService,
  "aws:ecs/taskDefinition:TaskDefinition": taskDefinition,
  "aws:lambda/function:Function": lambdaFunction,
  "aws:cloudwatch/logGroup:LogGroup": logGroup,
  "aws:dynamodb/table:Table": table,
  "aws:kinesis/stream:Stream": kinesisStream,
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": firehose,
  "aws:efs/fileSystem:FileSystem": fileSystem,
  ...DATABASE_SPECIALS,
  "aws:eks/cluster:Cluster": eksCluster,
  "aws:sfn/stateMachine:StateMachine": stateMachine,
  "aws:ssm/parameter:Parameter": ssmParameter,
  "aws:backup/plan:Plan": backupPlan,
};
