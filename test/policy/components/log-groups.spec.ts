// awsx-log-group-kms-cmk: the log groups awsx creates (pulumi-awsx awsx/cloudwatch/logGroup.ts,
// called by awsx/ecs/fargateTaskDefinition.ts, awsx/ecs/ec2TaskDefinition.ts and
// awsx/cloudtrail/trail.ts), with the verdict of cloudwatch-log-group-kms-cmk: Checkov
// CKV_AWS_158, Trivy AWS-0017.
import { expect } from "chai";
import { awsxLogGroupKms } from "../../../policy-pack/policies/components/log-groups";
import {
  AWSX_EC2_SERVICE,
  AWSX_EC2_TASK_DEFINITION,
  AWSX_FARGATE_SERVICE,
  AWSX_FARGATE_TASK_DEFINITION,
  AWSX_TRAIL,
} from "../../../policy-pack/lib/types";
import { res } from "../fixture";
import { findingsOf, KEY_ARN, run, UNKNOWN } from "../fixtures/iam";

const ENCRYPTED = { args: { kmsKeyId: KEY_ARN, retentionInDays: 365 } };
const task = (logGroup: unknown) => ({
  container: { name: "app", image: "public.ecr.aws/nginx/nginx:1.27" },
  logGroup,
});
const component = (type: string, logGroup: unknown) =>
  res(
    type,
    "app",
    type === AWSX_FARGATE_SERVICE || type === AWSX_EC2_SERVICE
      ? {
          cluster: "arn:aws:ecs:eu-west-1:123456789012:cluster/main",
          taskDefinitionArgs: task(logGroup),
        }
      : task(logGroup),
    { custom: false },
  );
const ECS_TYPES = [
  AWSX_FARGATE_SERVICE,
  AWSX_EC2_SERVICE,
  AWSX_FARGATE_TASK_DEFINITION,
  AWSX_EC2_TASK_DEFINITION,
];
const trail = (cloudWatchLogsGroup: unknown) =>
  res(AWSX_TRAIL, "trail", { cloudWatchLogsGroup }, { custom: false });

describe("awsx-log-group-kms-cmk", () => {
  describe("Noncompliance", () => {
    it("CKV_AWS_158 / AWS-0017: awsx/ecs/*TaskDefinition.ts's default log group (no logGroup, or args without kmsKeyId), on every ECS component", async () => {
      for (const type of ECS_TYPES) {
        for (const logGroup of [undefined, {}, { args: { retentionInDays: 30 } }]) {
          expect(
            await findingsOf(awsxLogGroupKms, [component(type, logGroup)]),
            `${type} ${JSON.stringify(logGroup)}`,
          ).to.deep.equal([
            "The log group awsx creates (logGroup.args.kmsKeyId): no KMS key is set (CloudWatch Logs then uses its service-owned key), not a customer-managed key.",
          ]);
        }
      }
    });
    it("CKV_AWS_158: an AWS-managed alias as the key", async () => {
      const r = component(AWSX_FARGATE_TASK_DEFINITION, { args: { kmsKeyId: "alias/aws/logs" } });
      expect(await findingsOf(awsxLogGroupKms, [r])).to.have.length(1);
    });
    it("CKV_AWS_158: awsx/cloudtrail/trail.ts's enabled cloudWatchLogsGroup without kmsKeyId", async () => {
      expect(await findingsOf(awsxLogGroupKms, [trail({ enable: true })])).to.deep.equal([
        "The log group awsx creates (cloudWatchLogsGroup.args.kmsKeyId): no KMS key is set (CloudWatch Logs then uses its service-owned key), not a customer-managed key.",
      ]);
    });
    it("a key unknown at preview is a preview note, not a pass", async () => {
      const { findings, notes } = await run(awsxLogGroupKms, [
        component(AWSX_FARGATE_SERVICE, { args: { kmsKeyId: UNKNOWN } }),
      ]);
      expect(findings).to.deep.equal([]);
      expect(notes).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture: args.kmsKeyId is a customer-managed key, on every ECS component", async () => {
      for (const type of ECS_TYPES) {
        expect(await findingsOf(awsxLogGroupKms, [component(type, ENCRYPTED)]), type).to.deep.equal(
          [],
        );
      }
    });
    it("no log group created: logGroup skip or existing; a service running an existing taskDefinition", async () => {
      for (const logGroup of [{ skip: true }, { existing: { name: "/ecs/app" } }]) {
        const r = component(AWSX_FARGATE_SERVICE, logGroup);
        expect(await findingsOf(awsxLogGroupKms, [r]), JSON.stringify(logGroup)).to.deep.equal([]);
      }
      const existing = res(
        AWSX_FARGATE_SERVICE,
        "svc",
        { taskDefinition: "arn:aws:ecs:eu-west-1:123456789012:task-definition/app:3" },
        { custom: false },
      );
      expect(await findingsOf(awsxLogGroupKms, [existing])).to.deep.equal([]);
    });
    it("a Trail without CloudWatch Logs delivery (awsx's default), with an existing group, or with a customer key", async () => {
      for (const g of [
        undefined,
        { enable: false },
        { enable: true, existing: { arn: "arn:aws:logs:eu-west-1:123456789012:log-group:trail" } },
        { enable: true, args: { kmsKeyId: KEY_ARN } },
      ]) {
        expect(await findingsOf(awsxLogGroupKms, [trail(g)]), JSON.stringify(g)).to.deep.equal([]);
      }
    });
  });
});
