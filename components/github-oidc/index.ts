// GitHub Actions access to this stack without long-lived keys: the account's OIDC provider for
// token.actions.githubusercontent.com and two roles the workflows in .github/workflows assume:
// - preview: pull requests of one repository; reads only what `pulumi preview` looks up;
// - deploy: jobs of one repository running in the GitHub environment named after the stack;
//   runs `pulumi up` for this program, so it is broad by necessity, scoped as far as the services
//   allow, and fenced by explicit denies (docs/decisions/pipeline.md, "CI/CD for the
//   infrastructure").
// The CI roles are managed by an administrator's `pulumi up` (the bootstrap): the deploy role is
// denied every change to them and to the provider, so CI can never widen its own access.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ComponentScope, componentScope, invalidArguments } from "../context";
import type { GithubOidcSettings } from "../github-oidc.keys";
import { policyDocument } from "../iam";
import { GITHUB_REPOSITORY } from "../pipeline.keys";
import { runtimeClusterName } from "../runtime/cluster";
import { DEPLOY_ROLE_WAIVERS } from "./actions";
import { deployStatements } from "./deploy-policy";
import { deployGuardrails } from "./guardrails";
import { ciRoleName, DeployScope, publicParametersStatement, regionCondition } from "./scope";

export { DEPLOY_GLOBAL_SERVICES, DEPLOY_ROLE_WAIVERS, DEPLOY_WILDCARD_SERVICES } from "./actions";

/** GitHub docs ("Configuring OpenID Connect in Amazon Web Services"): issuer and audience. */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

/** The repository and an existing provider are the GitHub Actions section's settings (components/github-oidc.keys.ts). */
export interface GithubOidcArgs extends GithubOidcSettings {
  /**
   * Prefix of the stack's component names (`<stack>-<layer>`, see index.ts): buckets, roles and
   * policies the program auto-names start with it, and the deploy role manages those only.
   */
  readonly namePrefix: string;
  /**
   * The runtime's ECS cluster (`platform:runtimeClusterName`): the deploy role manages its Container
   * Insights log group. Defaults to `<project>-<stack>`, the cluster's default name.
   */
  readonly clusterName?: string;
  /** GitHub environment of the deploy job (its OIDC subject). Defaults to the stack name. */
  readonly githubEnvironment?: string;
  readonly region: string;
  /** Deny the deploy role deleting buckets and keys (prod). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

/** Validates what the type system cannot; throws one error listing every problem. */
function validateArgs(name: string, args: GithubOidcArgs): void {
  const problems: string[] = [];
  if (!GITHUB_REPOSITORY.test(args.repository)) {
    problems.push(`repository: "${args.repository}" is not "owner/name"`);
  }
  invalidArguments("GithubOidc", name, problems);
}

/** What the two CI roles share: the component's scope, the stack's names and who they trust. */
interface CiRoles {
  readonly name: string;
  readonly args: GithubOidcArgs;
  readonly scope: ComponentScope;
  /** `<project>-<stack>`: the roles' names and descriptions start with it. */
  readonly prefix: string;
  /** The provider the roles trust (created here or given). */
  readonly providerArn: pulumi.Input<string>;
  /** Options of a role: it waits for a provider created here. */
  readonly roleOpts: pulumi.CustomResourceOptions;
}

export class GithubOidc extends pulumi.ComponentResource {
  /** The account's provider for token.actions.githubusercontent.com (created here or given). */
  public readonly providerArn: pulumi.Output<string>;
  /** The role pull requests of `repository` assume for `pulumi preview`. */
  public readonly previewRoleArn: pulumi.Output<string>;
  /** The role the stack's GitHub environment assumes for `pulumi up`. */
  public readonly deployRoleArn: pulumi.Output<string>;

  constructor(name: string, args: GithubOidcArgs, opts?: pulumi.ComponentResourceOptions) {
    // Invalid arguments register nothing.
    validateArgs(name, args);
    super("platform:delivery:GithubOidc", name, {}, opts);
    const scope = componentScope(this, name, args);
    const { protect, tags, account } = scope;
    const { accountId, partition } = account;
    const stack = pulumi.getStack();
    const prefix = `${pulumi.getProject()}-${stack}`;

    // IAM docs ("Create an OpenID Connect identity provider"): for GitHub, IAM trusts the
    // provider's certificate through its own root CAs, so no thumbprint is needed. One provider
    // per URL and account: a second stack in the same account passes providerArn instead.
    // The provider's ARN is fixed by its URL, so the trust policies are known at preview (and the
    // policy pack can judge them there); the roles still wait for a provider created here.
    const ownProviderArn = pulumi.interpolate`arn:${partition}:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
    const provider = args.providerArn
      ? undefined
      : new aws.iam.OpenIdConnectProvider(
          `${name}-provider`,
          {
            url: `https://${GITHUB_OIDC_HOST}`,
            clientIdLists: [GITHUB_OIDC_AUDIENCE],
            tags: tags("provider"),
          },
          { parent: this, retainOnDelete: protect },
        );
    const providerArn = args.providerArn ? pulumi.output(args.providerArn) : ownProviderArn;
    const deployScope: DeployScope = {
      project: pulumi.getProject(),
      stack,
      prefix,
      own: args.namePrefix,
      clusterName: runtimeClusterName(args.clusterName, scope.stackName),
      region: args.region,
      partition,
      accountId,
      ownProviderArn,
      protect,
    };
    const roles: CiRoles = {
      name,
      args,
      scope,
      prefix,
      providerArn,
      roleOpts: { parent: this, dependsOn: provider ? [provider] : [] },
    };
    const previewRole = previewRoleOf(roles, deployScope);
    const deployRole = deployRoleOf(roles, deployScope);

