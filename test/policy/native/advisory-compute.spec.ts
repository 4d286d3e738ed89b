// The advisory rules people write most, for aws-native compute and delivery (read as their classic
// twins, policy-pack/lib/native/twins*.ts): Lambda functions, ECR repositories, EC2 instances and
// launch templates (launchTemplateData), ECS services (deploymentConfiguration), SageMaker, EKS,
// CodeBuild (timeoutInMinutes, logsConfig.cloudWatchLogs), CodePipeline, Redshift clusters and
// Serverless, and App Runner. A compliant resource passes; each case breaks one field; a value
// unknown at preview is a preview note (or, where the rule only asks whether a value is set, passes).
import * as n from "../../../policy-pack/lib/native/types";
import { Case, runCases } from "./cases";

const b64 = (s: string) => Buffer.from(s).toString("base64");
const LOG_GROUP = "arn:aws:logs:eu-west-1:123456789012:log-group:builds";

const lambda: Case[] = [
  {
    rule: "lambda-function-in-vpc",
    type: n.NATIVE_LAMBDA_FUNCTION,
    inputs: { vpcConfig: { subnetIds: ["subnet-a"], securityGroupIds: ["sg-a"] } },
    prop: "vpcConfig",
    unknownPasses: true,
    broken: [[{ vpcConfig: undefined }, "No vpcConfig.subnetIds"]],
  },
  {
    rule: "lambda-function-supported-runtime",
    type: n.NATIVE_LAMBDA_FUNCTION,
    inputs: { runtime: "nodejs22.x" },
    prop: "runtime",
    broken: [[{ runtime: "python3.8" }, 'runtime "python3.8" is deprecated']],
  },
  {
    rule: "lambda-function-code-signing",
    type: n.NATIVE_LAMBDA_FUNCTION,
    inputs: {
      codeSigningConfigArn: "arn:aws:lambda:eu-west-1:123456789012:code-signing-config:csc-1",
    },
    prop: "codeSigningConfigArn",
    unknownPasses: true,
    broken: [[{ codeSigningConfigArn: undefined }, "No codeSigningConfigArn"]],
  },
  {
    rule: "lambda-function-no-plaintext-credentials",
    type: n.NATIVE_LAMBDA_FUNCTION,
    inputs: { environment: { variables: { LOG_LEVEL: "info" } } },
    prop: "environment",
    broken: [
      [
        { environment: { variables: { DB_PASSWORD: "correct-horse-battery-staple" } } },
        "DB_PASSWORD",
      ],
    ],
  },
  {
    rule: "lambda-function-dead-letter-queue",
    type: n.NATIVE_LAMBDA_FUNCTION,
    inputs: { deadLetterConfig: { targetArn: "arn:aws:sqs:eu-west-1:123456789012:fn-dlq" } },
    prop: "deadLetterConfig",
    unknownPasses: true,
    broken: [[{ deadLetterConfig: undefined }, "No deadLetterConfig.targetArn"]],
  },
];

const repositories: Case[] = [
  {
    rule: "ecr-repository-tag-immutability",
    type: n.NATIVE_ECR_REPOSITORY,
    inputs: { imageTagMutability: "IMMUTABLE" },
    prop: "imageTagMutability",
    broken: [
      [{ imageTagMutability: "MUTABLE" }, "imageTagMutability is 'MUTABLE'"],
      [
        {
          imageTagMutability: "IMMUTABLE_WITH_EXCLUSION",
          imageTagMutabilityExclusionFilters: [
            {
              imageTagMutabilityExclusionFilterType: "WILDCARD",
              imageTagMutabilityExclusionFilterValue: "*",
            },
          ],
        },
        "exclusion filter '*'",
        "an exclusion filter of every tag",
      ],
    ],
  },
  {
    rule: "ecr-repository-scan-on-push",
    type: n.NATIVE_ECR_REPOSITORY,
    inputs: { imageScanningConfiguration: { scanOnPush: true } },
    prop: "imageScanningConfiguration",
    broken: [[{ imageScanningConfiguration: { scanOnPush: false } }, "scanOnPush"]],
  },
];

