// Resource type tokens of services judged for their logs and their sign-in settings (AppSync
// GraphQL APIs and caches, API Gateway request validators, Auto Scaling notifications, Redshift
// logging and parameter groups, Cognito user and identity pools, QuickSight data sources, SQS
// redrive policies) and of the adopted default VPC, apart from ./types.ts to keep each file short.
// Re-exported by ./types.ts: import them from there.

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

export const EC2_DEFAULT_VPC = "aws:ec2/defaultVpc:DefaultVpc";
