// CloudFront as @pulumi/aws-native declares it, read as the classic twins (see ./twins.ts):
// - AWS::CloudFront::Distribution keeps everything in DistributionConfig (sdk/nodejs/cloudfront/
//   distribution.ts; https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-distributionconfig.html):
//   Origins [{ Id, DomainName, OriginAccessControlId, S3OriginConfig { OriginAccessIdentity },
//   CustomOriginConfig { OriginProtocolPolicy, OriginSSLProtocols } }] are the classic origins
//   (originId, and originSslProtocols, `originSSLProtocols` in 0.67.0); DefaultCacheBehavior and
//   ViewerCertificate keep their names, CacheBehaviors is the classic orderedCacheBehaviors, each
//   with its ResponseHeadersPolicyId; WebACLId (`webAclId`, `webACLId` in 0.67.0) the classic
//   webAclId; DefaultRootObject and Restrictions { GeoRestriction { RestrictionType, Locations } }
//   keep their names; Logging { Bucket, Prefix, IncludeCookies } is the classic loggingConfig; and
//   OriginGroups { Quantity, Items [{ Id, FailoverCriteria { StatusCodes { Quantity, Items } },
//   Members { Quantity, Items [{ OriginId }] } }] } the classic originGroups [{ originId,
//   failoverCriteria { statusCodes }, members [{ originId }] }];
// - AWS::CloudFront::ResponseHeadersPolicy ResponseHeadersPolicyConfig { Name,
//   SecurityHeadersConfig { StrictTransportSecurity { AccessControlMaxAgeSec, IncludeSubdomains,
//   Override, Preload } } } holds what the classic policy has at its top level
//   (sdk/nodejs/cloudfront/responseHeadersPolicy.ts);
// - AWS::Logs::DeliverySource (Name, ResourceArn, LogType) and AWS::Logs::Delivery
//   (DeliverySourceName, DeliveryDestinationArn), standard logging v2, carry the names of the classic
//   aws.cloudwatch.LogDeliverySource and LogDelivery (sdk/nodejs/logs/deliverySource.ts, delivery.ts).
// An origin's OriginSSLProtocols left out is not read as any list: the current CloudFormation
// reference gives no default for it (an archived one said TLSv1 and SSLv3), so only what the
// program sets is judged, as for the classic origin.
import * as t from "../types";
import * as n from "./types";
import { asList } from "../values";
import type { Twin } from "./twins";
import { eitherField } from "./spelling";

/** A custom origin config with originSslProtocols as either SDK spells it. */
function customOrigin(c: any): unknown {
  if (c === undefined || c === null || typeof c !== "object") return c;
  return new Proxy(c, {
    get: (target, key) =>
      key === "originSslProtocols"
        ? eitherField(target, "originSslProtocols", "originSSLProtocols")
        : target[key],
  });
}

/**
 * A CloudFront origin as the classic one: `id` read as originId, customOriginConfig as
 * `customOrigin`, the rest as is, with the raw descriptors `present` reads.
 */
const cloudfrontOrigin = (o: any): unknown =>
  o === undefined || o === null
    ? o
    : new Proxy(o, {
        get: (target, key) =>
          key === "originId"
            ? target.id
            : key === "customOriginConfig"
              ? customOrigin(target.customOriginConfig)
              : target[key],
      });

/** OriginGroups { items [{ id, failoverCriteria, members { items } }] } as the classic list. */
function originGroups(v: any): unknown {
  const groups = v?.originGroups;
  if (groups === undefined || groups === null) return groups;
  return asList(groups.items).map((g: any) => ({
    get originId() {
      return g?.id;
    },
    get failoverCriteria() {
      const f = g?.failoverCriteria;
      if (f === undefined || f === null) return f;
      return {
        get statusCodes() {
          return f.statusCodes?.items;
        },
      };
    },
    get members() {
      return g?.members?.items;
    },
  }));
}

/** A classic distribution property read from the native distributionConfig. */
const fromConfig = (map: (v: any) => unknown) => ({
  from: "distributionConfig",
  map: (v: any) => (v === undefined || v === null ? v : map(v)),
});

export const CDN_TWINS: [string, Twin][] = [
  [
    n.NATIVE_CLOUDFRONT_DISTRIBUTION,
    {
      classic: t.CLOUDFRONT_DISTRIBUTION,
      derive: {
        origins: fromConfig((v) =>
          Array.isArray(v.origins) ? asList(v.origins).map(cloudfrontOrigin) : v.origins,
        ),
        defaultCacheBehavior: fromConfig((v) => v.defaultCacheBehavior),
        orderedCacheBehaviors: fromConfig((v) => v.cacheBehaviors),
        viewerCertificate: fromConfig((v) => v.viewerCertificate),
        webAclId: fromConfig((v) => eitherField(v, "webAclId", "webACLId")),
        defaultRootObject: fromConfig((v) => v.defaultRootObject),
        restrictions: fromConfig((v) => v.restrictions),
        loggingConfig: fromConfig((v) => v.logging),
        originGroups: fromConfig(originGroups),
      },
      says: {
        webAclId: "distributionConfig.webAclId",
        viewerCertificate: "distributionConfig.viewerCertificate",
        defaultCacheBehavior: "distributionConfig.defaultCacheBehavior",
        orderedCacheBehaviors: "distributionConfig.cacheBehaviors",
        defaultRootObject: "distributionConfig.defaultRootObject",
        "restrictions.geoRestriction": "distributionConfig.restrictions.geoRestriction",
        loggingConfig: "distributionConfig.logging",
      },
    },
  ],
  [
    n.NATIVE_CLOUDFRONT_RESPONSE_HEADERS_POLICY,
    {
      classic: t.CLOUDFRONT_RESPONSE_HEADERS_POLICY,
      // Its id, which a behavior's responseHeadersPolicyId names, is the output awsId (1.x and
      // 0.126.0; 0.67.0 has none, so its policies are matched only through dependencies).
      rename: { id: "awsId" },
      derive: {
        securityHeadersConfig: {
          from: "responseHeadersPolicyConfig",
          map: (v: any) => v?.securityHeadersConfig,
        },
      },
    },
  ],
  [n.NATIVE_LOGS_DELIVERY_SOURCE, { classic: t.CLOUDWATCH_LOG_DELIVERY_SOURCE }],
  [n.NATIVE_LOGS_DELIVERY, { classic: t.CLOUDWATCH_LOG_DELIVERY }],
];
