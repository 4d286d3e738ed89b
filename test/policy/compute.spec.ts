// ECS and ECR policies: a compliant fixture passes, each way of breaking a rule is caught one field
// at a time, and values unknown at preview produce the engine's preview note instead of a pass.
import { expect } from "chai";
import { policies } from "../../policy-pack/policies/compute";
import type { AnyPolicy } from "../../tools/lib/policy-runner";
import { previewNotes, res, UNKNOWN, violations } from "./fixture";
import {
  ECR_LIFECYCLE_POLICY,
  ECR_REGISTRY_POLICY,
  ECR_REGISTRY_SCANNING_CONFIGURATION,
  ECR_REPOSITORY,
  ECR_REPOSITORY_POLICY,
  ECS_CLUSTER,
  ECS_SERVICE,
  ECS_TASK_DEFINITION,
  IAM_ROLE,
} from "../../policy-pack/lib/types";

function policy(name: string): AnyPolicy {
  const p = policies.find((x) => x.name === name);
  if (!p) throw new Error(`no policy ${name}`);
  return p;
}

function container(over: Record<string, unknown> = {}) {
  return {
    name: "app",
    image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:3f2a9c1",
    essential: true,
    user: "1000:1000",
    readonlyRootFilesystem: true,
    privileged: false,
    logConfiguration: {
      logDriver: "awslogs",
      options: {
        "awslogs-group": "/platform/app",
        "awslogs-region": "eu-west-1",
        "awslogs-stream-prefix": "app",
      },
    },
    environment: [
      { name: "UPLOAD_BUCKET", value: "platform-api-uploads" },
      { name: "KMS_KEY_ARN", value: "arn:aws:kms:eu-west-1:123456789012:key/1234" },
      { name: "KMS_KEY_ID", value: "1234abcd-12ab-34cd-56ef-1234567890ab" },
      { name: "MAX_UPLOAD_BYTES", value: "10485760" },
    ],
    secrets: [
      {
        name: "DB_PASSWORD",
        valueFrom: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf",
      },
    ],
    linuxParameters: { capabilities: { drop: ["ALL"] } },
    ...over,
  };
}

function taskDef(
  over: Record<string, unknown> = {},
  containers: unknown[] = [container()],
  opts = {},
) {
  return res(
    ECS_TASK_DEFINITION,
    "app-task",
    {
      family: "app",
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      cpu: "256",
      memory: "512",
      containerDefinitions: JSON.stringify(containers),
      ...over,
    },
    opts,
  );
}

async function one(
  name: string,
  resources: ReturnType<typeof res>[],
  config = {},
): Promise<string[]> {
  return violations(policy(name), resources, config);
}

