// The @pulumi/aws-native service types whose CloudFormation properties carry the classic names the
// single-type rules read (see ./twins.ts), so each twin is the classic type alone:
// - AWS::Events::Archive KmsKeyIdentifier, AWS::Scheduler::Schedule KmsKeyArn,
//   AWS::CodeArtifact::Domain EncryptionKey, AWS::Timestream::Database KmsKeyId,
//   AWS::MWAA::Environment KmsKey and WebserverAccessMode (sdk/nodejs/mwaa/environment.ts),
//   AWS::RedshiftServerless::Namespace KmsKeyId and AdminUserPassword
//   (sdk/nodejs/redshiftserverless/namespace.ts), AWS::RedshiftServerless::Workgroup
//   PubliclyAccessible, AWS::Cognito::IdentityPool AllowUnauthenticatedIdentities and
//   AWS::AppSync::ApiCache AtRestEncryptionEnabled;
// camelCased by the provider (pulumi/pulumi-aws-native sdk/nodejs/<module>/<type>.ts; CloudFormation
// template reference, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/).
import * as t from "../types";
import * as n from "./types";
import type { Twin } from "./twins";

export const SERVICE_TWINS: [string, Twin][] = [
  [n.NATIVE_EVENTS_ARCHIVE, { classic: t.CLOUDWATCH_EVENT_ARCHIVE }],
  [n.NATIVE_SCHEDULER_SCHEDULE, { classic: t.SCHEDULER_SCHEDULE }],
  [n.NATIVE_CODEARTIFACT_DOMAIN, { classic: t.CODEARTIFACT_DOMAIN }],
  [n.NATIVE_TIMESTREAM_DATABASE, { classic: t.TIMESTREAM_DATABASE }],
  [n.NATIVE_MWAA_ENVIRONMENT, { classic: t.MWAA_ENVIRONMENT }],
  [n.NATIVE_REDSHIFTSERVERLESS_NAMESPACE, { classic: t.REDSHIFTSERVERLESS_NAMESPACE }],
  [n.NATIVE_REDSHIFTSERVERLESS_WORKGROUP, { classic: t.REDSHIFTSERVERLESS_WORKGROUP }],
  [n.NATIVE_COGNITO_IDENTITY_POOL, { classic: t.COGNITO_IDENTITY_POOL }],
  [n.NATIVE_APPSYNC_API_CACHE, { classic: t.APPSYNC_API_CACHE }],
];
