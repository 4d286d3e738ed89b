// Delivery keys (the pipeline and the GitHub Actions roles): every bad input names its key.
import { expect } from "chai";
import { parseStackConfig } from "../../components/config";
import { BadInput, rejects } from "../fixtures/config";
import { stackConfig } from "../helpers";

describe("config: delivery", () => {
  const cases: BadInput[] = [
    [
      "unknown source provider",
      { "platform:sourceProvider": "gitlab" },
      /^platform:sourceProvider: "gitlab" is not allowed; use "codecommit" or "github"/,
    ],
    [
      "github source without a repository",
      { "platform:sourceProvider": "github" },
      /^platform:githubRepository: is required when sourceProvider is "github"/,
    ],
    [
      "malformed GitHub repository",
      { "platform:sourceProvider": "github", "platform:githubRepository": "acme" },
      /^platform:githubRepository: "acme" is not "owner\/name"/,
    ],
    [
      "GitHub keys with a CodeCommit source",
      { "platform:githubRepository": "acme/app" },
      /^platform:githubRepository: applies only when sourceProvider is "github"/,
    ],
    [
      "malformed connection ARN",
      {
        "platform:sourceProvider": "github",
        "platform:githubRepository": "acme/app",
        "platform:githubConnectionArn": "arn:aws:iam::123456789012:role/x",
      },
      /^platform:githubConnectionArn: .* is not a connection ARN/,
    ],
    [
      "branch pattern with CodeCommit",
      { "platform:sourceBranches": ["release/*"] },
      /^platform:sourceBranches: item 0 "release\/\*": CodeCommit sources need exact branch names/,
    ],
    [
      "pattern as the default GitHub branch",
      {
        "platform:sourceProvider": "github",
        "platform:githubRepository": "acme/app",
        "platform:sourceBranches": ["release/*", "main"],
      },
      /^platform:sourceBranches: item 0 "release\/\*" is the source action's default branch/,
    ],
    [
      "no branch",
      { "platform:sourceBranches": [] },
      /^platform:sourceBranches: has 0 entries; give 1 to 8 branches/,
    ],
    [
      "invalid branch name",
      { "platform:sourceBranches": ["bad..name"] },
      /^platform:sourceBranches: item 0 "bad\.\.name" is not a git branch name/,
    ],
    [
      "bad CodeCommit repository name",
      { "platform:codecommitRepository": "app.git" },
      /^platform:codecommitRepository: "app\.git" is not a CodeCommit repository name/,
    ],
    [
      "wrong type for codecommitCreateRepository",
      { "platform:codecommitCreateRepository": "maybe" },
      /^platform:codecommitCreateRepository: must be true or false/,
    ],
    [
      "malformed OIDC repository",
      { "platform:githubOidcRepository": "https://github.com/acme/app" },
      /^platform:githubOidcRepository: .* is not "owner\/name"/,
    ],
    [
      "OIDC provider without a repository",
      {
        "platform:githubOidcProviderArn":
          "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
      },
      /^platform:githubOidcProviderArn: applies only when githubOidcRepository is set/,
    ],
    [
      "malformed OIDC provider",
      {
        "platform:githubOidcRepository": "acme/app",
        "platform:githubOidcProviderArn": "arn:aws:iam::123456789012:oidc-provider/example.com",
      },
      /^platform:githubOidcProviderArn: .* is not an IAM OIDC provider ARN/,
    ],
  ];
  rejects(cases);

  // Each stack has its own pipeline deploying to its own service; prod's waits for a person.
  for (const [stack, requireApproval] of [
    ["staging", false],
    ["prod", true],
  ] as const) {
    it(`${requireApproval ? "asks" : "does not ask"} for approval before the ${stack} deploy`, () => {
      const config = parseStackConfig(stackConfig(stack), { stack });
      expect(config.delivery.requireApproval).to.equal(requireApproval);
    });
  }
});
