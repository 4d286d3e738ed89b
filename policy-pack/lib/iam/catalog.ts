// Curated IAM action and service lists (the parts no data set classifies), each citing its source.

/**
 * Privilege-escalation paths: Rhino Security Labs' research as encoded by Cloudsplaining
 * (`PRIVILEGE_ESCALATION_METHODS`, which Checkov's CKV_AWS_286 builds on), with the PassRole and
 * run-as-an-existing-role paths from pathfinding.cloud that Cloudsplaining added (ECS, CodeBuild,
 * SageMaker, App Runner, CloudFormation stack sets and change sets, EC2 user data, launch
 * templates and Instance Connect, Glue jobs, Bedrock code interpreters), Pacu's CodeStar methods
 * and PMapper's SSM, CodeBuild, ECS and Auto Scaling edges. A path is reported when all its
 * actions are granted and the pivotal one (the first listed) is granted on unscoped resources.
 * Cloudsplaining's combined methods (CreateAndRotateAccessKey, AttachUserPolicyThenCreateAccessKey
 * ...) are caught by their single-action paths.
 */
export const ESCALATION_PATHS: Record<string, readonly string[]> = {
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
  // One path for a task run with a passed role: Cloudsplaining's
  // PassExistingRoleToNewECSTaskViaRunTask registers a task definition first, PMapper's
  // ecs_edges.py overrides the task role of an existing one (`overrides.taskRoleArn`, which takes
  // iam:PassRole); RunTask with PassRole opens both, so a second path with RegisterTaskDefinition
  // would report the same escalation twice.
  PassRoleToEcsTask: ["iam:PassRole", "ecs:RunTask"],
  PassRoleToNewEcsService: ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:CreateService"],
  PassRoleToNewSageMakerNotebook: ["iam:PassRole", "sagemaker:CreateNotebookInstance"],
  PassRoleToNewAppRunnerService: ["iam:PassRole", "apprunner:CreateService"],
  UpdateExistingGlueDevEndpoint: ["glue:UpdateDevEndpoint"],
  EditExistingLambdaFunctionWithRole: ["lambda:UpdateFunctionCode"],
  CreatePresignedSageMakerNotebookUrl: ["sagemaker:CreatePresignedNotebookInstanceUrl"],
  CreateCodeStarProjectFromTemplate: ["codestar:CreateProjectFromTemplate"],
  // The rest of Cloudsplaining's PRIVILEGE_ESCALATION_METHODS (cloudsplaining/shared/constants.py,
  // from pathfinding.cloud): code run as a role a resource already has, or a role passed to a new
  // stack set, spot instance, task, job or code interpreter.
  ExecuteCloudFormationChangeSet: [
    "cloudformation:CreateChangeSet",
    "cloudformation:ExecuteChangeSet",
  ],
  ModifyEC2InstanceUserDataThenRestart: [
    "ec2:ModifyInstanceAttribute",
    "ec2:StopInstances",
    "ec2:StartInstances",
  ],
  ModifyExistingEC2LaunchTemplate: ["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"],
  EC2InstanceConnectSendSSHPublicKey: [
    "ec2-instance-connect:SendSSHPublicKey",
    "ec2:DescribeInstances",
  ],
  ECSExecuteCommandOnRunningTask: ["ecs:ExecuteCommand", "ecs:DescribeTasks"],
  UpdateSageMakerNotebookLifecycleConfig: [
    "sagemaker:UpdateNotebookInstance",
    "sagemaker:CreateNotebookInstanceLifecycleConfig",
    "sagemaker:StopNotebookInstance",
    "sagemaker:StartNotebookInstance",
  ],
  AccessExistingBedrockCodeInterpreterSession: [
    "bedrock-agentcore:StartCodeInterpreterSession",
    "bedrock-agentcore:InvokeCodeInterpreter",
  ],
  PassRoleToNewBedrockCodeInterpreter: [
    "iam:PassRole",
    "bedrock-agentcore:CreateCodeInterpreter",
    "bedrock-agentcore:StartCodeInterpreterSession",
    "bedrock-agentcore:InvokeCodeInterpreter",
  ],
  PassRoleToNewCloudFormationStackSet: [
    "iam:PassRole",
    "cloudformation:CreateStackSet",
    "cloudformation:CreateStackInstances",
  ],
  PassRoleToUpdateCloudFormationStackSet: ["iam:PassRole", "cloudformation:UpdateStackSet"],
  PassRoleToNewCodeBuildProjectThenBuildBatch: [
    "iam:PassRole",
    "codebuild:CreateProject",
    "codebuild:StartBuildBatch",
  ],
  PassRoleToNewEC2SpotInstance: ["iam:PassRole", "ec2:RequestSpotInstances"],
  PassRoleToNewEcsTaskViaStartTask: ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:StartTask"],
  PassRoleToUpdatedGlueJobThenRun: ["iam:PassRole", "glue:UpdateJob", "glue:StartJobRun"],
  PassRoleToUpdatedGlueJobViaTrigger: ["iam:PassRole", "glue:UpdateJob", "glue:CreateTrigger"],
  PassRoleToNewSageMakerTrainingJob: ["iam:PassRole", "sagemaker:CreateTrainingJob"],
  PassRoleToNewSageMakerProcessingJob: ["iam:PassRole", "sagemaker:CreateProcessingJob"],
  // Pacu's iam__privesc_scan user_escalation_methods (RhinoSecurityLabs/pacu
  // pacu/modules/iam__privesc_scan/main.py): a layer or handler change of a function runs code as
  // its role; a CodeStar project's stack runs as the passed role, and a team member of a project
  // gains its IAM policy.
  AddExistingLambdaLayerToLambdaFunctionWithRole: ["lambda:UpdateFunctionConfiguration"],
  PassRoleToNewCodeStarProject: ["iam:PassRole", "codestar:CreateProject"],
  CodeStarCreateProjectThenAssociateTeamMember: [
    "codestar:CreateProject",
    "codestar:AssociateTeamMember",
  ],
  // PMapper's edges (nccgroup/PMapper principalmapper/graphing/): ssm_edges.py (a command or
  // session on an instance runs as its instance profile's role), codebuild_edges.py (a build of an
  // existing project runs as its service role, its buildspec overridable at StartBuild) and
  // autoscaling_edges.py (a group launches instances with the passed instance profile); its
  // ecs_edges.py (RunTask with a task role override) is PassRoleToEcsTask above.
  SsmSendCommandToInstance: ["ssm:SendCommand"],
  SsmStartSessionOnInstance: ["ssm:StartSession"],
  StartBuildOfExistingCodeBuildProject: ["codebuild:StartBuild"],
  StartBuildBatchOfExistingCodeBuildProject: ["codebuild:StartBuildBatch"],
  PassRoleToNewAutoScalingGroup: [
    "iam:PassRole",
    "autoscaling:CreateAutoScalingGroup",
    "autoscaling:CreateLaunchConfiguration",
  ],
  // Permissions boundaries are the guardrail on a principal: removing or replacing one releases the
  // principal's full identity policies (Trivy AWS-0353 "no-delete-permissions-boundary-escalation",
  // pathfinding.cloud iam-DeleteRolePermissionsBoundary / iam-PutRolePermissionsBoundary).
  DeleteRolePermissionsBoundary: ["iam:DeleteRolePermissionsBoundary"],
  DeleteUserPermissionsBoundary: ["iam:DeleteUserPermissionsBoundary"],
  PutRolePermissionsBoundary: ["iam:PutRolePermissionsBoundary"],
  PutUserPermissionsBoundary: ["iam:PutUserPermissionsBoundary"],
};

