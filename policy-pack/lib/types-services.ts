// Resource type tokens of services judged for their logs and their sign-in settings (AppSync
// GraphQL APIs and caches, API Gateway request validators, Auto Scaling notifications, Redshift
// logging and parameter groups, Cognito user and identity pools, QuickSight data sources, SQS
// redrive policies), the bucket companions the S3 resilience rules read (replication, Object
// Lock, event notifications) and the adopted default VPC, apart from ./types.ts to keep each file
// short. Re-exported by ./types.ts: import them from there.
import { S3_BUCKET_REPLICATION_CONFIG } from "./types-data-stores";

export const APIGATEWAY_REQUEST_VALIDATOR = "aws:apigateway/requestValidator:RequestValidator";

export const AUTOSCALING_NOTIFICATION = "aws:autoscaling/notification:Notification";

export const APPSYNC_API_CACHE = "aws:appsync/apiCache:ApiCache";
export const APPSYNC_GRAPHQL_API = "aws:appsync/graphQLApi:GraphQLApi";

export const REDSHIFT_LOGGING = "aws:redshift/logging:Logging";
export const REDSHIFT_PARAMETER_GROUP = "aws:redshift/parameterGroup:ParameterGroup";

export const COGNITO_IDENTITY_POOL = "aws:cognito/identityPool:IdentityPool";
export const COGNITO_USER_POOL = "aws:cognito/userPool:UserPool";

export const QUICKSIGHT_DATA_SOURCE = "aws:quicksight/dataSource:DataSource";

export const SQS_REDRIVE_POLICY = "aws:sqs/redrivePolicy:RedrivePolicy";

export const S3_BUCKET_NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";
export const S3_BUCKET_OBJECT_LOCK_CONFIGURATION =
  "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
export const S3_BUCKET_OBJECT_LOCK_CONFIGURATION_V2 =
  "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2";

/** Bucket companions (`bucket` input) of the resilience rules; the S3 index reads them too. */
export const S3_RESILIENCE_SIDE = {
  replication: [S3_BUCKET_REPLICATION_CONFIG],
  objectLock: [S3_BUCKET_OBJECT_LOCK_CONFIGURATION, S3_BUCKET_OBJECT_LOCK_CONFIGURATION_V2],
  notification: [S3_BUCKET_NOTIFICATION],
} as const satisfies Record<string, readonly string[]>;

export const EC2_DEFAULT_VPC = "aws:ec2/defaultVpc:DefaultVpc";
