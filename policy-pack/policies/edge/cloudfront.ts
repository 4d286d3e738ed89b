// CloudFront distributions: HTTPS and TLS 1.2+ for viewers and origins, private S3 origins through
// origin access control, a default root object, WAF, access logging, and HSTS response headers.
import type { PolicyResource } from "@pulumi/policy";
import { resourcePolicy, stackPolicy } from "../../lib/define";
import { byLiteralId, literalId, literalReferences, referrersOf } from "../../lib/references";
import { asList, present, stringProp, unknownError } from "../../lib/values";
import {
  CLOUDFRONT_DISTRIBUTION,
  CLOUDFRONT_RESPONSE_HEADERS_POLICY,
  CLOUDWATCH_LOG_DELIVERY,
  CLOUDWATCH_LOG_DELIVERY_SOURCE,
} from "../../lib/types";
import { cdkNag, checkov, fsbp, trivy } from "../../lib/controls";
import {
  NATIVE_CLOUDFRONT_DISTRIBUTION,
  NATIVE_CLOUDFRONT_RESPONSE_HEADERS_POLICY,
  NATIVE_LOGS_DELIVERY,
  NATIVE_LOGS_DELIVERY_SOURCE,
} from "../../lib/native/types";
import { stringListSchema } from "../../lib/config-schema";

