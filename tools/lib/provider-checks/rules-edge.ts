// The edge of a stack: CloudFront distributions and origin access controls, ACM certificates and
// Route 53 hosted zones. Each entry names the provider file that declares it.
//
// CloudFront's lists are AWS SDK enumerations (`cloudfront.PriceClass_Values()` in providers on
// the SDK's first version, `enum.Validate[awstypes.PriceClass]()` after), which grow: a value of
// the listed values' shape is accepted (a newer provider may list it), only a misshapen one
// ("REDIRECT_TO_HTTPS", "HTTP2", "PriceClass100") is refused. The default TTLs of a cache
// behaviour have no validator in the provider, so none is checked here.
import type { CrossRule, InputRule } from "./rule";
import { conflictsWith, inputRule } from "./rule";
import {
  all,
  intAtLeast,
  intBetween,
  lenBetween,
  notMatches,
  oneOfGrowing,
  UPPER_SNAKE,
  validARN,
} from "./validators";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const OAC = "aws:cloudfront/originAccessControl:OriginAccessControl";
const CERTIFICATE = "aws:acm/certificate:Certificate";
const ZONE = "aws:route53/zone:Zone";

const CF = "internal/service/cloudfront/distribution.go";
const CF_OAC = "internal/service/cloudfront/origin_access_control.go";
const ACM = "internal/service/acm/certificate.go";
const R53_ZONE = "internal/service/route53/zone.go";

/** Lower-case words joined by `-`: `redirect-to-https`, `sni-only`, `no-override`, `s3`. */
const LOWER_HYPHEN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const viewerProtocol = oneOfGrowing(["allow-all", "https-only", "redirect-to-https"], LOWER_HYPHEN);
const eventType = oneOfGrowing(
  ["viewer-request", "viewer-response", "origin-request", "origin-response"],
  LOWER_HYPHEN,
);
const itemSelection = oneOfGrowing(["none", "whitelist", "all"], LOWER_HYPHEN);

/** The inputs every cache behaviour has, the default one (`.0.` in the provider) and each ordered one. */
function behaviour(prop: string, attr: string): InputRule[] {
  const rule = (p: string, a: string, v: InputRule["validate"], fix: string) =>
    inputRule(DISTRIBUTION, `${prop}.${p}`, `${attr}.${a}`, v, fix, CF);
  return [
    rule(
      "viewerProtocolPolicy",
      "viewer_protocol_policy",
      viewerProtocol,
      "allow-all, https-only or redirect-to-https (lower case, with hyphens)",
    ),
    rule(
      "lambdaFunctionAssociations.eventType",
      "lambda_function_association.event_type",
      eventType,
      "viewer-request, viewer-response, origin-request or origin-response",
    ),
    rule(
      "lambdaFunctionAssociations.lambdaArn",
      "lambda_function_association.lambda_arn",
      validARN,
      "a published version's `qualifiedArn` (arn:aws:lambda:us-east-1:…:function:<name>:<version>)",
    ),
    rule(
      "functionAssociations.eventType",
      "function_association.event_type",
      eventType,
      "viewer-request or viewer-response",
    ),
    rule(
      "functionAssociations.functionArn",
      "function_association.function_arn",
      validARN,
      "the CloudFront function's `arn` output",
    ),
    rule(
      "forwardedValues.cookies.forward",
      "forwarded_values.0.cookies.0.forward",
      itemSelection,
      "none, whitelist or all (lower case)",
    ),
    rule(
      "realtimeLogConfigArn",
      "realtime_log_config_arn",
      validARN,
      "the real-time log configuration's `arn` output",
    ),
  ];
}

