// Which environment variable names mark a credential under the default config, and what a name
// exempted as a reference or as a key public by design still cannot hide: a credential in its value.
import { expect } from "chai";
import {
  passwordInConnectionString,
  plaintextSecretReason,
  secretLikeName,
  SecretNameConfig,
  secretNameSchema,
  VALUES_JUDGED,
} from "../../../policy-pack/lib/secrets";
import { allPolicies } from "../../../policy-pack/policies";

const defaults: SecretNameConfig = {
  secretNamePattern: secretNameSchema.secretNamePattern.default,
  nonSecretNameSuffixes: secretNameSchema.nonSecretNameSuffixes.default as string[],
};
const PRIVATE_PEM =
  "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
const PUBLIC_PEM =
  "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----";

describe("secret-like variable names (default config)", () => {
  const cases: [name: string, secret: boolean, why: string][] = [
    ["DB_PASSWORD", true, "the pattern"],
    ["SSH_PRIVATE_KEY", true, "the secret half of a key pair"],
    ["STRIPE_SECRET_KEY", true, "the secret half of a Stripe pair"],
    ["SUPABASE_SERVICE_ROLE_KEY", true, "Supabase's secret key"],
    ["KMS_KEY_ID", false, "a reference"],
    ["SSH_PUBLIC_KEY", false, "a public key"],
    ["ssh_public_key", false, "case-insensitive"],
    ["NEXT_PUBLIC_SUPABASE_ANON_KEY", false, "an anon key"],
    ["STRIPE_PUBLISHABLE_KEY", false, "a publishable key"],
    ["PUBLIC_KEY", false, "the suffix itself, without its leading _"],
    ["ANON_KEY", false, "the suffix itself, without its leading _"],
    ["PUBLISHABLE_KEY", false, "the suffix itself, without its leading _"],
    ["KEY_ID", false, "the suffix itself, without its leading _"],
    ["JWT_PUBLIC_KEY_PEM", true, "a suffix only counts at the end of the name"],
    ["SIGNING_KEY_PUBLIC", true, "a suffix only counts at the end of the name"],
    ["AWS_ACCESS_KEY_ID", true, "a credential whatever its suffix"],
  ];
  for (const [name, secret, why] of cases) {
    it(`${name}: ${secret ? "a credential" : "not a credential"} (${why})`, () => {
      expect(secretLikeName(name, defaults)).to.equal(secret);
    });
  }
});

