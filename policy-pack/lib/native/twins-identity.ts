// The @pulumi/aws-native types of sign-in and secrets read as their classic twins (see ./twins.ts)
// for the advisory Cognito and rotation rules:
// - AWS::Cognito::UserPool MfaConfiguration (left out it is OFF, as the classic provider's
//   default: KICS's CloudFormation query 'Cognito UserPool Without MFA',
//   74a18d1a-cf02-4a31-8791-ed0967ad7fdc, flags the property left out as it flags OFF)
//   and UserPoolAddOns { AdvancedSecurityMode } keep the classic names; its password policy sits
//   one level down, Policies { PasswordPolicy { MinimumLength, RequireUppercase,
//   RequireNumbers, RequireSymbols ... } }, where the classic pool has passwordPolicy; its name is
//   UserPoolName and its tags UserPoolTags, a map (sdk/nodejs/cognito/userPool.ts;
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpool.html);
// - AWS::SecretsManager::RotationSchedule SecretId, RotationLambdaArn and RotationRules
//   { AutomaticallyAfterDays, ScheduleExpression, Duration } carry the classic SecretRotation's
//   names; HostedRotationLambda (a rotation function CloudFormation creates) has no classic twin
//   and is not read: the rule asks for the schedule, not who rotates
//   (sdk/nodejs/secretsmanager/rotationSchedule.ts;
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-rotationschedule.html);
// - AWS::IAM::AccessKey UserName is the classic key's `user`, Status keeps its name (Active, the
//   default, or Inactive) and Serial, which only rotates the key, has no classic twin
//   (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-accesskey.html).
import * as t from "../types";
import * as n from "./types";
import type { Twin } from "./twins";

export const IDENTITY_TWINS: [string, Twin][] = [
  [
    n.NATIVE_COGNITO_USER_POOL,
    {
      classic: t.COGNITO_USER_POOL,
      rename: { name: "userPoolName", tags: "userPoolTags" },
      derive: { passwordPolicy: { from: "policies", map: (v: any) => v?.passwordPolicy } },
      says: { passwordPolicy: "policies.passwordPolicy" },
    },
  ],
  // sdk/nodejs/secretsmanager/secret.ts: kmsKeyId and name keep their names; the secret's ARN is
  // the output awsId (CloudFormation's Ref), the classic arn, which a rotation or policy given the
  // ARN as a literal names.
  [n.NATIVE_SECRETSMANAGER_SECRET, { classic: t.SECRETSMANAGER_SECRET, rename: { arn: "awsId" } }],
  [n.NATIVE_SECRETSMANAGER_ROTATION_SCHEDULE, { classic: t.SECRETSMANAGER_SECRET_ROTATION }],
  [n.NATIVE_IAM_ACCESS_KEY, { classic: t.IAM_ACCESS_KEY, rename: { user: "userName" } }],
];