export const EDGE_RULES: readonly InputRule[] = [
  inputRule(
    DISTRIBUTION,
    "comment",
    "comment",
    lenBetween(0, 128),
    "a comment of at most 128 characters",
    CF,
  ),
  inputRule(
    DISTRIBUTION,
    "priceClass",
    "price_class",
    oneOfGrowing(
      ["PriceClass_All", "PriceClass_200", "PriceClass_100"],
      /^(PriceClass_[0-9A-Za-z]+|[A-Z][a-z]+)$/,
    ),
    "PriceClass_All, PriceClass_200 or PriceClass_100, as AWS spells them",
    CF,
  ),
  inputRule(
    DISTRIBUTION,
    "httpVersion",
    "http_version",
    oneOfGrowing(["http1.1", "http2", "http2and3", "http3"], /^http[0-9][0-9a-z.]*$/),
    "http1.1, http2, http2and3 or http3 (lower case)",
    CF,
  ),
  ...behaviour("defaultCacheBehavior", "default_cache_behavior.0"),
  ...behaviour("orderedCacheBehaviors", "ordered_cache_behavior"),
  inputRule(
    DISTRIBUTION,
    "origins.connectionAttempts",
    "origin.connection_attempts",
    intBetween(1, 3),
    "from 1 to 3 attempts",
    CF,
  ),
  inputRule(
    DISTRIBUTION,
    "origins.connectionTimeout",
    "origin.connection_timeout",
    intBetween(1, 10),
    "from 1 to 10 seconds",
    CF,
  ),
  inputRule(
    DISTRIBUTION,
    "origins.customOriginConfig.originProtocolPolicy",
    "origin.custom_origin_config.0.origin_protocol_policy",
    oneOfGrowing(["http-only", "https-only", "match-viewer"], LOWER_HYPHEN),
    "http-only, https-only or match-viewer (lower case, with hyphens)",
    CF,
  ),
  inputRule(
    DISTRIBUTION,
    "origins.customOriginConfig.originSslProtocols",
    "origin.custom_origin_config.0.origin_ssl_protocols",
    oneOfGrowing(["SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2"], /^(SSLv\d|TLSv\d(\.\d)?)$/),
    'protocols as AWS spells them: ["TLSv1.2"]',
    CF,
  ),
  inputRule(
    DISTRIBUTION,
    "origins.customOriginConfig.originReadTimeout",
    "origin.custom_origin_config.0.origin_read_timeout",
    // IntAtLeast(1) in the current distribution.go (older providers: IntBetween(1, 180); the most
    // lenient wins: AWS raises the 180-second quota on request).
    intAtLeast(1),
    "at least 1 second",
    CF,
  ),
  inputRule(
    DISTRIBUTION,
    "origins.customOriginConfig.originKeepaliveTimeout",
    "origin.custom_origin_config.0.origin_keepalive_timeout",
    intAtLeast(1),
    "at least 1 second",
    CF,
  ),
  inputRule(
    DISTRIBUTION,
    "restrictions.geoRestriction.restrictionType",
    "restrictions.0.geo_restriction.0.restriction_type",
    oneOfGrowing(["none", "whitelist", "blacklist"], LOWER_HYPHEN),
    "none, whitelist or blacklist (lower case)",
    CF,
  ),
  inputRule(
    DISTRIBUTION,
    "viewerCertificate.acmCertificateArn",
    "viewer_certificate.0.acm_certificate_arn",
    validARN,
    "the certificate's `arn` output (a certificate in us-east-1)",
    CF,
  ),
  inputRule(
    DISTRIBUTION,
    "viewerCertificate.minimumProtocolVersion",
    "viewer_certificate.0.minimum_protocol_version",
    // Every value AWS has named carries the year of its security policy after TLSv1: the common
    // slip "TLSv1.2" (an origin protocol's name) is none of them.
    oneOfGrowing(
      [
        "SSLv3",
        "TLSv1",
        "TLSv1_2016",
        "TLSv1.1_2016",
        "TLSv1.2_2018",
        "TLSv1.2_2019",
        "TLSv1.2_2021",
      ],
      /^(SSLv3|TLSv1|TLSv1(\.\d)?_\d{4})$/,
    ),
    "a security policy as AWS names it, e.g. TLSv1.2_2021 (not TLSv1.2)",
    CF,
  ),
  inputRule(
    DISTRIBUTION,
    "viewerCertificate.sslSupportMethod",
    "viewer_certificate.0.ssl_support_method",
    oneOfGrowing(["sni-only", "vip", "static-ip"], LOWER_HYPHEN),
    "sni-only (or vip, static-ip)",
    CF,
  ),
  inputRule(
    OAC,
    "name",
    "name",
    lenBetween(1, 64),
    "a name of at most 64 characters (a logical name Pulumi turns into the name too)",
    CF_OAC,
  ),
  inputRule(
    OAC,
    "description",
    "description",
    lenBetween(0, 256),
    "a description of at most 256 characters",
    CF_OAC,
  ),
  inputRule(
    OAC,
    "originAccessControlOriginType",
    "origin_access_control_origin_type",
    oneOfGrowing(["s3", "mediastore", "mediapackagev2", "lambda"], LOWER_HYPHEN),
    "s3, mediastore, mediapackagev2 or lambda (lower case)",
    CF_OAC,
  ),
  inputRule(
    OAC,
    "signingBehavior",
    "signing_behavior",
    oneOfGrowing(["always", "never", "no-override"], LOWER_HYPHEN),
    "always, never or no-override (lower case)",
    CF_OAC,
  ),
  inputRule(
    OAC,
    "signingProtocol",
    "signing_protocol",
    oneOfGrowing(["sigv4"], LOWER_HYPHEN),
    "sigv4 (lower case)",
    CF_OAC,
  ),
  inputRule(
    CERTIFICATE,
    "domainName",
    "domain_name",
    notMatches(/\.$/, "cannot end with a period"),
    "the domain without the trailing dot: example.com, not example.com.",
    ACM,
  ),
  inputRule(
    CERTIFICATE,
    "subjectAlternativeNames",
    "subject_alternative_names",
    all(lenBetween(1, 253), notMatches(/\.$/, "cannot end with a period")),
    "names of at most 253 characters without the trailing dot",
    ACM,
  ),
  inputRule(
    CERTIFICATE,
    "validationMethod",
    "validation_method",
    oneOfGrowing(["DNS", "EMAIL", "HTTP"], UPPER_SNAKE),
    "DNS or EMAIL (upper case)",
    ACM,
  ),
  inputRule(
    CERTIFICATE,
    "keyAlgorithm",
    "key_algorithm",
    oneOfGrowing(
      [
        "RSA_1024",
        "RSA_2048",
        "RSA_3072",
        "RSA_4096",
        "EC_prime256v1",
        "EC_secp384r1",
        "EC_secp521r1",
      ],
      /^(RSA_\d+|EC_[0-9A-Za-z]+)$/,
    ),
    "RSA_2048, EC_prime256v1 or EC_secp384r1, as AWS spells them",
    ACM,
  ),
  inputRule(
    CERTIFICATE,
    "options.certificateTransparencyLoggingPreference",
    "options.0.certificate_transparency_logging_preference",
    oneOfGrowing(["ENABLED", "DISABLED"], UPPER_SNAKE),
    "ENABLED or DISABLED",
    ACM,
  ),
  inputRule(
    ZONE,
    "name",
    "name",
    lenBetween(1, 1024),
    "a domain name of at most 1024 characters",
    R53_ZONE,
  ),
  inputRule(
    ZONE,
    "comment",
    "comment",
    lenBetween(0, 256),
    "a comment of at most 256 characters",
    R53_ZONE,
  ),
  inputRule(
    ZONE,
    "delegationSetId",
    "delegation_set_id",
    lenBetween(0, 32),
    "the delegation set's id (at most 32 characters)",
    R53_ZONE,
  ),
];

