// Encryption at rest with customer-managed KMS keys for compute-side data: Lambda environment
// variables, EKS Kubernetes secrets, ECS Exec and Session Manager sessions and their logs,
// SageMaker notebooks, endpoints, domains and data quality monitoring jobs, Comprehend custom
// models, CodeBuild test report exports and WorkSpaces volumes.
import { customerKeyPolicy } from "../../lib/kms/keys";
import {
  CODEBUILD_REPORT_GROUP,
  COMPREHEND_DOCUMENT_CLASSIFIER,
  COMPREHEND_ENTITY_RECOGNIZER,
  ECS_CLUSTER,
  EKS_CLUSTER,
  LAMBDA_FUNCTION,
  SAGEMAKER_DATA_QUALITY_JOB_DEFINITION,
  SAGEMAKER_DOMAIN,
  SAGEMAKER_ENDPOINT_CONFIGURATION,
  SAGEMAKER_NOTEBOOK_INSTANCE,
  SSM_DOCUMENT,
  WORKSPACES_WORKSPACE,
} from "../../lib/types";
import {
  NATIVE_CODEBUILD_REPORT_GROUP,
  NATIVE_COMPREHEND_DOCUMENT_CLASSIFIER,
  NATIVE_ECS_CLUSTER,
  NATIVE_EKS_CLUSTER,
  NATIVE_LAMBDA_FUNCTION,
  NATIVE_SAGEMAKER_DOMAIN,
  NATIVE_SAGEMAKER_ENDPOINT_CONFIG,
  NATIVE_SAGEMAKER_NOTEBOOK_INSTANCE,
  NATIVE_SSM_DOCUMENT,
  NATIVE_WORKSPACES_WORKSPACE,
} from "../../lib/native/types";
import { asList, flagOn } from "../../lib/values";
import { isOn, sessionInputs } from "../../lib/kms/session-documents";
import { awsDocs, checkov, fsbp, kics, trivy } from "../../lib/controls";

export const lambdaEnvironmentKms = customerKeyPolicy({
  name: "lambda-function-environment-kms-cmk",
  description:
    "Lambda functions with environment variables encrypt them at rest with a customer-managed KMS " +
    "key (kmsKeyArn).",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set kmsKeyArn to the stack's customer-managed key on every function that sets " +
    "environment.variables, and let the function's role decrypt with it.",
  references: [checkov("CKV_AWS_173"), awsDocs("lambda/dg/configuration-envvars-encryption")],
  types: [LAMBDA_FUNCTION, NATIVE_LAMBDA_FUNCTION],
  noun: "Lambda function",
  check: (k) => {
    const variables = k.props.environment?.variables;
    if (!variables || typeof variables !== "object" || Object.keys(variables).length === 0) return;
    // Lambda developer guide, "Securing Lambda environment variables": at rest they are encrypted
    // with the AWS-managed key aws/lambda unless a customer key is set.
    k.requireKey({ prop: "kmsKeyArn", whenNone: "the AWS-managed key aws/lambda" });
  },
});

export const eksSecretsKms = customerKeyPolicy({
  name: "eks-cluster-secrets-kms-cmk",
  description: "EKS clusters envelope-encrypt Kubernetes secrets with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set encryptionConfig: { resources: ["secrets"], provider: { keyArn: key.arn } } with a ' +
    "symmetric customer-managed key of this stack (it cannot be removed once set).",
  references: [
    checkov("CKV_AWS_58"),
    checkov("CKV_AWS_151"),
    kics("EKS Cluster Encryption Disabled"),
    trivy("AWS-0039"),
    fsbp("EKS.3"),
  ],
  types: [EKS_CLUSTER, NATIVE_EKS_CLUSTER],
  noun: "EKS cluster",
  check: (k) => {
    const config = k.props.encryptionConfig;
    const resources = asList<string>(config?.resources);
    // EKS user guide, "Encrypt Kubernetes secrets with KMS": without encryptionConfig, secrets are
    // protected only by EKS's default encryption with an AWS-owned key.
    if (!resources.includes("secrets")) {
      k.report(
        "encryptionConfig does not cover secrets: they are not envelope-encrypted with a " +
          "customer-managed key.",
      );
      return;
    }
    k.requireKey({
      prop: "encryptionConfig",
      read: () => config.provider?.keyArn,
      where: "encryptionConfig.provider.keyArn",
      whenNone: "secrets encryption needs a key",
    });
  },
});

