// Cognito user pools: the password policy's bounds. Each entry names the provider file that
// declares it.
import type { InputRule } from "./rule";
import { intBetween } from "./validators";

const POOL = "aws:cognito/userPool:UserPool";
const COGNITO = "internal/service/cognitoidp/user_pool.go";

export const COGNITO_RULES: readonly InputRule[] = [
  {
    type: POOL,
    prop: "passwordPolicy.minimumLength",
    attr: "password_policy.0.minimum_length",
    validate: intBetween(6, 99),
    fix: "a minimum password length from 6 to 99",
    source: COGNITO,
  },
  {
    type: POOL,
    prop: "passwordPolicy.temporaryPasswordValidityDays",
    attr: "password_policy.0.temporary_password_validity_days",
    validate: intBetween(0, 365),
    fix: "a temporary password validity from 0 to 365 days",
    source: COGNITO,
  },
];
