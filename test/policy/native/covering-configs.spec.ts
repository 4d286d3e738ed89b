// aws-native resources that cover another resource for a stack rule, read as their classic twins
// (policy-pack/lib/native/twins-services.ts): an AWS::Lambda::EventInvokeConfig on-failure
// destination keeps a function's failed events, and an AWS::ECR::RegistryScanningConfiguration
// rule scans the repositories it matches. Each: covered passes, one field broken is a finding.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, res, violationsOf } from "../fixture";

const QUEUE_ARN = "arn:aws:sqs:eu-west-1:123456789012:fn-failures";

describe("lambda-function-dead-letter-queue with an aws-native EventInvokeConfig", () => {
  const rule = "lambda-function-dead-letter-queue";
  const fn = res(n.NATIVE_LAMBDA_FUNCTION, "worker", {
    functionName: "worker",
    runtime: "nodejs22.x",
  });
  const config = (over: Record<string, unknown> = {}, refs = true) =>
    res(
      n.NATIVE_LAMBDA_EVENT_INVOKE_CONFIG,
      "worker-failures",
      {
        functionName: "worker",
        qualifier: "$LATEST",
        destinationConfig: { onFailure: { destination: QUEUE_ARN } },
        ...over,
      },
      refs ? { refs: { functionName: [fn] } } : {},
    );

  it("an on-failure destination built from the function covers it", async () => {
    await expectClean(policy(rule), [fn, config()]);
  });

  it("one naming the function by literal name covers it", async () => {
    await expectClean(policy(rule), [fn, config({}, false)]);
  });

  it("without onFailure the function is reported", async () => {
    const found = await violationsOf(rule, [fn, config({ destinationConfig: {} })]);
    expect(found).to.deep.equal([
      "worker: No deadLetterConfig.targetArn and no on-failure destination: failed asynchronous " +
        "events are dropped.",
    ]);
  });

  it("one for another function does not cover it", async () => {
    const found = await violationsOf(rule, [fn, config({ functionName: "other" }, false)]);
    expect(found).to.have.length(1);
  });
});

describe("ecr-repository-scan-on-push with an aws-native RegistryScanningConfiguration", () => {
  const rule = "ecr-repository-scan-on-push";
  const repo = res(n.NATIVE_ECR_REPOSITORY, "images", { repositoryName: "team/api" });
  const scanning = (filter: string, scanFrequency = "SCAN_ON_PUSH") =>
    res(n.NATIVE_ECR_REGISTRY_SCANNING_CONFIGURATION, "scanning", {
      scanType: "ENHANCED",
      rules: [{ scanFrequency, repositoryFilters: [{ filter, filterType: "WILDCARD" }] }],
    });

  it("a rule whose filter matches the repository scans it", async () => {
    await expectClean(policy(rule), [repo, scanning("team/*")]);
  });

  it("a filter that misses the repository is reported", async () => {
    const found = await violationsOf(rule, [repo, scanning("other/*")]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("no SCAN_ON_PUSH or CONTINUOUS_SCAN rule matching");
  });

  it("a MANUAL rule is no scan", async () => {
    const found = await violationsOf(rule, [repo, scanning("team/*", "MANUAL")]);
    expect(found).to.have.length(1);
  });
});
