// Credentials in Lambda environment variables, from the third parties' own fixtures translated to
// Pulumi inputs.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/compute";
import { LAMBDA_FUNCTION } from "../../../policy-pack/lib/types";
import { res } from "../fixture";
import { policyNamed, run, UNKNOWN } from "../fixtures/kms";

const clean = { violations: [], notes: [] };
const fn = (variables?: Record<string, unknown>) => [
  res(LAMBDA_FUNCTION, "fn", {
    name: "lambda_function_name",
    role: UNKNOWN,
    handler: "exports.test",
    runtime: "nodejs12.x",
    ...(variables ? { environment: { variables } } : {}),
  }),
];

describe("lambda-function-no-plaintext-credentials", () => {
  const p = policyNamed(policies, "lambda-function-no-plaintext-credentials");

  describe("Compliance", () => {
    it("CKV_AWS_45 'pass' (AWS_DEFAULT_REGION) and 'no_env'; KICS negative (foo = test)", async () => {
      expect(await run(p, fn({ AWS_DEFAULT_REGION: "us-west-2" }))).to.deep.equal(clean);
      expect(await run(p, fn())).to.deep.equal(clean);
      expect(await run(p, fn({ foo: "test" }))).to.deep.equal(clean);
    });
    it("references to secrets, table keys and values known only after apply", async () => {
      const vars = {
        DB_SECRET_ARN: UNKNOWN,
        TABLE_NAME: UNKNOWN,
        PARTITION_KEY: "pk",
        SORT_KEY: "sk",
        OBJECT_KEY_PREFIX: "uploads/",
        COMMIT: "3f786850e387550fdab836ed7e6dc881de23001b",
      };
      expect(await run(p, fn(vars))).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_45 'fail': AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", async () => {
      const r = await run(
        p,
        fn({
          AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
          AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        }),
      );
      expect(r.violations).to.deep.equal([
        "fn: environment variable 'AWS_ACCESS_KEY_ID' holds an AWS access key id.",
        "fn: environment variable 'AWS_SECRET_ACCESS_KEY' holds an AWS secret access key.",
      ]);
    });
    it("KICS 'Hardcoded AWS Access Key In Lambda' positive2 and positive3: foo = AKIA...", async () => {
      expect((await run(p, fn({ foo: "AKIAIOSFODNN7EXAMAAA" }))).violations).to.have.length(1);
      expect((await run(p, fn({ foo: "AKIASXANV9XVIJ1YCIJ5" }))).violations).to.have.length(1);
    });
    it("a literal under a credential-like name, and a private key under any name", async () => {
      expect((await run(p, fn({ DB_PASSWORD: "hunter2hunter2" }))).violations).to.deep.equal([
        "fn: environment variable 'DB_PASSWORD' has a literal value and its name marks it as a credential.",
      ]);
      const pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\n-----END RSA PRIVATE KEY-----";
      expect((await run(p, fn({ CERT: pem }))).violations).to.have.length(1);
    });
    it("an unknown value under a credential-like name is a note, not a pass", async () => {
      const r = await run(p, fn({ API_KEY: UNKNOWN, TABLE: "orders" }));
      expect(r.violations).to.deep.equal([]);
      expect(r.notes).to.have.length(1);
    });
  });
});