/**
 * The certificate's `ExactlyOneOf: domain_name, private_key`: a certificate ACM issues has a
 * domain, an imported one a private key. Newer providers add the write-only key
 * (`private_key_wo`) to the alternatives, so none given is refused only when that one is absent
 * too.
 */
const domainOrKey: CrossRule = {
  type: CERTIFICATE,
  what: "exactly one of domainName, privateKey",
  reads: ["domainName", "privateKey", "privateKeyWo"],
  check: (inputs) => {
    const given = (p: string) => inputs[p] !== undefined && inputs[p] !== null;
    if (
      given("domainName") &&
      given("privateKey") &&
      inputs.domainName !== "" &&
      inputs.privateKey !== ""
    )
      return [
        {
          prop: "domainName",
          value: "domainName, privateKey",
          says: '"domain_name": only one of `domain_name,private_key` can be specified, but `domain_name,private_key` were specified.',
        },
      ];
    if (!given("domainName") && !given("privateKey") && !given("privateKeyWo"))
      return [
        {
          prop: "domainName",
          value: undefined,
          says: '"domain_name": one of `domain_name,private_key` must be specified',
        },
      ];
    return [];
  },
  fix: "give domainName to have ACM issue the certificate, or certificateBody and privateKey to import one",
  source: ACM,
};

export const EDGE_CROSS_RULES: readonly CrossRule[] = [
  domainOrKey,
  conflictsWith(
    CERTIFICATE,
    ["validationMethod", "validation_method"],
    ["certificateAuthorityArn", "certificate_authority_arn"],
    ACM,
  ),
  conflictsWith(ZONE, ["delegationSetId", "delegation_set_id"], ["vpcs", "vpc"], R53_ZONE),
];
