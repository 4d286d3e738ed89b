// Where the GitHub Actions roles' statements point: the stack's scope (names, account, region),
// the ARNs built from it and the CI roles' names, shared by the deploy role's allows
// (./deploy-policy.ts) and its denies (./guardrails.ts).
import * as pulumi from "@pulumi/pulumi";
import { PolicyStatement } from "../iam";
import { nameWithin } from "../naming";

/** Where the roles' statements point: this stack's names, account, region. */
export interface DeployScope {
  readonly project: string;
  readonly stack: string;
  /** `<project>-<stack>`. */
  readonly prefix: string;
  /** The prefix of the stack's component names (`<stack>`, see index.ts). */
  readonly own: string;
  /** The runtime's ECS cluster (`platform:runtimeClusterName`, default `<project>-<stack>`). */
  readonly clusterName: string;
  readonly region: string;
  readonly partition: pulumi.Output<string>;
  readonly accountId: pulumi.Output<string>;
  /** The account's GitHub OIDC provider, by its URL. */
  readonly ownProviderArn: pulumi.Output<string>;
  /** Deny the deploy role deleting data (prod). */
  readonly protect: boolean;
}

/** `arn:<partition>:<service>:<region or "">:<account>:<resource>`. */
export function arnOf(
  s: DeployScope,
): (service: string, resource: string, inRegion?: boolean) => pulumi.Output<string> {
  return (service, resource, inRegion = true) =>
    pulumi.interpolate`arn:${s.partition}:${service}:${inRegion ? s.region : ""}:${s.accountId}:${resource}`;
}

/**
 * SSM docs ("Calling AMI public parameters"): the latest Amazon Linux AMI id is a public
 * parameter under /aws/service/, an ARN without an account.
 */
export function publicParametersStatement(s: DeployScope): PolicyStatement {
  return {
    sid: "ReadPublicAmiParameters",
    effect: "Allow",
    actions: ["ssm:GetParameter", "ssm:GetParameters"],
    resources: [pulumi.interpolate`arn:${s.partition}:ssm:${s.region}::parameter/aws/service/*`],
  };
}

/** Requests to the stack's region only. */
export function regionCondition(region: string) {
  return { test: "StringEquals" as const, variable: "aws:RequestedRegion", values: [region] };
}

/** IAM API, CreateRole `RoleName`: 1 to 64 characters (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html). */
const IAM_ROLE_NAME_MAX_LENGTH = 64;

/** The CI roles' names, `<project>-<stack>-github-<role>`. */
export type CiRole = "preview" | "deploy";
const LONGEST_CI_ROLE: CiRole = "preview";

/**
 * What both CI roles' names start with: `<project>-<stack>-github-`, with `<project>-<stack>`
 * cut (`nameWithin`) so that `...-github-preview` fits IAM's 64 characters for any stack name (the
 * names of stacks that fit are unchanged). The deploy role's deny names the roles by this prefix.
 */
function ciRoleNamePrefix(prefix: string): string {
  const room = IAM_ROLE_NAME_MAX_LENGTH - `-github-${LONGEST_CI_ROLE}`.length;
  return `${nameWithin(prefix, room)}-github-`;
}

/** The name of one CI role of the stack whose names start with `prefix` (`<project>-<stack>`). */
export function ciRoleName(prefix: string, role: CiRole): string {
  return `${ciRoleNamePrefix(prefix)}${role}`;
}

/** The CI roles and the provider, which the deploy role may never change. */
export function ciResources(s: DeployScope): pulumi.Output<string>[] {
  return [arnOf(s)("iam", `role/${ciRoleNamePrefix(s.prefix)}*`, false), s.ownProviderArn];
}
