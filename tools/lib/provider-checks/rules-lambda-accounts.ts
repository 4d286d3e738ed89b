// The account ids of a Lambda permission (`aws.lambda.Permission`): `sourceAccount`, which the
// provider's own schema checks at `pulumi preview`, and an account given as `principal`, which
// only AWS checks, when the provider calls AddPermission at `pulumi up`.
//
// Lambda API reference, AddPermission (https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html):
// "To grant permission to another account, specify the account ID as the Principal", and
// `SourceAccount` has the pattern `^\d{12}$`; an AWS account id is 12 digits (AWS Account
// Management reference, "View AWS account identifiers"). Checkov's CKV_AWS_364 fixture
// (LambdaServicePermission_Pass.yml) writes 10-digit ids (`SourceAccount: 9012345678`,
// `Principal: "9012345678"`): the provider refuses the first, AWS the second.
import type { InputRule } from "./rule";
import { awsRule, inputRule } from "./rule";
import { asString, goQuote, type Validator } from "./validators";

const PERMISSION = "aws:lambda/permission:Permission";
const ADD_PERMISSION = "https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html";

/**
 * `verify.ValidAccountID` (internal/verify/validate.go), the validator of `source_account` in
 * internal/service/lambda/permission.go: `^\d{12}$`, refused with
 * `"<attr>" doesn't look like AWS Account ID (exactly 12 digits): "<value>"`.
 */
export const validAccountID: Validator = (v, k) => {
  const s = asString(v);
  if (s === undefined || /^\d{12}$/.test(s)) return [];
  return [`${goQuote(k)} doesn't look like AWS Account ID (exactly 12 digits): ${goQuote(s)}`];
};

/**
 * A principal written as an account: all digits, or an IAM ARN whose account field is all digits
 * (`arn:aws:iam::<account>:root`). Either must hold 12 of them; a service principal, `*`, a
 * role's ARN of a 12-digit account or an organization's grant is left to AWS.
 */
const accountPrincipal: Validator = (v, k) => {
  const s = asString(v);
  if (s === undefined) return [];
  const account = /^\d+$/.test(s) ? s : /^arn:[^:]+:iam::(\d+):/.exec(s)?.[1];
  if (account === undefined || account.length === 12) return [];
  return [
    `${k} ${JSON.stringify(s)} names the account ${account}, which has ${account.length} digits: ` +
      "an AWS account id has exactly 12",
  ];
};

export const LAMBDA_ACCOUNT_RULES: readonly InputRule[] = [
  inputRule(
    PERMISSION,
    "sourceAccount",
    "source_account",
    validAccountID,
    "the 12-digit id of the account that owns the source (a bucket's owner for S3), as a string: " +
      'aws.getCallerIdentityOutput().accountId for this account, never a number ("012..." keeps its zeros)',
    "internal/service/lambda/permission.go",
  ),
  awsRule(
    PERMISSION,
    "principal",
    "principal",
    accountPrincipal,
    "the caller's 12-digit account id, its IAM ARN, or a service principal such as apigateway.amazonaws.com",
    ADD_PERMISSION,
  ),
];
