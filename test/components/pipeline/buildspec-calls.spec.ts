// Pipeline: what each buildspec asks of AWS and of its build image, against the project that runs
// it. Every AWS API a stage's commands call (and those CodeBuild calls for the stage) is decided
// by the IAM policy simulator on the stage's role; every runtime a buildspec names is one the
// project's image offers.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import {
  BUILD_IMAGE,
  BUILD_IMAGE_RUNTIMES,
  BUILD_STAGES,
  BUILDSPEC_DIR,
} from "../../../components/pipeline";
import { Recording } from "../../../tools/lib/recorder";
import { doc, referrers, ROOT } from "../../helpers";
import {
  ACCOUNT,
  REGION,
  REPO_ARN,
  EXEC_ROLE,
  TASK_ROLE,
  bucketOf,
  groupOf,
  pipelineRuns,
  project,
  role,
} from "../../fixtures/pipeline";

type Stage = (typeof BUILD_STAGES)[number];
const spec = (s: Stage) =>
  yaml.load(fs.readFileSync(path.join(BUILDSPEC_DIR, `${s}.yml`), "utf8")) as any;
const commands = (s: Stage) =>
  Object.values(spec(s).phases as Record<string, any>)
    .flatMap((p) => p.commands ?? [])
    .join("\n");

/** One authorized request: the IAM action, the resource AWS checks it on, its request context. */
interface Call {
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string>;
}

const SERVICE = `arn:aws:ecs:${REGION}:${ACCOUNT}:service/rt-cluster/rt-service`;
const NEXT_REVISION = `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/platform-test-app:8`;
const repo = (...actions: string[]): Call[] =>
  actions.map((action) => ({ action, resource: REPO_ARN }));

/**
 * The IAM actions behind each command the buildspecs run (Service Authorization Reference, the
 * ECR and ECS action tables; the CLI command names the API operation). A command missing here
 * fails the test below: add it with the actions AWS checks for it.
 */
const CALLS: Record<string, Call[]> = {
  // ECR user guide, "Private registry authentication": GetAuthorizationToken has no resource.
  "aws ecr get-login-password": [{ action: "ecr:GetAuthorizationToken", resource: "*" }],
  "aws ecr describe-images": repo("ecr:DescribeImages"),
  "aws ecr batch-get-image": repo("ecr:BatchGetImage"),
  "aws ecr put-image": repo("ecr:PutImage"),
  // Both the scan's status, polled until COMPLETE, and its findings.
  "aws ecr describe-image-scan-findings": repo("ecr:DescribeImageScanFindings"),
  // The CLI's waiter polls DescribeImageScanFindings (botocore ecr waiters-2.json).
  "aws ecr wait image-scan-complete": repo("ecr:DescribeImageScanFindings"),
  // ECR user guide, "Pushing a Docker image" (required IAM permissions): the layer upload
  // actions and PutImage on the repository.
  "docker push": repo(
    "ecr:BatchCheckLayerAvailability",
    "ecr:InitiateLayerUpload",
    "ecr:UploadLayerPart",
    "ecr:CompleteLayerUpload",
    "ecr:PutImage",
  ),
  // DescribeTaskDefinition defines no resource type (Service Authorization Reference, ECS).
  "aws ecs describe-task-definition": [{ action: "ecs:DescribeTaskDefinition", resource: "*" }],
  // RegisterTaskDefinition on the family's next revision, tagging it in the same call (ECS
  // developer guide, "Grant permission to tag resources on creation"), and passing the two roles
  // the revision names to ECS tasks (IAM user guide, "Grant a user permissions to pass a role").
  "aws ecs register-task-definition": [
    { action: "ecs:RegisterTaskDefinition", resource: NEXT_REVISION },
    {
      action: "ecs:TagResource",
      resource: NEXT_REVISION,
      context: { "ecs:CreateAction": "RegisterTaskDefinition" },
    },
    ...[EXEC_ROLE, TASK_ROLE].map((resource) => ({
      action: "iam:PassRole",
      resource,
      context: { "iam:PassedToService": "ecs-tasks.amazonaws.com" },
    })),
  ],
  "aws ecs update-service": [{ action: "ecs:UpdateService", resource: SERVICE }],
  "aws ecs describe-services": [{ action: "ecs:DescribeServices", resource: SERVICE }],
};

/** The commands of a stage that reach AWS: `aws <service> [wait] <command>` and `docker push`. */
function awsCommandsOf(stage: Stage): string[] {
  const text = commands(stage);
  const found = new Set<string>();
  for (const m of text.matchAll(/\baws\s+([a-z0-9-]+)\s+((?:wait\s+)?[a-z0-9-]+)/g)) {
    found.add(`aws ${m[1]} ${m[2].replace(/\s+/g, " ")}`);
  }
  if (/\bdocker\s+push\b/.test(text)) found.add("docker push");
  return [...found].sort();
}