describe("policy: ECS task definitions", () => {
  const taskPolicies = [
    "ecs-task-definition-not-privileged",
    "ecs-task-definition-read-only-root",
    "ecs-task-definition-non-root-user",
    "ecs-task-definition-no-plaintext-secrets",
    "ecs-task-definition-logging",
    "ecs-task-definition-awsvpc-network-mode",
    "ecs-task-definition-no-host-namespaces",
  ];

  it("the compliant task definition passes every task definition policy", async () => {
    for (const name of taskPolicies) expect(await one(name, [taskDef()]), name).to.deep.equal([]);
  });

  it("containerDefinitions unknown at preview gives a preview note, not a pass", async () => {
    const td = taskDef({ containerDefinitions: UNKNOWN });
    for (const name of taskPolicies.filter(
      (n) => !n.includes("network-mode") && !n.includes("namespaces"),
    )) {
      expect(await one(name, [td]), name).to.deep.equal([]);
      const notes = await previewNotes(policy(name), [td]);
      expect(notes, name).to.have.length(1);
      expect(notes[0]).to.match(/can't run policy .* during preview/);
    }
  });

  it("containerDefinitions that are not a JSON array are reported", async () => {
    const v = await one("ecs-task-definition-not-privileged", [
      taskDef({ containerDefinitions: "{not json" }),
    ]);
    expect(v).to.have.length(1);
    expect(v[0]).to.include("not a JSON array");
  });

  describe("ecs-task-definition-not-privileged", () => {
    it("catches privileged: true", async () => {
      const v = await one("ecs-task-definition-not-privileged", [
        taskDef({}, [container({ privileged: true })]),
      ]);
      expect(v).to.deep.equal(["app-task: Container 'app' runs privileged."]);
    });
    it("catches host-level capabilities, with or without the CAP_ prefix", async () => {
      for (const cap of ["SYS_ADMIN", "CAP_SYS_ADMIN", "ALL", "NET_ADMIN"]) {
        const c = container({ linuxParameters: { capabilities: { add: [cap] } } });
        const v = await one("ecs-task-definition-not-privileged", [taskDef({}, [c])]);
        expect(v, cap).to.have.length(1);
        expect(v[0]).to.include("host-level capabilities");
      }
    });
    it("accepts harmless added capabilities", async () => {
      const c = container({ linuxParameters: { capabilities: { add: ["NET_BIND_SERVICE"] } } });
      expect(await one("ecs-task-definition-not-privileged", [taskDef({}, [c])])).to.deep.equal([]);
    });
    it("checks every container (sidecars too)", async () => {
      const v = await one("ecs-task-definition-not-privileged", [
        taskDef({}, [container(), container({ name: "sidecar", privileged: true })]),
      ]);
      expect(v).to.deep.equal(["app-task: Container 'sidecar' runs privileged."]);
    });
    it("is mandatory", () => {
      expect(policy("ecs-task-definition-not-privileged").enforcementLevel).to.equal("mandatory");
    });
  });

  describe("ecs-task-definition-read-only-root", () => {
    it("catches readonlyRootFilesystem false and missing", async () => {
      for (const c of [
        container({ readonlyRootFilesystem: false }),
        container({ readonlyRootFilesystem: undefined }),
      ]) {
        const v = await one("ecs-task-definition-read-only-root", [taskDef({}, [c])]);
        expect(v).to.have.length(1);
        expect(v[0]).to.include("writable root filesystem");
      }
    });
    it("does not apply to Windows containers", async () => {
      const td = taskDef(
        { runtimePlatform: { operatingSystemFamily: "WINDOWS_SERVER_2022_CORE" } },
        [container({ readonlyRootFilesystem: false })],
      );
      expect(await one("ecs-task-definition-read-only-root", [td])).to.deep.equal([]);
    });
  });

  describe("ecs-task-definition-non-root-user", () => {
    it("catches a missing user", async () => {
      const v = await one("ecs-task-definition-non-root-user", [
        taskDef({}, [container({ user: undefined })]),
      ]);
      expect(v).to.have.length(1);
      expect(v[0]).to.include("sets no user");
    });
    it("catches root in every spelling", async () => {
      for (const user of ["root", "0", "0:0", "root:root", "ROOT"]) {
        const v = await one("ecs-task-definition-non-root-user", [
          taskDef({}, [container({ user })]),
        ]);
        expect(v, user).to.have.length(1);
        expect(v[0]).to.include("runs as root");
      }
    });
    it("accepts a non-root UID", async () => {
      expect(
        await one("ecs-task-definition-non-root-user", [
          taskDef({}, [container({ user: "node" })]),
        ]),
      ).to.deep.equal([]);
    });
  });

  describe("ecs-task-definition-no-plaintext-secrets", () => {
    const name = "ecs-task-definition-no-plaintext-secrets";
    const withEnv = (env: { name: string; value: string }[]) =>
      taskDef({}, [container({ environment: env })]);

    it("catches credential-like names with literal values, without echoing the value", async () => {
      for (const n of [
        "DB_PASSWORD",
        "API_TOKEN",
        "STRIPE_SECRET",
        "GITHUB_API_KEY",
        "AWS_ACCESS_KEY_ID",
        "PRIVATE_KEY_PEM",
      ]) {
        const v = await one(name, [withEnv([{ name: n, value: "hunter2-very-secret" }])]);
        expect(v, n).to.have.length(1);
        expect(v[0]).to.include(`'${n}'`);
        expect(v[0]).to.not.include("hunter2");
      }
    });
    it("catches an AWS access key id under an innocent name", async () => {
      const v = await one(name, [withEnv([{ name: "SETTING", value: "AKIAIOSFODNN7EXAMPLE" }])]);
      expect(v).to.have.length(1);
      expect(v[0]).to.include("access key id");
    });
    it("accepts references and ids that only look secret", async () => {
      const env = [
        { name: "KMS_KEY_ID", value: "1234abcd" },
        { name: "SIGNING_KEY", value: "arn:aws:kms:eu-west-1:123456789012:key/1" },
        { name: "TOKEN_ENDPOINT", value: "https://auth.example.com/token" },
        { name: "API_KEY", value: "" },
      ];
      expect(await one(name, [withEnv(env)])).to.deep.equal([]);
    });
    it("takes the name pattern from policy config", async () => {
      const env = [{ name: "DSN", value: "postgres://u:p@db/app" }];
      expect(await one(name, [withEnv(env)])).to.deep.equal([]);
      const v = await one(name, [withEnv(env)], { [name]: { secretNamePattern: "DSN|PASSWORD" } });
      expect(v).to.have.length(1);
    });
    it("is mandatory", () => {
      expect(policy(name).enforcementLevel).to.equal("mandatory");
    });
  });

  describe("ecs-task-definition-logging", () => {
    it("catches a container without logConfiguration and one with the 'none' driver", async () => {
      for (const c of [
        container({ logConfiguration: undefined }),
        container({ logConfiguration: { logDriver: "none" } }),
      ]) {
        const v = await one("ecs-task-definition-logging", [taskDef({}, [c])]);
        expect(v).to.deep.equal(["app-task: Container 'app' has no log configuration."]);
      }
    });
  });

  describe("ecs-task-definition-awsvpc-network-mode", () => {
    it("catches host, bridge and the default", async () => {
      for (const networkMode of ["host", "bridge", undefined]) {
        const v = await one("ecs-task-definition-awsvpc-network-mode", [taskDef({ networkMode })]);
        expect(v, String(networkMode)).to.have.length(1);
      }
    });
  });

  describe("ecs-task-definition-no-host-namespaces", () => {
    it("catches pidMode host and ipcMode host", async () => {
      expect(
        await one("ecs-task-definition-no-host-namespaces", [taskDef({ pidMode: "host" })]),
      ).to.have.length(1);
      expect(
        await one("ecs-task-definition-no-host-namespaces", [taskDef({ ipcMode: "host" })]),
      ).to.have.length(1);
    });
    it("accepts the task-scoped namespaces", async () => {
      const td = taskDef({ pidMode: "task", ipcMode: "task" });
      expect(await one("ecs-task-definition-no-host-namespaces", [td])).to.deep.equal([]);
    });
  });

  describe("ecs-task-definition-distinct-roles (stack)", () => {
    const exec = res(IAM_ROLE, "exec-role", { assumeRolePolicy: "{}" });
    const task = res(IAM_ROLE, "task-role", { assumeRolePolicy: "{}" });
    const name = "ecs-task-definition-distinct-roles";

    it("accepts two different role resources while their ARNs are unknown (preview)", async () => {
      const td = taskDef({ executionRoleArn: UNKNOWN, taskRoleArn: UNKNOWN }, undefined, {
        refs: { executionRoleArn: [exec], taskRoleArn: [task] },
      });
      expect(await one(name, [exec, task, td])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [exec, task, td])).to.deep.equal([]);
    });
    it("catches the same role used for both, correlated by property dependencies", async () => {
      const td = taskDef({ executionRoleArn: UNKNOWN, taskRoleArn: UNKNOWN }, undefined, {
        refs: { executionRoleArn: [exec], taskRoleArn: [exec] },
      });
      expect(await one(name, [exec, td])).to.deep.equal([
        "app-task: The execution role and the task role are the same role.",
      ]);
    });
    it("compares literal ARNs", async () => {
      const arn = "arn:aws:iam::123456789012:role/app";
      expect(
        await one(name, [taskDef({ executionRoleArn: arn, taskRoleArn: arn })]),
      ).to.have.length(1);
      expect(
        await one(name, [
          taskDef({ executionRoleArn: arn, taskRoleArn: "arn:aws:iam::123456789012:role/other" }),
        ]),
      ).to.deep.equal([]);
    });
  });
});

