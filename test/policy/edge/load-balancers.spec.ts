// Load balancers and their listeners: the compliant ALB passes in both the aws:lb and aws:alb
// spellings, each broken field is caught, and the cross-resource rules correlate by property
// dependencies while ARNs are unknown at preview.
import { expect } from "chai";
import {
  ALB_LISTENER,
  ALB_LOAD_BALANCER,
  LB_LISTENER,
  LB_LISTENER_RULE,
  LB_LOAD_BALANCER,
  WAFV2_WEB_ACL,
  WAFV2_WEB_ACL_ASSOCIATION,
} from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violationsOf as one } from "../fixture";

type R = ReturnType<typeof res>;

const lb = (over: Record<string, unknown> = {}, type = LB_LOAD_BALANCER, opts = {}) =>
  res(
    type,
    "alb",
    {
      loadBalancerType: "application",
      internal: false,
      subnets: ["subnet-a", "subnet-b"],
      securityGroups: ["sg-alb"],
      dropInvalidHeaderFields: true,
      desyncMitigationMode: "defensive",
      enableDeletionProtection: true,
      accessLogs: { bucket: "platform-alb-logs", enabled: true },
      ...over,
    },
    opts,
  );

/** The compliant ALB passes `name`, in both type spellings. */
const passesCompliantAlb = (name: string) => async () => {
  expect(await one(name, [lb()]), name).to.deep.equal([]);
  expect(await one(name, [lb({}, ALB_LOAD_BALANCER)]), name).to.deep.equal([]);
};

const alb = lb({ arn: UNKNOWN });
const listener = (
  over: Record<string, unknown> = {},
  type = LB_LISTENER,
  target: R = alb,
  name = "https",
) =>
  res(
    type,
    name,
    {
      loadBalancerArn: UNKNOWN,
      port: 443,
      protocol: "HTTPS",
      certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      defaultActions: [{ type: "forward", targetGroupArn: UNKNOWN }],
      ...over,
    },
    { refs: { loadBalancerArn: [target] } },
  );
const redirect = {
  type: "redirect",
  redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
};
const httpListener = (actions: unknown[], type = LB_LISTENER) =>
  listener(
    {
      port: 80,
      protocol: "HTTP",
      certificateArn: undefined,
      sslPolicy: undefined,
      defaultActions: actions,
    },
    type,
    alb,
    "http",
  );

describe("elb-alb-drop-invalid-headers", () => {
  describe("Noncompliance", () => {
    it("Trivy AWS-0052 bad: catches false and missing, for both spellings", async () => {
      for (const type of [LB_LOAD_BALANCER, ALB_LOAD_BALANCER]) {
        expect(
          await one("elb-alb-drop-invalid-headers", [lb({ dropInvalidHeaderFields: false }, type)]),
        ).to.have.length(1);
        expect(
          await one("elb-alb-drop-invalid-headers", [
            lb({ dropInvalidHeaderFields: undefined }, type),
          ]),
        ).to.have.length(1);
      }
      const nlb = lb({ loadBalancerType: "network", dropInvalidHeaderFields: undefined });
      expect(await one("elb-alb-drop-invalid-headers", [nlb])).to.deep.equal([]);
    });
  });

  describe("Compliance", () => {
    it(
      "the compliant ALB passes, in both type spellings",
      passesCompliantAlb("elb-alb-drop-invalid-headers"),
    );
  });
});

describe("elb-alb-desync-mitigation", () => {
  describe("Noncompliance", () => {
    it("catches monitor and accepts the default and strictest", async () => {
      expect(
        await one("elb-alb-desync-mitigation", [lb({ desyncMitigationMode: "monitor" })]),
      ).to.have.length(1);
      expect(
        await one("elb-alb-desync-mitigation", [lb({ desyncMitigationMode: undefined })]),
      ).to.deep.equal([]);
      expect(
        await one("elb-alb-desync-mitigation", [
          lb({ desyncMitigationMode: "strictest" }, ALB_LOAD_BALANCER),
        ]),
      ).to.deep.equal([]);
    });
  });

  describe("Compliance", () => {
    it(
      "the compliant ALB passes, in both type spellings",
      passesCompliantAlb("elb-alb-desync-mitigation"),
    );
  });
});

describe("elb-load-balancer-access-logs", () => {
  describe("Noncompliance", () => {
    it("catches missing and disabled logs", async () => {
      expect(
        await one("elb-load-balancer-access-logs", [lb({ accessLogs: undefined })]),
      ).to.have.length(1);
      const off = lb(
        { accessLogs: { bucket: "platform-alb-logs", enabled: false } },
        ALB_LOAD_BALANCER,
      );
      expect(await one("elb-load-balancer-access-logs", [off])).to.have.length(1);
      const unknownBucket = lb({ accessLogs: { bucket: UNKNOWN, enabled: true } });
      expect(await one("elb-load-balancer-access-logs", [unknownBucket])).to.deep.equal([]);
    });
  });

  describe("Compliance", () => {
    it(
      "the compliant ALB passes, in both type spellings",
      passesCompliantAlb("elb-load-balancer-access-logs"),
    );
  });
});