export const ecsExecKms = customerKeyPolicy({
  name: "ecs-cluster-exec-kms-cmk",
  description:
    "ECS clusters that log ECS Exec sessions (executeCommandConfiguration with logging other " +
    "than NONE) encrypt the session data with a customer-managed KMS key, and with logging " +
    "OVERRIDE write the session logs encrypted (cloudWatchEncryptionEnabled or " +
    "s3BucketEncryptionEnabled).",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set configuration.executeCommandConfiguration.kmsKeyId to the stack's customer-managed key " +
    "and logConfiguration.cloudWatchEncryptionEnabled (or s3BucketEncryptionEnabled) to true, " +
    'or set logging: "NONE" where ECS Exec is not used.',
  references: [
    checkov("CKV_AWS_224"),
    // ECS developer guide, "Monitor Amazon ECS containers with ECS Exec": the data between the
    // client and the container is encrypted with TLS, and additionally with the KMS key given as
    // kmsKeyId; the session logs go to CloudWatch Logs or S3 as logConfiguration says.
    awsDocs("AmazonECS/latest/developerguide/ecs-exec"),
  ],
  types: [ECS_CLUSTER, NATIVE_ECS_CLUSTER],
  noun: "ECS cluster",
  check: (k) => {
    const exec = k.props.configuration?.executeCommandConfiguration;
    if (!exec || exec.logging === "NONE") return;
    k.requireKey({
      prop: "configuration",
      read: () => exec.kmsKeyId,
      where: "configuration.executeCommandConfiguration.kmsKeyId",
      whenNone: "ECS Exec session data is protected by TLS alone",
    });
    // Only logging "OVERRIDE" writes the sessions where logConfiguration says; with "DEFAULT"
    // (also when left out) they go to the task definition's awslogs group, whose encryption the
    // log group rules judge (ECS API, ExecuteCommandConfiguration.logging). Checkov CKV_AWS_224
    // asks for the flags whatever the logging: that would report a setting ECS does not read.
    if (exec.logging !== "OVERRIDE") return;
    const log = exec.logConfiguration;
    if (!flagOn(log?.cloudWatchEncryptionEnabled) && !flagOn(log?.s3BucketEncryptionEnabled)) {
      k.report(
        "executeCommandConfiguration.logConfiguration enables neither " +
          "cloudWatchEncryptionEnabled nor s3BucketEncryptionEnabled: ECS Exec session logs are " +
          "not required to be encrypted.",
      );
    }
  },
});

export const ssmSessionKms = customerKeyPolicy({
  name: "ssm-session-preferences-kms-cmk",
  description:
    "Session Manager preferences (an SSM document of type Session whose content sets inputs) " +
    "encrypt session data with a customer-managed KMS key (inputs.kmsKeyId), and the session " +
    "logs they send to S3 or CloudWatch Logs are written encrypted (s3EncryptionEnabled, " +
    "cloudWatchEncryptionEnabled). Advisory: the key encrypts session data in transit, on top " +
    "of TLS (Checkov CKV_AWS_112 is an in-transit check), and Session Manager stores nothing " +
    "with it; the logs are at rest where they land, judged by the bucket and log group rules.",
  // Not one of the at-rest guarantees: the key encrypts the session stream end to end between the
  // client and the managed node, in addition to TLS 1.2 ("Enable KMS key encryption of session
  // data"; Checkov CKV_AWS_112, "Ensure Session Manager data is encrypted in transit"), and the log
  // flags only make Session Manager refuse a destination without default encryption (any kind,
  // SSE-S3 included), whose key s3-bucket-sse-kms-cmk and the log group rules already judge.
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set inputs.kmsKeyId to the stack's customer-managed key, and inputs.s3EncryptionEnabled / " +
    "inputs.cloudWatchEncryptionEnabled to true for each log destination the preferences name.",
  references: [
    checkov("CKV_AWS_112"),
    checkov("CKV_AWS_113"),
    // Systems Manager user guide, "Enable KMS key encryption of session data": session data is
    // protected by TLS 1.2 alone unless a KMS key is named; "Session document schema" lists the
    // inputs (kmsKeyId, s3EncryptionEnabled, cloudWatchEncryptionEnabled).
    awsDocs("systems-manager/latest/userguide/session-preferences-enable-encryption.html"),
    awsDocs("systems-manager/latest/userguide/session-manager-schema.html"),
  ],
  // An aws-native Document's content may be a JSON object (../../lib/kms/session-documents.ts).
  types: [SSM_DOCUMENT, NATIVE_SSM_DOCUMENT],
  noun: "SSM Session document",
  check: (k) => {
    if (k.props.documentType !== "Session") return;
    const inputs = sessionInputs(k.props.content, k.props.documentFormat);
    // Port forwarding and command sessions take parameters, not preferences: nothing to judge.
    if (!inputs) return;
    k.requireKey({
      prop: "content",
      read: () => inputs.kmsKeyId,
      where: "inputs.kmsKeyId",
      whenNone: "session data is protected by TLS alone",
    });
    const logs: [string, string][] = [
      ["s3BucketName", "s3EncryptionEnabled"],
      ["cloudWatchLogGroupName", "cloudWatchEncryptionEnabled"],
    ];
    for (const [destination, flag] of logs) {
      if (!inputs[destination] || isOn(inputs[flag])) continue;
      k.report(
        `inputs.${destination} receives the session logs but inputs.${flag} is not true: ` +
          "Session Manager then sends them whether or not the destination is encrypted.",
      );
    }
  },
});

