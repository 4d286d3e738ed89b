// AWS Backup plans, Secrets Manager secret rotation, and the EC2 Instance Connect Endpoint that
// gives BI users their tunnel (encryption of vaults and secrets with customer-managed keys is the
// KMS policies' rule).
import { resourcePolicy, stackPolicy } from "../../lib/define";
import { literalReferences, referrersOf } from "../../lib/references";
import { asList, present } from "../../lib/values";

const BACKUP_PLAN = "aws:backup/plan:Plan";
const SECRET = "aws:secretsmanager/secret:Secret";
const SECRET_ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
const INSTANCE_CONNECT_ENDPOINT =
  "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint";

// ---------------------------------------------------------------------------------------------
// AWS Backup
// ---------------------------------------------------------------------------------------------

export const backupPlanLifecycle = resourcePolicy({
  name: "backup-plan-lifecycle",
  description:
    "Every AWS Backup plan rule (and copy action) should set a lifecycle with `deleteAfter`, so recovery points expire " +
    "as intended instead of accumulating forever. Advisory: cost and data-retention hygiene.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `lifecycle: { deleteAfter: <days> }` on every rule and on every copy action.",
  references: [{ source: "AWS docs", id: "AWS Backup plan lifecycle" }],
  types: [BACKUP_PLAN],
  check: (props, ctx) => {
    const rules = asList(props.rules);
    if (rules.length === 0) ctx.report("The backup plan has no rules.");
    for (const rule of rules) {
      if (typeof rule?.lifecycle?.deleteAfter !== "number") {
        ctx.report(
          `Rule '${rule?.ruleName}' keeps recovery points forever (no lifecycle.deleteAfter).`,
        );
      }
      for (const copy of asList(rule?.copyActions)) {
        if (typeof copy?.lifecycle?.deleteAfter !== "number") {
          ctx.report(
            `A copy action of rule '${rule?.ruleName}' keeps copies forever (no lifecycle.deleteAfter).`,
          );
        }
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Secrets Manager
// ---------------------------------------------------------------------------------------------

export const secretsManagerRotation = stackPolicy<{ maxRotationDays: number }>({
  name: "secretsmanager-secret-rotation",
  description:
    "Secrets should rotate automatically (an aws.secretsmanager.SecretRotation for the secret) at least every " +
    "`maxRotationDays` days. Advisory: third-party credentials that cannot rotate automatically should carry a waiver " +
    "saying so.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Add an `aws.secretsmanager.SecretRotation` with `secretId: <secret>.id`, a rotation Lambda (or managed rotation) and " +
    "`rotationRules: { automaticallyAfterDays: 30 }` (or a schedule expression).",
  references: [
    { source: "cdk-nag", id: "AwsSolutions-SMG4" },
    { source: "Checkov", id: "CKV2_AWS_57" },
    { source: "Checkov", id: "CKV_AWS_304" },
    { source: "Security Hub FSBP", id: "SecretsManager.1" },
    { source: "Security Hub FSBP", id: "SecretsManager.4" },
  ],
  config: {
    maxRotationDays: {
      type: "number",
      description: "Longest acceptable automaticallyAfterDays.",
      default: 90,
    },
  },
  types: [SECRET, SECRET_ROTATION],
  check: (ctx) => {
    const max = ctx.config.maxRotationDays;
    // Rotations given a literal secret name or ARN (not built from a secret in this stack).
    const literal = literalReferences(ctx, [SECRET_ROTATION], "secretId");
    for (const secret of ctx.index.ofType(SECRET)) {
      ctx.each(secret, () => {
        // The ARN is unknown at preview: it is looked at only when the name does not match.
        const rotations = referrersOf(ctx.index, secret, "secretId", SECRET_ROTATION, literal, [
          () => secret.props.name,
          () => secret.props.arn,
        ]);
        if (rotations === undefined) return;
        if (rotations.length === 0) {
          ctx.report(secret, "The secret has no automatic rotation.");
          return;
        }
        for (const rot of rotations) {
          if (rot.props.rotationEnabled === false) {
            ctx.report(secret, "Rotation is explicitly disabled (rotationEnabled false).");
            continue;
          }
          const days = rot.props.rotationRules?.automaticallyAfterDays;
          if (typeof days === "number" && days > max) {
            ctx.report(secret, `The secret rotates every ${days} days (> ${max}).`);
          } else if (
            typeof days !== "number" &&
            !present(rot.props.rotationRules, "scheduleExpression")
          ) {
            ctx.report(
              secret,
              "The rotation has no rotationRules (neither automaticallyAfterDays nor a schedule).",
            );
          }
        }
      });
    }
  },
});

// ---------------------------------------------------------------------------------------------
// EC2 Instance Connect Endpoint. `preserveClientIp` is deliberately not checked: an instance
// security group that admits SSH from the endpoint's security group works either way (EC2 docs,
// "Security groups for EC2 Instance Connect Endpoint"), and preserving the client IP keeps the
// caller's address in the instance's logs.
// ---------------------------------------------------------------------------------------------

export const instanceConnectEndpointSecurityGroups = resourcePolicy({
  name: "ec2-instance-connect-endpoint-security-groups",
  description:
    "EC2 Instance Connect Endpoints should name their security groups. Without them the VPC's default security group is " +
    "attached, which should allow nothing (so the tunnel breaks) or, worse, allows everything. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `securityGroupIds` to a dedicated group whose only egress is TCP 22 (or the tunnelled port) to the target " +
    "instances' security group; let the instances admit that port only from the endpoint's group.",
  references: [{ source: "AWS docs", id: "Security groups for EC2 Instance Connect Endpoint" }],
  types: [INSTANCE_CONNECT_ENDPOINT],
  check: (props, ctx) => {
    // The ids are usually unknown at preview; whether any are set is known.
    if (
      !present(props, "securityGroupIds") ||
      (Array.isArray(props.securityGroupIds) && props.securityGroupIds.length === 0)
    ) {
      ctx.report("securityGroupIds is not set: the VPC's default security group is attached.");
    }
  },
});
