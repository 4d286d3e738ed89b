// The keys of the stack as a whole: its region and environment (read first: every rule depends on
// them), and the settings every layer shares (log retention, data protection, the standard tags).
import type { KeyContext } from "./keys";
import { mustBeTrue, section } from "./keys";
import { AUTONAME_SUFFIX_LENGTH, stackResourcePrefix, tagValueProblem } from "./naming";

/** The project's name and config namespace (`platform:<key>`). */
export const PROJECT = "platform";

/** The stack name that is production whatever its stack file says: a stack named prod is prod. */
export const PROD_STACK = "prod";

export type Environment = "staging" | "prod";
export const ENVIRONMENTS: readonly Environment[] = ["staging", "prod"];

/** Retention values CloudWatch Logs accepts (PutRetentionPolicy), in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

const REGION_NAME = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;
const ACCOUNT_ID = /^\d{12}$/;

/**
 * The partition of a region outside the commercial one (`aws`), as a phrase for the reader
 * ("the aws-cn (China) partition"); undefined for a commercial region. The program deploys to commercial regions only: every stack builds
 * the docs site, whose CloudFront log delivery is created in us-east-1
 * (`CLOUDFRONT_LOG_REGION` in components/docs-site/resources.ts), and an account of another
 * partition cannot reach that Region: "Accounts and credentials for the China (Beijing) and
 * China (Ningxia) Regions will not work for other Amazon Regions" (Getting Started with Amazon
 * Web Services in China, "General Information About Amazon Web Services China"); CloudFront "is
 * located outside of the AWS GovCloud (US) boundary" and is set up "using your standard AWS
 * credentials. You cannot use your AWS GovCloud (US) account credentials" (AWS GovCloud (US)
 * User Guide, "Amazon CloudFront", Credentials). China's service endpoints also end in
 * `.amazonaws.com.cn` ("Endpoints and ARNs for Amazon Web Services in China"), where the key
 * policies name `<service>.<region>.amazonaws.com` in `kms:ViaService`. Such a stack would fail
 * its first `pulumi up` at the docs site, after the network and most layers exist.
 */
export function nonCommercialPartition(region: string): string | undefined {
  if (region.startsWith("cn-")) return "the aws-cn (China) partition";
  if (region.startsWith("us-gov-")) return "the aws-us-gov (AWS GovCloud (US)) partition";
  if (/^[a-z]{2}-iso[a-z]*-/.test(region)) return "an isolated (ISO) partition";
  return undefined;
}

/**
 * Stack names every AWS name the program spells with them accepts: lowercase words joined by
 * single hyphens. The image repository is `<project>-<stack>-app`, and ECR repository names are
 * lowercase with single separators (ECR API, CreateRepository `repositoryName`); CodeBuild
 * project names (`<project>-<stack>-test`) and KMS aliases (`alias/<project>/<stack>/…`) have no
 * dot (CodeBuild API, CreateProject `name`; KMS API, CreateAlias `AliasName`); and the deploy
 * role's name patterns must spell the stack as the layers that normalise it do.
 */
export const STACK_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/**
 * The longest stack name every name the program derives from it fits, with every feature on. The
 * binding one: the runtime's task execution role is auto-named
 * `<stack>-runtime-execution-role-<7 random>` (Pulumi's auto-name, `AUTONAME_SUFFIX_LENGTH`), and
 * IAM role names have at most 64 characters (IAM API, CreateRole `RoleName`,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html): 64 - 8 - 23 = 33. A
 * longer name fails `pulumi preview` at that role ("plus 7 random chars is longer than maximum
 * length 64"); refused here first, with the rename that fixes it.
 */
export const STACK_NAME_MAX_LENGTH = 64 - AUTONAME_SUFFIX_LENGTH - "-runtime-execution-role".length;

const RETENTION_ALLOWED = `one of ${LOG_RETENTION_DAYS.join(", ")} (prod: at least 365)`;

/** The rules a stack is held to: prod's for a stack named prod, else its `environment`. */
export function environmentOf(ctx: KeyContext): Environment | undefined {
  return ctx.stack === PROD_STACK ? "prod" : ctx.value<Environment>("environment");
}

