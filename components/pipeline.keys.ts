// The delivery pipeline's config keys: where the app's source comes from and which branches
// deliver. The Pipeline component takes the same settings (PipelineArgs extends DeliverySettings).
import type { KeyContext } from "./keys";
import { section } from "./keys";
import { PROJECT } from "./stack.keys";
import { stackResourcePrefix } from "./naming";

export type SourceProvider = "codecommit" | "github";
export const SOURCE_PROVIDERS: readonly SourceProvider[] = ["codecommit", "github"];

/** Where the app's source comes from. */
export type PipelineSource =
  | {
      readonly kind: "codecommit";
      /** Repository name. */
      readonly repositoryName: string;
      /** Create the repository (false: it exists in this account and region). */
      readonly create: boolean;
    }
  | {
      readonly kind: "github";
      /** `owner/name`. */
      readonly repository: string;
      /** An existing CodeConnections connection; without one, a connection is created. */
      readonly connectionArn?: string;
    };

/** The delivery settings a stack's config yields. */
export interface DeliverySettings {
  /** Where the app's source comes from. */
  readonly source: PipelineSource;
  /**
   * Branches whose pushes start the pipeline. CodeCommit: exact names, one pipeline each.
   * GitHub: one pipeline whose V2 trigger includes these patterns; the first is the source
   * action's default branch and must be an exact name.
   */
  readonly branches: readonly string[];
  /** A manual approval stage before the deploy stage: the stack's settings set it in prod. */
  readonly requireApproval: boolean;
}

/** `owner/name` of a GitHub repository. */
export const GITHUB_REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const CONNECTION_ARN =
  /^arn:aws(-[a-z]+)*:(codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection\/[0-9a-f-]{36}$/;
/** Git ref names (git check-ref-format, simplified): no spaces, "..", "~^:?[\\" or leading "-". */
const BRANCH = /^(?!-)(?!.*\.\.)[^\s~^:?[\\]{1,200}$/;
const CONNECTION_ALLOWED =
  "a CodeConnections connection ARN (arn:aws:codeconnections:<region>:<account>:connection/<uuid>)";
const REPOSITORY_ALLOWED =
  "a CodeCommit repository name: letters, digits, . _ - (up to 100; default <project>-<stack>-app)";

/** `<project>-<stack>-app`, or `<project>-app` when the stack is not known (a bare parse). */
export function defaultRepositoryName(stack?: string): string {
  return stack === undefined ? `${PROJECT}-app` : `${PROJECT}-${stackResourcePrefix(stack)}-app`;
}

const providerOf = (ctx: KeyContext) => ctx.value<SourceProvider>("sourceProvider");
const fromGithub = {
  text: 'sourceProvider is "github"',
  holds: (ctx: KeyContext) => providerOf(ctx) === "github",
};

/** The delivery pipeline (components/pipeline). */
export const DELIVERY_SECTION = section({
  title: "Delivery",
  summary: "The pipeline that tests, builds and deploys the app (components/pipeline).",
  keys: {
    sourceProvider: {
      key: "sourceProvider",
      kind: "string",
      oneOf: SOURCE_PROVIDERS,
      default: "codecommit",
      description:
        'Where the delivery pipeline takes the app\'s source from, "codecommit" or "github" (CodeConnections).',
      allowed: `"codecommit" or "github"`,
    },
    branches: {
      key: "sourceBranches",
      kind: "strings",
      default: ["main"],
      description:
        "Branches whose pushes start the pipeline (CodeCommit: one pipeline per branch; GitHub: trigger patterns).",
      allowed: "a list of 1 to 8 branch names (GitHub: glob patterns such as release/*)",
      check: (branches, ctx) => {
        // CodePipeline API ("GitBranchFilterCriteria"): at most 8 include patterns.
        if (branches.length === 0 || branches.length > 8) {
          ctx.fail("sourceBranches", `has ${branches.length} entries; give 1 to 8 branches`);
        }
        const provider = providerOf(ctx);
        branches.forEach((b, i) => {
          if (!BRANCH.test(b)) {
            ctx.fail("sourceBranches", `item ${i} "${b}" is not a git branch name`);
          } else if (i === 0 && provider === "github" && /[*?]/.test(b)) {
            ctx.fail(
              "sourceBranches",
              `item 0 "${b}" is the source action's default branch and must be an exact name; put patterns after it`,
            );
          } else if (provider === "codecommit" && /[*?]/.test(b)) {
            ctx.fail(
              "sourceBranches",
              `item ${i} "${b}": CodeCommit sources need exact branch names (one pipeline per branch); patterns work only with sourceProvider "github"`,
            );
          }
        });
      },
    },
    // Repository names are unique per account and region: one per stack unless the stack file
    // names a shared one (and sets codecommitCreateRepository false in all but one stack).
    repositoryName: {
      key: "codecommitRepository",
      kind: "string",
      derivedDefault: {
        text: "<project>-<stack>-app",
        value: (ctx) => defaultRepositoryName(ctx.stack),
      },
      description: "CodeCommit repository of the app's source.",
      allowed: REPOSITORY_ALLOWED,
      check: (name, ctx) => {
        if (!/^[\w.-]{1,100}$/.test(name) || name.endsWith(".git")) {
          ctx.fail(
            "codecommitRepository",
            `"${name}" is not a CodeCommit repository name; use ${REPOSITORY_ALLOWED}`,
          );
        }
      },
    },
    createRepository: {
      key: "codecommitCreateRepository",
      kind: "boolean",
      default: true,
      description:
        "Create the CodeCommit repository in this stack (false when another stack in the account owns it).",
      allowed: "true or false (false: the repository already exists)",
    },
    githubRepository: {
      key: "githubRepository",
      kind: "string",
      description: "GitHub repository of the app's source, through CodeConnections.",
      allowed: `"owner/name" of a GitHub repository (required when sourceProvider is "github")`,
      check: (repository, ctx) => {
        if (!GITHUB_REPOSITORY.test(repository)) {
          ctx.fail("githubRepository", `"${repository}" is not "owner/name"`);
        }
      },
      appliesWhen: fromGithub,
    },
    githubConnectionArn: {
      key: "githubConnectionArn",
      kind: "string",
      description:
        "An existing CodeConnections connection (else one is created, to authorize in the console).",
      allowed: CONNECTION_ALLOWED,
      check: (arn, ctx) => {
        if (!CONNECTION_ARN.test(arn)) {
          ctx.fail(
            "githubConnectionArn",
            `"${arn}" is not a connection ARN; use ${CONNECTION_ALLOWED}`,
          );
        }
      },
      appliesWhen: fromGithub,
    },
  },
  rules: (v, ctx) => {
    if (v.sourceProvider === "github" && v.githubRepository === undefined) {
      ctx.fail(
        "githubRepository",
        `is required when sourceProvider is "github"; set it to "owner/name"`,
      );
    }
  },
  build: (v, ctx): DeliverySettings => ({
    source:
      v.sourceProvider === "github"
        ? { kind: "github", repository: v.githubRepository!, connectionArn: v.githubConnectionArn }
        : { kind: "codecommit", repositoryName: v.repositoryName, create: v.createRepository },
    branches: [...new Set(v.branches)],
    // Each stack has its own pipeline deploying to its own service; prod waits for a person.
    requireApproval: ctx.environment === "prod",
  }),
});