/**
 * Pivot actions whose authorization names more than the resource whose role the caller gains, by
 * action (lower case), with the resource types that decide the path. ssm:SendCommand is authorized
 * on the document and on every target instance (Service Authorization Reference, "Actions defined
 * by AWS Systems Manager": SendCommand, resource types `document`, `instance`, `managed-instance`,
 * and the output `bucket`; SSM User Guide, "Restricting Run Command access based on tags": a
 * command runs only on the instances the caller may send it to), and the command runs as the
 * instance's role; ssm:StartSession likewise (plus ECS `task` targets). So SendCommand on one
 * named instance reaches that instance's role only, whatever documents it may use (`document/*`,
 * AWS-RunShellScript), as PassRole on one named role does; SendCommand on every instance is the
 * path, whatever document it names (a document may run any script). Other paths judge the pivot on
 * every resource type it acts on.
 */
export const ESCALATION_TARGET_TYPES: ReadonlyMap<string, readonly string[]> = new Map([
  ["ssm:sendcommand", ["instance", "managed-instance"]],
  ["ssm:startsession", ["instance", "managed-instance", "task"]],
]);

/**
 * Escalation actions that escalate whatever resource they name: deleting the boundary of even one
 * named user or role lifts its guardrail (Trivy AWS-0353 flags a specific user ARN too). Other paths
 * count only when their pivotal action is granted on unscoped resources.
 */
