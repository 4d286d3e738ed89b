// Encryption at rest with customer-managed KMS keys for the delivery and analytics types the
// platform creates: ECR, Redshift Serverless, CodeBuild, CodePipeline.
import { stackPolicy } from "../../lib/define";
import { classifyKey, requireCustomerKey, requireCustomerKeys } from "../../lib/kms/keys";
import { asList, flagOn, programSetting } from "../../lib/values";
import {
  CODEBUILD_PROJECT,
  CODEPIPELINE_PIPELINE,
  ECR_REPOSITORY,
  REDSHIFTSERVERLESS_NAMESPACE,
} from "../../lib/types";
import {
  NATIVE_CODEBUILD_PROJECT,
  NATIVE_CODEPIPELINE_PIPELINE,
  NATIVE_ECR_REPOSITORY,
  NATIVE_REDSHIFTSERVERLESS_NAMESPACE,
} from "../../lib/native/types";
import { awsDocs, cdkNag, checkov, fsbp, kics, trivy } from "../../lib/controls";
export const ecrKms = stackPolicy({
  name: "ecr-repository-kms-cmk",
  description:
    "ECR repositories encrypt images with a customer-managed KMS key (encryptionType KMS).",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    'Set encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key.arn }] (replaces the ' +
    "repository: encryption is fixed at creation).",
  references: [checkov("CKV_AWS_136"), trivy("AWS-0033"), kics("ECR Repository Not Encrypted")],
  types: [ECR_REPOSITORY, NATIVE_ECR_REPOSITORY],
  appliesTo: [ECR_REPOSITORY, NATIVE_ECR_REPOSITORY],
  check: (ctx) => {
    for (const repo of ctx.index.ofType(ECR_REPOSITORY)) {
      ctx.each(repo, () => {
        const what = `ECR repository "${repo.name}"`;
        // Computed by the provider (AES256) when unset.
        const configs = asList(programSetting(repo, "encryptionConfigurations"));
        if (configs.length === 0) {
          ctx.report(repo, `${what}: no encryption configuration, so ECR uses AES256 (SSE-S3).`);
          return;
        }
        for (const cfg of configs) {
          const type = cfg.encryptionType ?? "AES256";
          if (type !== "KMS" && type !== "KMS_DSSE") {
            ctx.report(
              repo,
              `${what}: encryptionType ${type}, not KMS with a customer-managed key.`,
            );
            continue;
          }
          const ref = classifyKey(ctx.index, repo, "encryptionConfigurations", () => cfg.kmsKey);
          requireCustomerKey(ctx, repo, what, ref, "ECR then uses the AWS-managed key aws/ecr");
        }
      });
    }
  },
});
export const redshiftKms = stackPolicy({
  name: "redshift-serverless-namespace-kms-cmk",
  description: "Redshift Serverless namespaces encrypt data with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps: "Set kmsKeyId to a customer-managed key of this stack (key.arn).",
  references: [checkov("CKV_AWS_282"), awsDocs("redshift-serverless-namespace-cmk-encryption")],
  types: [REDSHIFTSERVERLESS_NAMESPACE, NATIVE_REDSHIFTSERVERLESS_NAMESPACE],
  appliesTo: [REDSHIFTSERVERLESS_NAMESPACE, NATIVE_REDSHIFTSERVERLESS_NAMESPACE],
  check: (ctx) =>
    requireCustomerKeys(ctx, REDSHIFTSERVERLESS_NAMESPACE, {
      what: (ns) => `Redshift Serverless namespace "${ns.name}"`,
      prop: "kmsKeyId",
      // Computed (AWS_OWNED_KMS_KEY) when unset.
      read: (ns) => programSetting(ns, "kmsKeyId"),
      whenNone: "Redshift then uses an AWS-owned key",
    }),
});
export const codebuildKms = stackPolicy({
  name: "codebuild-project-kms-cmk",
  description:
    "CodeBuild projects encrypt build artifacts with a customer-managed key and never disable " +
    "encryption of artifacts or S3 logs.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set encryptionKey to a customer-managed key of this stack (key.arn), and remove " +
    "encryptionDisabled: true from artifacts, secondaryArtifacts and logsConfig.s3Logs.",
  references: [
    cdkNag("AwsSolutions-CB4"),
    checkov("CKV_AWS_147"),
    checkov("CKV_AWS_78"),
    checkov("CKV_AWS_311"),
    trivy("AWS-0018"),
    fsbp("CodeBuild.3"),
    kics("CodeBuild Project Encrypted With AWS Managed Key"),
  ],
  // aws-native Projects (encryptionKey, artifacts, secondaryArtifacts, logsConfig.s3Logs: the
  // classic names, CloudFormation AWS::CodeBuild::Project) are judged as classic ones.
  types: [CODEBUILD_PROJECT, NATIVE_CODEBUILD_PROJECT],
  appliesTo: [CODEBUILD_PROJECT, NATIVE_CODEBUILD_PROJECT],
  check: (ctx) => {
    for (const project of ctx.index.ofType(CODEBUILD_PROJECT)) {
      ctx.each(project, () => {
        const what = `CodeBuild project "${project.name}"`;
        // CodeBuild user guide: "By default, CodeBuild uses the AWS managed key for Amazon S3";
        // the provider computes `encryptionKey` (alias/aws/s3) when it is unset.
        const ref = classifyKey(ctx.index, project, "encryptionKey", () =>
          programSetting(project, "encryptionKey"),
        );
        requireCustomerKey(
          ctx,
          project,
          what,
          ref,
          "CodeBuild then uses the AWS-managed key aws/s3",
        );
        const artifacts = [
          ...asList(project.props.artifacts).map((a: any) => ({ a, where: "artifacts" })),
          ...asList(project.props.secondaryArtifacts).map((a: any) => ({
            a,
            where: `secondary artifact ${String(a?.artifactIdentifier ?? "")}`,
          })),
        ];
        for (const { a, where } of artifacts) {
          if (flagOn(a?.encryptionDisabled)) {
            ctx.report(project, `${what}: ${where} set encryptionDisabled: true.`);
          }
        }
        if (flagOn(project.props.logsConfig?.s3Logs?.encryptionDisabled)) {
          ctx.report(project, `${what}: logsConfig.s3Logs sets encryptionDisabled: true.`);
        }
      });
    }
  },
});
export const codepipelineKms = stackPolicy({
  name: "codepipeline-artifact-store-kms-cmk",
  description: "Every CodePipeline artifact store is encrypted with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    'Set artifactStores[].encryptionKey: { type: "KMS", id: key.arn } on every store (without it ' +
    "CodePipeline uses the AWS-managed key aws/s3).",
  references: [checkov("CKV_AWS_219")],
  // aws-native Pipelines (artifactStore, or artifactStores[].artifactStore) are judged as classic
  // ones (../../lib/native/twins-workloads.ts).
  types: [CODEPIPELINE_PIPELINE, NATIVE_CODEPIPELINE_PIPELINE],
  appliesTo: [CODEPIPELINE_PIPELINE, NATIVE_CODEPIPELINE_PIPELINE],
  check: (ctx) => {
    for (const pipeline of ctx.index.ofType(CODEPIPELINE_PIPELINE)) {
      ctx.each(pipeline, () => {
        asList(pipeline.props.artifactStores).forEach((store: any, i: number) => {
          const what = `CodePipeline "${pipeline.name}" artifact store ${String(store?.region ?? i)}`;
          const key = store?.encryptionKey;
          if (key && key.type !== "KMS") {
            ctx.report(pipeline, `${what}: encryptionKey type ${String(key.type)}, not KMS.`);
            return;
          }
          const ref = classifyKey(ctx.index, pipeline, "artifactStores", () => key?.id);
          requireCustomerKey(
            ctx,
            pipeline,
            what,
            ref,
            "CodePipeline then uses the AWS-managed key aws/s3",
          );
        });
      });
    }
  },
});
