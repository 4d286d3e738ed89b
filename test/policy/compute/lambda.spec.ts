// Lambda functions: credentials in environment variables, X-Ray, dead-letter queues, VPC, code
// signing and runtimes, from the third parties' own fixtures translated to Pulumi inputs.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/compute";
import {
  LAMBDA_FUNCTION,
  LAMBDA_FUNCTION_EVENT_INVOKE_CONFIG,
} from "../../../policy-pack/lib/types";
import type { RecordedResource } from "../../../tools/lib/recorder";
import { clean, res } from "../fixture";
import { policyNamed, run, UNKNOWN } from "../fixtures/kms";

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
    it("a private key under a name its suffix exempts (SIGNING_KEY matches, _ARN exempts)", async () => {
      const pem =
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
      expect((await run(p, fn({ SIGNING_KEY_ARN: pem }))).violations).to.deep.equal([
        "fn: environment variable 'SIGNING_KEY_ARN' holds a private key.",
      ]);
    });
    it("an unknown value under a credential-like name is a note, not a pass", async () => {
      const r = await run(p, fn({ API_KEY: UNKNOWN, TABLE: "orders" }));
      expect(r.violations).to.deep.equal([]);
      expect(r.notes).to.have.length(1);
    });
  });
});

/** A function that passes every advisory Lambda rule; each test breaks one field. */
const good = (extra: Record<string, unknown> = {}) => [
  res(LAMBDA_FUNCTION, "fn", {
    name: "lambda_function_name",
    role: UNKNOWN,
    handler: "index.handler",
    runtime: "nodejs22.x",
    tracingConfig: { mode: "Active" },
    deadLetterConfig: { targetArn: UNKNOWN },
    vpcConfig: { subnetIds: [UNKNOWN], securityGroupIds: [UNKNOWN] },
    codeSigningConfigArn: UNKNOWN,
    ...extra,
  }),
];

describe("lambda-function-tracing", () => {
  const p = policyNamed(policies, "lambda-function-tracing");
  it("CKV_AWS_50 / Trivy AWS-0066 good: tracingConfig.mode Active", async () => {
    expect(await run(p, good())).to.deep.equal(clean);
  });
  it("CKV_AWS_50 / Trivy AWS-0066 bad: no tracingConfig, or PassThrough", async () => {
    expect((await run(p, good({ tracingConfig: undefined }))).violations).to.deep.equal([
      "fn: No tracingConfig: X-Ray is off.",
    ]);
    expect(
      (await run(p, good({ tracingConfig: { mode: "PassThrough" } }))).violations,
    ).to.have.length(1);
  });
});

describe("lambda-function-dead-letter-queue", () => {
  const p = policyNamed(policies, "lambda-function-dead-letter-queue");
  const noDlq = () => good({ deadLetterConfig: undefined });
  const invokeConfig = (
    functionName: string,
    destinationConfig: unknown = { onFailure: { destination: UNKNOWN } },
    refs?: Record<string, RecordedResource[]>,
  ) =>
    res(
      LAMBDA_FUNCTION_EVENT_INVOKE_CONFIG,
      "async",
      { functionName, maximumRetryAttempts: 2, destinationConfig },
      { refs },
    );
  it("CKV_AWS_116 pass: a dead-letter target (a queue of the stack, unknown at preview)", async () => {
    expect(await run(p, good())).to.deep.equal(clean);
  });
  it("CKV_AWS_116 fail: no deadLetterConfig", async () => {
    expect((await run(p, noDlq())).violations).to.deep.equal([
      "fn: No deadLetterConfig.targetArn and no on-failure destination: failed asynchronous events are dropped.",
    ]);
  });
  it("AWS invocation-async-retain-records: an on-failure destination built from the function takes the place of a DLQ", async () => {
    const [f] = noDlq();
    const config = invokeConfig(UNKNOWN, undefined, { functionName: [f] });
    expect(await run(p, [f, config])).to.deep.equal(clean);
  });
  for (const ref of [
    "lambda_function_name",
    "lambda_function_name:live",
    "arn:aws:lambda:us-east-1:123456789012:function:lambda_function_name",
    "arn:aws:lambda:us-east-1:123456789012:function:lambda_function_name:$LATEST",
  ]) {
    it(`an on-failure destination for the function named ${ref} counts`, async () => {
      expect(await run(p, [...noDlq(), invokeConfig(ref)])).to.deep.equal(clean);
    });
  }
  it("a config with only an on-success destination, or for another function, does not count", async () => {
    const onSuccess = invokeConfig("lambda_function_name", {
      onSuccess: { destination: UNKNOWN },
    });
    expect((await run(p, [...noDlq(), onSuccess])).violations).to.have.length(1);
    expect((await run(p, [...noDlq(), invokeConfig("other_function")])).violations).to.have.length(
      1,
    );
  });
  it("a config whose function is unknown at preview (no dependency) gives a note, not a finding", async () => {
    expect(await run(p, [...noDlq(), invokeConfig(UNKNOWN)])).to.deep.include({ violations: [] });
    expect((await run(p, [...noDlq(), invokeConfig(UNKNOWN)])).notes).to.have.length(1);
  });
});

describe("lambda-function-in-vpc", () => {
  const p = policyNamed(policies, "lambda-function-in-vpc");
  it("CKV_AWS_117 pass: vpcConfig with subnets", async () => {
    expect(await run(p, good())).to.deep.equal(clean);
  });
  it("CKV_AWS_117 fail: no vpcConfig, or no subnets in it", async () => {
    expect((await run(p, good({ vpcConfig: undefined }))).violations).to.have.length(1);
    expect(
      (await run(p, good({ vpcConfig: { subnetIds: [], securityGroupIds: [] } }))).violations,
    ).to.have.length(1);
  });
});

describe("lambda-function-code-signing", () => {
  const p = policyNamed(policies, "lambda-function-code-signing");
  it("CKV_AWS_272 pass: a code signing config; container images are exempt", async () => {
    expect(await run(p, good())).to.deep.equal(clean);
    expect(
      await run(
        p,
        good({
          codeSigningConfigArn: undefined,
          packageType: "Image",
          imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/fn:1",
          runtime: undefined,
          handler: undefined,
        }),
      ),
    ).to.deep.equal(clean);
  });
  it("CKV_AWS_272 fail: a .zip function without codeSigningConfigArn", async () => {
    expect((await run(p, good({ codeSigningConfigArn: undefined }))).violations).to.have.length(1);
  });
});

describe("lambda-function-supported-runtime", () => {
  const p = policyNamed(policies, "lambda-function-supported-runtime");
  it("CKV_AWS_363 pass: a supported runtime, or a container image without one", async () => {
    expect(await run(p, good())).to.deep.equal(clean);
    expect(await run(p, good({ runtime: "python3.13" }))).to.deep.equal(clean);
    expect(await run(p, good({ runtime: undefined, packageType: "Image" }))).to.deep.equal(clean);
  });
  it("CKV_AWS_363 fail: python3.8, nodejs12.x, go1.x; and python3.9, deprecated since", async () => {
    for (const runtime of ["python3.8", "nodejs12.x", "go1.x", "python3.9"]) {
      expect((await run(p, good({ runtime }))).violations).to.deep.equal([
        `fn: runtime "${runtime}" is deprecated.`,
      ]);
    }
  });
});
