// Resource type tokens the pack's newer rules use, one constant per token, grouped by service.
// (Older areas still declare their tokens beside their rules; they move here as they are touched.)

// IAM Identity Center (SSO admin): permission sets carry identity policies too.
/** `aws.ssoadmin.PermissionSetInlinePolicy`: the permission set's inline policy (`inlinePolicy`). */
export const SSO_PERMISSION_SET_INLINE_POLICY =
  "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy";
/** `aws.ssoadmin.ManagedPolicyAttachment`: an AWS-managed policy on a permission set (`managedPolicyArn`). */
export const SSO_MANAGED_POLICY_ATTACHMENT =
  "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment";

// IAM groups (membership).
export const IAM_GROUP = "aws:iam/group:Group";
export const IAM_GROUP_MEMBERSHIP = "aws:iam/groupMembership:GroupMembership";
export const IAM_USER_GROUP_MEMBERSHIP = "aws:iam/userGroupMembership:UserGroupMembership";

// awsx v3 components. They are served by the awsx provider plugin (multi-language components):
// the engine, and so every policy, sees only their registration with its inputs, never the
// resources they create (pulumi/pulumi#12553).
export const AWSX_VPC = "awsx:ec2:Vpc";
export const AWSX_DEFAULT_VPC = "awsx:ec2:DefaultVpc";
export const AWSX_FARGATE_SERVICE = "awsx:ecs:FargateService";
export const AWSX_EC2_SERVICE = "awsx:ecs:EC2Service";
export const AWSX_FARGATE_TASK_DEFINITION = "awsx:ecs:FargateTaskDefinition";
export const AWSX_EC2_TASK_DEFINITION = "awsx:ecs:EC2TaskDefinition";
export const AWSX_APPLICATION_LOAD_BALANCER = "awsx:lb:ApplicationLoadBalancer";
export const AWSX_NETWORK_LOAD_BALANCER = "awsx:lb:NetworkLoadBalancer";
export const AWSX_TARGET_GROUP_ATTACHMENT = "awsx:lb:TargetGroupAttachment";
export const AWSX_ECR_REPOSITORY = "awsx:ecr:Repository";
export const AWSX_ECR_IMAGE = "awsx:ecr:Image";
export const AWSX_TRAIL = "awsx:cloudtrail:Trail";
