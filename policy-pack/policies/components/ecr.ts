// awsx.ecr.Repository: the aws.ecr.Repository rules on the component's inputs, which awsx passes
// to the repository unchanged (pulumi-awsx awsx/ecr/repository.ts: `new aws.ecr.Repository(name,
// repoArgs)`), so the provider's defaults apply: MUTABLE tags, no scan on push, AES256 encryption.
import { mutableTagsReason } from "../../lib/compute/repositories";
import { classifyLiteralKey } from "../../lib/kms/keys";
import { resourcePolicy } from "../../lib/define";
import { AWSX_ECR_REPOSITORY } from "../../lib/types";
import { asList, peek, unknownError, flagOn } from "../../lib/values";
import { checkov, fsbp, trivy } from "../../lib/controls";

export const awsxEcrTagImmutability = resourcePolicy({
  name: "awsx-ecr-repository-tag-immutability",
  description:
    "An awsx ECR repository makes image tags immutable. Advisory, as ecr-repository-tag-immutability.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps: 'Set `imageTagMutability: "IMMUTABLE"` and tag every build uniquely.',
  references: [checkov("CKV_AWS_51"), trivy("AWS-0031"), fsbp("ECR.2")],
  types: [AWSX_ECR_REPOSITORY],
  check: (props, ctx) => {
    const reason = mutableTagsReason(props);
    if (reason) ctx.report(reason);
  },
});

export const awsxEcrScanOnPush = resourcePolicy({
  name: "awsx-ecr-repository-scan-on-push",
  description:
    "An awsx ECR repository scans images on push. Advisory, as ecr-repository-scan-on-push (a registry scanning configuration of the stack also counts there; the component's own setting is judged here).",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `imageScanningConfiguration: { scanOnPush: true }`, or manage an ENHANCED registry scanning configuration.",
  references: [checkov("CKV_AWS_163"), trivy("AWS-0030"), fsbp("ECR.1")],
  types: [AWSX_ECR_REPOSITORY],
  check: (props, ctx) => {
    if (!flagOn(props.imageScanningConfiguration?.scanOnPush)) {
      ctx.report(
        "Images are not scanned on push (imageScanningConfiguration.scanOnPush is not true).",
      );
    }
  },
});

export const awsxEcrKms = resourcePolicy({
  name: "awsx-ecr-repository-kms-cmk",
  description:
    "An awsx ECR repository encrypts images with a customer-managed KMS key. Mandatory, as ecr-repository-kms-cmk.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    'Set `encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key.arn }]` (encryption is fixed when the repository is created).',
  references: [checkov("CKV_AWS_136"), trivy("AWS-0033")],
  types: [AWSX_ECR_REPOSITORY],
  check: (props, ctx) => {
    const configs = asList(props.encryptionConfigurations);
    if (configs.length === 0) {
      ctx.report(
        "No encryption configuration, so ECR uses AES256 (SSE-S3), not a customer-managed key.",
      );
      return;
    }
    for (const cfg of configs) {
      const type = cfg?.encryptionType ?? "AES256";
      if (type !== "KMS" && type !== "KMS_DSSE") {
        ctx.report(`encryptionType ${type}, not KMS with a customer-managed key.`);
        continue;
      }
      const key = peek(() => cfg.kmsKey);
      if (!key.known) {
        // A key built from another resource (unknown at preview): it names a key the program
        // manages or looks up; whether it is customer-managed is known at apply.
        throw unknownError("encryptionConfigurations[].kmsKey is unknown until apply");
      }
      if (key.value === undefined || key.value === null || key.value === "") {
        ctx.report(
          "encryptionType KMS without kmsKey uses the AWS-managed key aws/ecr, not a customer-managed key.",
        );
      } else if (classifyLiteralKey(String(key.value)).kind === "aws-managed") {
        // `alias/aws/ecr` in any partition or region form (the pack's one test, lib/kms/keys.ts).
        ctx.report(
          `kmsKey ${String(key.value)} is an AWS-managed key, not a customer-managed key.`,
        );
      }
    }
  },
});
