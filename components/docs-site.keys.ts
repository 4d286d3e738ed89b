// The docs site's config keys: an optional custom domain with its CloudFront certificate.
import {
  CERTIFICATE_ARN,
  certificateAccountProblem,
  exampleCertificate,
  isExampleCertificateArn,
} from "./acm";
import type { ConfigValues } from "./keys";
import { section } from "./keys";

/** A lowercase DNS name such as docs.example.com. */
export const DNS_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The documentation site (components/docs-site/). */
export const DOCS_SECTION = section({
  title: "Docs site",
  summary: "The documentation site on CloudFront (components/docs-site/).",
  keys: {
    domainName: {
      key: "docsDomain",
      kind: "string",
      description:
        "Custom domain of the docs site (with docsCertificateArn); without one, the *.cloudfront.net name.",
      allowed: "a DNS name for the docs site, e.g. docs.example.com (with docsCertificateArn)",
      check: (domain, ctx) => {
        if (!DNS_NAME.test(domain)) {
          ctx.fail(
            "docsDomain",
            `"${domain}" is not a lowercase DNS name such as docs.example.com`,
          );
        }
      },
    },
    certificateArn: {
      key: "docsCertificateArn",
      kind: "string",
      description: "ACM certificate of docsDomain, in us-east-1 (CloudFront).",
      allowed: "an ACM certificate ARN in us-east-1 covering docsDomain (with docsDomain)",
      check: (arn, ctx) => {
        const m = CERTIFICATE_ARN.exec(arn);
        if (!m) {
          ctx.fail(
            "docsCertificateArn",
            `"${arn}" is not an ACM certificate ARN (arn:aws:acm:us-east-1:<account>:certificate/<uuid>)`,
          );
        } else if (m[2] !== "us-east-1") {
          ctx.fail(
            "docsCertificateArn",
            `is in ${m[2]}; CloudFront uses certificates from us-east-1 only`,
          );
        } else if (isExampleCertificateArn(arn)) {
          exampleCertificate(ctx, "docsCertificateArn", arn, "us-east-1");
        } else {
          const other = certificateAccountProblem(ctx, arn);
          if (other !== undefined) ctx.fail("docsCertificateArn", other);
        }
      },
    },
  },
  rules: (v, ctx) => {
    if ((v.domainName === undefined) !== (v.certificateArn === undefined)) {
      ctx.fail(
        v.domainName === undefined ? "docsDomain" : "docsCertificateArn",
        "platform:docsDomain and platform:docsCertificateArn go together: set both or neither",
      );
    }
  },
});

/** The docs-site settings a stack's config yields. */
export type DocsSettings = ConfigValues<typeof DOCS_SECTION.keys>;