/** The stack's region and environment. */
export const STACK_SECTION = section({
  title: "Stack",
  summary: "Where the stack deploys and which environment's rules it follows (read first).",
  rules: (_values: unknown, ctx: KeyContext) => {
    if (ctx.stack === undefined) return;
    if (STACK_NAME.test(ctx.stack)) {
      if (ctx.stack.length <= STACK_NAME_MAX_LENGTH) return;
      const shorter = ctx.stack.slice(0, STACK_NAME_MAX_LENGTH).replace(/-+$/, "");
      ctx.problem(
        `stack "${ctx.stack}": ${ctx.stack.length} characters, more than the ${STACK_NAME_MAX_LENGTH} the AWS names built from it fit (the runtime's execution role \`<stack>-runtime-execution-role-<7 random>\` reaches IAM's 64); rename the stack before its first \`pulumi up\`: \`pulumi stack rename ${shorter}\``,
      );
      return;
    }
    ctx.problem(
      `stack "${ctx.stack}": AWS names built from the stack's name take lowercase letters, digits and single hyphens only (ECR repository names are lowercase; CodeBuild project names and KMS aliases have no dot); rename the stack before its first \`pulumi up\`: \`pulumi stack rename ${stackResourcePrefix(ctx.stack)}\``,
    );
  },
  keys: {
    region: {
      key: "aws:region",
      kind: "string",
      required: true,
      description: "AWS region of every resource of the stack (the AWS provider's key).",
      allowed: 'a commercial AWS region name such as "eu-west-1" (not China, GovCloud or ISO)',
      check: (region, ctx) => {
        if (!REGION_NAME.test(region)) {
          ctx.fail("aws:region", `"${region}" is not an AWS region name such as "eu-west-1"`);
          return false;
        }
        const partition = nonCommercialPartition(region);
        if (partition === undefined) return;
        ctx.fail(
          "aws:region",
          `"${region}" is in ${partition}; the program deploys to commercial AWS regions only (its docs site's CloudFront log delivery is created in us-east-1, which that partition's credentials do not reach, so \`pulumi up\` would fail there after the network and most layers exist); set a commercial region: \`pulumi config set aws:region eu-west-1\``,
        );
        return false;
      },
    },
    allowedAccountIds: {
      key: "aws:allowedAccountIds",
      kind: "strings",
      description:
        "AWS accounts the provider may deploy to (the AWS provider's key); the stack's certificates must be in one of them.",
      allowed: 'a list of 12-digit AWS account ids, e.g. ["123456789012"]',
      check: (ids, ctx) => {
        const bad = ids.filter((id) => !ACCOUNT_ID.test(id));
        if (bad.length === 0) return;
        ctx.fail(
          "aws:allowedAccountIds",
          `${bad.map((id) => JSON.stringify(id)).join(", ")} is not a 12-digit AWS account id`,
        );
        return false;
      },
    },
    environment: {
      key: "environment",
      kind: "string",
      oneOf: ENVIRONMENTS,
      required: true,
      description:
        'Environment of this stack, "staging" or "prod"; drives sizes, protection and retention.',
      allowed: `"staging" or "prod"`,
      check: (declared, ctx) => {
        if (ctx.stack !== PROD_STACK || declared === "prod") return;
        ctx.fail(
          "environment",
          `is "${declared}" but the stack is named prod, and a stack named prod is prod (its rules apply whatever this key says): ${ctx.setCommand("environment", "prod")}, or use another stack name for a ${declared} stack`,
        );
      },
    },
  },
});

const TAG_ALLOWED =
  "a non-empty string (tag value): letters, digits, spaces and _ . : / = + - @, at most 255 characters";

/** A tag value every service takes (IAM and CodeBuild refuse others, S3 answers InvalidTag). */
function tagValueCheck(key: string, value: string, ctx: KeyContext): boolean {
  const problem = tagValueProblem(value);
  if (problem === undefined) return true;
  ctx.fail(key, `"${value}" ${problem}: every resource carries it as a tag`);
  return false;
}

/** What every layer shares: log retention, protection of data, the standard tags. */
export const COMMON_SECTION = section({
  title: "Every layer",
  summary: "Log retention, data protection and the tags every component receives.",
  keys: {
    logRetentionDays: {
      key: "logRetentionDays",
      kind: "integer",
      min: 1,
      max: 3653,
      default: 30,
      description:
        "Retention of every log group, a value CloudWatch Logs accepts (prod at least 365).",
      allowed: RETENTION_ALLOWED,
      check: (days, ctx) => {
        if ((LOG_RETENTION_DAYS as readonly number[]).includes(days)) return;
        ctx.fail(
          "logRetentionDays",
          `${days} is not a retention CloudWatch Logs accepts; use ${RETENTION_ALLOWED}`,
        );
        return false;
      },
      rules: [
        {
          environment: "prod",
          text: "at least 365",
          check: (days) =>
            days !== undefined && days < 365
              ? `prod keeps logs at least 365 days, got ${days}`
              : undefined,
        },
      ],
    },
    protectData: {
      key: "protectData",
      kind: "boolean",
      default: false,
      description:
        "Protect buckets and keys from deletion and keep them on destroy (prod must be true).",
      allowed: "true or false (prod: true)",
      rules: [
        mustBeTrue(
          "prod",
          (ctx) =>
            `prod must protect its data; only staging may turn protection off: ${ctx.setCommand("protectData", "true")}`,
        ),
      ],
    },
    owner: {
      key: "owner",
      kind: "string",
      default: "platform-team",
      description: "Owner tag on every resource.",
      allowed: TAG_ALLOWED,
      check: (owner, ctx) => tagValueCheck("owner", owner, ctx),
    },
    costCenter: {
      key: "costCenter",
      kind: "string",
      description: "cost-center tag on every resource, when set.",
      allowed: TAG_ALLOWED,
      check: (costCenter, ctx) => tagValueCheck("costCenter", costCenter, ctx),
    },
  },
});

/** The standard tags on every taggable resource. */
export function standardTags(
  environment: Environment,
  owner: string,
  costCenter: string | undefined,
): Record<string, string> {
  const tags: Record<string, string> = {
    project: PROJECT,
    environment,
    owner,
    "managed-by": "pulumi",
  };
  if (costCenter) tags["cost-center"] = costCenter;
  return tags;
}
