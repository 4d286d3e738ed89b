// The docs site: a private SSE-KMS bucket that only this CloudFront distribution can read (OAC,
// SigV4), HTTPS viewers, TLSv1.2_2021 with a custom certificate, HSTS and other security headers,
// access logs through CloudFront standard logging v2. Component builds and both committed stacks.
import { expect } from "chai";
import { allPolicies } from "../../policy-pack/policies";
import { runPolicies } from "../../tools/lib/policy-runner";
import {
  CACHING_OPTIMIZED_POLICY_ID,
  DocsSite,
  DocsSiteArgs,
  HSTS_MAX_AGE_SECONDS,
} from "../../components/docs-site";
import { record, Recording, RecordedResource } from "../../tools/lib/recorder";
import { doc, findAll, findOne, recordComponent, referrers, runStack } from "../helpers";

const T = {
  distribution: "aws:cloudfront/distribution:Distribution",
  oac: "aws:cloudfront/originAccessControl:OriginAccessControl",
  headers: "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",
  bucket: "aws:s3/bucket:Bucket",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  website: "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration",
  logging: "aws:s3/bucketLogging:BucketLogging",
  key: "aws:kms/key:Key",
  source: "aws:cloudwatch/logDeliverySource:LogDeliverySource",
  destination: "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination",
  delivery: "aws:cloudwatch/logDelivery:LogDelivery",
};
const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000000";

function build(over: Partial<DocsSiteArgs> = {}, preview = false): Promise<Recording> {
  return recordComponent(() => {
    new DocsSite("ds", { tags: { environment: "test" }, ...over });
  }, preview);
}

const policyOf = (rec: Recording, bucket: RecordedResource) =>
  doc(referrers(rec, bucket, "bucket", T.bucketPolicy)[0].inputs.policy).Statement;

