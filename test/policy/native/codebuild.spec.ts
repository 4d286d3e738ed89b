// CodeBuild projects written with @pulumi/aws-native, judged by the mandatory codebuild-project-*
// rules through the classic twin (policy-pack/lib/native/twins.ts): the same environment and source
// shapes, and visibility for the classic projectVisibility. A compliant project passes every rule;
// each test then breaks one field.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const RULES = [
  "codebuild-project-privileged-mode",
  "codebuild-project-no-plaintext-credentials",
  "codebuild-project-source-no-inline-credentials",
  "codebuild-project-not-public",
];
const project = (over: Record<string, unknown> = {}) =>
  res(n.NATIVE_CODEBUILD_PROJECT, "build", {
    serviceRole: "arn:aws:iam::123456789012:role/build",
    artifacts: { type: "NO_ARTIFACTS" },
    environment: {
      type: "LINUX_CONTAINER",
      computeType: "BUILD_GENERAL1_SMALL",
      image: "aws/codebuild/standard:7.0",
      privilegedMode: false,
      environmentVariables: [
        { name: "STAGE", value: "prod" },
        { name: "DB_PASSWORD", type: "SECRETS_MANAGER", value: "prod/db:password" },
      ],
    },
    source: { type: "GITHUB", location: "https://github.com/example/app.git" },
    visibility: "PRIVATE",
    ...over,
  });

describe("aws-native CodeBuild projects: the mandatory codebuild-project-* rules", () => {
  it("a compliant project passes every rule", async () => {
    await expectClean(RULES.map(policy), [project()]);
  });

  const env = (over: Record<string, unknown>) => ({
    type: "LINUX_CONTAINER",
    computeType: "BUILD_GENERAL1_SMALL",
    image: "aws/codebuild/standard:7.0",
    ...over,
  });
  const broken: [string, Record<string, unknown>, string][] = [
    [
      "codebuild-project-privileged-mode",
      { environment: env({ privilegedMode: true }) },
      "privileged mode",
    ],
    [
      "codebuild-project-no-plaintext-credentials",
      {
        environment: env({
          environmentVariables: [{ name: "DB_PASSWORD", value: "hunter2hunter2" }],
        }),
      },
      "(type PLAINTEXT)",
    ],
    [
      "codebuild-project-source-no-inline-credentials",
      {
        source: {
          type: "GITHUB",
          location: "https://bot:ghp_abcdefghijklmnop@github.com/example/app.git",
        },
      },
      "source.location embeds credentials",
    ],
    [
      "codebuild-project-not-public",
      { visibility: "PUBLIC_READ" },
      "build: visibility is PUBLIC_READ",
    ],
  ];
  for (const [rule, over, fragment] of broken) {
    it(`${rule}: ${Object.keys(over).join(", ")}`, async () => {
      const found = await violationsOf(rule, [project(over)]);
      expect(found).to.have.length(1);
      expect(found[0]).to.match(/^build: /);
      expect(found[0]).to.contain(fragment);
      for (const other of RULES.filter((r) => r !== rule)) {
        expect(await violationsOf(other, [project(over)]), other).to.deep.equal([]);
      }
    });
  }

  it("an environment unknown at preview is a preview note", async () => {
    const role = res(n.NATIVE_IAM_ROLE, "r", {});
    const p = res(
      n.NATIVE_CODEBUILD_PROJECT,
      "build",
      { environment: UNKNOWN, source: { type: "NO_SOURCE" } },
      { refs: { environment: [role] } },
    );
    expect(
      await previewNotes(policy("codebuild-project-privileged-mode"), [role, p]),
    ).to.have.length(1);
  });
});