describe("policy: ECS services and clusters", () => {
  const service = (over: Record<string, unknown> = {}) =>
    res(ECS_SERVICE, "app-service", {
      launchType: "FARGATE",
      desiredCount: 2,
      networkConfiguration: {
        subnets: ["subnet-a", "subnet-b"],
        securityGroups: ["sg-1"],
        assignPublicIp: false,
      },
      deploymentCircuitBreaker: { enable: true, rollback: true },
      ...over,
    });

  it("the compliant service passes", async () => {
    for (const n of [
      "ecs-service-no-public-ip",
      "ecs-service-circuit-breaker",
      "ecs-service-fargate-platform-version",
    ]) {
      expect(await one(n, [service()]), n).to.deep.equal([]);
    }
  });

  it("ecs-service-no-public-ip catches assignPublicIp true and is mandatory", async () => {
    const v = await one("ecs-service-no-public-ip", [
      service({ networkConfiguration: { subnets: ["subnet-a"], assignPublicIp: true } }),
    ]);
    expect(v).to.have.length(1);
    expect(v[0]).to.include("public IP");
    expect(policy("ecs-service-no-public-ip").enforcementLevel).to.equal("mandatory");
  });

  it("ecs-service-no-public-ip: an unknown assignPublicIp is a preview note", async () => {
    const s = service({ networkConfiguration: { subnets: ["subnet-a"], assignPublicIp: UNKNOWN } });
    expect(await previewNotes(policy("ecs-service-no-public-ip"), [s])).to.have.length(1);
  });

  it("ecs-service-circuit-breaker catches a missing breaker and one without rollback", async () => {
    expect(
      await one("ecs-service-circuit-breaker", [service({ deploymentCircuitBreaker: undefined })]),
    ).to.have.length(1);
    const v = await one("ecs-service-circuit-breaker", [
      service({ deploymentCircuitBreaker: { enable: true, rollback: false } }),
    ]);
    expect(v[0]).to.include("does not roll back");
  });

  it("ecs-service-circuit-breaker does not apply to CodeDeploy-controlled services", async () => {
    const s = service({
      deploymentCircuitBreaker: undefined,
      deploymentController: { type: "CODE_DEPLOY" },
    });
    expect(await one("ecs-service-circuit-breaker", [s])).to.deep.equal([]);
  });

  it("ecs-service-fargate-platform-version catches a pinned version, also via capacity providers", async () => {
    expect(
      await one("ecs-service-fargate-platform-version", [service({ platformVersion: "1.3.0" })]),
    ).to.have.length(1);
    const spot = service({
      launchType: undefined,
      platformVersion: "1.4.0",
      capacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }],
    });
    expect(await one("ecs-service-fargate-platform-version", [spot])).to.have.length(1);
    expect(
      await one("ecs-service-fargate-platform-version", [service({ platformVersion: "LATEST" })]),
    ).to.deep.equal([]);
    expect(
      await one("ecs-service-fargate-platform-version", [
        service({ launchType: "EC2", platformVersion: "1.3.0" }),
      ]),
    ).to.deep.equal([]);
  });

  it("ecs-cluster-container-insights", async () => {
    const cluster = (settings?: unknown) =>
      res(ECS_CLUSTER, "cluster", settings === undefined ? {} : { settings });
    expect(
      await one("ecs-cluster-container-insights", [
        cluster([{ name: "containerInsights", value: "enabled" }]),
      ]),
    ).to.deep.equal([]);
    expect(
      await one("ecs-cluster-container-insights", [
        cluster([{ name: "containerInsights", value: "enhanced" }]),
      ]),
    ).to.deep.equal([]);
    expect(await one("ecs-cluster-container-insights", [cluster()])).to.have.length(1);
    expect(
      await one("ecs-cluster-container-insights", [
        cluster([{ name: "containerInsights", value: "disabled" }]),
      ]),
    ).to.have.length(1);
  });
});

