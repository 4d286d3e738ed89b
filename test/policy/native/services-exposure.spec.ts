// aws-native service types whose CloudFormation properties keep the classic names
// (policy-pack/lib/native/twins-services.ts), judged by their single-type exposure rules: MWAA web
// servers, Redshift Serverless workgroups, Cognito identity pools, a Redshift Serverless
// namespace's admin password written in the program, OpenSearch Serverless network policies,
// SageMaker domains, DMS instance profiles, App Runner services (egress) and Lambda layer
// permissions (principal). Their key rules are in ./services.spec.ts. A compliant resource passes;
// each case then breaks one field, and a value unknown at preview is a preview note (./cases.ts).
import * as n from "../../../policy-pack/lib/native/types";
import { Case, runCases } from "./cases";

const cases: Case[] = [
  {
    rule: "mwaa-environment-not-public",
    type: n.NATIVE_MWAA_ENVIRONMENT,
    inputs: { name: "airflow", webserverAccessMode: "PRIVATE_ONLY" },
    prop: "webserverAccessMode",
    broken: [[{ webserverAccessMode: "PUBLIC_ONLY" }, 'webserverAccessMode is "PUBLIC_ONLY"']],
  },
  {
    rule: "redshift-serverless-workgroup-not-public",
    type: n.NATIVE_REDSHIFTSERVERLESS_WORKGROUP,
    inputs: { workgroupName: "analytics", namespaceName: "analytics", publiclyAccessible: false },
    prop: "publiclyAccessible",
    broken: [[{ publiclyAccessible: true }, "publiclyAccessible is true"]],
  },
  {
    rule: "cognito-identity-pool-no-unauthenticated",
    type: n.NATIVE_COGNITO_IDENTITY_POOL,
    inputs: { identityPoolName: "app", allowUnauthenticatedIdentities: false },
    prop: "allowUnauthenticatedIdentities",
    broken: [[{ allowUnauthenticatedIdentities: true }, "guests get AWS credentials"]],
  },
  {
    rule: "redshift-serverless-namespace-managed-admin-password",
    type: n.NATIVE_REDSHIFTSERVERLESS_NAMESPACE,
    inputs: { namespaceName: "analytics", adminUsername: "admin" },
    prop: "adminUserPassword",
    unknownIsSet: true,
    broken: [[{ adminUserPassword: "hunter2hunter2" }, "adminUserPassword is set by the program"]],
  },
  {
    rule: "opensearch-serverless-network-policy-not-public",
    type: n.NATIVE_OPENSEARCHSERVERLESS_SECURITY_POLICY,
    inputs: {
      name: "logs",
      type: "network",
      policy: JSON.stringify([
        {
          Rules: [{ ResourceType: "collection", Resource: ["collection/logs"] }],
          AllowFromPublic: false,
        },
      ]),
    },
    prop: "policy",
    broken: [
      [
        {
          policy: JSON.stringify([
            {
              Rules: [{ ResourceType: "collection", Resource: ["collection/logs"] }],
              AllowFromPublic: true,
            },
          ]),
        },
        "rule 1 of the network policy sets AllowFromPublic: true",
      ],
    ],
  },
  {
    rule: "sagemaker-domain-vpc-only",
    type: n.NATIVE_SAGEMAKER_DOMAIN,
    inputs: { domainName: "studio", authMode: "IAM", appNetworkAccessType: "VpcOnly" },
    prop: "appNetworkAccessType",
    broken: [
      [{ appNetworkAccessType: "PublicInternetOnly" }, "Studio apps reach the internet"],
      [{ appNetworkAccessType: undefined }, "appNetworkAccessType is left out"],
    ],
  },
  {
    rule: "dms-instance-profile-not-public",
    type: n.NATIVE_DMS_INSTANCE_PROFILE,
    inputs: { instanceProfileName: "migrations", publiclyAccessible: false },
    prop: "publiclyAccessible",
    broken: [
      [{ publiclyAccessible: true }, "publiclyAccessible is true"],
      [{ publiclyAccessible: undefined }, "publiclyAccessible is not set"],
    ],
  },
  {
    rule: "apprunner-service-egress-through-vpc",
    type: n.NATIVE_APPRUNNER_SERVICE,
    inputs: {
      sourceConfiguration: {
        imageRepository: {
          imageIdentifier: "public.ecr.aws/app:1",
          imageRepositoryType: "ECR_PUBLIC",
        },
      },
      networkConfiguration: {
        egressConfiguration: {
          egressType: "VPC",
          vpcConnectorArn: "arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/app/1/abc",
        },
      },
    },
    prop: "networkConfiguration",
    broken: [
      [
        { networkConfiguration: { egressConfiguration: { egressType: "DEFAULT" } } },
        'networkConfiguration.egressConfiguration.egressType is "DEFAULT"',
      ],
      [
        { networkConfiguration: {} },
        'egressType is left out, and App Runner defaults it to "DEFAULT"',
      ],
      [{ networkConfiguration: undefined }, "egressType is left out"],
    ],
  },
  {
    rule: "lambda-layer-permission-not-public",
    type: n.NATIVE_LAMBDA_LAYER_VERSION_PERMISSION,
    inputs: {
      action: "lambda:GetLayerVersion",
      layerVersionArn: "arn:aws:lambda:eu-west-1:123456789012:layer:lib:1",
      principal: "123456789012",
    },
    prop: "principal",
    broken: [[{ principal: "*" }, "no organizationId"]],
  },
];

runCases("aws-native service types held to their single-type exposure rules", cases);