describe("elb-load-balancer-deletion-protection", () => {
  describe("Noncompliance", () => {
    it("catches it off and is advisory", async () => {
      expect(
        await one("elb-load-balancer-deletion-protection", [
          lb({ enableDeletionProtection: false }),
        ]),
      ).to.have.length(1);
      expect(
        await one("elb-load-balancer-deletion-protection", [
          lb({ enableDeletionProtection: undefined }),
        ]),
      ).to.have.length(1);
      expect(policy("elb-load-balancer-deletion-protection").enforcementLevel).to.equal("advisory");
    });
  });

  describe("Compliance", () => {
    it(
      "the compliant ALB passes, in both type spellings",
      passesCompliantAlb("elb-load-balancer-deletion-protection"),
    );
  });
});

describe("elb-listener-tls-policy", () => {
  const name = "elb-listener-tls-policy";

  describe("Noncompliance", () => {
    it("Trivy AWS-0047 bad: catches a missing policy (API default ELBSecurityPolicy-2016-08) and TLS 1.0/1.1 policies", async () => {
      const missing = await one(name, [listener({ sslPolicy: undefined })]);
      expect(missing[0]).to.include("ELBSecurityPolicy-2016-08");
      for (const sslPolicy of [
        "ELBSecurityPolicy-2016-08",
        "ELBSecurityPolicy-TLS13-1-0-2021-06",
        "ELBSecurityPolicy-TLS-1-1-2017-01",
      ]) {
        expect(await one(name, [listener({ sslPolicy }, ALB_LISTENER)]), sslPolicy).to.have.length(
          1,
        );
      }
    });
    it("an unknown sslPolicy is a preview note; the rule is mandatory", async () => {
      expect(await previewNotes(policy(name), [listener({ sslPolicy: UNKNOWN })])).to.have.length(
        1,
      );
      expect(policy(name).enforcementLevel).to.equal("mandatory");
    });
  });

  describe("Compliance", () => {
    it("accepts TLS 1.2+ policies (plain, Res, FIPS, PQ) on both spellings", async () => {
      for (const sslPolicy of [
        "ELBSecurityPolicy-TLS13-1-2-2021-06",
        "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
        "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
        "ELBSecurityPolicy-TLS13-1-3-2021-06",
      ]) {
        expect(await one(name, [listener({ sslPolicy })]), sslPolicy).to.deep.equal([]);
        expect(await one(name, [listener({ sslPolicy }, ALB_LISTENER)]), sslPolicy).to.deep.equal(
          [],
        );
      }
    });
    it("covers NLB TLS listeners and ignores plain HTTP listeners", async () => {
      expect(
        await one(name, [listener({ protocol: "TLS", sslPolicy: "ELBSecurityPolicy-2016-08" })]),
      ).to.have.length(1);
      expect(await one(name, [httpListener([redirect])])).to.deep.equal([]);
    });
    it("takes the accepted pattern from config", async () => {
      const config = { [name]: { sslPolicyPattern: "^ELBSecurityPolicy-TLS13-1-3-" } };
      expect(await one(name, [listener()], config)).to.have.length(1);
    });
  });
});

