// awsx ECS component rules: privileged containers / host namespaces, plaintext credentials, public
// task IPs, on FargateService, EC2Service and the task definition components, with the verdicts of
// the aws.ecs.TaskDefinition / Service rules (Checkov CKV_AWS_333/334/335, FSBP ECS.2/3/4/8).
import { expect } from "chai";
import {
  awsxEcsNoPlaintextSecrets,
  awsxEcsNotPrivileged,
  awsxEcsServiceNoPublicIp,
  awsxFargateServiceDefaultNetwork,
} from "../../../policy-pack/policies/components/ecs";
import {
  AWSX_EC2_SERVICE,
  AWSX_EC2_TASK_DEFINITION,
  AWSX_FARGATE_SERVICE,
  AWSX_FARGATE_TASK_DEFINITION,
} from "../../../policy-pack/lib/types";
import { res } from "../fixture";
import { findingsOf } from "../fixtures/iam";
import { compliance } from "../rule-spec";

const container = (over: Record<string, unknown> = {}) => ({
  name: "app",
  image: "public.ecr.aws/nginx/nginx:1.27",
  environment: [{ name: "LOG_LEVEL", value: "info" }],
  secrets: [
    { name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db" },
  ],
  ...over,
});
const service = (
  over: Record<string, unknown> = {},
  c = container(),
  type = AWSX_FARGATE_SERVICE,
) =>
  res(
    type,
    "svc",
    {
      cluster: "arn:aws:ecs:eu-west-1:123456789012:cluster/main",
      networkConfiguration: { assignPublicIp: false, subnets: ["subnet-0a1b2c3d"] },
      taskDefinitionArgs: { container: c },
      ...over,
    },
    { custom: false },
  );
const taskDefinition = (type: string, containers: Record<string, unknown>) =>
  res(type, "task", { containers }, { custom: false });

describe("awsx-ecs-task-not-privileged", () => {
  describe("Noncompliance", () => {
    it("a privileged container in a FargateService, an EC2Service and both task definitions", async () => {
      const bad = container({ privileged: true });
      for (const r of [
        service({}, bad),
        service({}, bad, AWSX_EC2_SERVICE),
        taskDefinition(AWSX_FARGATE_TASK_DEFINITION, { app: bad }),
        taskDefinition(AWSX_EC2_TASK_DEFINITION, { app: bad }),
      ]) {
        expect(await findingsOf(awsxEcsNotPrivileged, [r]), r.type).to.deep.equal([
          "Container 'app' runs privileged.",
        ]);
      }
    });
    it("host-level capabilities and host namespaces", async () => {
      const caps = container({ linuxParameters: { capabilities: { add: ["SYS_ADMIN"] } } });
      expect(await findingsOf(awsxEcsNotPrivileged, [service({}, caps)])).to.have.length(1);
      const ns = service({ taskDefinitionArgs: { pidMode: "host", container: container() } });
      expect(await findingsOf(awsxEcsNotPrivileged, [ns])).to.have.length(1);
    });
  });
  compliance("the untouched fixture", awsxEcsNotPrivileged, () => [service()]);
});

describe("awsx-ecs-container-no-plaintext-secrets", () => {
  describe("Noncompliance", () => {
    it("a DB_PASSWORD-style literal and an AWS access key id value", async () => {
      for (const env of [
        { name: "DB_PASSWORD", value: "hunter2" },
        { name: "UPLOAD_ID", value: "AKIAIOSFODNN7EXAMPLE" },
      ]) {
        const r = service({}, container({ environment: [env] }));
        expect(await findingsOf(awsxEcsNoPlaintextSecrets, [r]), env.name).to.have.length(1);
      }
    });
    it("a private key under a name that marks nothing, as the task definition rule finds it", async () => {
      const pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----";
      const r = service({}, container({ environment: [{ name: "DEPLOY", value: pem }] }));
      expect(await findingsOf(awsxEcsNoPlaintextSecrets, [r])).to.deep.equal([
        "Container 'app': 'DEPLOY' holds a private key.",
      ]);
    });
    it("a private key under a name exempted as public; a public key there passes", async () => {
      const pem =
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
      const env = (value: string) => [{ name: "DEPLOY_PUBLIC_KEY", value }];
      const leak = service({}, container({ environment: env(pem) }));
      expect(await findingsOf(awsxEcsNoPlaintextSecrets, [leak])).to.deep.equal([
        "Container 'app': 'DEPLOY_PUBLIC_KEY' holds a private key.",
      ]);
      const pub = "-----BEGIN PUBLIC KEY-----\nMFkwEwYH\n-----END PUBLIC KEY-----";
      const ok = service({}, container({ environment: env(pub) }));
      expect(await findingsOf(awsxEcsNoPlaintextSecrets, [ok])).to.deep.equal([]);
    });
  });
  compliance(
    "the untouched fixture: the password comes from `secrets`",
    awsxEcsNoPlaintextSecrets,
    () => [service()],
  );
});

describe("awsx-ecs-service-no-public-ip", () => {
  describe("Noncompliance", () => {
    it("FargateService assignPublicIp, and networkConfiguration.assignPublicIp on both services", async () => {
      expect(
        await findingsOf(awsxEcsServiceNoPublicIp, [service({ assignPublicIp: true })]),
      ).to.have.length(1);
      for (const type of [AWSX_FARGATE_SERVICE, AWSX_EC2_SERVICE]) {
        const r = service(
          { networkConfiguration: { assignPublicIp: true, subnets: ["subnet-0a1b2c3d"] } },
          container(),
          type,
        );
        expect(await findingsOf(awsxEcsServiceNoPublicIp, [r]), type).to.have.length(1);
      }
    });
  });
  compliance("the untouched fixture", awsxEcsServiceNoPublicIp, () => [service()]);
});

// awsx/ecs/fargateService.ts (getDefaultNetworkConfiguration): no networkConfiguration means a
// security group open to all traffic from 0.0.0.0/0 and ::/0 (cdk-nag AwsSolutions-EC23,
// Checkov CKV_AWS_277).
describe("awsx-ecs-fargate-service-network-configured", () => {
  describe("Noncompliance", () => {
    it("a FargateService with no networkConfiguration, with or without assignPublicIp", async () => {
      for (const over of [
        { networkConfiguration: undefined },
        { networkConfiguration: undefined, assignPublicIp: false },
      ]) {
        expect(await findingsOf(awsxFargateServiceDefaultNetwork, [service(over)])).to.deep.equal([
          "No networkConfiguration: awsx (3, and the earlier releases read) creates the " +
            "service's security group in the default VPC, open to all traffic from 0.0.0.0/0 " +
            "and ::/0; earlier releases also run the tasks in its public subnets with public IPs.",
        ]);
      }
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture, and an EC2Service (awsx adds no security group to it)", async () => {
      expect(await findingsOf(awsxFargateServiceDefaultNetwork, [service()])).to.deep.equal([]);
      const ec2 = service({ networkConfiguration: undefined }, container(), AWSX_EC2_SERVICE);
      expect(await findingsOf(awsxFargateServiceDefaultNetwork, [ec2])).to.deep.equal([]);
    });
  });
});