describe("DocsSite (component)", () => {
  let plain: Recording;
  let custom: Recording;
  let preview: Recording;
  before(async () => {
    plain = await build();
    custom = await build({ domainName: "docs.example.com", certificateArn: CERT, protect: true });
    preview = await build({}, true);
  });

  it("serves a private REST origin through Origin Access Control, signing always with SigV4, never a website endpoint", () => {
    for (const rec of [plain, preview]) {
      const dist = findOne(rec, T.distribution, "ds-distribution");
      const oac = findOne(rec, T.oac, "ds-oac");
      expect(oac.inputs).to.include({
        originAccessControlOriginType: "s3",
        signingBehavior: "always",
        signingProtocol: "sigv4",
      });
      const [origin] = dist.inputs.origins;
      expect(dist.propertyDependencies.origins).to.include(oac.urn);
      expect(origin).to.not.have.property("customOriginConfig");
      expect(findAll(rec, T.website)).to.deep.equal([]);
    }
    const [origin] = findOne(plain, T.distribution, "ds-distribution").inputs.origins;
    const content = findOne(plain, T.bucket, "ds-content");
    expect(origin.domainName).to.equal(content.outputs.bucketRegionalDomainName);
    expect(origin.originAccessControlId).to.be.a("string").and.not.equal("");
  });

  it("keeps every bucket private (all four public-access flags) and the content SSE-KMS with the site's key", () => {
    const key = findOne(plain, T.key, "ds-key-key");
    for (const b of findAll(plain, T.bucket)) {
      const [pab] = referrers(plain, b, "bucket", T.pab);
      expect(pab.inputs).to.include({
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
    }
    const content = findOne(plain, T.bucket, "ds-content");
    const [sse] = referrers(plain, content, "bucket", T.sse);
    expect(sse.inputs.rules[0].applyServerSideEncryptionByDefault).to.deep.equal({
      sseAlgorithm: "aws:kms",
      kmsMasterKeyId: key.outputs.arn,
    });
    const logs = findOne(plain, T.bucket, "ds-logs");
    // SSE-S3 on the server-access-log target is a documented exception, not a waiver.
    expect(logs.inputs.tags["waiver:s3-bucket-sse-kms-cmk"]).to.equal(undefined);
    const [logsSse] = referrers(plain, logs, "bucket", T.sse);
    expect(logsSse.inputs.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm).to.equal(
      "AES256",
    );
  });

  it("lets only this distribution read the content: bucket policy and key policy both name its ARN", () => {
    const dist = findOne(plain, T.distribution, "ds-distribution");
    const content = findOne(plain, T.bucket, "ds-content");
    const statements = policyOf(plain, content);
    const allow = statements.filter((s: any) => s.Effect === "Allow");
    expect(allow).to.have.length(1);
    expect(allow[0]).to.deep.include({
      Principal: { Service: "cloudfront.amazonaws.com" },
      Action: "s3:GetObject",
      Resource: `${content.outputs.arn}/*`,
    });
    expect(allow[0].Condition.StringEquals["AWS:SourceArn"]).to.equal(dist.outputs.arn);
    expect(statements.some((s: any) => s.Sid === "DenyInsecureTransport")).to.equal(true);
    const key = findOne(plain, T.key, "ds-key-key");
    const cf = doc(key.inputs.policy).Statement.find(
      (s: any) => s.Sid === "CloudFrontReadsThroughThisDistribution",
    );
    expect(cf.Principal).to.deep.equal({ Service: "cloudfront.amazonaws.com" });
    expect(cf.Action).to.equal("kms:Decrypt");
    expect(cf.Condition.StringEquals["AWS:SourceArn"]).to.equal(dist.outputs.arn);
    const publish = doc(key.inputs.policy).Statement.find((s: any) => s.Sid === "PublishThroughS3");
    expect(publish.Condition.StringEquals["kms:ViaService"]).to.equal("s3.eu-west-1.amazonaws.com");
    expect(publish.Condition.StringLike["kms:EncryptionContext:aws:s3:arn"]).to.deep.equal([
      content.outputs.arn,
      `${content.outputs.arn}/*`,
    ]);
    // The engine sees where the ARNs came from, at preview too.
    const keyPv = findOne(preview, T.key, "ds-key-key");
    expect(keyPv.propertyDependencies.policy).to.include(
      findOne(preview, T.distribution, "ds-distribution").urn,
    );
  });

  it("redirects viewers to HTTPS, read-only methods, default root object, managed cache policy", () => {
    const dist = findOne(plain, T.distribution, "ds-distribution");
    expect(dist.inputs.defaultRootObject).to.equal("index.html");
    const b = dist.inputs.defaultCacheBehavior;
    expect(b).to.include({
      viewerProtocolPolicy: "redirect-to-https",
      cachePolicyId: CACHING_OPTIMIZED_POLICY_ID,
    });
    expect(b.allowedMethods).to.deep.equal(["GET", "HEAD"]);
    expect(dist.inputs.orderedCacheBehaviors ?? []).to.deep.equal([]);
  });

  it("uses TLSv1.2_2021 with a custom us-east-1 certificate, and the default certificate without one", () => {
    const withCert = findOne(custom, T.distribution, "ds-distribution");
    expect(withCert.inputs.aliases).to.deep.equal(["docs.example.com"]);
    expect(withCert.inputs.viewerCertificate).to.deep.equal({
      acmCertificateArn: CERT,
      sslSupportMethod: "sni-only",
      minimumProtocolVersion: "TLSv1.2_2021",
    });
    const without = findOne(plain, T.distribution, "ds-distribution");
    expect(without.inputs.viewerCertificate).to.deep.equal({ cloudfrontDefaultCertificate: true });
  });

  it("reports the default certificate as an advisory finding instead of hiding it", async () => {
    const report = await runPolicies(allPolicies, plain.resources);
    const tls = report.violations.filter((v) => v.policy === "cloudfront-viewer-tls-version");
    expect(tls.map((v) => v.enforcementLevel)).to.deep.equal(["advisory"]);
    const withCert = await runPolicies(allPolicies, custom.resources);
    expect(
      withCert.violations.filter((v) => v.policy === "cloudfront-viewer-tls-version"),
    ).to.deep.equal([]);
    for (const r of [report, withCert]) {
      expect(
        r.violations
          .filter((v) => v.enforcementLevel === "mandatory")
          .map((v) => `${v.policy}: ${v.detail}`),
      ).to.deep.equal([]);
    }
  });

  it("sends HSTS (two years, subdomains) and the other security headers on every response", () => {
    const dist = findOne(plain, T.distribution, "ds-distribution");
    const headers = findOne(plain, T.headers, "ds-security-headers");
    expect(dist.propertyDependencies.defaultCacheBehavior).to.include(headers.urn);
    const h = headers.inputs.securityHeadersConfig;
    expect(h.strictTransportSecurity).to.deep.include({
      accessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS,
      includeSubdomains: true,
      override: true,
    });
    expect(HSTS_MAX_AGE_SECONDS).to.be.at.least(31536000);
    expect(h.contentTypeOptions.override).to.equal(true);
    expect(h.frameOptions.frameOption).to.equal("DENY");
    expect(h.referrerPolicy.referrerPolicy).to.equal("strict-origin-when-cross-origin");
    expect(h.contentSecurityPolicy.contentSecurityPolicy).to.match(
      /default-src 'self'.*frame-ancestors 'none'/,
    );
  });

  it("logs viewer requests with standard logging v2 (us-east-1) into the log bucket, and S3 access into it too", () => {
    const dist = findOne(plain, T.distribution, "ds-distribution");
    const [source] = findAll(plain, T.source);
    expect(source.inputs).to.include({ logType: "ACCESS_LOGS", region: "us-east-1" });
    expect(source.propertyDependencies.resourceArn).to.deep.equal([dist.urn]);
    const [destination] = findAll(plain, T.destination);
    const logs = findOne(plain, T.bucket, "ds-logs");
    expect(destination.inputs.region).to.equal("us-east-1");
    expect(destination.inputs.deliveryDestinationConfiguration.destinationResourceArn).to.equal(
      logs.outputs.arn,
    );
    const [delivery] = findAll(plain, T.delivery);
    expect(delivery.inputs.region).to.equal("us-east-1");
    expect(delivery.propertyDependencies.deliverySourceName).to.deep.equal([source.urn]);
    expect(delivery.propertyDependencies.deliveryDestinationArn).to.deep.equal([destination.urn]);
    const statements = policyOf(plain, logs);
    const write = statements.find((s: any) => s.Sid === "CloudFrontLogDeliveryWrite");
    expect(write.Principal).to.deep.equal({ Service: "delivery.logs.amazonaws.com" });
    expect(write.Condition.ArnLike["aws:SourceArn"]).to.equal(
      "arn:aws:logs:us-east-1:123456789012:*",
    );
    const content = findOne(plain, T.bucket, "ds-content");
    const [logging] = referrers(plain, content, "bucket", T.logging);
    expect(logging.inputs).to.include({ targetBucket: logs.outputs.bucket, targetPrefix: "s3/" });
    const s3Logs = statements.find((s: any) => s.Sid === "S3ServerAccessLogsFromDocsBucket");
    expect(s3Logs.Condition.ArnLike["aws:SourceArn"]).to.equal(content.outputs.arn);
  });

  it("lets the log delivery write every object key its suffix path produces, and nothing outside it", () => {
    // Where CloudFront standard logging v2 puts objects (CloudWatch Logs vended logs to S3): the
    // destination bucket, then the delivery's suffixPath with its variables filled in. The service
    // prepends AWSLogs/<account>/CloudFront/ when it creates the delivery, and drops that prefix
    // when the suffix path is updated later (hashicorp/terraform-provider-aws#40968 and #46328,
    // aws-cloudformation/cloudformation-coverage-roadmap#2274): the bucket policy must admit both.
    const logs = findOne(plain, T.bucket, "ds-logs");
    const [delivery] = findAll(plain, T.delivery);
    const [s3] = delivery.inputs.s3DeliveryConfigurations;
    const filled = String(s3.suffixPath)
      .replace("{DistributionId}", "E2QWRUHAPOMQZL")
      .replace("{yyyy}", "2026")
      .replace("{MM}", "11")
      .replace("{dd}", "23")
      .replace("{HH}", "08");
    expect(filled).to.not.match(/[{}]/);
    const object = `${filled.replace(/\/$/, "")}/E2QWRUHAPOMQZL.2026-11-23-08.abcdef01.gz`;
    const keys = [`AWSLogs/123456789012/CloudFront/${object}`, object];
    const write = policyOf(plain, logs).filter(
      (st: any) =>
        st.Effect === "Allow" &&
        [st.Principal?.Service].flat().includes("delivery.logs.amazonaws.com") &&
        [st.Action].flat().includes("s3:PutObject"),
    );
    expect(write).to.have.length(1);
    const patterns = [write[0].Resource].flat() as string[];
    const matches = (arn: string) =>
      patterns.some((p) =>
        new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(arn),
      );
    for (const key of keys) {
      expect(matches(`${logs.outputs.arn}/${key}`), `${key} under ${patterns.join(", ")}`).to.equal(
        true,
      );
    }
    // Not the S3 server access logs' prefix, nor the bucket's root.
    expect(matches(`${logs.outputs.arn}/s3/x`)).to.equal(false);
    expect(matches(`${logs.outputs.arn}/anything`)).to.equal(false);
  });

  it("protects and retains buckets and key in prod only; pages stay until replaced", () => {
    for (const [rec, on] of [
      [plain, false],
      [custom, true],
    ] as const) {
      for (const r of [...findAll(rec, T.bucket), findOne(rec, T.key, "ds-key-key")]) {
        expect(r.options.protect, r.name).to.equal(on);
        expect(r.options.retainOnDelete, r.name).to.equal(on);
      }
    }
  });

  it("rejects a domain without certificate, a certificate outside us-east-1, a bad domain", async () => {
    const cases: [Partial<DocsSiteArgs>, string][] = [
      [{ domainName: "docs.example.com" }, "domainName and certificateArn go together"],
      [
        { domainName: "docs.example.com", certificateArn: CERT.replace("us-east-1", "eu-west-1") },
        "is not an ACM certificate ARN in us-east-1",
      ],
      [
        { domainName: "Docs Site", certificateArn: CERT },
        'domainName: "Docs Site" is not a lowercase DNS name',
      ],
      [{ logExpirationDays: 0 }, "logExpirationDays: 0"],
    ];
    for (const [over, expected] of cases) {
      let message = "";
      const rec = await record({ project: "platform", stack: "test" }, () => {
        try {
          new DocsSite("ds", { tags: {}, ...over });
        } catch (e) {
          message = String(e);
        }
      });
      expect(message).to.include(expected);
      expect(rec.resources).to.deep.equal([]);
    }
  });
});

for (const stack of ["staging", "prod"] as const) {
  describe(`DocsSite in the ${stack} stack`, () => {
    it("has one distribution with OAC, HTTPS redirect, headers and an access-log delivery", async () => {
      const rec = await runStack(stack);
      const [dist] = findAll(rec, T.distribution);
      expect(dist.inputs.defaultCacheBehavior.viewerProtocolPolicy).to.equal("redirect-to-https");
      expect(dist.inputs.origins[0].originAccessControlId).to.be.a("string");
      expect(referrers(rec, dist, "resourceArn", T.source)).to.have.length(1);
      expect(findAll(rec, T.headers)).to.have.length(1);
      const [oac] = findAll(rec, T.oac);
      expect(oac.inputs.name).to.equal(`platform-${stack}-${stack}-docs-oac`);
    });
  });
}