export const ESCALATES_ON_ANY_RESOURCE: ReadonlySet<string> = new Set([
  "iam:DeleteRolePermissionsBoundary",
  "iam:DeleteUserPermissionsBoundary",
]);

/**
 * Escalation actions that escalate when scoped to the caller's own user through a policy variable
 * (`arn:aws:iam::*:user/${aws:username}`): a user who may attach or write its own policies, or
 * replace its own permissions boundary, can grant itself AdministratorAccess. KICS's
 * user_with_privilege_escalation_by_actions_iam_attachuserpolicy / _iam_putuserpolicy queries
 * flag these actions whatever the resource. Credential self-service on the same ARN
 * (iam:CreateAccessKey, iam:CreateLoginProfile, iam:UpdateLoginProfile) is AWS's own documented
 * example (IAM User Guide, reference_policies_examples_aws_my-sec-creds-self-manage) and stays a
 * grant on one user: the caller's own credentials give it nothing it does not already have.
 */
export const ESCALATES_ON_SELF: ReadonlySet<string> = new Set([
  "iam:AttachUserPolicy",
  "iam:PutUserPolicy",
  "iam:PutUserPermissionsBoundary",
]);

/**
 * Actions that support resource-level permissions but that AWS's own documented policies grant on
 * an all-wildcard resource, because the caller names the new resource and creating it gives no
 * access: iam:CreateVirtualMFADevice on `arn:aws:iam::*:mfa/*` (IAM User Guide,
 * reference_policies_examples_iam_mfa-selfmanage, "AllowUserToCreateVirtualMFADevice": users name
 * their own devices; the device protects nothing until iam:EnableMFADevice, scoped to the user's
 * own ARN, attaches it). `iam-no-resource-wildcard` accepts them on `"*"`.
 *
 * And the classic CloudWatch metric reads: cloudwatch:GetMetricData and ListMetrics act on
 * metrics, which have no ARN; the only resource type the Service Authorization Reference lists for
 * them is the optional `dataset` of OTLP metrics, so a role that reads classic metrics needs them
 * on `"*"`, as AWS's CloudWatchReadOnlyAccess (`cloudwatch:Get*`, `List*`) grants them. Publishing
 * (PutMetricData) on `"*"` is a finding unless a condition narrows it (NARROWED_BY_CONDITION) or
 * `allowedActions` lists it.
 */
export const UNSCOPED_BY_DESIGN: ReadonlySet<string> = new Set([
  "iam:createvirtualmfadevice",
  "cloudwatch:getmetricdata",
  "cloudwatch:listmetrics",
]);

/**
 * Actions on `"*"` that AWS's own guides scope with a condition key instead of a resource ARN, by
 * action (lower case), with the keys that narrow them: cloudwatch:PutMetricData is limited to named
 * namespaces with `cloudwatch:namespace` ("Using condition keys to limit access to CloudWatch
 * namespaces", https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/iam-cw-condition-keys-namespace.html:
 * `Resource: "*"`, `StringEquals: { "cloudwatch:namespace": "MyCustomNamespace" }`).
 *
 * iam:PassRole on `"*"` is narrowed to the services named by `iam:PassedToService`: IAM Access
 * Analyzer's security warning "Pass role with star in resource" recommends "specify resource ARNs
 * or add the iam:PassedToService condition key to your statement"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html),
 * and AWS managed policies grant it so (AWSLambda_FullAccess: iam:PassRole on `"*"` with
 * `StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" }`). Its values must name
 * services exactly (FIXED_VALUE_KEYS): `"*"` or `"ec2*"` hands every role to any service they match.
 *
 * `iam-no-resource-wildcard` (and, for iam:PassRole, `iam-passrole-scoped`) accepts such an action
 * on `"*"` when a positive clause on one of its keys names specific values (not `"*"`, not an
 * IfExists or negated operator).
 */
export const NARROWED_BY_CONDITION: ReadonlyMap<string, readonly string[]> = new Map([
  ["cloudwatch:putmetricdata", ["cloudwatch:namespace"]],
  ["iam:passrole", ["iam:PassedToService"]],
]);

/** Keys of NARROWED_BY_CONDITION whose values narrow only when they hold no wildcard at all. */
export const FIXED_VALUE_KEYS: ReadonlySet<string> = new Set(["iam:passedtoservice"]);