    this.providerArn = providerArn;
    this.previewRoleArn = previewRole.arn;
    this.deployRoleArn = deployRole.arn;
    this.registerOutputs({
      providerArn: this.providerArn,
      previewRoleArn: this.previewRoleArn,
      deployRoleArn: this.deployRoleArn,
    });
  }
}

/**
 * Trust in GitHub Actions jobs of one OIDC subject. GitHub docs ("About security hardening with
 * OpenID Connect"): the subject is repo:<owner>/<repo>:pull_request for pull-request jobs and
 * repo:<owner>/<repo>:environment:<name> for jobs that reference an environment. StringEquals,
 * no wildcard: no other repository, branch or environment can assume the roles.
 */
function githubTrust(roles: CiRoles, subject: string): pulumi.Output<string> {
  return policyDocument(
    [
      {
        sid: "TrustGithubActions",
        effect: "Allow",
        actions: ["sts:AssumeRoleWithWebIdentity"],
        principals: [{ type: "Federated", identifiers: [roles.providerArn] }],
        conditions: [
          {
            test: "StringEquals",
            variable: `${GITHUB_OIDC_HOST}:aud`,
            values: [GITHUB_OIDC_AUDIENCE],
          },
          { test: "StringEquals", variable: `${GITHUB_OIDC_HOST}:sub`, values: [subject] },
        ],
      },
    ],
    roles.scope.parent,
  );
}

/**
 * The preview role. `pulumi preview` (without --refresh) reads only the data sources of the
 * program: availability zones, the instance types each zone offers (the hosts' placement), the
 * zones each interface endpoint's service is offered in (the endpoints' subnets) and the
 * S3 prefix list (Service Authorization Reference: these actions define no resource type, so
 * "*"), and the public AMI parameter. sts:GetCallerIdentity needs no permission; the partition,
 * region and ELB account look-ups make no AWS call.
 */
function previewRoleOf(roles: CiRoles, deployScope: DeployScope): aws.iam.Role {
  const { name, args, prefix, scope } = roles;
  return new aws.iam.Role(
    `${name}-preview-role`,
    {
      name: ciRoleName(prefix, "preview"),
      description: `pulumi preview of ${prefix} from pull requests of ${args.repository}`,
      assumeRolePolicy: githubTrust(roles, `repo:${args.repository}:pull_request`),
      maxSessionDuration: 3600,
      inlinePolicies: [
        {
          name: "preview-lookups",
          policy: policyDocument(
            [
              {
                sid: "ProgramLookups",
                effect: "Allow",
                actions: [
                  "ec2:DescribeAvailabilityZones",
                  "ec2:DescribeInstanceTypeOfferings",
                  "ec2:DescribeManagedPrefixLists",
                  "ec2:DescribePrefixLists",
                  "ec2:DescribeVpcEndpointServices",
                ],
                resources: ["*"],
                conditions: [regionCondition(args.region)],
              },
              publicParametersStatement(deployScope),
            ],
            scope.parent,
          ),
        },
      ],
      tags: scope.tags("preview-role"),
    },
    roles.roleOpts,
  );
}

/** The deploy role: docs/decisions/pipeline.md, "CI/CD for the infrastructure" (./deploy-policy.ts, ./guardrails.ts). */
function deployRoleOf(roles: CiRoles, deployScope: DeployScope): aws.iam.Role {
  const { name, args, prefix, scope } = roles;
  const githubEnvironment = args.githubEnvironment ?? deployScope.stack;
  return new aws.iam.Role(
    `${name}-deploy-role`,
    {
      name: ciRoleName(prefix, "deploy"),
      description: `pulumi up of ${prefix} from the ${githubEnvironment} environment of ${args.repository}`,
      assumeRolePolicy: githubTrust(
        roles,
        `repo:${args.repository}:environment:${githubEnvironment}`,
      ),
      maxSessionDuration: 3600,
      inlinePolicies: [
        {
          name: "manage-program",
          policy: policyDocument(deployStatements(deployScope), scope.parent),
        },
        {
          name: "guardrails",
          policy: policyDocument(deployGuardrails(deployScope), scope.parent),
        },
      ],
      tags: scope.tags(
        "deploy-role",
        Object.fromEntries(Object.entries(DEPLOY_ROLE_WAIVERS).map(([p, r]) => [`waiver:${p}`, r])),
      ),
    },
    roles.roleOpts,
  );
}