const instance = { instanceType: "m5.large", iamInstanceProfile: "app", monitoring: true };
const template = (data: Record<string, unknown>) => ({
  launchTemplateData: {
    iamInstanceProfile: { name: "app" },
    monitoring: { enabled: true },
    ...data,
  },
});
const machines: Case[] = [
  {
    rule: "ec2-instance-imds-hop-limit",
    type: n.NATIVE_EC2_INSTANCE,
    inputs: {
      ...instance,
      metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
    },
    prop: "metadataOptions",
    broken: [
      [
        { metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 3 } },
        "metadataOptions.httpPutResponseHopLimit is 3",
      ],
    ],
  },
  {
    rule: "ec2-instance-imds-hop-limit",
    type: n.NATIVE_EC2_LAUNCH_TEMPLATE,
    inputs: template({ metadataOptions: { httpPutResponseHopLimit: 1 } }),
    prop: "launchTemplateData",
    broken: [
      [
        template({ metadataOptions: { httpPutResponseHopLimit: 2 } }),
        "launchTemplateData.metadataOptions.httpPutResponseHopLimit is 2",
        "launchTemplateData.metadataOptions.httpPutResponseHopLimit 2",
      ],
    ],
  },
  {
    rule: "ec2-instance-detailed-monitoring",
    type: n.NATIVE_EC2_INSTANCE,
    inputs: instance,
    prop: "monitoring",
    broken: [[{ monitoring: false }, "Detailed monitoring is off"]],
  },
  {
    rule: "ec2-instance-detailed-monitoring",
    type: n.NATIVE_EC2_LAUNCH_TEMPLATE,
    inputs: template({}),
    prop: "launchTemplateData",
    broken: [
      [
        template({ monitoring: { enabled: false } }),
        "Detailed monitoring is off",
        "monitoring off",
      ],
    ],
  },
  {
    rule: "ec2-instance-ebs-optimized",
    type: n.NATIVE_EC2_INSTANCE,
    inputs: { ...instance, instanceType: "c3.xlarge", ebsOptimized: true },
    prop: "ebsOptimized",
    broken: [[{ ebsOptimized: false }, "ebsOptimized is not true"]],
  },
  {
    rule: "ec2-instance-profile-attached",
    type: n.NATIVE_EC2_INSTANCE,
    inputs: instance,
    prop: "iamInstanceProfile",
    unknownPasses: true,
    broken: [[{ iamInstanceProfile: undefined }, "instance profile"]],
  },
  {
    rule: "ec2-instance-profile-attached",
    type: n.NATIVE_EC2_LAUNCH_TEMPLATE,
    inputs: template({}),
    prop: "launchTemplateData",
    unknownPasses: true,
    broken: [
      [{ launchTemplateData: { monitoring: { enabled: true } } }, "instance profile", "none"],
    ],
  },
  {
    rule: "ec2-instance-no-secrets-in-user-data",
    type: n.NATIVE_EC2_INSTANCE,
    inputs: { ...instance, userData: b64("#!/bin/bash\nsystemctl start app\n") },
    prop: "userData",
    broken: [
      [
        {
          userData: b64(
            "#!/bin/bash\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
          ),
        },
        "User data appears to contain",
        "a secret key in userData",
      ],
    ],
  },
  {
    rule: "ec2-instance-no-secrets-in-user-data",
    type: n.NATIVE_EC2_LAUNCH_TEMPLATE,
    inputs: template({ userData: b64("#!/bin/bash\nsystemctl start app\n") }),
    prop: "launchTemplateData",
    broken: [
      [
        template({
          userData: b64("export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"),
        }),
        "User data appears to contain",
        "a secret key in launchTemplateData.userData",
      ],
    ],
  },
];

