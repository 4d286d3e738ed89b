// Public exposure beyond S3 buckets: resource policies of queues, topics, secrets, file systems,
// vaults, access points, search domains, REST APIs and other services (judged by the pack's one
// evaluator, ../../lib/public-policy.ts), Lambda permissions and function URLs, images and
// snapshots and documents shared with everyone (and, advisory, with accounts outside the stack:
// ./cross-account-sharing.ts), databases and cluster endpoints open to the internet
// (./endpoints.ts, ./reachability.ts), compute a service default opens to it (./compute.ts,
// ./app-runner.ts), and workloads a flag puts on the internet (./internet-access.ts); sign-in
// through Cognito user and identity pools (./cognito.ts). Bucket policies: ../s3; key policies:
// ../kms; ECR repository and registry policies: ../compute/ecr.ts.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { resourcePolicyListsActions } from "./actions";
import { resourcePolicyAnonymousSourceIp } from "./anonymous-ip";
import {
  cognitoIdentityPoolNoUnauthenticated,
  cognitoUserPoolMfa,
  cognitoUserPoolPasswordPolicy,
  cognitoUserPoolThreatProtection,
} from "./cognito";
import {
  snsTopicPolicyNotPublic,
  sqsQueuePolicyNotPublic,
  sqsQueuePolicyNoWildcardActions,
} from "./queues-topics";
import {
  efsFileSystemPolicyNotPublic,
  glacierVaultPolicyNotPublic,
  secretPolicyBlockPublic,
  secretPolicyNotPublic,
} from "./data-stores";
import { accessPointPolicyNotPublic, accessPointPublicAccessBlock } from "./access-points";
import {
  lambdaFunctionUrlAuth,
  lambdaLayerPermissionNotPublic,
  lambdaPermissionInvokeOnly,
  lambdaPermissionNotPublic,
  lambdaPermissionServiceSource,
} from "./lambda";
import {
  amiNotPublic,
  ebsSnapshotBlockPublicAccess,
  ecrPublicRepositoryNotUsed,
  ramShareNoExternalPrincipals,
  rdsSnapshotNotPublic,
  ssmDocumentNotPublic,
  vpcEndpointServiceNotPublic,
} from "./sharing";
import { sharingTrustedAccounts } from "./cross-account-sharing";
import {
  dmsReplicationInstanceNotPublic,
  eksEndpointNotOpen,
  mqBrokerNotPublic,
  mskClusterClientAuthentication,
  mskClusterNotPublic,
  mwaaEnvironmentNotPublic,
  neptuneInstanceNotPublic,
  redshiftClusterNotPublic,
} from "./endpoints";
import {
  resourcePolicyNotPublic,
  restApiPolicyNotPublic,
  searchDomainPolicyNotPublic,
} from "./service-policies";
import {
  eksNodeGroupRemoteAccessRestricted,
  sagemakerNotebookNoDirectInternet,
  transferServerNotPublic,
  sagemakerDomainVpcOnly,
} from "./compute";
import {
  dmsInstanceProfileNotPublic,
  lightsailDatabaseNotPublic,
  m2EnvironmentNotPublic,
  nfsFileShareClientsRestricted,
  opensearchServerlessNetworkNotPublic,
  timestreamInfluxDbNotPublic,
} from "./reachability";
import { apprunnerServiceEgressThroughVpc, apprunnerServiceNotPublic } from "./app-runner";
import {
  appstreamNoDefaultInternetAccess,
  drsReplicationNoPublicIp,
  emrBlockPublicAccessEnabled,
  workspacesDirectoryNoInternetAccess,
} from "./internet-access";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  sqsQueuePolicyNotPublic,
  sqsQueuePolicyNoWildcardActions,
  resourcePolicyListsActions,
  snsTopicPolicyNotPublic,
  secretPolicyNotPublic,
  secretPolicyBlockPublic,
  efsFileSystemPolicyNotPublic,
  glacierVaultPolicyNotPublic,
  searchDomainPolicyNotPublic,
  restApiPolicyNotPublic,
  resourcePolicyNotPublic,
  resourcePolicyAnonymousSourceIp,
  accessPointPublicAccessBlock,
  accessPointPolicyNotPublic,
  lambdaPermissionNotPublic,
  lambdaPermissionServiceSource,
  lambdaPermissionInvokeOnly,
  lambdaFunctionUrlAuth,
  lambdaLayerPermissionNotPublic,
  amiNotPublic,
  ebsSnapshotBlockPublicAccess,
  rdsSnapshotNotPublic,
  ssmDocumentNotPublic,
  sharingTrustedAccounts,
  ecrPublicRepositoryNotUsed,
  vpcEndpointServiceNotPublic,
  ramShareNoExternalPrincipals,
  redshiftClusterNotPublic,
  eksEndpointNotOpen,
  eksNodeGroupRemoteAccessRestricted,
  sagemakerNotebookNoDirectInternet,
  transferServerNotPublic,
  sagemakerDomainVpcOnly,
  apprunnerServiceNotPublic,
  apprunnerServiceEgressThroughVpc,
  dmsReplicationInstanceNotPublic,
  mqBrokerNotPublic,
  mskClusterNotPublic,
  mskClusterClientAuthentication,
  neptuneInstanceNotPublic,
  mwaaEnvironmentNotPublic,
  dmsInstanceProfileNotPublic,
  lightsailDatabaseNotPublic,
  timestreamInfluxDbNotPublic,
  m2EnvironmentNotPublic,
  opensearchServerlessNetworkNotPublic,
  nfsFileShareClientsRestricted,
  emrBlockPublicAccessEnabled,
  appstreamNoDefaultInternetAccess,
  workspacesDirectoryNoInternetAccess,
  drsReplicationNoPublicIp,
  cognitoUserPoolMfa,
  cognitoUserPoolThreatProtection,
  cognitoUserPoolPasswordPolicy,
  cognitoIdentityPoolNoUnauthenticated,
];
