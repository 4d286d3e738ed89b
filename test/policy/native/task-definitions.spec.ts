// ECS task definitions written with @pulumi/aws-native, judged by the ecs-task-definition-* rules
// through their classic twin (policy-pack/lib/native/twins.ts): containerDefinitions is a typed list
// there, not a JSON string. A compliant task definition passes every rule; each test then breaks
// one field and expects that rule's finding.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const RULES = [
  "ecs-task-definition-not-privileged",
  "ecs-task-definition-read-only-root",
  "ecs-task-definition-non-root-user",
  "ecs-task-definition-no-plaintext-secrets",
  "ecs-task-definition-logging",
  "ecs-task-definition-awsvpc-network-mode",
  "ecs-task-definition-no-host-namespaces",
  "ecs-task-definition-distinct-roles",
  "ecs-task-definition-efs-transit-encryption",
];

const SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf";
const container = (over: Record<string, unknown> = {}) => ({
  name: "app",
  image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0",
  essential: true,
  readonlyRootFilesystem: true,
  user: "1000:1000",
  environment: [{ name: "LOG_LEVEL", value: "info" }],
  secrets: [{ name: "DB_PASSWORD", valueFrom: SECRET_ARN }],
  logConfiguration: {
    logDriver: "awslogs",
    options: { "awslogs-group": "app", "awslogs-region": "eu-west-1" },
  },
  linuxParameters: { capabilities: { drop: ["ALL"] } },
  ...over,
});
const taskDefinition = (over: Record<string, unknown> = {}) =>
  res(n.NATIVE_ECS_TASK_DEFINITION, "td", {
    family: "app",
    networkMode: "awsvpc",
    requiresCompatibilities: ["FARGATE"],
    cpu: "256",
    memory: "512",
    executionRoleArn: "arn:aws:iam::123456789012:role/app-execution",
    taskRoleArn: "arn:aws:iam::123456789012:role/app-task",
    containerDefinitions: [container()],
    volumes: [
      {
        name: "data",
        efsVolumeConfiguration: { filesystemId: "fs-0abc", transitEncryption: "ENABLED" },
      },
    ],
    ...over,
  });
const withContainer = (over: Record<string, unknown>) =>
  taskDefinition({ containerDefinitions: [container(over)] });

describe("aws-native ECS task definitions: the ecs-task-definition-* rules", () => {
  it("a compliant task definition passes every rule", async () => {
    await expectClean(RULES.map(policy), [taskDefinition()]);
  });

  const broken: [string, ReturnType<typeof taskDefinition>, string][] = [
    ["ecs-task-definition-not-privileged", withContainer({ privileged: true }), "Container 'app'"],
    [
      "ecs-task-definition-not-privileged",
      withContainer({ linuxParameters: { capabilities: { add: ["SYS_ADMIN"] } } }),
      "SYS_ADMIN",
    ],
    [
      "ecs-task-definition-read-only-root",
      withContainer({ readonlyRootFilesystem: false }),
      "writable root filesystem",
    ],
    ["ecs-task-definition-non-root-user", withContainer({ user: "root" }), "runs as root"],
    ["ecs-task-definition-non-root-user", withContainer({ user: undefined }), "sets no user"],
    [
      "ecs-task-definition-no-plaintext-secrets",
      withContainer({ environment: [{ name: "DB_PASSWORD", value: "hunter2hunter2" }] }),
      "Container 'app'",
    ],
    [
      "ecs-task-definition-logging",
      withContainer({ logConfiguration: undefined }),
      "has no log configuration",
    ],
    [
      "ecs-task-definition-awsvpc-network-mode",
      taskDefinition({ networkMode: "host" }),
      "networkMode is 'host'",
    ],
    ["ecs-task-definition-no-host-namespaces", taskDefinition({ pidMode: "host" }), "pidMode"],
    ["ecs-task-definition-no-host-namespaces", taskDefinition({ ipcMode: "host" }), "ipcMode"],
    [
      "ecs-task-definition-distinct-roles",
      taskDefinition({ taskRoleArn: "arn:aws:iam::123456789012:role/app-execution" }),
      "the same role",
    ],
    [
      "ecs-task-definition-efs-transit-encryption",
      taskDefinition({
        volumes: [{ name: "data", efsVolumeConfiguration: { filesystemId: "fs-0abc" } }],
      }),
      "EFS volume 'data' has transitEncryption not set",
    ],
  ];
  for (const [rule, td, fragment] of broken) {
    it(`${rule}: ${fragment}`, async () => {
      const found = await violationsOf(rule, [td]);
      expect(found).to.have.length(1);
      expect(found[0]).to.match(/^td: /);
      expect(found[0]).to.contain(fragment);
    });
  }

  it("each broken field is found by its rule only", async () => {
    const found = await Promise.all(
      RULES.map((r) => violationsOf(r, [withContainer({ privileged: true })])),
    );
    expect(found.map((f) => f.length)).to.deep.equal(
      RULES.map((r) => (r.endsWith("privileged") ? 1 : 0)),
    );
  });

  it("a container list unknown at preview is a preview note, not a pass", async () => {
    const repo = res(n.NATIVE_ECR_REPOSITORY, "repo", {});
    const td = res(
      n.NATIVE_ECS_TASK_DEFINITION,
      "td",
      { family: "app", networkMode: "awsvpc", containerDefinitions: UNKNOWN },
      { refs: { containerDefinitions: [repo] } },
    );
    expect(
      await previewNotes(policy("ecs-task-definition-not-privileged"), [repo, td]),
    ).to.have.length(1);
  });

  it("a container whose image is unknown at preview is judged on the fields that are known", async () => {
    const td = withContainer({ image: UNKNOWN, privileged: true });
    const found = await violationsOf("ecs-task-definition-not-privileged", [td]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("Container 'app'");
  });
});
