// Secrets Manager secrets rotate automatically (encryption with customer-managed keys is the KMS
// policies' rule, ../kms/storage.ts; public secret policies are the exposure policies',
// ../exposure/data-stores.ts).
import { stackPolicy } from "../../lib/define";
import { eachWithReferrers } from "../../lib/references";
import { present, flagValue } from "../../lib/values";
import { SECRETSMANAGER_SECRET, SECRETSMANAGER_SECRET_ROTATION } from "../../lib/types";
import { cdkNag, checkov, fsbp } from "../../lib/controls";
import {
  NATIVE_SECRETSMANAGER_ROTATION_SCHEDULE,
  NATIVE_SECRETSMANAGER_SECRET,
} from "../../lib/native/types";

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
    cdkNag("AwsSolutions-SMG4"),
    checkov("CKV2_AWS_57"),
    checkov("CKV_AWS_304"),
    fsbp("SecretsManager.1"),
    fsbp("SecretsManager.4"),
  ],
  config: {
    maxRotationDays: {
      type: "number",
      description: "Longest acceptable automaticallyAfterDays.",
      default: 90,
    },
  },
  types: [
    SECRETSMANAGER_SECRET,
    SECRETSMANAGER_SECRET_ROTATION,
    NATIVE_SECRETSMANAGER_SECRET,
    NATIVE_SECRETSMANAGER_ROTATION_SCHEDULE,
  ],
  appliesTo: [SECRETSMANAGER_SECRET, NATIVE_SECRETSMANAGER_SECRET],
  check: (ctx) => {
    const max = ctx.config.maxRotationDays;
    // Rotations given a literal secret name or ARN (not built from a secret in this stack); the
    // ARN is unknown at preview: it is looked at only when the name does not match.
    const link = { type: SECRETSMANAGER_SECRET_ROTATION, prop: "secretId", keys: ["name", "arn"] };
    eachWithReferrers(ctx, SECRETSMANAGER_SECRET, link, (secret, rotations) => {
      if (rotations.length === 0) {
        ctx.report(secret, "The secret has no automatic rotation.");
        return;
      }
      for (const rot of rotations) {
        if (flagValue(rot.props.rotationEnabled) === false) {
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
  },
});