/**
 * Former names of IAM actions that AWS still honours in policies but the Service Authorization
 * Reference (and so the action data set) lists only under the new name: former name → new name.
 * The action catalogue (./actions.ts) defines each former name as its new name's action.
 * - connect:GetFederationTokens → connect:AdminGetEmergencyAccessToken, the console's emergency
 *   admin login (Amazon Connect Administrator Guide, "AWS managed policies for Amazon Connect",
 *   AmazonConnectReadOnlyAccess change of June 15, 2024: "This change is backwards compatible ...
 *   If you leave the previously named connect:GetFederationTokens action in your policies, they
 *   will continue to function as expected",
 *   https://docs.aws.amazon.com/connect/latest/adminguide/security_iam_awsmanpol.html).
 */
export const RENAMED_ACTIONS: ReadonlyMap<string, string> = new Map([
  ["connect:GetFederationTokens", "connect:AdminGetEmergencyAccessToken"],
]);

/**
 * The actions of `granted` less each former name (RENAMED_ACTIONS) whose new name is among them:
 * one action under two names (`connect:*` grants both) is listed once, by its new name.
 */
export function withoutFormerNames(granted: readonly string[]): string[] {
  const names = new Set(granted.map((a) => a.toLowerCase()));
  return granted.filter((a) => {
    const current = RENAMED_ACTIONS.get(a);
    return current === undefined || !names.has(current.toLowerCase());
  });
}

/**
 * Actions whose response contains credentials: the list Cloudsplaining/policy_sentry maintain
 * (CKV_AWS_287 mirrors it), less entries that are not IAM actions. Only those that support
 * resource-level permissions are reported on `"*"`: `ecr:GetAuthorizationToken`,
 * `sts:GetSessionToken` and the Cognito identity calls cannot be scoped, and ECS task execution
 * roles need the first one. connect:AdminGetEmergencyAccessToken (formerly GetFederationTokens,
 * RENAMED_ACTIONS) signs its caller into an Amazon Connect instance as its emergency admin: its
 * resource type is the instance (Service Authorization Reference, list_amazonconnect).
 */
export const CREDENTIAL_ACTIONS = [
  "codepipeline:PollForJobs",
  "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
  "connect:AdminGetEmergencyAccessToken",
  "connect:GetFederationToken",
  "connect:GetFederationTokens",
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
export const EXFILTRATION_ACTIONS = [
  "s3:GetObject",
  "s3:GetObjectVersion",
  "ssm:GetParameter",
  "ssm:GetParameters",
  "ssm:GetParametersByPath",
  "secretsmanager:GetSecretValue",
];

/** FSBP KMS.1 / KMS.2 ("blocked actions": decryption on all keys). */
export const KMS_DECRYPT_ACTIONS = ["kms:Decrypt", "kms:ReEncryptFrom"];

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
export const CONFUSED_DEPUTY_DOCUMENTED = [
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
export const CONFUSED_DEPUTY_NOT_APPLICABLE = ["ec2.amazonaws.com", "lambda.amazonaws.com"];

/**
 * A service principal as the catalogues above list it: lower case, its regional form
 * (`<service>.<region>.amazonaws.com`) and its China form (`<service>.amazonaws.com.cn`, with or
 * without a region) read as the service's global one (`<service>.amazonaws.com`). AWS names the
 * same service by either: a regional principal is how a service is trusted from an opt-in region
 * (AWS CDK `ServicePrincipal`, `region`: "the region name needs to be included to reference the
 * correct service principal" for cross-region references to opt-in regions; IAM User Guide,
 * "AWS JSON policy elements: Principal", AWS service principals; `aws.getServicePrincipal`
 * builds either form). The service, and so what it sends, is the same.
 */
export function servicePrincipalKey(id: string): string {
  const lower = id.toLowerCase();
  const m = /^([a-z0-9.-]+?)(?:\.[a-z]{2}(?:-[a-z]+)+-\d+)?\.amazonaws\.com(?:\.cn)?$/.exec(lower);
  return m ? `${m[1]}.amazonaws.com` : lower;
}

/** Services whose data every IAM check may need, besides those a document names. */
export const BASE_SERVICES = new Set(
  [
    ...Object.values(ESCALATION_PATHS).flat(),
    ...CREDENTIAL_ACTIONS,
    ...EXFILTRATION_ACTIONS,
    ...KMS_DECRYPT_ACTIONS,
  ].map((a) => a.split(":")[0].toLowerCase()),
);

/** Every action some escalation path needs. */
export const PRIVESC_ACTIONS = [...new Set(Object.values(ESCALATION_PATHS).flat())];
