// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: Secrets Manager secret names and prefixes the provider refuses
// (rules-secret-names.ts) and SSM parameter names AWS refuses at create
// (rules-create-parameter-names.ts). The names each rule must let through are in
// provider-inputs-parameter-names.spec.ts.
import type { Case } from "./provider-inputs-cases";

const SECRET = "aws:secretsmanager/secret:Secret";
const PARAMETER = "aws:ssm/parameter:Parameter";

/** A name of `n` levels above the parameter's own name. */
export const levels = (n: number) =>
  `${Array.from({ length: n }, (_, i) => `/l${i + 1}`).join("")}/param`;

export const NAMES_COMPLIANT: Record<string, Record<string, unknown>> = {
  // Every character validSecretName takes.
  [SECRET]: { name: "prod/app/db+creds=1@example.com_v-2" },
};

export const NAMES_BROKEN: Case[] = [
  [
    SECRET,
    "name",
    "db password",
    'only alphanumeric characters and /_+=.@- special characters are allowed in "name"',
  ],
  [SECRET, "name", "s".repeat(513), '"name" cannot be greater than 512 characters'],
  [
    SECRET,
    "namePrefix",
    "db:",
    'only alphanumeric characters and /_+=.@- special characters are allowed in "name_prefix"',
    { name: undefined },
  ],
  [
    SECRET,
    "namePrefix",
    "p".repeat(487),
    '"name_prefix" cannot be greater than 486 characters',
    { name: undefined },
  ],
  [PARAMETER, "name", "/app/db url", "holds only letters, digits, _ . - and /"],
  [PARAMETER, "name", "/app/db:url", "holds only letters, digits, _ . - and /"],
  [PARAMETER, "name", "awsConfig", 'may not begin with "aws" or "ssm"'],
  [PARAMETER, "name", "SSM-agent", 'may not begin with "aws" or "ssm"'],
  // The user guide's own example (/aws/testparam1), and the same rule's other word and case.
  [PARAMETER, "name", "/aws/testparam1", 'may not begin with "aws" or "ssm"'],
  [PARAMETER, "name", "/SSM/app/url", 'may not begin with "aws" or "ssm"'],
  [PARAMETER, "name", "/Aws", 'may not begin with "aws" or "ssm"'],
  // One level with a leading slash names the same parameter as without it (the guide's
  // uniqueness example: /TestParam1 and TestParam1 are not unique).
  [PARAMETER, "name", "/awsConfig", 'may not begin with "aws" or "ssm"'],
  // A first level that only begins with the letters: AWS tests the name without its slash
  // (a reported refusal: "No access to reserved parameter name: awssec/lab01/vpc_id.").
  [PARAMETER, "name", "/awssec/lab01/vpc_id", 'may not begin with "aws" or "ssm"'],
  [PARAMETER, "name", "/awsome/app/url", 'may not begin with "aws" or "ssm"'],
  [PARAMETER, "name", "/SSMagent/url", 'may not begin with "aws" or "ssm"'],
  [PARAMETER, "name", "app/db/url", "a name in a hierarchy begins with /"],
  [PARAMETER, "name", levels(16), "16 hierarchy levels: a hierarchy has at most 15"],
];