const S3_WEBSITE_DOMAIN = /\.s3-website[.-][a-z0-9-]+\.amazonaws\.com(\.cn)?$/i;
const S3_REST_DOMAIN = /\.s3(\.dualstack)?([.-][a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/i;

function behaviorsOf(props: any): { label: string; prop: string; behavior: any }[] {
  const out = [
    {
      label: "default behavior",
      prop: "defaultCacheBehavior",
      behavior: props.defaultCacheBehavior,
    },
  ];
  asList(props.orderedCacheBehaviors).forEach((b: any, i: number) =>
    out.push({
      label: `behavior '${b?.pathPattern ?? i}'`,
      prop: "orderedCacheBehaviors",
      behavior: b,
    }),
  );
  return out;
}

const HTTPS_VIEWER_POLICIES = new Set(["redirect-to-https", "https-only"]);

export const cloudfrontViewerHttps = resourcePolicy({
  name: "cloudfront-viewer-https",
  description:
    "Every CloudFront cache behavior should require HTTPS from viewers (redirect-to-https or https-only). Advisory: " +
    "'allow-all' serves content and cookies over plain HTTP.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    'Set `viewerProtocolPolicy: "redirect-to-https"` on the default and every ordered cache behavior.',
  references: [checkov("CKV_AWS_34"), trivy("AWS-0012"), fsbp("CloudFront.3")],
  types: [CLOUDFRONT_DISTRIBUTION, NATIVE_CLOUDFRONT_DISTRIBUTION],
  check: (props, ctx) => {
    for (const { label, behavior } of behaviorsOf(props)) {
      const p = behavior?.viewerProtocolPolicy;
      if (!HTTPS_VIEWER_POLICIES.has(p))
        ctx.report(`The ${label} allows HTTP viewers (viewerProtocolPolicy '${p}').`);
    }
  },
});

export const cloudfrontViewerTls = resourcePolicy<{ allowedMinimumProtocolVersions: string[] }>({
  name: "cloudfront-viewer-tls-version",
  description:
    "CloudFront should use a custom certificate with minimumProtocolVersion TLSv1.2_2021 or newer. With the default " +
    "*.cloudfront.net certificate CloudFront accepts TLSv1 from viewers. Advisory: a stack without its own domain may " +
    "accept that with a waiver.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    'Use an ACM certificate (us-east-1) with `viewerCertificate: { acmCertificateArn, sslSupportMethod: "sni-only", ' +
    'minimumProtocolVersion: "TLSv1.2_2021" }`.',
  references: [
    cdkNag("AwsSolutions-CFR4"),
    checkov("CKV_AWS_174"),
    checkov("CKV2_AWS_42"),
    trivy("AWS-0013"),
    fsbp("CloudFront.7"),
    fsbp("CloudFront.15"),
  ],
  config: {
    allowedMinimumProtocolVersions: stringListSchema("Accepted viewer security policies.", [
      "TLSv1.2_2021",
      "TLSv1.2_2025",
      "TLSv1.3_2025",
    ]),
  },
  types: [CLOUDFRONT_DISTRIBUTION, NATIVE_CLOUDFRONT_DISTRIBUTION],
  check: (props, ctx) => {
    const vc = props.viewerCertificate;
    const custom = present(vc, "acmCertificateArn") || present(vc, "iamCertificateId");
    if (!custom) {
      ctx.report(
        "The distribution uses the default CloudFront certificate, which accepts TLSv1 from viewers.",
      );
      return;
    }
    const v = vc.minimumProtocolVersion ?? "TLSv1";
    if (!ctx.config.allowedMinimumProtocolVersions.includes(v)) {
      ctx.report(`minimumProtocolVersion is '${v}', older than TLSv1.2_2021.`);
    }
  },
});

export const cloudfrontS3OriginPrivate = resourcePolicy({
  name: "cloudfront-s3-origin-private",
  description:
    "CloudFront must reach S3 origins through origin access control (or a legacy origin access identity), never through " +
    "an S3 website endpoint or an unsigned S3 origin. Mandatory: both work only if the bucket is publicly readable.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Point the origin at the bucket's regional REST domain (bucketRegionalDomainName), set `originAccessControlId` to an " +
    "`aws.cloudfront.OriginAccessControl` (type s3, signing always, sigv4) and allow only this distribution in the bucket " +
    "policy (`AWS:SourceArn`). Keep the bucket's public-access block on.",
  references: [cdkNag("AwsSolutions-CFR6"), checkov("CKV2_AWS_46"), fsbp("CloudFront.13")],
  types: [CLOUDFRONT_DISTRIBUTION, NATIVE_CLOUDFRONT_DISTRIBUTION],
  check: (props, ctx) => {
    for (const origin of asList(props.origins)) {
      if (present(origin, "originAccessControlId")) continue;
      if (present(origin?.s3OriginConfig, "originAccessIdentity")) continue;
      const domain = String(origin?.domainName ?? "");
      if (S3_WEBSITE_DOMAIN.test(domain)) {
        ctx.report(
          `Origin '${origin?.originId}' is an S3 website endpoint, which requires a public bucket.`,
        );
      } else if (S3_REST_DOMAIN.test(domain) || present(origin, "s3OriginConfig")) {
        ctx.report(
          `S3 origin '${origin?.originId}' has no origin access control, so the bucket must be public.`,
        );
      }
    }
  },
});

export const cloudfrontOriginAccessControl = resourcePolicy({
  name: "cloudfront-s3-origin-access-control",
  description:
    "S3 origins should use origin access control (OAC) instead of a legacy origin access identity (OAI). Advisory: OAI " +
    "keeps the bucket private but cannot read SSE-KMS encrypted objects and lacks SigV4 and per-distribution scoping.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Create an `aws.cloudfront.OriginAccessControl`, set `originAccessControlId` on the origin, replace `s3OriginConfig`, and " +
    "switch the bucket policy from the OAI principal to `cloudfront.amazonaws.com` with `AWS:SourceArn` = the distribution.",
  references: [checkov("CKV2_AWS_46"), fsbp("CloudFront.13")],
  types: [CLOUDFRONT_DISTRIBUTION, NATIVE_CLOUDFRONT_DISTRIBUTION],
  check: (props, ctx) => {
    for (const origin of asList(props.origins)) {
      if (present(origin?.s3OriginConfig, "originAccessIdentity")) {
        ctx.report(`Origin '${origin?.originId}' uses a legacy origin access identity.`);
      }
    }
  },
});

const DEPRECATED_ORIGIN_PROTOCOLS = new Set(["SSLv3", "TLSv1", "TLSv1.1"]);

export const cloudfrontOriginTls = resourcePolicy({
  name: "cloudfront-origin-tls",
  description:
    "CloudFront should reach custom origins over HTTPS only, with TLSv1.2: originProtocolPolicy 'https-only' (or " +
    "'match-viewer' when every behavior requires HTTPS viewers) and no SSLv3/TLSv1/TLSv1.1 in originSslProtocols. Advisory.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    'Set `customOriginConfig.originProtocolPolicy: "https-only"` and `originSslProtocols: ["TLSv1.2"]`.',
  references: [
    cdkNag("AwsSolutions-CFR5"),
    checkov("CKV2_AWS_72"),
    fsbp("CloudFront.9"),
    fsbp("CloudFront.10"),
  ],
  types: [CLOUDFRONT_DISTRIBUTION, NATIVE_CLOUDFRONT_DISTRIBUTION],
  check: (props, ctx) => {
    const origins = asList(props.origins).filter((o: any) => present(o, "customOriginConfig"));
    if (origins.length === 0) return;
    const viewersHttps = () =>
      behaviorsOf(props).every((b) => HTTPS_VIEWER_POLICIES.has(b.behavior?.viewerProtocolPolicy));
    for (const o of origins) {
      const cfg = o.customOriginConfig;
      const policy = cfg.originProtocolPolicy;
      if (policy === "http-only")
        ctx.report(`Origin '${o.originId}' is reached over plain HTTP (http-only).`);
      else if (policy === "match-viewer" && !viewersHttps()) {
        ctx.report(
          `Origin '${o.originId}' uses match-viewer while some behaviors allow HTTP viewers.`,
        );
      }
      const old = asList<string>(cfg.originSslProtocols).filter((p) =>
        DEPRECATED_ORIGIN_PROTOCOLS.has(p),
      );
      if (old.length)
        ctx.report(`Origin '${o.originId}' allows deprecated protocols: ${old.join(", ")}.`);
    }
  },
});

export const cloudfrontDefaultRootObject = resourcePolicy({
  name: "cloudfront-default-root-object",
  description:
    "Distributions with S3 origins should set a default root object, so a request for '/' returns a page instead of an " +
    "error or (with listing rights) the bucket's contents. Advisory.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: 'Set `defaultRootObject: "index.html"`.',
  references: [checkov("CKV_AWS_305"), fsbp("CloudFront.1")],
  types: [CLOUDFRONT_DISTRIBUTION, NATIVE_CLOUDFRONT_DISTRIBUTION],
  check: (props, ctx) => {
    if (present(props, "defaultRootObject")) return;
    const s3 = asList(props.origins).some(
      (o: any) =>
        present(o, "s3OriginConfig") ||
        S3_REST_DOMAIN.test(String(o?.domainName ?? "")) ||
        S3_WEBSITE_DOMAIN.test(String(o?.domainName ?? "")),
    );
    if (s3) ctx.report("The distribution serves an S3 origin without a default root object.");
  },
});

export const cloudfrontWaf = resourcePolicy({
  name: "cloudfront-waf",
  description:
    "CloudFront distributions should be associated with a WAFv2 web ACL (scope CLOUDFRONT). Advisory: a static " +
    "documentation site may reasonably rely on CloudFront's built-in protections alone.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Create an `aws.wafv2.WebAcl` with `scope: "CLOUDFRONT"` in us-east-1 and set `webAclId` to its ARN.',
  references: [
    cdkNag("AwsSolutions-CFR2"),
    checkov("CKV_AWS_68"),
    trivy("AWS-0011"),
    fsbp("CloudFront.6"),
  ],
  types: [CLOUDFRONT_DISTRIBUTION, NATIVE_CLOUDFRONT_DISTRIBUTION],
  check: (props, ctx) => {
    if (!present(props, "webAclId")) ctx.report("The distribution has no WAF web ACL.");
  },
});

export const cloudfrontLogging = stackPolicy({
  name: "cloudfront-logging",
  description:
    "CloudFront distributions should log viewer requests: legacy standard logging (`loggingConfig.bucket`, which needs " +
    "ACLs on the log bucket) or standard logging v2 (an aws.cloudwatch.LogDeliverySource of type ACCESS_LOGS for the " +
    "distribution plus an aws.cloudwatch.LogDelivery from it). Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Prefer logging v2: a LogDeliverySource (`resourceArn: <distribution>.arn`, `logType: "ACCESS_LOGS"`, us-east-1), a ' +
    "LogDeliveryDestination (S3 bucket or log group) and a LogDelivery linking them.",
  references: [
    cdkNag("AwsSolutions-CFR3"),
    checkov("CKV_AWS_86"),
    trivy("AWS-0010"),
    fsbp("CloudFront.5"),
  ],
  types: [
    CLOUDFRONT_DISTRIBUTION,
    CLOUDWATCH_LOG_DELIVERY_SOURCE,
    CLOUDWATCH_LOG_DELIVERY,
    NATIVE_CLOUDFRONT_DISTRIBUTION,
    NATIVE_LOGS_DELIVERY_SOURCE,
    NATIVE_LOGS_DELIVERY,
  ],
  appliesTo: [CLOUDFRONT_DISTRIBUTION, NATIVE_CLOUDFRONT_DISTRIBUTION],
  check: (ctx) => {
    const literal = literalReferences(ctx, [CLOUDWATCH_LOG_DELIVERY], "deliverySourceName");
    for (const dist of ctx.index.ofType(CLOUDFRONT_DISTRIBUTION)) {
      ctx.each(dist, () => {
        if (present(dist.props.loggingConfig, "bucket")) return;
        const sources = ctx.index
          .referrers(dist, "resourceArn", CLOUDWATCH_LOG_DELIVERY_SOURCE)
          .filter((s) => s.props.logType === "ACCESS_LOGS");
        if (sources.length === 0) {
          ctx.report(
            dist,
            "Access logging is off: no loggingConfig and no ACCESS_LOGS delivery source.",
          );
          return;
        }
        const delivered = sources.some((s) => {
          const deliveries = referrersOf(
            ctx.index,
            s,
            "deliverySourceName",
            CLOUDWATCH_LOG_DELIVERY,
            literal,
            [() => s.props.name],
          );
          return deliveries === undefined || deliveries.length > 0;
        });
        if (!delivered)
          ctx.report(
            dist,
            "The ACCESS_LOGS delivery source has no LogDelivery, so no log is written.",
          );
      });
    }
  },
});

/** AWS managed response headers policies that send Strict-Transport-Security (max-age one year). */
const MANAGED_HSTS_POLICIES = new Set([
  "67f7725c-6f97-4210-82d7-5512b31e9d03", // Managed-SecurityHeadersPolicy
  "e61eb60c-9c35-4d20-a928-2b84e02af89c", // Managed-CORS-and-SecurityHeadersPolicy
  "eaab4381-ed33-4a86-88ca-d9558dc6cd63", // Managed-CORS-with-preflight-and-SecurityHeadersPolicy
]);

export const cloudfrontHsts = stackPolicy<{ minHstsMaxAgeSeconds: number }>({
  name: "cloudfront-security-headers-hsts",
  description:
    "Every CloudFront cache behavior should attach a response headers policy that sends Strict-Transport-Security with a " +
    "max-age of at least `minHstsMaxAgeSeconds`: an AWS managed security-headers policy or a ResponseHeadersPolicy in this " +
    "stack. Advisory: browser-side hardening.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `responseHeadersPolicyId` on every behavior to an `aws.cloudfront.ResponseHeadersPolicy` with " +
    "`securityHeadersConfig.strictTransportSecurity: { accessControlMaxAgeSec: 31536000, includeSubdomains: true, override: true }` " +
    "(or the managed SecurityHeadersPolicy 67f7725c-6f97-4210-82d7-5512b31e9d03).",
  references: [checkov("CKV2_AWS_32"), checkov("CKV_AWS_259")],
  config: {
    minHstsMaxAgeSeconds: {
      type: "number",
      description: "Shortest acceptable HSTS max-age.",
      default: 31536000,
    },
  },
  types: [
    CLOUDFRONT_DISTRIBUTION,
    CLOUDFRONT_RESPONSE_HEADERS_POLICY,
    NATIVE_CLOUDFRONT_DISTRIBUTION,
    NATIVE_CLOUDFRONT_RESPONSE_HEADERS_POLICY,
  ],
  appliesTo: [CLOUDFRONT_DISTRIBUTION, NATIVE_CLOUDFRONT_DISTRIBUTION],
  check: (ctx) => {
    const min = ctx.config.minHstsMaxAgeSeconds;
    const hstsProblem = (rhp: PolicyResource): string | undefined => {
      const age = rhp.props.securityHeadersConfig?.strictTransportSecurity?.accessControlMaxAgeSec;
      if (typeof age !== "number")
        return `response headers policy '${rhp.name}' sends no Strict-Transport-Security header`;
      if (age < min)
        return `response headers policy '${rhp.name}' sets HSTS max-age ${age} (< ${min})`;
      return undefined;
    };
    // In-stack policies by id, for behaviors that name one by a literal id (ids are known after apply).
    const byId = byLiteralId(ctx.index.ofType(CLOUDFRONT_RESPONSE_HEADERS_POLICY));
    for (const dist of ctx.index.ofType(CLOUDFRONT_DISTRIBUTION)) {
      ctx.each(dist, () => {
        for (const { label, prop, behavior } of behaviorsOf(dist.props)) {
          if (!present(behavior, "responseHeadersPolicyId")) {
            ctx.report(dist, `The ${label} has no response headers policy (no HSTS).`);
            continue;
          }
          const raw = stringProp(behavior, "responseHeadersPolicyId");
          if (raw !== undefined && MANAGED_HSTS_POLICIES.has(raw)) continue;
          // The policies the property was built from: on the native view every behavior takes its
          // dependencies from the whole distributionConfig, and ordered behaviors share theirs, so
          // these may be other behaviors' policies too. A known id is resolved through the ids of
          // the stack's policies instead, when each of those is known (an id unknown at preview
          // may be any of them).
          const referenced = ctx.index.referenced(dist, prop, CLOUDFRONT_RESPONSE_HEADERS_POLICY);
          const idsKnown = referenced.every((r) => literalId(r) !== undefined);
          let candidates: PolicyResource[] = referenced;
          if ((raw !== undefined && idsKnown) || referenced.length === 0) {
            const id: string = behavior.responseHeadersPolicyId; // throws when unknown: preview note
            const rhp = byId.get(id);
            if (!rhp) {
              ctx.report(
                dist,
                `The ${label} uses response headers policy '${id}', which is neither a managed security-headers policy nor defined in this stack.`,
              );
              continue;
            }
            candidates = [rhp];
          }
          const problems = candidates.map(hstsProblem).filter((p) => p !== undefined);
          if (candidates.length > 1 && problems.length > 0) {
            // Which of them this behavior uses is known only with the id: a preview note.
            const names = candidates.map((r) => `'${r.name}'`).join(", ");
            ctx.each(dist, () => {
              throw unknownError(
                `The ${label} uses one of the response headers policies ${names}; which one is known after apply.`,
              );
            });
            continue;
          }
          for (const problem of problems) ctx.report(dist, `The ${label}: ${problem}.`);
        }
      });
    }
  },
});
