// opensearch-domain-policy-not-public and apigateway-rest-api-policy-not-public, from KICS
// "Elasticsearch Domain With Vulnerable Policy" (positive.tf / negative.tf) and the providers'
// documented examples (a domain open to one address range, a private API pinned to its endpoint).
// Every other service's resource policy (resource-policy-not-public): ./resource-policies.spec.ts.
import { expect } from "chai";
import * as T from "../../../policy-pack/lib/types";
import { policy, policyJson as doc, previewNotes, res, UNKNOWN, violations } from "../fixture";

describe("opensearch-domain-policy-not-public", () => {
  const p = policy("opensearch-domain-policy-not-public");
  /** KICS negative.tf: a named user, one index. */
  const named = {
    Effect: "Allow",
    Principal: { AWS: ["arn:aws:iam::123456789012:user/test-user"] },
    Action: ["es:ESHttpGet"],
    Resource: "arn:aws:es:us-west-1:987654321098:domain/test-domain/test-index/_search",
  };
  /** KICS positive.tf: es:* to everyone. */
  const open = { Action: "es:*", Principal: "*", Effect: "Allow" };
  const domainPolicy = (type: string, s: Record<string, unknown>) =>
    res(type, "main", { domainName: "tf-test", accessPolicies: doc(s) });
  const domain = (type: string, s: Record<string, unknown>) =>
    res(type, "es", { domainName: "tf-test", accessPolicies: doc(s) });

  /** A domain of `type` named "tf-test", public (no vpcOptions) unless `props` says otherwise. */
  const bare = (type: string, props: Record<string, unknown> = {}) =>
    res(type, "es", { domainName: "tf-test", ...props });
  const inVpc = { vpcOptions: { subnetIds: ["subnet-0a1b2c3d"], securityGroupIds: ["sg-1"] } };
  const DOMAIN_OF: Record<string, string> = {
    [T.ELASTICSEARCH_DOMAIN_POLICY]: T.ELASTICSEARCH_DOMAIN,
    [T.OPENSEARCH_DOMAIN_POLICY]: T.OPENSEARCH_DOMAIN,
  };
  const notInStack =
    " (the domain it names is not in this stack, so whether it sits in a VPC is unknown: judged as public).";

  describe("Noncompliance", () => {
    it('KICS "Elasticsearch Domain With Vulnerable Policy" positive.tf: es:* to "*" for a domain without vpcOptions, on either DomainPolicy', async () => {
      for (const type of [T.ELASTICSEARCH_DOMAIN_POLICY, T.OPENSEARCH_DOMAIN_POLICY]) {
        const d = bare(DOMAIN_OF[type]);
        const linked = res(
          type,
          "main",
          { domainName: "tf-test", accessPolicies: doc(open) },
          { refs: { domainName: [d] } },
        );
        expect(await violations(p, [d, linked])).to.deep.equal([
          'main: statement #0 (es:*): Allow to Principal "*" without a narrowing condition.',
        ]);
      }
    });
    it("a DomainPolicy whose domain is not in the stack is judged as public, and says why", async () => {
      expect(await violations(p, [domainPolicy(T.OPENSEARCH_DOMAIN_POLICY, open)])).to.deep.equal([
        `main: statement #0 (es:*): Allow to Principal "*" without a narrowing condition${notInStack}`,
      ]);
    });
    it("a DomainPolicy naming (by domainName) a public domain of the stack", async () => {
      const d = bare(T.OPENSEARCH_DOMAIN, { vpcOptions: { subnetIds: [] } });
      const named = domainPolicy(T.OPENSEARCH_DOMAIN_POLICY, open);
      expect(await violations(p, [d, named])).to.have.length(1);
    });
    it('the domain\'s inline accessPolicies with {AWS: ["*"]}', async () => {
      const s = { ...open, Principal: { AWS: ["*"] } };
      for (const type of [T.OPENSEARCH_DOMAIN, T.ELASTICSEARCH_DOMAIN]) {
        expect(await violations(p, [domain(type, s)])).to.have.length(1);
      }
    });
    it("a very broad address range does not pin the grant", async () => {
      const s = { ...open, Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } } };
      expect(await violations(p, [domainPolicy(T.OPENSEARCH_DOMAIN_POLICY, s)])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it('KICS "Elasticsearch Domain With Vulnerable Policy" negative: a named user', async () => {
      expect(
        await violations(p, [domainPolicy(T.ELASTICSEARCH_DOMAIN_POLICY, named)]),
      ).to.deep.equal([]);
    });
    it('the provider\'s example: "*" pinned to one address by aws:SourceIp', async () => {
      const s = { ...open, Condition: { IpAddress: { "aws:SourceIp": "127.0.0.1/32" } } };
      expect(await violations(p, [domainPolicy(T.ELASTICSEARCH_DOMAIN_POLICY, s)])).to.deep.equal(
        [],
      );
    });
    it('vpc.md "About access policies on VPC domains": an open policy ({AWS: "*"}) on a domain in a VPC, inline or as a DomainPolicy', async () => {
      const s = { ...open, Principal: { AWS: "*" } };
      for (const type of [T.OPENSEARCH_DOMAIN, T.ELASTICSEARCH_DOMAIN]) {
        const d = res(type, "es", { domainName: "tf-test", accessPolicies: doc(s), ...inVpc });
        expect(await violations(p, [d])).to.deep.equal([]);
      }
      for (const type of [T.ELASTICSEARCH_DOMAIN_POLICY, T.OPENSEARCH_DOMAIN_POLICY]) {
        const d = bare(DOMAIN_OF[type], inVpc);
        const byRef = res(
          type,
          "main",
          { domainName: "tf-test", accessPolicies: doc(s) },
          { refs: { domainName: [d] } },
        );
        expect(await violations(p, [d, byRef])).to.deep.equal([]);
        expect(await violations(p, [d, domainPolicy(type, s)])).to.deep.equal([]);
      }
    });
    it("a VPC domain whose subnet ids are unknown at preview is in a VPC; an unknown subnet list is a note", async () => {
      const known = bare(T.OPENSEARCH_DOMAIN, {
        accessPolicies: doc(open),
        vpcOptions: { subnetIds: [UNKNOWN] },
      });
      expect(await violations(p, [known])).to.deep.equal([]);
      const unknown = bare(T.OPENSEARCH_DOMAIN, {
        accessPolicies: doc(open),
        vpcOptions: { subnetIds: UNKNOWN },
      });
      expect(await violations(p, [unknown])).to.deep.equal([]);
      expect(await previewNotes(p, [unknown])).to.have.length(1);
    });
    it("a domain without an access policy, and one whose policy is unknown at preview (a note)", async () => {
      expect(
        await violations(p, [res(T.OPENSEARCH_DOMAIN, "es", { domainName: "d" })]),
      ).to.deep.equal([]);
      const unknown = res(T.OPENSEARCH_DOMAIN_POLICY, "main", {
        domainName: "d",
        accessPolicies: UNKNOWN,
      });
      expect(await violations(p, [unknown])).to.deep.equal([]);
      expect(await previewNotes(p, [unknown])).to.have.length(1);
    });
  });
});

describe("apigateway-rest-api-policy-not-public", () => {
  const p = policy("apigateway-rest-api-policy-not-public");
  const invoke = {
    Effect: "Allow",
    Principal: "*",
    Action: "execute-api:Invoke",
    Resource: "arn:aws:execute-api:us-east-1:123456789012:a1b2c3/*",
  };
  const apiPolicy = (s: Record<string, unknown>) =>
    res(T.APIGATEWAY_REST_API_POLICY, "api-policy", { restApiId: "a1b2c3", policy: doc(s) });

  describe("Noncompliance", () => {
    it('a RestApiPolicy granting execute-api:Invoke to "*" and to {AWS: "*"}', async () => {
      for (const Principal of ["*", { AWS: "*" }]) {
        expect(await violations(p, [apiPolicy({ ...invoke, Principal })])).to.deep.equal([
          'api-policy: statement #0 (execute-api:Invoke): Allow to Principal "*" without a narrowing condition.',
        ]);
      }
    });
    it("the RestApi's inline policy, and a condition on a wildcard VPC endpoint id", async () => {
      const s = { ...invoke, Condition: { StringLike: { "aws:SourceVpce": "vpce-*" } } };
      const api = res(T.APIGATEWAY_REST_API, "api", { name: "api", policy: doc(s) });
      expect(await violations(p, [api])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("a private API pinned to its VPC endpoint (aws:SourceVpce)", async () => {
      const s = { ...invoke, Condition: { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } } };
      expect(await violations(p, [apiPolicy(s)])).to.deep.equal([]);
    });
    it("a named account, a Deny to everyone, and an API without a policy", async () => {
      const named = { ...invoke, Principal: { AWS: "arn:aws:iam::123456789012:root" } };
      const deny = { ...invoke, Effect: "Deny" };
      expect(await violations(p, [apiPolicy(named), apiPolicy(deny)])).to.deep.equal([]);
      expect(
        await violations(p, [res(T.APIGATEWAY_REST_API, "api", { name: "api" })]),
      ).to.deep.equal([]);
    });
  });
});

describe("apigateway-rest-api-policy-not-public: a private custom domain name's policy", () => {
  const p = policy("apigateway-rest-api-policy-not-public");
  const domain = (extra: Record<string, unknown>) =>
    res(T.APIGATEWAY_DOMAIN_NAME, "domain", {
      domainName: "api.example.com",
      endpointConfiguration: { types: "PRIVATE" },
      policy: doc({ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", ...extra }),
    });
  it('reports Principal "*" without a condition', async () => {
    expect(await violations(p, [domain({ Resource: "execute-api:/*" })])).to.have.length(1);
  });
  it("accepts the grant pinned to a VPC endpoint, or to a named account", async () => {
    const vpce = { Condition: { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } } };
    const named = { Principal: { AWS: "arn:aws:iam::123456789012:root" } };
    expect(await violations(p, [domain(vpce), domain(named)])).to.deep.equal([]);
  });
});
