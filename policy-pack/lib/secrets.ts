// Recognising plaintext credentials in environment variables (ECS container definitions, CodeBuild
// projects, Lambda functions): which variable names mark a credential, and when a literal value is
// one; and credentials inside longer texts (files and objects the program writes).
import { stringListSchema } from "./config-schema";
import { get, present } from "./values";

/** Config that decides what counts as a secret-like variable name. */
export interface SecretNameConfig {
  readonly secretNamePattern: string;
  readonly nonSecretNameSuffixes: string[];
}

/** Policy config (JSON schema) shared by the plaintext-secret policies. */
export const secretNameSchema = {
  secretNamePattern: {
    type: "string" as const,
    description:
      "Case-insensitive regular expression for variable names that hold credentials when given a literal value.",
    default: "PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|CREDENTIAL|PRIVATE|KEY",
  },
  // The last three name keys that are public by design: the public half of a key pair; a
  // publishable key (Stripe's pk_, "deliberately not secret", gitleaks/gitleaks#1320); an anon
  // key (Supabase: "Your anon key is safe to expose with RLS enabled", supabase.com/docs/guides/
  // database/secure-data). The secret halves (PRIVATE_KEY, SECRET_KEY, SERVICE_ROLE_KEY) stay.
  nonSecretNameSuffixes: stringListSchema(
    "Name suffixes that mark a reference or a key public by design, not a credential (KMS_KEY_ID, SIGNING_KEY_ARN, JWT_PUBLIC_KEY, STRIPE_PUBLISHABLE_KEY, SUPABASE_ANON_KEY...), at the end of a name or as the whole name without the leading _ (PUBLIC_KEY). The value under such a name is still checked for a private key or an AWS key. AWS_ACCESS_KEY_ID stays a credential.",
    [
      "_ID",
      "_ARN",
      "_NAME",
      "_ALIAS",
      "_URL",
      "_URI",
      "_REGION",
      "_PREFIX",
      "_PATH",
      "_FILE",
      "_ENDPOINT",
      "_PUBLIC_KEY",
      "_PUBLISHABLE_KEY",
      "_ANON_KEY",
    ],
  ),
};

/** Names that are credentials whatever their suffix (AWS Config's ecs-no-environment-secrets defaults). */
const ALWAYS_SECRET_NAMES = new Set([
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "ECS_ENGINE_AUTH_DATA",
]);
/** An AWS access key id (long-lived AKIA or temporary ASIA) given as a value. */
const ACCESS_KEY_VALUE = /^(AKIA|ASIA)[A-Z0-9]{16}$/;

/**
 * What a variable name says: a credential; a credential-like name that one of
 * `nonSecretNameSuffixes` exempts (as a suffix, or as the whole name without the suffix's leading
 * `_`: PUBLIC_KEY, ANON_KEY); or nothing. A suffix counts at the end of the name only, so
 * JWT_PUBLIC_KEY_PEM and SIGNING_KEY_PUBLIC stay credentials: an exemption is silent where the
 * value is a secret no pattern recognises (a symmetric key), while a finding on a public key is
 * seen and answered by one entry in this policy config (`_PUBLIC_KEY_PEM`).
 */
function nameVerdict(name: string, config: SecretNameConfig): "credential" | "exempt" | "none" {
  const upper = name.toUpperCase();
  if (ALWAYS_SECRET_NAMES.has(upper)) return "credential";
  if (!new RegExp(config.secretNamePattern, "i").test(name)) return "none";
  const exempt = config.nonSecretNameSuffixes.some((s) => {
    const suffix = s.toUpperCase();
    return upper.endsWith(suffix) || upper === suffix.replace(/^_/, "");
  });
  return exempt ? "exempt" : "credential";
}

/** Whether a variable name looks like it holds a credential. */
export function secretLikeName(name: string, config: SecretNameConfig): boolean {
  return nameVerdict(name, config) === "credential";
}

/**
 * Why a literal environment variable (`{ name, value }`) is a plaintext credential, or undefined
 * when it is not: a credential-like name with a literal value, or, under any other name, a value
 * that holds a credential (credentialInText). Only a credential-like name reads the value through
 * the preview proxy, so an unknown value of another variable never blocks the check, while an
 * unknown value of a credential-like one becomes a preview note. Messages name the variable,
 * never its value.
 */
