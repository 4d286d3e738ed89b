// Components served by provider plugins (awsx v3, eks 3+, synced-folder, aws-static-website,
// aws-apigateway): policies on their recorded inputs, with the
// verdicts of the pack's rules on the resources they create, and a stack policy that lists them.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { awsxVpcPrivateSubnetNoDefaultRoute, awsxVpcPublicSubnetNoPublicIpOnLaunch } from "./vpc";
import {
  awsxEcsNoPlaintextSecrets,
  awsxEcsNotPrivileged,
  awsxEcsServiceNoPublicIp,
  awsxFargateServiceDefaultNetwork,
} from "./ecs";
import {
  awsxAlbHttpRedirect,
  awsxAlbListenerTlsPolicy,
  awsxAlbSecurityGroupConfigured,
  awsxNlbListenerTlsPolicy,
} from "./load-balancers";
import { awsxEcrKms, awsxEcrScanOnPush, awsxEcrTagImmutability } from "./ecr";
import { awsxLogGroupKms } from "./log-groups";
import { eksComponentEndpointNotPublic, eksComponentNodesNoPublicIp } from "./eks";
import { eksComponentNodesImdsV2 } from "./eks-imds";
import {
  awsxTrailBucketKms,
  awsxTrailBucketPublicAccessBlock,
  awsxTrailBucketNoPublicAcl,
  awsxTrailBucketOwnershipEnforced,
  awsxTrailBucketTlsOnly,
  awsxTrailKms,
} from "./cloudtrail";
import { syncedFolderNoPublicAcl } from "./synced-folder";
import { staticWebsiteNoPublicBucket } from "./static-website";
import { staticWebsitePublicBucketPolicy } from "./static-website-bucket-policy";
import { apigatewayComponentRouteAuthorization } from "./apigateway";
import { apigatewayStaticRouteRole } from "./apigateway-static-routes";
import { remoteComponentsUnexpanded } from "./remote";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  awsxVpcPrivateSubnetNoDefaultRoute,
  awsxVpcPublicSubnetNoPublicIpOnLaunch,
  awsxEcsNotPrivileged,
  awsxEcsNoPlaintextSecrets,
  awsxEcsServiceNoPublicIp,
  awsxFargateServiceDefaultNetwork,
  awsxAlbHttpRedirect,
  awsxAlbListenerTlsPolicy,
  awsxAlbSecurityGroupConfigured,
  awsxNlbListenerTlsPolicy,
  awsxEcrTagImmutability,
  awsxEcrScanOnPush,
  awsxEcrKms,
  awsxLogGroupKms,
  eksComponentEndpointNotPublic,
  eksComponentNodesNoPublicIp,
  eksComponentNodesImdsV2,
  awsxTrailKms,
  awsxTrailBucketPublicAccessBlock,
  awsxTrailBucketKms,
  awsxTrailBucketTlsOnly,
  awsxTrailBucketOwnershipEnforced,
  awsxTrailBucketNoPublicAcl,
  syncedFolderNoPublicAcl,
  staticWebsiteNoPublicBucket,
  staticWebsitePublicBucketPolicy,
  apigatewayComponentRouteAuthorization,
  apigatewayStaticRouteRole,
  remoteComponentsUnexpanded,
];
