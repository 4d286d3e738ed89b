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
import { PolicyStatement, policyDocument } from "./iam";
import { KEY_ADMIN_ACTIONS } from "./kms-key";

/** GitHub docs ("Configuring OpenID Connect in Amazon Web Services"): issuer and audience. */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

/**
 * Services whose resources the program manages with service-level permissions (regional, region
 * locked). A layer that adds a service adds it here; a test fails when a resource type of the
 * program belongs to no service the deploy role covers.
 */
export const DEPLOY_WILDCARD_SERVICES = [
  "application-autoscaling",
  "cloudwatch",
  "codebuild",
  "codecommit",
  "codeconnections",
  "codestar-connections",
  "ec2",
  "ecs",
  "elasticloadbalancing",
  "events",
  "redshift-serverless",
  "wafv2",
] as const;

/**
 * Global services (CloudFront) and the CloudFront log delivery, whose API calls are made in
 * us-east-1 (CloudFront docs: a distribution's certificate and its standard logs v2 delivery live
 * in us-east-1), so their statement is locked to us-east-1 and the stack's region.
 */
export const DEPLOY_GLOBAL_SERVICES = ["cloudfront"] as const;

/**
 * CodePipeline actions listed one by one: `codepipeline:*` would include codepipeline:PollForJobs,
 * which returns job credentials.
 */
const CODEPIPELINE_ACTIONS = [
  "codepipeline:CreatePipeline",
  "codepipeline:DeletePipeline",
  "codepipeline:GetPipeline",
  "codepipeline:GetPipelineState",
  "codepipeline:ListPipelines",
  "codepipeline:ListTagsForResource",
  "codepipeline:TagResource",
  "codepipeline:UntagResource",
  "codepipeline:UpdatePipeline",
];

/** Role and inline-policy management of this stack's roles (the program uses no managed policies). */
const ROLE_ACTIONS = [
  "iam:CreateRole",
  "iam:DeleteRole",
  "iam:DeleteRolePolicy",
  "iam:GetRole",
  "iam:GetRolePolicy",
  "iam:ListAttachedRolePolicies",
  "iam:ListInstanceProfilesForRole",
  "iam:ListRolePolicies",
  "iam:ListRoleTags",
  "iam:PutRolePolicy",
  "iam:TagRole",
  "iam:UntagRole",
  "iam:UpdateAssumeRolePolicy",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
];

/** Services the program's roles are passed to (iam:PassedToService). */
const PASSED_TO = [
  "codebuild.amazonaws.com",
  "codepipeline.amazonaws.com",
  "ecs-tasks.amazonaws.com",
  "events.amazonaws.com",
  "redshift.amazonaws.com",
  "redshift-serverless.amazonaws.com",
  "vpc-flow-logs.amazonaws.com",
];

/** Customer-managed policies of this stack (e.g. the BI users' tunnel policy). */
const POLICY_ACTIONS = [
  "iam:CreatePolicy",
  "iam:CreatePolicyVersion",
  "iam:DeletePolicy",
  "iam:DeletePolicyVersion",
  "iam:GetPolicy",
  "iam:GetPolicyVersion",
  "iam:ListPolicyVersions",
  "iam:TagPolicy",
  "iam:UntagPolicy",
];

/** Service-linked roles AWS creates on first use of these services in an account. */
const SERVICE_LINKED = [
  "ecs.amazonaws.com",
  "ecs.application-autoscaling.amazonaws.com",
  "elasticloadbalancing.amazonaws.com",
];

/** Why the deploy role waives each policy it cannot satisfy (tag values: at most 256 characters). */
export const DEPLOY_ROLE_WAIVERS: Readonly<Record<string, string>> = {
  "iam-no-wildcard-actions":
    "Runs pulumi up for the whole program: service-level actions for the services it manages, region-locked; " +
    "S3, ECR, logs, KMS and IAM are scoped by name. See docs/decisions/pipeline.md.",
  "iam-no-resource-wildcard":
    "EC2, ECS, ELB, WAF and build resources get generated ids, so they cannot be named in advance; " +
    "region-locked, and S3, ECR, logs, IAM are scoped to this stack's names.",
  "iam-no-credentials-exposure":
    "ec2:* includes ec2:GetPasswordData (Windows instance passwords); the program runs no instances and the " +
    "guardrails policy of this role denies that action explicitly.",
  "iam-no-unscoped-permissions-management":
    "pulumi up writes resource policies (key, bucket, log, WAF, build) of resources with generated ids; " +
    "region-locked; denied: IAM users, access keys, and any change to the CI roles or the OIDC provider.",
};

