// The config keys of the GitHub Actions OIDC roles (an optional part of the delivery layer).
import { section } from "./keys";
import { GITHUB_REPOSITORY } from "./pipeline.keys";

/** GitHub Actions OIDC access for the infrastructure workflows (components/github-oidc/). */
export interface GithubOidcSettings {
  /** `owner/name` of the repository whose workflows may assume the roles. */
  readonly repository: string;
  /** An existing provider for token.actions.githubusercontent.com (one per account); created when unset. */
  readonly providerArn?: string;
}

const OIDC_PROVIDER =
  /^arn:aws(-[a-z]+)*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/;
const PROVIDER_ALLOWED = "an IAM OIDC provider ARN for token.actions.githubusercontent.com";

/** The roles GitHub Actions assumes: present when `githubOidcRepository` is set. */
export const GITHUB_OIDC_SECTION = section({
  title: "GitHub Actions",
  summary: "Optional roles the GitHub Actions workflows assume (components/github-oidc/).",
  keys: {
    repository: {
      key: "githubOidcRepository",
      kind: "string",
      description: "Turns the GitHub Actions OIDC roles on for this repository's workflows.",
      allowed: `"owner/name" of the GitHub repository whose workflows deploy this stack`,
      check: (repository, ctx) => {
        if (!GITHUB_REPOSITORY.test(repository)) {
          ctx.fail("githubOidcRepository", `"${repository}" is not "owner/name"`);
        }
      },
    },
    providerArn: {
      key: "githubOidcProviderArn",
      kind: "string",
      description: "The account's existing GitHub OIDC provider (one per account), else created.",
      allowed: PROVIDER_ALLOWED,
      check: (arn, ctx) => {
        if (!OIDC_PROVIDER.test(arn)) {
          ctx.fail("githubOidcProviderArn", `"${arn}" is not ${PROVIDER_ALLOWED}`);
        }
      },
      appliesWhen: {
        text: "githubOidcRepository is set",
        holds: (ctx) => ctx.value("githubOidcRepository") !== undefined,
      },
    },
  },
  build: (v): GithubOidcSettings | undefined =>
    v.repository === undefined
      ? undefined
      : { repository: v.repository, providerArn: v.providerArn },
});