/**
 * SageMaker ML instance types with local NVMe instance storage (families with a "d" in their
 * suffix such as m5d, c5d, r5d, g4dn, p3dn, p4d, and the GPU/accelerator families g5, g6, g6e, p5,
 * trn1 that come with local NVMe).
 */
const LOCAL_STORAGE_INSTANCE = /^ml\.(?:[a-z]+\d+[a-z]*d[a-z]*|g5|g6|g6e|p5|p5e|p5en|trn1|trn1n)\./;

const SAGEMAKER_NOUN: Record<string, string> = {
  [SAGEMAKER_NOTEBOOK_INSTANCE]: "SageMaker notebook instance",
  [SAGEMAKER_ENDPOINT_CONFIGURATION]: "SageMaker endpoint configuration",
  [SAGEMAKER_DOMAIN]: "SageMaker domain",
  [SAGEMAKER_DATA_QUALITY_JOB_DEFINITION]: "SageMaker data quality job definition",
};

export const sagemakerKms = customerKeyPolicy({
  name: "sagemaker-kms-cmk",
  description:
    "SageMaker notebook instances, endpoint configurations and domains encrypt their storage " +
    "volumes with a customer-managed KMS key, and data quality monitoring jobs encrypt both " +
    "their processing volume and their reports with one.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set kmsKeyId (notebook instances, domains) or kmsKeyArn (endpoint configurations) to the " +
    "stack's customer-managed key; on a DataQualityJobDefinition set " +
    "jobResources.clusterConfig.volumeKmsKeyId and dataQualityJobOutputConfig.kmsKeyId. Endpoint " +
    "configurations on instance types with local storage take no key: their NVMe volumes are " +
    "encrypted by the instance hardware.",
  references: [
    checkov("CKV_AWS_22"),
    checkov("CKV_AWS_98"),
    checkov("CKV_AWS_187"),
    checkov("CKV_AWS_367"),
    checkov("CKV_AWS_368"),
    kics("Sagemaker Endpoint Configuration Encryption Disabled"),
  ],
  types: [
    SAGEMAKER_NOTEBOOK_INSTANCE,
    SAGEMAKER_ENDPOINT_CONFIGURATION,
    SAGEMAKER_DOMAIN,
    SAGEMAKER_DATA_QUALITY_JOB_DEFINITION,
    NATIVE_SAGEMAKER_NOTEBOOK_INSTANCE,
    NATIVE_SAGEMAKER_ENDPOINT_CONFIG,
    NATIVE_SAGEMAKER_DOMAIN,
  ],
  noun: (r) => SAGEMAKER_NOUN[r.type],
  check: (k) => {
    const type = k.resource.type;
    const managed = "the storage volume is encrypted with an AWS-managed key";
    if (type === SAGEMAKER_DATA_QUALITY_JOB_DEFINITION) {
      // CreateDataQualityJobDefinition: VolumeKmsKeyId and MonitoringOutputConfig.KmsKeyId,
      // without which the volume and the reports in S3 use AWS-managed keys.
      k.requireKey({
        prop: "jobResources",
        read: () => k.props.jobResources?.clusterConfig?.volumeKmsKeyId,
        where: "jobResources.clusterConfig.volumeKmsKeyId",
        whenNone: managed,
      });
      k.requireKey({
        prop: "dataQualityJobOutputConfig",
        read: () => k.props.dataQualityJobOutputConfig?.kmsKeyId,
        where: "dataQualityJobOutputConfig.kmsKeyId",
        whenNone: "the reports are encrypted with the AWS-managed key aws/s3",
      });
      return;
    }
    if (type !== SAGEMAKER_ENDPOINT_CONFIGURATION) {
      k.requireKey({ prop: "kmsKeyId", whenNone: managed });
      return;
    }
    // SageMaker API, CreateEndpointConfig KmsKeyId: "You can't request a KmsKeyId when using an
    // instance type with local storage. If any of the models that you specify in the
    // ProductionVariants parameter use nitro-based instances with local storage, do not specify a
    // value for the KmsKeyId parameter." Such configurations are a documented exception.
    const localStorage = asList(k.props.productionVariants).some((v: any) =>
      LOCAL_STORAGE_INSTANCE.test(String(v?.instanceType ?? "")),
    );
    if (localStorage) return;
    k.requireKey({ prop: "kmsKeyArn", whenNone: managed });
  },
});