export interface GithubOidcArgs {
  /** `owner/name` of the repository whose workflows may assume the roles. */
  readonly repository: string;
  /** An existing provider for token.actions.githubusercontent.com; created when unset. */
  readonly providerArn?: string;
  /** The platform environment (`staging`, `prod`): the prefix of the stack's resource names. */
  readonly environment: string;
  /** GitHub environment of the deploy job (its OIDC subject). Defaults to the stack name. */
  readonly githubEnvironment?: string;
  readonly region: string;
  /** Deny the deploy role deleting buckets and keys (prod). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

export class GithubOidc extends pulumi.ComponentResource {
  public readonly providerArn: pulumi.Output<string>;
  public readonly previewRoleArn: pulumi.Output<string>;
  public readonly deployRoleArn: pulumi.Output<string>;

  constructor(name: string, args: GithubOidcArgs, opts?: pulumi.ComponentResourceOptions) {
    // Invalid arguments register nothing.
    if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/.test(args.repository)) {
      throw new Error(`GithubOidc ${name}: repository "${args.repository}" is not "owner/name"`);
    }
    super("platform:delivery:GithubOidc", name, {}, opts);
    const parent = { parent: this };
    const protect = args.protect ?? false;
    const project = pulumi.getProject();
    const stack = pulumi.getStack();
    const prefix = `${project}-${stack}`;
    const env = args.environment;
    const region = args.region;
    const githubEnvironment = args.githubEnvironment ?? stack;
    const accountId = aws.getCallerIdentityOutput({}, parent).accountId;
    const partition = aws.getPartitionOutput({}, parent).partition;
    const arn = (service: string, resource: string, inRegion = true) =>
      pulumi.interpolate`arn:${partition}:${service}:${inRegion ? region : ""}:${accountId}:${resource}`;
    const tags = (role: string, extra: Record<string, string> = {}) => ({
      ...args.tags,
      Name: `${name}-${role}`,
      ...extra,
    });

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
    const roleOpts: pulumi.CustomResourceOptions = {
      parent: this,
      dependsOn: provider ? [provider] : [],
    };

    // GitHub docs ("About security hardening with OpenID Connect"): the subject is
    // repo:<owner>/<repo>:pull_request for pull-request jobs and
    // repo:<owner>/<repo>:environment:<name> for jobs that reference an environment. StringEquals,
    // no wildcard: no other repository, branch or environment can assume the roles.
    const trust = (subject: string) =>
      policyDocument(
        [
          {
            sid: "TrustGithubActions",
            effect: "Allow",
            actions: ["sts:AssumeRoleWithWebIdentity"],
            principals: [{ type: "Federated", identifiers: [providerArn] }],
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
        parent,
      );

    // SSM docs ("Calling AMI public parameters"): the latest Amazon Linux AMI id is a public
    // parameter under /aws/service/, an ARN without an account.
    const publicParameters: PolicyStatement = {
      sid: "ReadPublicAmiParameters",
      effect: "Allow",
      actions: ["ssm:GetParameter", "ssm:GetParameters"],
      resources: [pulumi.interpolate`arn:${partition}:ssm:${region}::parameter/aws/service/*`],
    };
    const regionLock = {
      test: "StringEquals" as const,
      variable: "aws:RequestedRegion",
      values: [region],
    };

    // ---- Preview role ---------------------------------------------------------------------------
    // `pulumi preview` (without --refresh) reads only the data sources of the program:
    // availability zones and the S3 prefix list (Service Authorization Reference: these actions
    // define no resource type, so "*"), and the public AMI parameter. sts:GetCallerIdentity needs
    // no permission; the partition, region and ELB account look-ups make no AWS call.
    const previewRole = new aws.iam.Role(
      `${name}-preview-role`,
      {
        name: `${prefix}-github-preview`,
        description: `pulumi preview of ${prefix} from pull requests of ${args.repository}`,
        assumeRolePolicy: trust(`repo:${args.repository}:pull_request`),
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
                    "ec2:DescribeManagedPrefixLists",
                    "ec2:DescribePrefixLists",
                  ],
                  resources: ["*"],
                  conditions: [regionLock],
                },
                publicParameters,
              ],
              parent,
            ),
          },
        ],
        tags: tags("preview-role"),
      },
      roleOpts,
    );

    // ---- Deploy role ----------------------------------------------------------------------------
    const ciRoles = [arn("iam", `role/${prefix}-github-*`, false), ownProviderArn];
    const manage: PolicyStatement[] = [
      publicParameters,
      {
        sid: "ManageGeneratedIdResources",
        effect: "Allow",
        actions: [...DEPLOY_WILDCARD_SERVICES.map((s) => `${s}:*`), ...CODEPIPELINE_ACTIONS],
        resources: ["*"],
        conditions: [regionLock],
      },
      {
        sid: "ManageGlobalServices",
        effect: "Allow",
        actions: [
          ...DEPLOY_GLOBAL_SERVICES.map((s) => `${s}:*`),
          "logs:DeleteDelivery",
          "logs:DeleteDeliveryDestination",
          "logs:DeleteDeliverySource",
          "logs:CreateDelivery",
          "logs:GetDelivery",
          "logs:GetDeliveryDestination",
          "logs:GetDeliverySource",
          "logs:PutDeliveryDestination",
          "logs:PutDeliverySource",
          "logs:TagResource",
          "logs:UntagResource",
          "logs:ListTagsForResource",
        ],
        resources: ["*"],
        conditions: [
          {
            test: "StringEquals",
            variable: "aws:RequestedRegion",
            values: [...new Set([region, "us-east-1"])],
          },
        ],
      },
      {
        // Every bucket of the stack is named after a component, `<environment>-<layer>-...`.
        sid: "ManageOwnBuckets",
        effect: "Allow",
        actions: ["s3:*"],
        resources: [
          pulumi.interpolate`arn:${partition}:s3:::${env}-*`,
          pulumi.interpolate`arn:${partition}:s3:::${env}-*/*`,
        ],
      },
      {
        sid: "ManageOwnRepositories",
        effect: "Allow",
        actions: ["ecr:*"],
        resources: [arn("ecr", `repository/${prefix}-*`)],
      },
      {
        sid: "ManageOwnLogGroups",
        effect: "Allow",
        actions: ["logs:*"],
        resources: [
          arn("logs", `log-group:/${project}/${stack}/*`),
          arn("logs", `log-group:/${project}/${env}-*`),
          arn("logs", `log-group:aws-waf-logs-${prefix}-*`),
          arn("logs", `log-group:/aws/redshift/${prefix}*`),
        ],
      },
      {
        // Redshift docs ("Managing the admin password with Secrets Manager"): Redshift creates the
        // admin secret with the caller's permissions; its name starts with "redshift!".
        sid: "ManageRedshiftAdminSecret",
        effect: "Allow",
        actions: [
          "secretsmanager:CreateSecret",
          "secretsmanager:DeleteSecret",
          "secretsmanager:DescribeSecret",
          "secretsmanager:RotateSecret",
          "secretsmanager:TagResource",
          "secretsmanager:UpdateSecret",
        ],
        resources: [arn("secretsmanager", "secret:redshift!*")],
      },
      {
        // CloudWatch Logs docs ("Enabling logging from AWS services"): log delivery for WAF is
        // account-level (log deliveries and the account's resource policy): no resource type.
        sid: "LogDelivery",
        effect: "Allow",
        actions: [
          "logs:CreateLogDelivery",
          "logs:DeleteLogDelivery",
          "logs:DescribeLogGroups",
          "logs:DescribeResourcePolicies",
          "logs:GetLogDelivery",
          "logs:ListLogDeliveries",
          "logs:PutResourcePolicy",
          "logs:UpdateLogDelivery",
        ],
        resources: ["*"],
        conditions: [regionLock],
      },
      {
        // kms:CreateKey defines no resource type. Key ids are generated, so key administration is
        // granted on this account's keys in the region; aliases are scoped to the stack's prefix.
        // ECR docs ("Encryption at rest"): creating a KMS-encrypted repository makes ECR create a
        // grant as the caller (kms:CreateGrant, kms:DescribeKey; RetireGrant on deletion).
        sid: "CreateKeys",
        effect: "Allow",
        actions: ["kms:CreateKey", "kms:ListAliases", "kms:ListKeys"],
        resources: ["*"],
        conditions: [regionLock],
      },
      {
        sid: "AdministerKeys",
        effect: "Allow",
        actions: [...KEY_ADMIN_ACTIONS, "kms:CreateGrant", "kms:RetireGrant"],
        resources: [
          arn("kms", "key/*"),
          arn("kms", `alias/${project}/${stack}/*`),
          arn("kms", `alias/${env}-*`),
        ],
      },
      {
        sid: "ManageStackRoles",
        effect: "Allow",
        actions: ROLE_ACTIONS,
        resources: [arn("iam", `role/${env}-*`, false)],
      },
      {
        sid: "ManageStackPolicies",
        effect: "Allow",
        actions: POLICY_ACTIONS,
        resources: [arn("iam", `policy/${env}-*`, false)],
      },
      {
        // Only this stack's own customer-managed policies can be attached to its roles.
        sid: "AttachStackPolicies",
        effect: "Allow",
        actions: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
        resources: [arn("iam", `role/${env}-*`, false)],
        conditions: [
          {
            test: "ArnLike",
            variable: "iam:PolicyARN",
            values: [arn("iam", `policy/${env}-*`, false)],
          },
        ],
      },
      {
        sid: "PassStackRoles",
        effect: "Allow",
        actions: ["iam:PassRole"],
        resources: [arn("iam", `role/${env}-*`, false)],
        conditions: [{ test: "StringEquals", variable: "iam:PassedToService", values: PASSED_TO }],
      },
      {
        sid: "CreateServiceLinkedRoles",
        effect: "Allow",
        actions: ["iam:CreateServiceLinkedRole"],
        resources: [arn("iam", "role/aws-service-role/*", false)],
        conditions: [
          { test: "StringEquals", variable: "iam:AWSServiceName", values: SERVICE_LINKED },
        ],
      },
      {
        sid: "ReadOidcProvider",
        effect: "Allow",
        actions: ["iam:GetOpenIDConnectProvider"],
        resources: [ciRoles[1]],
      },
    ];
    // Explicit denies win over any allow (IAM policy evaluation logic).
    const guardrails: PolicyStatement[] = [
      {
        sid: "DenyLongLivedCredentials",
        effect: "Deny",
        actions: [
          "iam:AddUserToGroup",
          "iam:AttachUserPolicy",
          "iam:CreateAccessKey",
          "iam:CreateLoginProfile",
          "iam:CreateServiceSpecificCredential",
          "iam:CreateUser",
          "iam:PutUserPolicy",
          "iam:UpdateAccessKey",
          "iam:UpdateLoginProfile",
        ],
        resources: ["*"],
      },
      {
        sid: "DenyCredentialReads",
        effect: "Deny",
        actions: ["ec2:GetPasswordData"],
        resources: ["*"],
      },
      {
        sid: "DenyChangesToCiAccess",
        effect: "Deny",
        actions: [
          ...ROLE_ACTIONS.filter((a) => !/:(Get|List)/.test(a)),
          "iam:AttachRolePolicy",
          "iam:DeleteRolePermissionsBoundary",
          "iam:PutRolePermissionsBoundary",
          "iam:AddClientIDToOpenIDConnectProvider",
          "iam:CreateOpenIDConnectProvider",
          "iam:DeleteOpenIDConnectProvider",
          "iam:RemoveClientIDFromOpenIDConnectProvider",
          "iam:TagOpenIDConnectProvider",
          "iam:UntagOpenIDConnectProvider",
          "iam:UpdateOpenIDConnectProviderThumbprint",
        ],
        resources: ciRoles,
      },
    ];
    if (protect) {
      guardrails.push({
        // Prod data survives even a `pulumi state unprotect` run from CI.
        sid: "DenyDataDeletion",
        effect: "Deny",
        actions: [
          "kms:DisableKey",
          "kms:ScheduleKeyDeletion",
          "s3:DeleteBucket",
          "logs:DeleteLogGroup",
        ],
        resources: ["*"],
      });
    }

    const deployRole = new aws.iam.Role(
      `${name}-deploy-role`,
      {
        name: `${prefix}-github-deploy`,
        description: `pulumi up of ${prefix} from the ${githubEnvironment} environment of ${args.repository}`,
        assumeRolePolicy: trust(`repo:${args.repository}:environment:${githubEnvironment}`),
        maxSessionDuration: 3600,
        inlinePolicies: [
          { name: "manage-program", policy: policyDocument(manage, parent) },
          { name: "guardrails", policy: policyDocument(guardrails, parent) },
        ],
        tags: tags(
          "deploy-role",
          Object.fromEntries(
            Object.entries(DEPLOY_ROLE_WAIVERS).map(([p, r]) => [`waiver:${p}`, r]),
          ),
        ),
      },
      roleOpts,
    );

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