describe("policy: ECR", () => {
  const repo = (over: Record<string, unknown> = {}) =>
    res(ECR_REPOSITORY, "app-repo", {
      name: "platform-app",
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      ...over,
    });

  describe("ecr-repository-tag-immutability", () => {
    const name = "ecr-repository-tag-immutability";
    it("accepts IMMUTABLE and named exclusions", async () => {
      expect(await one(name, [repo()])).to.deep.equal([]);
      const excl = repo({
        imageTagMutability: "IMMUTABLE_WITH_EXCLUSION",
        imageTagMutabilityExclusionFilters: [{ filter: "latest", filterType: "WILDCARD" }],
      });
      expect(await one(name, [excl])).to.deep.equal([]);
    });
    it("catches MUTABLE, the default, and an exclusion of every tag", async () => {
      expect(await one(name, [repo({ imageTagMutability: "MUTABLE" })])).to.have.length(1);
      expect(await one(name, [repo({ imageTagMutability: undefined })])).to.have.length(1);
      const all = repo({
        imageTagMutability: "IMMUTABLE_WITH_EXCLUSION",
        imageTagMutabilityExclusionFilters: [{ filter: "*", filterType: "WILDCARD" }],
      });
      expect(await one(name, [all])).to.have.length(1);
    });
  });

  describe("ecr-repository-scan-on-push (stack)", () => {
    const name = "ecr-repository-scan-on-push";
    const registry = (rules: unknown) =>
      res(ECR_REGISTRY_SCANNING_CONFIGURATION, "scanning", { scanType: "ENHANCED", rules });
    it("accepts repository-level scanOnPush when no registry configuration is managed", async () => {
      expect(await one(name, [repo()])).to.deep.equal([]);
    });
    it("catches scanOnPush off", async () => {
      const v = await one(name, [repo({ imageScanningConfiguration: { scanOnPush: false } })]);
      expect(v).to.have.length(1);
    });
    it("accepts a registry rule covering every repository even when the repository setting is off", async () => {
      const r = registry([
        {
          scanFrequency: "CONTINUOUS_SCAN",
          repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }],
        },
      ]);
      expect(await one(name, [r, repo({ imageScanningConfiguration: undefined })])).to.deep.equal(
        [],
      );
    });
    it("matches filters the way ECR does (substring without '*', wildcard with it)", async () => {
      for (const filter of ["platform", "platform-*", "*app"]) {
        const r = registry([
          {
            scanFrequency: "SCAN_ON_PUSH",
            repositoryFilters: [{ filter, filterType: "WILDCARD" }],
          },
        ]);
        expect(await one(name, [r, repo()]), filter).to.deep.equal([]);
      }
    });
    it("catches a registry configuration whose rules miss the repository (its own scanOnPush no longer counts)", async () => {
      const r = registry([
        {
          scanFrequency: "SCAN_ON_PUSH",
          repositoryFilters: [{ filter: "other-*", filterType: "WILDCARD" }],
        },
      ]);
      const v = await one(name, [r, repo()]);
      expect(v).to.have.length(1);
      expect(v[0]).to.include("overridden");
    });
    it("catches a matching rule that only scans manually", async () => {
      const r = registry([
        { scanFrequency: "MANUAL", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] },
      ]);
      expect(await one(name, [r, repo()])).to.have.length(1);
    });
    it("registry rules unknown at preview give a note, not a finding", async () => {
      const r = registry(UNKNOWN);
      expect(await one(name, [r, repo()])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [r, repo()])).to.have.length(1);
    });
  });

  describe("ecr-repository-lifecycle-policy (stack)", () => {
    const name = "ecr-repository-lifecycle-policy";
    const lifecycle = '{"rules":[]}';
    it("accepts a lifecycle policy built from the repository (name unknown at preview)", async () => {
      const r = repo({ name: UNKNOWN });
      const lp = res(
        ECR_LIFECYCLE_POLICY,
        "app-lifecycle",
        { repository: UNKNOWN, policy: lifecycle },
        { refs: { repository: [r] } },
      );
      expect(await one(name, [r, lp])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [r, lp])).to.deep.equal([]);
    });
    it("catches a repository without a lifecycle policy", async () => {
      expect(await one(name, [repo()])).to.deep.equal([
        "app-repo: The repository has no lifecycle policy.",
      ]);
    });
    it("correlates a lifecycle policy given the repository's literal name", async () => {
      const lp = res(ECR_LIFECYCLE_POLICY, "lp", { repository: "platform-app", policy: lifecycle });
      expect(await one(name, [repo(), lp])).to.deep.equal([]);
      const other = res(ECR_LIFECYCLE_POLICY, "lp", {
        repository: "someone-else",
        policy: lifecycle,
      });
      expect(await one(name, [repo(), other])).to.have.length(1);
    });
    it("a literal-name policy whose repository is unknown gives a preview note, not a finding", async () => {
      const lp = res(ECR_LIFECYCLE_POLICY, "lp", { repository: UNKNOWN, policy: lifecycle });
      expect(await one(name, [repo(), lp])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [repo(), lp])).to.have.length(1);
    });
  });

  describe("ecr-repository-policy-not-public", () => {
    const name = "ecr-repository-policy-not-public";
    const doc = (statement: Record<string, unknown>) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "Pull", Effect: "Allow", Action: ["ecr:BatchGetImage"], ...statement }],
      });
    const rp = (policyDoc: unknown, type = ECR_REPOSITORY_POLICY) =>
      res(type, "repo-policy", { repository: "platform-app", policy: policyDoc });

    it("accepts named principals and wildcard principals narrowed to the organisation", async () => {
      expect(
        await one(name, [rp(doc({ Principal: { AWS: "arn:aws:iam::210987654321:root" } }))]),
      ).to.deep.equal([]);
      const org = doc({
        Principal: "*",
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
      });
      expect(await one(name, [rp(org)])).to.deep.equal([]);
    });
    it("catches Principal '*' and {AWS: '*'} without a condition", async () => {
      for (const principal of [
        "*",
        { AWS: "*" },
        { AWS: ["arn:aws:iam::210987654321:root", "*"] },
      ]) {
        const v = await one(name, [rp(doc({ Principal: principal }))]);
        expect(v).to.deep.equal([
          'repo-policy: statement Pull (ecr:BatchGetImage): Allow to Principal "*" without a narrowing condition.',
        ]);
      }
    });
    it("does not count a wildcard condition value or a non-narrowing key", async () => {
      const wild = doc({
        Principal: "*",
        Condition: { StringLike: { "aws:PrincipalOrgID": "*" } },
      });
      expect(await one(name, [rp(wild)])).to.have.length(1);
      const agent = doc({
        Principal: "*",
        Condition: { StringEquals: { "aws:UserAgent": "docker" } },
      });
      expect(await one(name, [rp(agent)])).to.have.length(1);
    });
    it("catches NotPrincipal in an Allow", async () => {
      expect(
        await one(name, [rp(doc({ NotPrincipal: { AWS: "arn:aws:iam::1:root" } }))]),
      ).to.have.length(1);
    });
    it("ignores Deny statements, reads object documents and registry policies", async () => {
      const deny = JSON.stringify({
        Statement: [{ Effect: "Deny", Principal: "*", Action: "ecr:*" }],
      });
      expect(await one(name, [rp(deny)])).to.deep.equal([]);
      const obj = {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: "*", Action: "ecr:*" }],
      };
      expect(await one(name, [rp(obj)])).to.have.length(1);
      expect(await one(name, [rp(obj, ECR_REGISTRY_POLICY)])).to.have.length(1);
    });
    it("reports an invalid document and notes an unknown one", async () => {
      expect(await one(name, [rp("{oops")])).to.have.length(1);
      expect(await one(name, [rp(UNKNOWN)])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [rp(UNKNOWN)])).to.have.length(1);
    });
  });
});