export const comprehendKms = customerKeyPolicy({
  name: "comprehend-kms-cmk",
  description:
    "Comprehend custom entity recognizers and document classifiers encrypt the trained model and " +
    "the training volume with customer-managed KMS keys (and a classifier's output with one).",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set modelKmsKeyId and volumeKmsKeyId (and outputDataConfig.kmsKeyId on a classifier) to the " +
    "stack's customer-managed key.",
  references: [checkov("CKV_AWS_267"), checkov("CKV_AWS_268")],
  types: [
    COMPREHEND_ENTITY_RECOGNIZER,
    COMPREHEND_DOCUMENT_CLASSIFIER,
    NATIVE_COMPREHEND_DOCUMENT_CLASSIFIER,
  ],
  noun: (r) =>
    r.type === COMPREHEND_ENTITY_RECOGNIZER
      ? "Comprehend entity recognizer"
      : "Comprehend document classifier",
  check: (k) => {
    // CreateEntityRecognizer / CreateDocumentClassifier: without ModelKmsKeyId and VolumeKmsKeyId
    // the model and the ML storage volume use keys Comprehend manages.
    const managed = "a key Comprehend manages";
    k.requireKey({ prop: "modelKmsKeyId", whenNone: managed });
    k.requireKey({ prop: "volumeKmsKeyId", whenNone: managed });
    const output = k.resource.type === COMPREHEND_DOCUMENT_CLASSIFIER && k.props.outputDataConfig;
    if (!output) return;
    k.requireKey({
      prop: "outputDataConfig",
      read: () => output.kmsKeyId,
      where: "outputDataConfig.kmsKeyId",
      whenNone: "the AWS-managed key aws/s3",
    });
  },
});

export const codebuildReportGroupKms = customerKeyPolicy({
  name: "codebuild-report-group-kms-cmk",
  description:
    "CodeBuild report groups that export test reports to S3 encrypt them with a customer-managed " +
    "KMS key and never disable encryption.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set exportConfig.s3Destination.encryptionKey to the stack's customer-managed key and remove " +
    "encryptionDisabled: true.",
  references: [awsDocs("codebuild/userguide/report-group-export-settings")],
  types: [CODEBUILD_REPORT_GROUP, NATIVE_CODEBUILD_REPORT_GROUP],
  noun: "CodeBuild report group",
  check: (k) => {
    const exportConfig = k.props.exportConfig;
    if (exportConfig?.type !== "S3") return; // NO_EXPORT: reports stay in CodeBuild
    const destination = exportConfig.s3Destination;
    if (flagOn(destination?.encryptionDisabled)) {
      k.report("exportConfig.s3Destination sets encryptionDisabled: true.");
      return;
    }
    k.requireKey({
      prop: "exportConfig",
      read: () => destination?.encryptionKey,
      where: "exportConfig.s3Destination.encryptionKey",
      whenNone: "the export needs an encryption key",
    });
  },
});

export const workspacesKms = customerKeyPolicy({
  name: "workspaces-volume-kms-cmk",
  description:
    "WorkSpaces encrypt both their root and user volumes with a customer-managed KMS key " +
    "(volumeEncryptionKey).",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set rootVolumeEncryptionEnabled and userVolumeEncryptionEnabled to true and " +
    "volumeEncryptionKey to the stack's customer-managed key (recreates the WorkSpace).",
  references: [
    checkov("CKV_AWS_155"),
    checkov("CKV_AWS_156"),
    trivy("AWS-0109"),
    kics("Workspaces Workspace Volume Not Encrypted"),
  ],
  types: [WORKSPACES_WORKSPACE, NATIVE_WORKSPACES_WORKSPACE],
  noun: "WorkSpace",
  check: (k) => {
    // CreateWorkspaces: both flags default to false (unencrypted volumes).
    const off = ["rootVolumeEncryptionEnabled", "userVolumeEncryptionEnabled"].filter(
      (flag) => !flagOn(k.props[flag]),
    );
    if (off.length) {
      k.report(`${off.join(" and ")} ${off.length > 1 ? "are" : "is"} not true.`);
      return;
    }
    k.requireKey({
      prop: "volumeEncryptionKey",
      whenNone: "the AWS-managed key aws/workspaces",
    });
  },
});
