// A boolean input written as a string ("true", "True", "1", "false", "0", ...: what Go's
// strconv.ParseBool accepts) is judged as the boolean it stands for, by every rule alike
// (policy-pack/lib/values.ts, flagValue/flagOn). Under `pulumi preview` the bridge's Check has
// already parsed such a string (pulumi step_generator.go takes the analyzer's inputs from Check);
// the offline check, these specs and anyone feeding inputs directly see the string itself. Each row
// is a resource whose verdict turns on one switch: the string forms must give exactly the findings
// of the boolean, and the boolean's two values must give different findings (so the row tests
// something). test/policy/lib/boolean-reads.spec.ts keeps new rules from comparing with `=== true`.
import { expect } from "chai";
import * as T from "../../policy-pack/lib/types";
import { policy, res, violations } from "./fixture";

const ON = ["true", "True", "TRUE", "1", "t"];
const OFF = ["false", "False", "FALSE", "0", "f"];
const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const SUBNET = "subnet-0123456789abcdef0";

/** [rule, the resource it judges with the switch set to `v`]. */
const ROWS: readonly { rule: string; build: (v: unknown) => ReturnType<typeof res> }[] = [
  {
    rule: "kms-key-rotation-enabled",
    build: (v) => res(T.KMS_KEY, "k", { description: "k", enableKeyRotation: v }),
  },
  {
    rule: "kms-key-policy-no-wildcard-principal",
    build: (v) =>
      res(T.KMS_KEY, "k", {
        description: "k",
        enableKeyRotation: true,
        bypassPolicyLockoutSafetyCheck: v,
      }),
  },
  {
    rule: "mq-broker-kms-cmk",
    build: (v) =>
      res(T.MQ_BROKER, "mq", {
        brokerName: "mq",
        engineType: "ActiveMQ",
        hostInstanceType: "mq.m5.large",
        subnetIds: [SUBNET],
        encryptionOptions: { useAwsOwnedKey: v, kmsKeyId: KEY_ARN },
      }),
  },
  {
    rule: "ec2-ebs-volume-encrypted",
    build: (v) =>
      res(T.EBS_VOLUME, "vol", { availabilityZone: "eu-west-1a", size: 8, encrypted: v }),
  },
  {
    rule: "cloudtrail-multi-region",
    build: (v) => res(T.CLOUDTRAIL_TRAIL, "trail", { s3BucketName: "logs", isMultiRegionTrail: v }),
  },
  {
    rule: "opensearch-domain-node-to-node-encryption",
    build: (v) => res(T.OPENSEARCH_DOMAIN, "search", { nodeToNodeEncryption: { enabled: v } }),
  },
  {
    rule: "opensearch-domain-https-tls12",
    build: (v) =>
      res(T.OPENSEARCH_DOMAIN, "search", {
        domainEndpointOptions: {
          enforceHttps: v,
          tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10",
        },
      }),
  },
  {
    rule: "codebuild-project-privileged-mode",
    build: (v) =>
      res(T.CODEBUILD_PROJECT, "build", {
        artifacts: { type: "NO_ARTIFACTS" },
        environment: {
          computeType: "BUILD_GENERAL1_SMALL",
          image: "aws/codebuild/standard:7.0",
          type: "LINUX_CONTAINER",
          privilegedMode: v,
        },
      }),
  },
  {
    rule: "ecr-repository-scan-on-push",
    build: (v) => res(T.ECR_REPOSITORY, "repo", { imageScanningConfiguration: { scanOnPush: v } }),
  },
  {
    rule: "emr-block-public-access-enabled",
    build: (v) =>
      res(T.EMR_BLOCK_PUBLIC_ACCESS_CONFIGURATION, "bpa", { blockPublicSecurityGroupRules: v }),
  },
  {
    rule: "elasticache-replication-group-transit-encryption",
    build: (v) =>
      res(T.ELASTICACHE_REPLICATION_GROUP, "cache", {
        description: "cache",
        engine: "redis",
        atRestEncryptionEnabled: true,
        transitEncryptionEnabled: v,
      }),
  },
  {
    rule: "elb-alb-drop-invalid-headers",
    build: (v) =>
      res(T.LB_LOAD_BALANCER, "alb", {
        loadBalancerType: "application",
        subnets: [SUBNET],
        dropInvalidHeaderFields: v,
      }),
  },
];

describe("boolean switches written as strings are judged as the boolean", () => {
  for (const { rule, build } of ROWS) {
    describe(rule, () => {
      const p = policy(rule);
      it("gives the findings of true for each string ParseBool reads as true, and of false for each it reads as false", async () => {
        const on = await violations(p, [build(true)]);
        const off = await violations(p, [build(false)]);
        expect(on, "the switch decides the verdict").to.not.deep.equal(off);
        for (const v of ON) expect(await violations(p, [build(v)]), v).to.deep.equal(on);
        for (const v of OFF) expect(await violations(p, [build(v)]), v).to.deep.equal(off);
      });
    });
  }
});