export function plaintextSecretReason(variable: any, config: SecretNameConfig): string | undefined {
  const name = typeof variable?.name === "string" ? variable.name : "";
  // An access key id is recognisable by its value alone; an unknown value cannot be a literal key.
  const raw = get(variable, "value");
  if (raw.known && typeof raw.value === "string" && ACCESS_KEY_VALUE.test(raw.value))
    return `'${name}' holds an AWS access key id`;
  // A name vouches for nothing: a private key pasted under DEPLOY_PUBLIC_KEY (the halves of a pair
  // swapped) or under DEPLOY is still one, as Trivy AWS-0036 judges values whatever the name.
  if (nameVerdict(name, config) !== "credential") {
    const found =
      raw.known && typeof raw.value === "string"
        ? (credentialInText(raw.value) ?? passwordInConnectionString(raw.value))
        : undefined;
    return found ? `'${name}' holds ${found}` : undefined;
  }
  const value = variable.value;
  if (value === undefined || value === null || value === "") return undefined;
  // An ARN names a secret or key; it is not the credential itself.
  if (typeof value === "string" && value.startsWith("arn:")) return undefined;
  return `'${name}' has a literal value and its name marks it as a credential`;
}

/** An AWS access key id inside a longer text (long-term AKIA, temporary ASIA). */
const ACCESS_KEY_IN_TEXT = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/;
/** A run of exactly 40 base64 characters: the shape of an AWS secret access key. */
const SECRET_KEY_RUN = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g;
/** A PEM private key. */
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
/** MD5 and SHA-1 digests, which are not secrets (Checkov's `is_hash` leaves them out too). */
const HEX_DIGEST = /^(?:[a-f0-9]{32}|[a-f0-9]{40})$/i;

/**
 * What credential a literal value contains, whatever the name it is stored under, or undefined:
 * a private key, an AWS access key id, or an AWS secret access key. A secret key is base64 of 30
 * random bytes, so a 40-character run counts only when it mixes upper case, lower case and digits
 * (Checkov's CKV_AWS_45 drops other bare 40-character runs as resource names, checkov issue 7542).
 */
export function credentialInValue(value: string): string | undefined {
  if (PRIVATE_KEY.test(value)) return "a private key";
  if (ACCESS_KEY_IN_TEXT.test(value)) return "an AWS access key id";
  if (HEX_DIGEST.test(value)) return undefined;
  for (const m of value.matchAll(SECRET_KEY_RUN)) {
    if (/[a-z]/.test(m[0]) && /[A-Z]/.test(m[0]) && /[0-9]/.test(m[0])) {
      return "an AWS secret access key";
    }
  }
  return undefined;
}

