// Limits CloudFront enforces when the provider creates a distribution at `pulumi up`, which the
// provider's schema passes on (`by: "aws"`; internal/service/cloudfront/distribution.go sets no
// validator on an origin's id or a behaviour's target, and no CustomizeDiff on the certificate):
//
// - Each origin's id is unique within the distribution (CloudFront API reference, Origin, `Id`: "A
//   unique identifier for the origin. This value must be unique within the distribution."). The
//   provider keeps `origin` as a set, so two origins written exactly alike are one origin when it
//   sends them: only two origins of one id that differ in anything else are refused.
// - Each cache behaviour's `targetOriginId` names an origin or an origin group of the distribution
//   (DefaultCacheBehavior and CacheBehavior, `TargetOriginId`: "The value of ID for the origin that
//   you want CloudFront to route requests to"; CreateDistribution answers NoSuchOrigin, "No origin
//   exists with the specified Origin Id", otherwise). Ids are compared as written, case and all, as
//   cfn-lint's E3057 compares them (aws-cloudformation/cfn-lint
//   src/cfnlint/rules/resources/cloudfront/DistributionTargetOriginId.py, `origin_id ==
//   cache_origin_id`, for the default behaviour): a target "Site" does not name an origin "site".
// - Alternate domain names need a certificate of their own (ViewerCertificate,
//   `CloudFrontDefaultCertificate`: "If the distribution uses Aliases (alternate domain names or
//   CNAMEs), set this field to false and specify values for … ACMCertificateArn or
//   IAMCertificateId"): `aliases` with `cloudfrontDefaultCertificate: true` and neither is refused.
//
// Each check runs only once every input it reads is known (an origin's domain name taken from a
// bucket is unknown at preview): in the apply phase otherwise. A list given as something other
// than a list, or an id that is not a string, is not judged.
import type { CrossProblem, CrossRule } from "./rule";
import { canonicalJson } from "./validators-formats";
import { isTrue } from "./bool-input";

const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const API = "https://docs.aws.amazon.com/cloudfront/latest/APIReference";
const ORIGIN = `${API}/API_Origin.html`;
const CREATE_DISTRIBUTION = `${API}/API_CreateDistribution.html`;
const VIEWER_CERTIFICATE = `${API}/API_ViewerCertificate.html`;

type Item = Record<string, unknown>;

const items = (v: unknown): Item[] =>
  Array.isArray(v) ? v.filter((x): x is Item => typeof x === "object" && x !== null) : [];

const uniqueOriginIds: CrossRule = {
  type: DISTRIBUTION,
  what: "each origin's id unique within the distribution",
  reads: ["origins"],
  check: (inputs) => {
    const seen = new Map<string, string>();
    const out: CrossProblem[] = [];
    items(inputs.origins).forEach((origin, i) => {
      const id = origin.originId;
      if (typeof id !== "string") return;
      const written = canonicalJson(origin);
      const first = seen.get(id);
      if (first === undefined) seen.set(id, written);
      else if (first !== written && !out.some((p) => p.value === id))
        out.push({
          prop: `origins[${i}].originId`,
          value: id,
          says: `two origins have the id ${JSON.stringify(id)}: an origin's id is unique within the distribution`,
        });
    });
    return out;
  },
  fix: "a different originId for each origin, and each cache behaviour's targetOriginId naming one",
  source: ORIGIN,
  by: "aws",
};

const targetOriginsExist: CrossRule = {
  type: DISTRIBUTION,
  what: "each cache behaviour's target an origin or origin group of the distribution",
  reads: ["origins", "originGroups", "defaultCacheBehavior", "orderedCacheBehaviors"],
  check: (inputs) => {
    const origins = items(inputs.origins);
    const groups = items(inputs.originGroups);
    const ids = [...origins, ...groups].map((o) => o.originId);
    // An origin whose id is not a string (left out, or given otherwise) could be any target.
    if (origins.length === 0 || ids.some((id) => typeof id !== "string")) return [];
    const known = new Set(ids as string[]);
    const named = [...known].map((id) => JSON.stringify(id)).join(", ");
    const behaviours: [string, unknown][] = [
      ["defaultCacheBehavior", inputs.defaultCacheBehavior],
      ...items(inputs.orderedCacheBehaviors).map((b, i): [string, unknown] => [
        `orderedCacheBehaviors[${i}]`,
        b,
      ]),
    ];
    return behaviours.flatMap(([path, b]): CrossProblem[] => {
      const target = (b as Item | undefined)?.targetOriginId;
      if (typeof target !== "string" || target === "" || known.has(target)) return [];
      return [
        {
          prop: `${path}.targetOriginId`,
          value: target,
          says: `no origin or origin group of the distribution has the id ${JSON.stringify(target)} (the ids are ${named})`,
        },
      ];
    });
  },
  fix: "the originId of one of the distribution's origins or origin groups, written the same",
  source: CREATE_DISTRIBUTION,
  by: "aws",
};

const aliasesNeedCertificate: CrossRule = {
  type: DISTRIBUTION,
  what: "a certificate of its own for a distribution with alternate domain names",
  reads: ["aliases", "viewerCertificate"],
  check: (inputs) => {
    const aliases = Array.isArray(inputs.aliases)
      ? inputs.aliases.filter((a: unknown) => typeof a === "string" && a !== "")
      : [];
    const cert = (inputs.viewerCertificate ?? {}) as Item;
    const own = [cert.acmCertificateArn, cert.iamCertificateId].some(
      (v) => typeof v === "string" && v !== "",
    );
    return aliases.length > 0 && isTrue(cert.cloudfrontDefaultCertificate) && !own
      ? [
          {
            prop: "aliases",
            value: inputs.aliases,
            says: `alternate domain names (${aliases.join(", ")}) with the default CloudFront certificate: CloudFront serves them only with an ACM or IAM certificate that covers them`,
          },
        ]
      : [];
  },
  fix:
    "viewerCertificate { acmCertificateArn: <a us-east-1 certificate covering the names>, " +
    'sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" } without ' +
    "cloudfrontDefaultCertificate, or leave aliases out",
  source: VIEWER_CERTIFICATE,
  by: "aws",
};

export const CREATE_DISTRIBUTION_CROSS_RULES: readonly CrossRule[] = [
  uniqueOriginIds,
  targetOriginsExist,
  aliasesNeedCertificate,
];
