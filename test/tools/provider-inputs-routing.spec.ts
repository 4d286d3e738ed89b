// What the routing rules of this round let through, each beside the nearest one refused (the
// refused ones are cases of provider-inputs-cases-routing.ts): a Route 53 record's routing
// policies (rules-dns.ts), an ECS service's capacity providers (rules-create-tasks.ts) and a
// CloudFront distribution's origins and certificate (rules-create-distribution.ts).
import { expect } from "chai";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import { UNKNOWN } from "../../tools/lib/engine/wire";
import { refusedInputs } from "../../tools/lib/provider-checks";
import { COMPLIANT } from "./provider-inputs-cases";

const META = { stack: "dev", project: "app", outputs: {} };
const RECORD = "aws:route53/record:Record";
const SERVICE = "aws:ecs/service:Service";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const QUEUE = "aws:sqs/queue:Queue";
const REDRIVE = "aws:sqs/redrivePolicy:RedrivePolicy";
const redrive = (deadLetterTargetArn: unknown) =>
  JSON.stringify({ deadLetterTargetArn, maxReceiveCount: 5 });
const dlq = (name: string) => `arn:aws:sqs:us-east-1:123456789012:${name}`;

const refused = (type: string, changes: Record<string, unknown>) => {
  const inputs: Record<string, unknown> = { ...COMPLIANT[type], ...changes };
  for (const [k, v] of Object.entries(inputs)) if (v === undefined) delete inputs[k];
  return refusedInputs(handBuiltResource(type, "r", inputs, META)).map((r) => r.says.join("\n"));
};
const providers = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ capacityProvider: `cp-${i}`, weight: 1 }));

describe("provider inputs: routing a record, a service, a distribution", () => {
  it("takes a record without a policy and multivalue answers off, an empty set identifier only without a policy", () => {
    const none = { weightedRoutingPolicies: undefined, setIdentifier: undefined };
    expect(refused(RECORD, none)).to.deep.equal([]);
    expect(refused(RECORD, { ...none, multivalueAnswerRoutingPolicy: false })).to.deep.equal([]);
    // The provider sends no set identifier for "": a routing policy beside it is refused once,
    // a record of no policy (multivalue answers off is none) is taken.
    expect(refused(RECORD, { setIdentifier: "" })).to.have.length(1);
    expect(refused(RECORD, { ...none, setIdentifier: "" })).to.deep.equal([]);
    expect(
      refused(RECORD, { ...none, setIdentifier: "", multivalueAnswerRoutingPolicy: false }),
    ).to.deep.equal([]);
    expect(refused(RECORD, { setIdentifier: "b" })).to.deep.equal([]);
    expect(refused(RECORD, { geoproximityRoutingPolicy: { bias: -99 }, ...none })).to.have.length(
      1,
    );
    expect(
      refused(RECORD, {
        weightedRoutingPolicies: undefined,
        geoproximityRoutingPolicy: { awsRegion: "eu-west-1", bias: -99 },
      }),
    ).to.deep.equal([]);
  });

  it("takes 20 capacity providers, and counts providers written alike once", () => {
    const only = (capacityProviderStrategies: unknown) => ({
      launchType: undefined,
      capacityProviderStrategies,
    });
    expect(refused(SERVICE, only(providers(20)))).to.deep.equal([]);
    const twice = [...providers(20), { weight: 1, capacityProvider: "cp-0" }];
    expect(refused(SERVICE, only(twice))).to.deep.equal([]);
    expect(refused(SERVICE, only(providers(21)))).to.have.length(1);
    // The provider's bounds of a strategy's weight and base.
    const bounds = [
      { capacityProvider: "FARGATE", weight: 1000, base: 100000 },
      { capacityProvider: "FARGATE_SPOT", weight: 0, base: 0 },
    ];
    expect(refused(SERVICE, only(bounds))).to.deep.equal([]);
    // A launch type alone, and a launch type beside an empty strategy, which is none.
    for (const capacityProviderStrategies of [undefined, []])
      expect(refused(SERVICE, { launchType: "FARGATE", capacityProviderStrategies })).to.deep.equal(
        [],
      );
  });

  it("takes the default certificate without aliases, and judges nothing it cannot know yet", () => {
    const byDefault = { viewerCertificate: { cloudfrontDefaultCertificate: true } };
    expect(refused(DISTRIBUTION, byDefault)).to.deep.equal([]);
    expect(refused(DISTRIBUTION, { ...byDefault, aliases: [] })).to.deep.equal([]);
    expect(refused(DISTRIBUTION, { ...byDefault, aliases: ["www.example.com"] })).to.have.length(1);
    expect(refused(DISTRIBUTION, { aliases: ["www.example.com"] })).to.deep.equal([]);
    // An origin whose domain is a bucket's, unknown at preview: the targets are judged at apply.
    const origins = [{ originId: "bucket", domainName: UNKNOWN }];
    expect(refused(DISTRIBUTION, { origins, originGroups: undefined })).to.deep.equal([]);
    expect(
      refused(DISTRIBUTION, {
        origins: [{ originId: "bucket", domainName: "b" }],
        originGroups: undefined,
      }),
    ).to.have.length.greaterThan(0);
  });

  it("takes a dead-letter queue of the source queue's type, and leaves what it cannot read", () => {
    expect(refused(QUEUE, { redrivePolicy: redrive(dlq("orders-dlq.fifo")) })).to.deep.equal([]);
    const standard = {
      name: "orders",
      fifoQueue: undefined,
      contentBasedDeduplication: undefined,
      deduplicationScope: undefined,
      fifoThroughputLimit: undefined,
    };
    expect(
      refused(QUEUE, { ...standard, redrivePolicy: redrive(dlq("orders-dlq")) }),
    ).to.deep.equal([]);
    expect(
      refused(QUEUE, { ...standard, redrivePolicy: redrive(dlq("orders-dlq.fifo")) }),
    ).to.have.length(1);
    // A target that is no SQS ARN, or a policy still unknown, is not judged here.
    for (const redrivePolicy of [redrive("orders-dlq"), redrive(UNKNOWN), UNKNOWN])
      expect(refused(QUEUE, { redrivePolicy }), String(redrivePolicy)).to.deep.equal([]);
    // A queue URL that is no URL leaves the source's type unknown.
    expect(
      refused(REDRIVE, { queueUrl: "orders.fifo", redrivePolicy: redrive(dlq("orders-dlq")) }),
    ).to.deep.equal([]);
  });
});
