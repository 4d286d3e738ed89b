// Load balancers and their listeners across resources: HTTP listeners redirect to HTTPS, a web ACL
// is associated with the ALB, NLBs balance across zones; the rules correlate by property
// dependencies while ARNs are unknown at preview. The single-resource rules: ./load-balancers.spec.ts.
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
import { alb, httpListener, lb, listener, redirect } from "../fixtures/load-balancers";

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
