// Edge guardrails: Application/Network Load Balancers and their listeners (./load-balancers.ts)
// and zones (./load-balancer-zones.ts),
// Classic Load Balancers (./classic-load-balancers.ts), WAFv2 web ACLs (./waf.ts), CloudFront
// distributions (./cloudfront.ts) and their geo restriction and origin failover
// (./cloudfront-delivery.ts), API Gateway methods and routes (./api-gateway.ts), and API
// Gateway stages and custom domains (./api-gateway-stages.ts), and the WAF and request
// validation in front of REST APIs (./api-gateway-protection.ts).
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  elbAccessLogs,
  elbAlbDesyncMitigation,
  elbAlbDropInvalidHeaders,
  elbAlbWafAssociation,
  elbDeletionProtection,
  elbCrossZoneLoadBalancing,
  elbListenerHttpRedirect,
  elbListenerTlsPolicy,
} from "./load-balancers";
import {
  elbClassicAccessLogs,
  elbClassicCrossZone,
  elbClassicListenerTls,
} from "./classic-load-balancers";
import { elbMultipleZones } from "./load-balancer-zones";
import { wafv2Logging, wafv2ManagedRules, wafv2Metrics, wafv2RateLimit } from "./waf";
import {
  cloudfrontDefaultRootObject,
  cloudfrontHsts,
  cloudfrontLogging,
  cloudfrontOriginAccessControl,
  cloudfrontOriginTls,
  cloudfrontS3OriginPrivate,
  cloudfrontViewerHttps,
  cloudfrontViewerTls,
  cloudfrontWaf,
} from "./cloudfront";
import { cloudfrontGeoRestriction, cloudfrontOriginFailover } from "./cloudfront-delivery";
import { apigatewayAuthorization } from "./api-gateway";
import {
  apigatewayDomainTls,
  apigatewayStageAccessLogging,
  apigatewayStageXray,
} from "./api-gateway-stages";
import { apigatewayRequestValidation, apigatewayStageWaf } from "./api-gateway-protection";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  elbAlbDropInvalidHeaders,
  elbAlbDesyncMitigation,
  elbAccessLogs,
  elbDeletionProtection,
  elbCrossZoneLoadBalancing,
  elbListenerTlsPolicy,
  elbListenerHttpRedirect,
  elbAlbWafAssociation,
  elbMultipleZones,
  elbClassicAccessLogs,
  elbClassicListenerTls,
  elbClassicCrossZone,
  wafv2ManagedRules,
  wafv2RateLimit,
  wafv2Metrics,
  wafv2Logging,
  cloudfrontViewerHttps,
  cloudfrontViewerTls,
  cloudfrontS3OriginPrivate,
  cloudfrontOriginAccessControl,
  cloudfrontOriginTls,
  cloudfrontDefaultRootObject,
  cloudfrontWaf,
  cloudfrontLogging,
  cloudfrontHsts,
  cloudfrontGeoRestriction,
  cloudfrontOriginFailover,
  apigatewayAuthorization,
  apigatewayStageAccessLogging,
  apigatewayStageXray,
  apigatewayDomainTls,
  apigatewayStageWaf,
  apigatewayRequestValidation,
];