const services: Case[] = [
  {
    rule: "ecs-service-fargate-platform-version",
    type: n.NATIVE_ECS_SERVICE,
    inputs: { launchType: "FARGATE", platformVersion: "LATEST" },
    prop: "platformVersion",
    broken: [[{ platformVersion: "1.3.0" }, "platformVersion is pinned to '1.3.0'"]],
  },
  // On Fargate through a capacity provider strategy (capacityProviderStrategy, no launchType).
  {
    rule: "ecs-service-fargate-platform-version",
    type: n.NATIVE_ECS_SERVICE,
    inputs: {
      capacityProviderStrategy: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }],
      platformVersion: "LATEST",
    },
    prop: "platformVersion",
    broken: [[{ platformVersion: "1.4.0" }, "platformVersion is pinned to '1.4.0'"]],
  },
  {
    rule: "ecs-service-circuit-breaker",
    type: n.NATIVE_ECS_SERVICE,
    inputs: {
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    },
    prop: "deploymentConfiguration",
    broken: [
      [
        {
          deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } },
        },
        "does not roll back",
        "rollback false",
      ],
      [{ deploymentConfiguration: undefined }, "circuit breaker is not enabled"],
    ],
  },
  {
    rule: "sagemaker-notebook-root-access-disabled",
    type: n.NATIVE_SAGEMAKER_NOTEBOOK_INSTANCE,
    inputs: { rootAccess: "Disabled" },
    prop: "rootAccess",
    broken: [[{ rootAccess: "Enabled" }, 'rootAccess is "Enabled"']],
  },
  {
    rule: "sagemaker-notebook-in-vpc",
    type: n.NATIVE_SAGEMAKER_NOTEBOOK_INSTANCE,
    inputs: { subnetId: "subnet-a" },
    prop: "subnetId",
    unknownPasses: true,
    broken: [[{ subnetId: undefined }, "No subnetId"]],
  },
  ...["eks-cluster-supported-version", "eks-cluster-standard-support-version"].map(
    (rule): Case => ({
      rule,
      type: n.NATIVE_EKS_CLUSTER,
      inputs: { version: "1.35" },
      prop: "version",
      broken: [[{ version: "1.20" }, "Kubernetes 1.20"]],
    }),
  ),
  {
    rule: "codebuild-project-logging",
    type: n.NATIVE_CODEBUILD_PROJECT,
    inputs: { logsConfig: { cloudWatchLogs: { status: "ENABLED", groupName: LOG_GROUP } } },
    prop: "logsConfig",
    broken: [
      [
        { logsConfig: { cloudWatchLogs: { status: "DISABLED" } } },
        "CloudWatch logging is disabled",
      ],
      [{ logsConfig: undefined }, "default group /aws/codebuild/<project>"],
    ],
  },
  {
    rule: "codebuild-project-build-timeout",
    type: n.NATIVE_CODEBUILD_PROJECT,
    inputs: { timeoutInMinutes: 30 },
    prop: "timeoutInMinutes",
    broken: [[{ timeoutInMinutes: 480 }, "timeoutInMinutes is 480 minutes"]],
  },
  {
    rule: "codepipeline-pipeline-type-v2",
    type: n.NATIVE_CODEPIPELINE_PIPELINE,
    inputs: { pipelineType: "V2" },
    prop: "pipelineType",
    broken: [[{ pipelineType: "V1" }, "pipelineType is 'V1'"]],
  },
  {
    rule: "redshift-cluster-version-upgrade",
    type: n.NATIVE_REDSHIFT_CLUSTER,
    inputs: { allowVersionUpgrade: true },
    prop: "allowVersionUpgrade",
    broken: [[{ allowVersionUpgrade: false }, "allowVersionUpgrade is false"]],
  },
  {
    rule: "redshift-cluster-managed-master-password",
    type: n.NATIVE_REDSHIFT_CLUSTER,
    inputs: { manageMasterPassword: true },
    prop: "masterUserPassword",
    unknownIsSet: true,
    broken: [[{ masterUserPassword: "correct-horse-battery" }, "masterUserPassword is set"]],
  },
  {
    rule: "redshift-serverless-workgroup-enhanced-vpc-routing",
    type: n.NATIVE_REDSHIFTSERVERLESS_WORKGROUP,
    inputs: { enhancedVpcRouting: true },
    prop: "enhancedVpcRouting",
    broken: [[{ enhancedVpcRouting: false }, "enhancedVpcRouting"]],
  },
  ...(
    [
      [
        "redshift-serverless-namespace-admin-username",
        "adminUsername",
        "admin",
        "adminUsername is the default",
      ],
      ["redshift-serverless-namespace-db-name", "dbName", "dev", "dbName is 'dev'"],
      ["redshift-serverless-namespace-audit-logs", "logExports", [], "Log exports missing"],
    ] as const
  ).map(([rule, prop, bad, fragment]): Case => ({
    rule,
    type: n.NATIVE_REDSHIFTSERVERLESS_NAMESPACE,
    inputs: {
      adminUsername: "warehouse_owner",
      manageAdminPassword: true,
      dbName: "orders",
      logExports: ["connectionlog", "userlog", "useractivitylog"],
    },
    prop,
    broken: [[{ [prop]: bad }, fragment]],
  })),
  {
    rule: "apprunner-service-not-public",
    type: n.NATIVE_APPRUNNER_SERVICE,
    inputs: {
      networkConfiguration: {
        ingressConfiguration: { isPubliclyAccessible: false },
        egressConfiguration: { egressType: "VPC" },
      },
    },
    prop: "networkConfiguration",
    broken: [
      [
        { networkConfiguration: { ingressConfiguration: { isPubliclyAccessible: true } } },
        "isPubliclyAccessible is true",
        "public ingress",
      ],
    ],
  },
];

runCases("aws-native advisory rules: compute and delivery", [
  ...lambda,
  ...repositories,
  ...machines,
  ...services,
]);