describe("compute policies on a program recorded under the mock runtime", () => {
  // Written the way the runtime component writes it: the container definitions are built from the
  // repository URL and the log group name, so at preview the whole JSON string is unknown and the
  // container rules must say so (a note), while the correlations (lifecycle policy → repository,
  // roles → task definition) hold through the property dependencies the SDK registers.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const program = () => {
    const aws = require("@pulumi/aws") as typeof import("@pulumi/aws");
    const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const trust = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "ecs-tasks.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ],
    });
    const repo = new aws.ecr.Repository("app", {
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
    });
    new aws.ecr.LifecyclePolicy("app-lifecycle", {
      repository: repo.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 20 },
            action: { type: "expire" },
          },
        ],
      }),
    });
    const logs = new aws.cloudwatch.LogGroup("app-logs", { retentionInDays: 30 });
    const exec = new aws.iam.Role("exec", { assumeRolePolicy: trust });
    const task = new aws.iam.Role("task", { assumeRolePolicy: trust });
    const cluster = new aws.ecs.Cluster("cluster", {
      settings: [{ name: "containerInsights", value: "enabled" }],
    });
    const td = new aws.ecs.TaskDefinition("app", {
      family: "app",
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      cpu: "256",
      memory: "512",
      executionRoleArn: exec.arn,
      taskRoleArn: task.arn,
      containerDefinitions: pulumi.jsonStringify([
        container({
          image: pulumi.interpolate`${repo.repositoryUrl}:3f2a9c1`,
          logConfiguration: {
            logDriver: "awslogs",
            options: {
              "awslogs-group": logs.name,
              "awslogs-region": "eu-west-1",
              "awslogs-stream-prefix": "app",
            },
          },
        }),
      ]),
    });
    new aws.ecs.Service("app", {
      cluster: cluster.arn,
      taskDefinition: td.arn,
      launchType: "FARGATE",
      desiredCount: 2,
      networkConfiguration: {
        subnets: ["subnet-a", "subnet-b"],
        securityGroups: ["sg-1"],
        assignPublicIp: false,
      },
      deploymentCircuitBreaker: { enable: true, rollback: true },
    });
  };
  /* eslint-enable @typescript-eslint/no-require-imports */

  for (const preview of [true, false]) {
    it(`has no violation at ${preview ? "preview" : "up"}; container rules note the unknown JSON at preview`, async () => {
      const { record } = await import("../../tools/lib/recorder");
      const { evaluate } = await import("./fixture");
      const recording = await record({ project: "platform", stack: "test", preview }, program);
      const report = await evaluate(policies, recording.resources);
      const real = report.violations.filter((v) => !v.previewNote);
      expect(real.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([]);
      const notes = [
        ...new Set(report.violations.filter((v) => v.previewNote).map((v) => v.policy)),
      ].sort();
      expect(notes).to.deep.equal(
        preview
          ? [
              "ecs-task-definition-logging",
              "ecs-task-definition-no-plaintext-secrets",
              "ecs-task-definition-non-root-user",
              "ecs-task-definition-not-privileged",
              "ecs-task-definition-read-only-root",
            ]
          : [],
      );
    });
  }
});