/** An AWS secret access key assigned in a script or a credentials file. */
const SECRET_KEY_ASSIGNMENT = /aws_secret_access_key["']?\s*[=:]/i;

/**
 * What credential a longer text (a file, a script) contains, or undefined: a private key, an AWS
 * access key id, or an assigned AWS secret access key. A bare 40-character run is not enough in a
 * text this long: bundles and data files are full of them.
 */
export function credentialInText(text: string): string | undefined {
  if (PRIVATE_KEY.test(text)) return "a private key";
  if (ACCESS_KEY_IN_TEXT.test(text)) return "an AWS access key id";
  if (SECRET_KEY_ASSIGNMENT.test(text)) return "an AWS secret access key";
  return undefined;
}

/**
 * A password in a URL's user information (`scheme://user:password@host`): the shape
 * detect-secrets' BasicAuthDetector looks for (detect_secrets/plugins/basic_auth.py, whose
 * character classes, RFC 3986's reserved characters and sub-delimiters, keep `${VAR}` out). The
 * user may be empty, as in `redis://:password@host`. Group 1 is the password.
 */
const URL_PASSWORD =
  /[a-z][a-z0-9+.-]*:\/\/[^:/?#[\]@!$&'()*+,;=\s]*:([^:/?#[\]@!$&'()*+,;=\s]+)@/gi;
/**
 * A password given as a parameter of a connection string: a JDBC URL's query (`?user=u&password=p`,
 * the PostgreSQL and MySQL drivers' `password` property), or an ADO.NET/ODBC string
 * (`Server=s;User Id=u;Password=p;`, ODBC's `PWD`). Group 1: the space after `=`; group 2: the
 * value, quoted or not; group 3: what follows it up to the next separator.
 */
const PARAM_PASSWORD =
  /(?:^|[?&;])\s*(?:password|passwd|pwd)\s*=(\s*)("[^"]*"|'[^']*'|[^&;#\s]+)([^&;#]*)/gi;
/**
 * A password given as a command-line option in a variable that holds them (JAVA_OPTS,
 * JAVA_TOOL_OPTIONS, a container's ARGS): `-Dspring.datasource.password=p`, `--password=p`,
 * `--db-password=p`. Group 1 is the value. `--password-file=…` names a file, not a password.
 */
const OPTION_PASSWORD = /(?:^|\s)--?[\w.-]*(?:password|passwd)=("[^"]*"|'[^']*'|\S+)/gi;
/**
 * A value that stands for the password rather than being it: a shell or Compose variable
 * (`${DB_PASSWORD}`, `$DB_PASSWORD`, `$(cat …)`), a Mustache/Jinja, Python format or Ruby
 * template (`{{DB_PASSWORD}}`, `{db_password}`, `#{db_password}`), a Windows variable
 * (`%DB_PASSWORD%`), a documentation placeholder (`<password>`), or a mask (`****`).
 */
const PLACEHOLDER = /^(?:\$.*|\{\{.*\}\}|\{[A-Za-z_][\w.-]*\}|#\{.*\}|<.*>|%[A-Za-z_]\w*%|\*+)$/s;

/** Whether a written value (quotes around it dropped) is a placeholder, not a password. */
function isPlaceholder(written: string): boolean {
  const quoted = /^(["'])(.*)\1$/s.exec(written);
  const value = quoted ? quoted[2] : written;
  return value === "" || PLACEHOLDER.test(value);
}

/**
 * A password written into a connection string (or a command-line option) that a variable holds
 * whatever its name (DATABASE_URL, SPRING_DATASOURCE_URL, a DSN, JAVA_OPTS), or undefined; a
 * placeholder (PLACEHOLDER) is no password. Environment values only: a longer text (a script, a
 * bundle) is judged by credentialInText, where such examples are common.
 */
export function passwordInConnectionString(value: string): string | undefined {
  for (const m of value.matchAll(URL_PASSWORD)) {
    if (!isPlaceholder(m[1])) return "a password in a URL (user:password@host)";
  }
  for (const [, space, written, rest] of value.matchAll(PARAM_PASSWORD)) {
    // Spaces may surround a value (`Password = p;`), but then it runs to the next separator:
    // in "password= in url" the word after `=` is prose, not a value.
    if (space && rest.trim() !== "") continue;
    if (!isPlaceholder(written)) return "a password in a connection string (password=...)";
  }
  for (const m of value.matchAll(OPTION_PASSWORD)) {
    if (!isPlaceholder(m[1])) return "a password in a command-line option (--password=...)";
  }
  return undefined;
}

/**
 * What the plaintext-secret rules judge in a value under any name (plaintextSecretReason), for
 * their descriptions.
 */
export const VALUES_JUDGED =
  "Under any name a value is judged too: a private key, an AWS access key id, or a password " +
  "written into a connection string (user:password@host, password=...) or a command-line option " +
  "(-D...password=..., --password=...); a placeholder such as ${DB_PASSWORD} or {{DB_PASSWORD}} " +
  "is no password.";

/**
 * Why the rules that ask for an AWS-managed database master password are advisory: a supplied
 * password is no exposure, key or route, and one read from a secret config value (or a
 * write-only input) is encrypted in config and never stored in state in plain text; what it
 * lacks is AWS's rotation.
 */
export const SUPPLIED_PASSWORD_ADVISORY =
  "Advisory: no public access, key or route depends on it, and a password read from a secret config value (or " +
  "masterPasswordWo) is encrypted in config and never in state in plain text; what it lacks is AWS's rotation.";

/**
 * The password inputs of `keys` that the program sets. Presence is enough: the value itself is a
 * secret a report must not echo.
 */
export function suppliedPasswords(props: any, keys: readonly string[]): string[] {
  return keys.filter((key) => present(props, key));
}