describe("elb-listener-http-redirects-to-https", () => {
  const name = "elb-listener-http-redirects-to-https";

  describe("Noncompliance", () => {
    it("Trivy AWS-0054 bad: reports an HTTP listener that forwards as advisory 'plain HTTP served'", async () => {
      const fwd = httpListener([{ type: "forward", targetGroupArn: UNKNOWN }]);
      const v = await one(name, [alb, fwd]);
      expect(v).to.deep.equal([
        "http: Plain HTTP served: the HTTP listener's default action 'forward' serves the application over plain HTTP.",
      ]);
      expect(policy(name).enforcementLevel).to.equal("advisory");
    });
    it("catches a redirect that stays on HTTP and the implicit HTTP protocol", async () => {
      const toHttp = { type: "redirect", redirect: { port: "8080", statusCode: "HTTP_302" } };
      expect(await one(name, [alb, httpListener([toHttp])])).to.have.length(1);
      const implicit = listener(
        { protocol: undefined, sslPolicy: undefined, defaultActions: [{ type: "forward" }] },
        LB_LISTENER,
        alb,
        "implicit",
      );
      expect(await one(name, [alb, implicit])).to.have.length(1);
    });
    it("catches a forwarding rule attached to the HTTP listener (correlated while its ARN is unknown)", async () => {
      const http = httpListener([redirect]);
      const rule = res(
        LB_LISTENER_RULE,
        "api-rule",
        {
          listenerArn: UNKNOWN,
          actions: [{ type: "forward", targetGroupArn: UNKNOWN }],
          conditions: [],
        },
        { refs: { listenerArn: [http] } },
      );
      expect(await one(name, [alb, http, rule])).to.deep.equal([
        "api-rule: Plain HTTP served: a rule on an HTTP listener 'forward' serves the application over plain HTTP.",
      ]);
      const onHttps = res(
        LB_LISTENER_RULE,
        "ok-rule",
        { listenerArn: UNKNOWN, actions: [{ type: "forward" }], conditions: [] },
        { refs: { listenerArn: [listener()] } },
      );
      expect(await one(name, [alb, listener(), onHttps])).to.deep.equal([]);
    });
    it("unknown default actions are a preview note", async () => {
      expect(
        await previewNotes(policy(name), [alb, httpListener(UNKNOWN as unknown as unknown[])]),
      ).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("accepts an HTTP listener that only redirects to HTTPS (or answers with a fixed response)", async () => {
      expect(await one(name, [alb, httpListener([redirect]), listener()])).to.deep.equal([]);
      const fixed = {
        type: "fixed-response",
        fixedResponse: { contentType: "text/plain", statusCode: "404" },
      };
      expect(await one(name, [alb, httpListener([fixed], ALB_LISTENER)])).to.deep.equal([]);
    });
    it("ignores listeners of network load balancers", async () => {
      const nlb = lb({ loadBalancerType: "network" });
      const tcp = listener(
        { protocol: undefined, defaultActions: [{ type: "forward" }] },
        LB_LISTENER,
        nlb,
        "tcp",
      );
      expect(await one(name, [nlb, tcp])).to.deep.equal([]);
    });
  });
});

describe("elb-alb-waf-association", () => {
  const name = "elb-alb-waf-association";
  const acl = res(WAFV2_WEB_ACL, "acl", { scope: "REGIONAL", arn: UNKNOWN });

  describe("Noncompliance", () => {
    it("reports an internet-facing ALB without a web ACL (staging without WAF stays visible)", async () => {
      expect(await one(name, [alb])).to.deep.equal([
        "alb: This internet-facing load balancer is not associated with a WAFv2 web ACL.",
      ]);
      expect(await one(name, [lb({}, ALB_LOAD_BALANCER)])).to.have.length(1);
    });
    it("an association whose target is unknown and unrelated gives a note, not a finding", async () => {
      const assoc = res(WAFV2_WEB_ACL_ASSOCIATION, "assoc", {
        resourceArn: UNKNOWN,
        webAclArn: UNKNOWN,
      });
      expect(await one(name, [alb, assoc])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [alb, assoc])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("accepts an association built from the ALB while both ARNs are unknown", async () => {
      const assoc = res(
        WAFV2_WEB_ACL_ASSOCIATION,
        "assoc",
        { resourceArn: UNKNOWN, webAclArn: UNKNOWN },
        { refs: { resourceArn: [alb], webAclArn: [acl] } },
      );
      expect(await one(name, [alb, acl, assoc])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [alb, acl, assoc])).to.deep.equal([]);
    });
    it("does not apply to internal ALBs or network load balancers", async () => {
      expect(await one(name, [lb({ internal: true })])).to.deep.equal([]);
      expect(await one(name, [lb({ loadBalancerType: "network" })])).to.deep.equal([]);
    });
    it("matches an association given the ALB's literal ARN (after apply)", async () => {
      const arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/alb/1";
      const known = lb({ arn });
      const assoc = res(WAFV2_WEB_ACL_ASSOCIATION, "assoc", {
        resourceArn: arn,
        webAclArn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/a/1",
      });
      expect(await one(name, [known, assoc])).to.deep.equal([]);
    });
  });
});

describe("elb-nlb-cross-zone-load-balancing", () => {
  const name = "elb-nlb-cross-zone-load-balancing";
  const nlb = (lbName: string, type: string, over: Record<string, unknown>) =>
    res(type, lbName, { internal: false, subnets: ["subnet-a", "subnet-b"], ...over });
  describe("Noncompliance", () => {
    it("CKV_AWS_152 default, disabled: a network or gateway LB, left out or false", async () => {
      expect(
        await one(name, [nlb("nlb", LB_LOAD_BALANCER, { loadBalancerType: "network" })]),
      ).to.deep.equal(["nlb: enableCrossZoneLoadBalancing is not set (default false)."]);
      expect(
        await one(name, [nlb("glb", ALB_LOAD_BALANCER, { loadBalancerType: "gateway" })]),
      ).to.have.length(1);
      expect(
        await one(name, [
          nlb("nlb", LB_LOAD_BALANCER, {
            loadBalancerType: "network",
            enableCrossZoneLoadBalancing: false,
          }),
        ]),
      ).to.deep.equal(["nlb: enableCrossZoneLoadBalancing is false."]);
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_152 enabled: network and gateway LBs with it on", async () => {
      expect(
        await one(name, [
          nlb("nlb", LB_LOAD_BALANCER, {
            loadBalancerType: "network",
            enableCrossZoneLoadBalancing: true,
          }),
          nlb("glb", ALB_LOAD_BALANCER, {
            loadBalancerType: "gateway",
            enableCrossZoneLoadBalancing: true,
          }),
        ]),
      ).to.deep.equal([]);
    });
    it("CKV_AWS_152 application, default_type: ALBs are not judged (always cross-zone)", async () => {
      expect(
        await one(name, [
          lb(),
          nlb("default_type", LB_LOAD_BALANCER, { loadBalancerType: undefined }),
        ]),
      ).to.deep.equal([]);
      expect(policy(name).enforcementLevel).to.equal("advisory");
    });
  });
});