describe("Pipeline: what the buildspecs ask of AWS and of the build image", function () {
  let staging: Recording;
  before(async () => {
    ({ staging } = await pipelineRuns());
  });

  /** The simulator's decision for the stage's role. */
  async function decide(stage: Stage, call: Call): Promise<string> {
    const r = role(staging, stage);
    const identityPolicies = referrers(staging, r, "role", "aws:iam/rolePolicy:RolePolicy").map(
      (p) => ({ name: p.name, policy: doc(p.inputs.policy) }),
    );
    expect(identityPolicies, `${stage} role policies`).to.have.length(1);
    const result = await runSimulation(
      {
        identityPolicies,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        request: {
          principal: r.outputs.arn,
          action: call.action,
          resource: { accountId: ACCOUNT, resource: call.resource },
          contextVariables: {
            "aws:PrincipalArn": r.outputs.arn,
            "aws:PrincipalAccount": ACCOUNT,
            ...call.context,
          },
        },
      },
      {},
    );
    if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
    return result.overallResult;
  }

  /** What CodeBuild itself does for a stage with its role: logs, input and output artifacts. */
  function codebuildCalls(stage: Stage): Call[] {
    const bucket = bucketOf(staging).outputs.arn;
    const group = groupOf(staging).outputs.arn;
    const stream = `${group}:log-stream:${stage}/3f1c2b9e-8a7d-4c6e-9b0a-1d2e3f4a5b6c`;
    const artifact = `${bucket}/platform-staging-app/Source/Ab3xYz9`;
    const calls: Call[] = [
      { action: "logs:CreateLogStream", resource: stream },
      { action: "logs:PutLogEvents", resource: stream },
      { action: "s3:GetObject", resource: artifact },
    ];
    if (spec(stage).artifacts) {
      calls.push({ action: "s3:PutObject", resource: `${bucket}/platform-staging-app/Image/Q7r` });
    }
    return calls;
  }

  for (const stage of BUILD_STAGES) {
    it(`${stage}: every AWS call of the buildspec, and CodeBuild's own for the stage, is allowed to the stage's role`, async () => {
      const found = awsCommandsOf(stage);
      const unknown = found.filter((c) => !(c in CALLS));
      expect(unknown, `commands without their IAM actions in CALLS`).to.deep.equal([]);
      const calls = [...found.flatMap((c) => CALLS[c]), ...codebuildCalls(stage)];
      for (const call of calls) {
        expect(await decide(stage, call), `${stage}: ${call.action} on ${call.resource}`).to.equal(
          "Allowed",
        );
      }
    });
  }

  it("finds the calls it decides: the image stage logs in, pushes and reads the scan; the deploy stage registers and updates", () => {
    expect(awsCommandsOf("test")).to.deep.equal([]);
    expect(awsCommandsOf("image")).to.include.members([
      "aws ecr get-login-password",
      "aws ecr describe-image-scan-findings",
      "docker push",
    ]);
    expect(awsCommandsOf("deploy")).to.include.members([
      "aws ecs register-task-definition",
      "aws ecs update-service",
      "aws ecr put-image",
    ]);
  });

  it("denies each stage what only another stage needs", async () => {
    const denied: [Stage, Call][] = [
      ["test", CALLS["aws ecr get-login-password"][0]],
      ["test", CALLS["docker push"][4]],
      ["image", CALLS["aws ecs update-service"][0]],
      ["image", CALLS["aws ecs register-task-definition"][2]],
      ["deploy", CALLS["docker push"][1]],
      ["deploy", { action: "s3:PutObject", resource: `${bucketOf(staging).outputs.arn}/x` }],
      // PassRole to another service than ECS tasks.
      [
        "deploy",
        {
          action: "iam:PassRole",
          resource: TASK_ROLE,
          context: { "iam:PassedToService": "ec2.amazonaws.com" },
        },
      ],
    ];
    for (const [stage, call] of denied) {
      expect(await decide(stage, call), `${stage}: ${call.action}`).to.not.equal("Allowed");
    }
  });

  it("names only runtimes the project's build image offers, and tests on the Node.js major the app's image runs", () => {
    for (const stage of BUILD_STAGES) {
      expect(project(staging, stage).inputs.environment.image).to.equal(BUILD_IMAGE);
      const wanted = spec(stage).phases.install?.["runtime-versions"] ?? {};
      for (const [runtime, version] of Object.entries(wanted)) {
        expect(BUILD_IMAGE_RUNTIMES[runtime] ?? [], `${stage}: ${runtime} ${version}`).to.include(
          String(version),
        );
      }
    }
    // The test stage runs the app's tests on the Node.js major of the image the app ships in.
    const dockerfile = fs.readFileSync(path.join(ROOT, "app", "Dockerfile"), "utf8");
    const runtimeImage = /^ARG RUNTIME_IMAGE=\S*nodejs(\d+)-/m.exec(dockerfile);
    const buildImage = /^ARG NODE_IMAGE=\S*node:(\d+)-/m.exec(dockerfile);
    expect(runtimeImage, "app/Dockerfile RUNTIME_IMAGE").to.not.equal(null);
    expect(buildImage?.[1], "app/Dockerfile NODE_IMAGE").to.equal(runtimeImage![1]);
    expect(String(spec("test").phases.install["runtime-versions"].nodejs)).to.equal(
      runtimeImage![1],
    );
  });
});
