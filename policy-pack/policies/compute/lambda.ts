// Lambda functions keep no credentials in environment variables (advisory): the values are shown
// to anyone who can read the function's configuration and sit in Pulumi state. (Encryption of the
// variables with a customer-managed key is the KMS policies' rule.)
import { resourcePolicy } from "../../lib/define";
import {
  credentialInValue,
  plaintextSecretReason,
  SecretNameConfig,
  secretNameSchema,
} from "../../lib/secrets";
import { LAMBDA_FUNCTION } from "../../lib/types";
import { get, Unknowns } from "../../lib/values";
import { checkov, kics } from "../../lib/controls";

/**
 * Lambda variables often name DynamoDB and S3 keys (PARTITION_KEY, SORT_KEY, OBJECT_KEY), so a bare
 * "KEY" does not mark a credential here: only API, access, private and signing keys do.
 */
const lambdaSecretNames = {
  ...secretNameSchema,
  secretNamePattern: {
    ...secretNameSchema.secretNamePattern,
    default:
      "PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|CREDENTIAL|PRIVATE_?KEY|API_?KEY|ACCESS_?KEY|SIGNING_?KEY",
  },
};

export const lambdaNoPlaintextCredentials = resourcePolicy<SecretNameConfig>({
  name: "lambda-function-no-plaintext-credentials",
  description:
    "Lambda environment variables hold no credentials: no AWS access keys, secret keys or private " +
    "keys, and no literal values under credential-like names.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Keep the secret in Secrets Manager or SSM Parameter Store (SecureString) and pass its ARN or " +
    "name (e.g. DB_SECRET_ARN); the function reads it at start with its role. AWS credentials come " +
    "from the execution role, never from variables.",
  references: [checkov("CKV_AWS_45"), kics("Hardcoded AWS Access Key In Lambda")],
  config: lambdaSecretNames,
  types: [LAMBDA_FUNCTION],
  check: (props, ctx) => {
    const variables = props.environment?.variables;
    if (!variables || typeof variables !== "object") return;
    // Every variable is looked at; an unknown value under a credential-like name becomes a
    // preview note once the others are done.
    const unknowns = new Unknowns();
    for (const name of Object.keys(variables)) {
      unknowns.run(() => {
        const raw = get(variables, name);
        if (raw.known && typeof raw.value === "string") {
          const found = credentialInValue(raw.value);
          if (found) {
            ctx.report(`environment variable '${name}' holds ${found}.`);
            return;
          }
        }
        const variable = {
          name,
          get value() {
            return variables[name];
          },
        };
        const reason = plaintextSecretReason(variable, ctx.config);
        if (reason) ctx.report(`environment variable ${reason}.`);
      });
    }
    unknowns.rethrow();
  },
});