describe("plaintextSecretReason: a name exempted by its suffix still has its value judged", () => {
  it("a private key under a public key's name (the halves of a pair swapped)", () => {
    for (const name of [
      "DEPLOY_PUBLIC_KEY",
      "PUBLIC_KEY",
      "SUPABASE_ANON_KEY",
      "SIGNING_KEY_ARN",
    ]) {
      expect(plaintextSecretReason({ name, value: PRIVATE_PEM }, defaults), name).to.equal(
        `'${name}' holds a private key`,
      );
    }
  });
  it("a public key, a publishable key or an ARN under those names passes", () => {
    for (const [name, value] of [
      ["DEPLOY_PUBLIC_KEY", PUBLIC_PEM],
      ["PUBLIC_KEY", PUBLIC_PEM],
      ["STRIPE_PUBLISHABLE_KEY", "pk_live_51H8exampleexample"],
      ["SIGNING_KEY_ARN", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd"],
    ]) {
      expect(plaintextSecretReason({ name, value }, defaults), name).to.equal(undefined);
    }
  });
});

describe("passwordInConnectionString: a password written into a connection string", () => {
  const cases: [value: string, found: string | undefined][] = [
    ["postgres://app:pw@db.internal:5432/app", "a password in a URL (user:password@host)"],
    ["redis://:pw@cache:6379", "a password in a URL (user:password@host)"],
    ["mongodb+srv://admin:pw@cluster0.mongodb.net/db", "a password in a URL (user:password@host)"],
    ["cloudinary://123456:abcdef@demo", "a password in a URL (user:password@host)"],
    [
      "jdbc:mysql://db:3306/app?user=u&password=pw",
      "a password in a connection string (password=...)",
    ],
    [
      "Server=db;Database=app;User Id=u;Password=pw;",
      "a password in a connection string (password=...)",
    ],
    [
      "Driver={PostgreSQL};Server=db;Uid=u;Pwd=pw;",
      "a password in a connection string (password=...)",
    ],
    ["postgres://app@db.internal:5432/app", undefined],
    ["https://db.internal:5432/app", undefined],
    ["postgres://${DB_USER}:${DB_PASSWORD}@db/app", undefined],
    ["jdbc:mysql://db/app?user=u&password=${DB_PASSWORD}", undefined],
    ["jdbc:mysql://db/app?user=u&password=", undefined],
    ["https://auth.example.com/token?client=web", undefined],
    // Placeholders, in both forms: templates, variables, documentation, masks.
    ["postgres://user:{{DB_PASSWORD}}@host/db", undefined],
    ["postgres://user:<password>@host/db", undefined],
    ["postgres://user:%DB_PASSWORD%@host/db", undefined],
    ['Pwd="${DB_PASSWORD}";Server=db', undefined],
    ["Server=db;Password='{{ db_password }}';", undefined],
    ["jdbc:mysql://db/app?user=u&password=<password>", undefined],
    ["Server=db;Password=%DB_PASSWORD%;", undefined],
    ["Server=db;Password=****;", undefined],
    // Prose: the word after "password=" and a space is no value.
    ["password= in url", undefined],
    // A real password beside a placeholder, quoted, spaced, in ODBC braces, or like a variable.
    ["postgres://u:{{P}}@a/db postgres://u:pw@b/db", "a password in a URL (user:password@host)"],
    ['Server=db;Pwd="hunter2";', "a password in a connection string (password=...)"],
    ["Server=db;Password = hunter2;", "a password in a connection string (password=...)"],
    ["Driver={ODBC};Pwd={p@ss;word};", "a password in a connection string (password=...)"],
    ["Server=db;Password=%40hunter2;", "a password in a connection string (password=...)"],
    // Command-line options in a variable that holds them (JAVA_OPTS).
    [
      "-Xmx512m -Dspring.datasource.password=hunter2",
      "a password in a command-line option (--password=...)",
    ],
    ["--password=hunter2", "a password in a command-line option (--password=...)"],
    ["--db-password='hunter2' --verbose", "a password in a command-line option (--password=...)"],
    ["-Dspring.datasource.password=${DB_PASSWORD}", undefined],
    ["--password-file=/run/secrets/db", undefined],
    ["--password=", undefined],
  ];
  for (const [value, found] of cases) {
    it(`${value}: ${found ?? "no password"}`, () => {
      expect(passwordInConnectionString(value)).to.equal(found);
    });
  }
  it("a credential-like name exempted as a URL still has its value judged", () => {
    const v = plaintextSecretReason(
      { name: "SECRET_URL", value: "postgres://a:pw@db/app" },
      defaults,
    );
    expect(v).to.equal("'SECRET_URL' holds a password in a URL (user:password@host)");
  });
});

describe("the plaintext-secret rules say what they judge in a value", () => {
  it("each names connection-string passwords in its description", () => {
    const rules = allPolicies.filter((p) => /-no-plaintext-(secrets|credentials)$/.test(p.name));
    expect(rules.map((p) => p.name)).to.include.members([
      "awsx-ecs-container-no-plaintext-secrets",
      "codebuild-project-no-plaintext-credentials",
      "ecs-task-definition-no-plaintext-secrets",
      "lambda-function-no-plaintext-credentials",
    ]);
    for (const rule of rules) {
      expect(rule.description, rule.name).to.include(VALUES_JUDGED);
    }
  });
});
