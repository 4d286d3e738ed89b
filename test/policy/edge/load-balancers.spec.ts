// Load balancers and their listeners: the compliant ALB (../fixtures/load-balancers.ts) passes in
// both the aws:lb and aws:alb spellings and each broken field is caught. HTTP redirects, the web ACL
// association and NLB cross-zone balancing: ./load-balancers-cross-resource.spec.ts.
import { expect } from "chai";
import { ALB_LISTENER, ALB_LOAD_BALANCER, LB_LOAD_BALANCER } from "../../../policy-pack/lib/types";
import { policy, previewNotes, UNKNOWN, violationsOf as one } from "../fixture";
import {
  httpListener,
  lb,
  listener,
  passesCompliantAlb,
  redirect,
} from "../fixtures/load-balancers";

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
