// Lambda permissions naming an account with other than 12 digits (tools/lib/provider-checks/
// rules-lambda-accounts.ts): the 10-digit ids of Checkov's CKV_AWS_364 fixture
// (tests/cloudformation/checks/resource/aws/example_LambdaServicePermission/
// LambdaServicePermission_Pass.yml, FunctionPassingAccountPermission's SourceAccount and
// FunctionNotServicePrincipalPermission's Principal), each refused alone.
const PERMISSION = "aws:lambda/permission:Permission";

export const LAMBDA_ACCOUNTS_BROKEN: [string, string, unknown, string][] = [
  [
    PERMISSION,
    "sourceAccount",
    "9012345678",
    '"source_account" doesn\'t look like AWS Account ID (exactly 12 digits): "9012345678"',
  ],
  [PERMISSION, "sourceAccount", "1234-5678-9012", "exactly 12 digits"],
  [PERMISSION, "principal", "9012345678", "which has 10 digits: an AWS account id has exactly 12"],
  [PERMISSION, "principal", "arn:aws:iam::9012345678:root", "names the account 9012345678"],
];
