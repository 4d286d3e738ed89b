// cloudfront-security-headers-hsts per cache behavior when one distribution uses several response
// headers policies. The native view gives every behavior the dependencies of the whole
// distributionConfig, so a behavior is judged by the policy its id names (the policy's awsId)
// when that id is known, by the policies it was built from only when it is unknown; a behavior
// that may use any of several policies, some without HSTS, is a preview note, not a finding on
// another behavior's policy. The classic distribution gives the same findings.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { CLOUDFRONT_RESPONSE_HEADERS_POLICY } from "../../../policy-pack/lib/types";
import type { RecordedResource } from "../../../tools/lib/recorder";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const rule = "cloudfront-security-headers-hsts";
const CLASSIC_DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const REST = "site-bucket.s3.us-west-2.amazonaws.com";
const FOREIGN = "11111111-2222-3333-4444-555555555555";
const HSTS = { strictTransportSecurity: { accessControlMaxAgeSec: 63072000, override: true } };
const CORS = { accessControlAllowCredentials: false, originOverride: true };

/** A native policy named `name` (id `<name>-id` when known): with HSTS, or CORS headers only. */
const native = (name: string, hsts: boolean, known = true) =>
  res(n.NATIVE_CLOUDFRONT_RESPONSE_HEADERS_POLICY, name, {
    ...(known ? { awsId: `${name}-id` } : {}),
    responseHeadersPolicyConfig: hsts
      ? { name, securityHeadersConfig: HSTS }
      : { name, corsConfig: CORS },
  });
const classic = (name: string, hsts: boolean) =>
  res(CLOUDFRONT_RESPONSE_HEADERS_POLICY, name, {
    id: `${name}-id`,
    name,
    ...(hsts ? { securityHeadersConfig: HSTS } : { corsConfig: CORS }),
  });
const beh = (id: unknown, pathPattern?: string) => ({
  targetOriginId: "site",
  viewerProtocolPolicy: "redirect-to-https",
  responseHeadersPolicyId: id,
  ...(pathPattern ? { pathPattern } : {}),
});
/** A native distribution: its behaviors' policies all depend on distributionConfig. */
const nativeDist = (def: unknown, ordered: unknown[], refs: RecordedResource[]) =>
  res(
    n.NATIVE_CLOUDFRONT_DISTRIBUTION,
    "cdn",
    {
      distributionConfig: {
        enabled: true,
        origins: [{ id: "site", domainName: REST, originAccessControlId: "E2" }],
        defaultCacheBehavior: def,
        cacheBehaviors: ordered,
        defaultRootObject: "index.html",
      },
    },
    { refs: { distributionConfig: refs } },
  );
const classicDist = (
  def: unknown,
  ordered: unknown[],
  defRefs: RecordedResource[],
  ordRefs: RecordedResource[],
) =>
  res(
    CLASSIC_DISTRIBUTION,
    "cdn",
    {
      enabled: true,
      origins: [{ originId: "site", domainName: REST, originAccessControlId: "E2" }],
      defaultCacheBehavior: def,
      orderedCacheBehaviors: ordered,
      defaultRootObject: "index.html",
    },
    { refs: { defaultCacheBehavior: defRefs, orderedCacheBehaviors: ordRefs } },
  );
const CORS_ONLY =
  "cdn: The behavior '/api/*': response headers policy 'cors' sends no Strict-Transport-Security header.";
const NAMES_FOREIGN = `cdn: The default behavior uses response headers policy '${FOREIGN}', which is neither a managed security-headers policy nor defined in this stack.`;

describe("cloudfront-security-headers-hsts: behaviors of one distribution with different policies", () => {
  it("both behaviors on the HSTS policy pass (native, ids known)", async () => {
    const g = native("hsts", true);
    await expectClean(policy(rule), [
      g,
      nativeDist(beh("hsts-id"), [beh("hsts-id", "/api/*")], [g]),
    ]);
  });

  it("default on the HSTS policy, /api/* on a CORS-only one: only /api/* (it reported both)", async () => {
    const g = native("hsts", true);
    const c = native("cors", false);
    const d = nativeDist(beh("hsts-id"), [beh("cors-id", "/api/*")], [g, c]);
    expect(await violationsOf(rule, [g, c, d])).to.deep.equal([CORS_ONLY]);
    const cg = classic("hsts", true);
    const cc = classic("cors", false);
    const cd = classicDist(beh(UNKNOWN), [beh(UNKNOWN, "/api/*")], [cg], [cc]);
    expect(await violationsOf(rule, [cg, cc, cd])).to.deep.equal([CORS_ONLY]);
  });

  it("the same with ids unknown at preview: a preview note, no misattributed finding", async () => {
    const g = native("hsts", true, false);
    const c = native("cors", false, false);
    const d = nativeDist(beh(UNKNOWN), [beh(UNKNOWN, "/api/*")], [g, c]);
    expect(await violationsOf(rule, [g, c, d])).to.deep.equal([]);
    expect(await previewNotes(policy(rule), [g, c, d])).to.have.length(1);
  });

  it("default names an id neither managed nor in the stack: reported (it passed)", async () => {
    const g = native("hsts", true);
    const d = nativeDist(beh(FOREIGN), [beh(UNKNOWN, "/a/*")], [g]);
    expect(await violationsOf(rule, [g, d])).to.deep.equal([NAMES_FOREIGN]);
    const cg = classic("hsts", true);
    const cd = classicDist(beh(FOREIGN), [beh(UNKNOWN, "/a/*")], [], [cg]);
    expect(await violationsOf(rule, [cg, cd])).to.deep.equal([NAMES_FOREIGN]);
  });

  it("an SDK without awsId (0.67.0): a known id is judged through the dependencies", async () => {
    const g = native("hsts", true, false);
    await expectClean(policy(rule), [g, nativeDist(beh("hsts-id"), [], [g])]);
  });
});
