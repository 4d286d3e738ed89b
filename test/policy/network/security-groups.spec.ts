// Security groups: no public ingress but 80/443 on internet-facing load balancers, no high-risk
// ports open to the internet, restricted egress, descriptions, one way to manage a group's rules.
import { expect } from "chai";
import { policy, previewNotes, res, UNKNOWN as U, violations } from "../fixture";
import {
  compliant,
  groupRule,
  HTTPS_FROM_ANYWHERE,
  inlineGroup,
  passesCompliantNetwork,
  swap,
  without,
} from "../fixtures/network";
import {
  AWSX_APPLICATION_LOAD_BALANCER,
  EC2_SECURITY_GROUP,
  EC2_SECURITY_GROUP_RULE,
  LB_LOAD_BALANCER,
  VPC_SECURITY_GROUP_EGRESS_RULE,
  VPC_SECURITY_GROUP_INGRESS_RULE,
} from "../../../policy-pack/lib/types";
import { policies as networkPolicies } from "../../../policy-pack/policies/network";
import { policies as computePolicies } from "../../../policy-pack/policies/compute";

const pub = policy("ec2-security-group-no-public-ingress");
const admin = policy("ec2-security-group-no-admin-ports-public");
/** The VPC and EC2 policies together, as they run over a stack. */
const policies = [...networkPolicies, ...computePolicies.filter((p) => p.name.startsWith("ec2-"))];

describe("ec2-security-group-no-public-ingress", () => {
  describe("Noncompliance", () => {
    it("catches 443 from anywhere on a group that is not on a load balancer", async () => {
      const { r, all } = compliant();
      const app = inlineGroup(r, "app-sg", "API", [{ ...HTTPS_FROM_ANYWHERE, description: "x" }]);
      const found = await violations(pub, swap(all(), app));
      expect(found).to.deep.equal([
        'app-sg: inline ingress #1 of security group "app-sg" allows tcp/443 from 0.0.0.0/0: its security group is not attached to an internet-facing load balancer.',
      ]);
    });
    it("catches 443 from anywhere on an internal load balancer's group", async () => {
      const { r, all } = compliant();
      const lb = res(
        LB_LOAD_BALANCER,
        "alb",
        { internal: true, securityGroups: [U] },
        { refs: { securityGroups: [r.albSg] } },
      );
      const found = await violations(pub, swap(all(), lb));
      expect(found).to.have.length(3);
      expect(found.join("\n")).to.contain("tcp/443 from ::/0").and.contain("tcp/80 from 0.0.0.0/0");
    });
    it("catches a port other than 80/443 on the load balancer's group", async () => {
      const { r, all } = compliant();
      const rule = groupRule(VPC_SECURITY_GROUP_INGRESS_RULE, "alb-8443", r.albSg, {
        ipProtocol: "tcp",
        fromPort: 8443,
        toPort: 8443,
        cidrIpv6: "::/0",
        description: "alt",
      });
      const found = await violations(pub, all(rule));
      expect(found).to.have.length(1);
      expect(found[0]).to.contain("tcp/8443 from ::/0");
    });
    it("turns a load balancer whose scheme is unknown into a preview note for its 80/443 rules", async () => {
      const { r, all } = compliant();
      const lb = res(
        LB_LOAD_BALANCER,
        "alb",
        { internal: U, securityGroups: [U] },
        { refs: { securityGroups: [r.albSg] } },
      );
      expect(await violations(pub, swap(all(), lb))).to.deep.equal([]);
      const notes = await previewNotes(pub, swap(all(), lb));
      expect(notes).to.have.length(1);
      expect(notes[0]).to.contain('load balancer "alb"');
    });
    it("turns a rule whose group is unknown into a preview note", async () => {
      const { all } = compliant();
      const rule = res(VPC_SECURITY_GROUP_INGRESS_RULE, "lost", {
        securityGroupId: U,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "0.0.0.0/0",
        description: "x",
      });
      expect(await violations(pub, all(rule))).to.deep.equal([]);
      expect(await previewNotes(pub, all(rule))).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("allows 80/443 from anywhere on the internet-facing ALB's group (rule resources and inline rules)", async () => {
      expect(await violations([pub, admin], compliant().all())).to.deep.equal([]);
      const { r, all } = compliant();
      const inline = inlineGroup(r, "alb-sg", "ALB", [
        { ...HTTPS_FROM_ANYWHERE, ipv6CidrBlocks: ["::/0"], description: "HTTPS" },
        { protocol: "6", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"], description: "HTTP" },
      ]);
      const stack = without(swap(all(), inline), "alb-https", "alb-https-v6", "alb-http");
      expect(await violations(policies, stack)).to.deep.equal([]);
    });
    it("allows 80/443 from anywhere on the group of an awsx ApplicationLoadBalancer, internet-facing by default; not when it is internal", async () => {
      // awsx's load balancer is a remote component: only its inputs are seen, and it hands
      // `internal` and `securityGroups` to the aws.lb.LoadBalancer it creates.
      const { r, all } = compliant();
      const awsxLb = (props: Record<string, unknown>) =>
        res(
          AWSX_APPLICATION_LOAD_BALANCER,
          "web",
          { ...props, securityGroups: [U] },
          { custom: false, refs: { securityGroups: [r.albSg] } },
        );
      const stack = (lb: ReturnType<typeof awsxLb>) => [...without(all(), "alb"), lb];
      expect(await violations(pub, stack(awsxLb({})))).to.deep.equal([]);
      const internal = await violations(pub, stack(awsxLb({ internal: true })));
      expect(internal).to.have.length(3);
    });
    it(
      "the compliant network passes",
      passesCompliantNetwork("ec2-security-group-no-public-ingress"),
    );
  });
});

describe("ec2-security-group-no-admin-ports-public", () => {
  describe("Noncompliance", () => {
    it("catches SSH from ::/0 in a SecurityGroupRule (both policies)", async () => {
      const { r, all } = compliant();
      const rule = res(
        EC2_SECURITY_GROUP_RULE,
        "ssh",
        {
          type: "ingress",
          securityGroupId: U,
          protocol: "tcp",
          fromPort: 22,
          toPort: 22,
          ipv6CidrBlocks: ["::/0"],
        },
        { refs: { securityGroupId: [r.appSg] } },
      );
      expect(await violations(admin, all(rule))).to.deep.equal([
        'ssh: security group rule "ssh" opens high-risk port(s) 22 (tcp/22) to ::/0.',
      ]);
      expect(await violations(pub, all(rule))).to.have.length(1);
    });
    it("catches all traffic from anywhere, even on the load balancer's group", async () => {
      const { r, all } = compliant();
      const rule = groupRule(VPC_SECURITY_GROUP_INGRESS_RULE, "alb-all", r.albSg, {
        ipProtocol: "-1",
        cidrIpv4: "0.0.0.0/0",
        description: "all",
      });
      const found = await violations(admin, all(rule));
      expect(found).to.have.length(1);
      expect(found[0]).to.contain("all traffic");
      expect(await violations(pub, all(rule))).to.have.length(1);
    });
    it("catches RDP in a port range from anywhere", async () => {
      const { r, all } = compliant();
      const rule = groupRule(VPC_SECURITY_GROUP_INGRESS_RULE, "range", r.appSg, {
        ipProtocol: "tcp",
        fromPort: 3000,
        toPort: 4000,
        cidrIpv4: "0.0.0.0/0",
        description: "r",
      });
      const found = await violations(admin, all(rule));
      expect(found[0]).to.contain("3000, 3306, 3389");
    });
    it("reads a source written as /0 (no address) or 0.0.0.0 (no prefix) as anywhere, and a /5 as internet-wide", async () => {
      const { r, all } = compliant();
      const ssh = (name: string, cidrIpv4: string) =>
        groupRule(VPC_SECURITY_GROUP_INGRESS_RULE, name, r.appSg, {
          ipProtocol: "tcp",
          fromPort: 22,
          toPort: 22,
          cidrIpv4,
          description: name,
        });
      const found = await violations(
        admin,
        all(ssh("no-address", "/0"), ssh("no-prefix", "0.0.0.0"), ssh("range", "0.0.0.0/5")),
      );
      expect(found).to.have.length(3);
      expect(found[0]).to.match(/^no-address: .* to \/0\.$/);
      expect(found[1]).to.match(/^no-prefix: .* to 0\.0\.0\.0\.$/);
      expect(found[2]).to.match(/^range: .* to 0\.0\.0\.0\/5\.$/);
    });
    it("reads a source broader than AWS's public limit (/8 IPv4, /32 IPv6) as the internet, bar IPv6 private space", async () => {
      const { r, all } = compliant();
      const ssh = (name: string, cidr: string) =>
        groupRule(VPC_SECURITY_GROUP_INGRESS_RULE, name, r.appSg, {
          ipProtocol: "tcp",
          fromPort: 22,
          toPort: 22,
          ...(cidr.includes(":") ? { cidrIpv6: cidr } : { cidrIpv4: cidr }),
          description: name,
        });
      const sources: [string, string, boolean][] = [
        ["v4-7", "10.0.0.0/7", true],
        ["v4-8", "10.0.0.0/8", false],
        ["v6-31", "2001:db8::/31", true],
        ["v6-32", "2001:db8::/32", false],
        ["global-unicast", "2000::/3", true],
        ["unique-local", "fc00::/7", false],
        ["unique-local-fd", "fd00::/8", false],
      ];
      for (const [name, cidr, wide] of sources) {
        const found = await violations(admin, all(ssh(name, cidr)));
        expect(found, `${name} (${cidr})`).to.deep.equal(
          wide
            ? [`${name}: ingress rule "${name}" opens high-risk port(s) 22 (tcp/22) to ${cidr}.`]
            : [],
        );
      }
    });
  });

  describe("Compliance", () => {
    it(
      "the compliant network passes",
      passesCompliantNetwork("ec2-security-group-no-admin-ports-public"),
    );
  });
});

describe("ec2-security-group-egress-restricted", () => {
  describe("Noncompliance", () => {
    it("catches all traffic out to 0.0.0.0/0", async () => {
      const p = policy("ec2-security-group-egress-restricted");
      const { r, all } = compliant();
      const out = groupRule(VPC_SECURITY_GROUP_EGRESS_RULE, "all-out", r.appSg, {
        ipProtocol: "-1",
        cidrIpv4: "0.0.0.0/0",
        description: "all",
      });
      expect(await violations(p, all(out))).to.deep.equal([
        'all-out: egress rule "all-out" allows all traffic out to 0.0.0.0/0.',
      ]);
      const https = groupRule(VPC_SECURITY_GROUP_EGRESS_RULE, "all-out", r.appSg, {
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "0.0.0.0/0",
        description: "https",
      });
      expect(await violations(p, all(https))).to.deep.equal([]);
    });
  });

  describe("Compliance", () => {
    it(
      "the compliant network passes",
      passesCompliantNetwork("ec2-security-group-egress-restricted"),
    );
  });
});

describe("ec2-security-group-description", () => {
  describe("Noncompliance", () => {
    it("catches the provider default and a rule without description", async () => {
      const p = policy("ec2-security-group-description");
      const { r, all } = compliant();
      const sg = res(
        EC2_SECURITY_GROUP,
        "app-sg",
        { vpcId: U, description: "Managed by Pulumi" },
        { refs: { vpcId: [r.vpc] } },
      );
      expect(await violations(p, swap(all(), sg))).to.have.length(1);
      const rule = groupRule(VPC_SECURITY_GROUP_INGRESS_RULE, "app-from-alb", r.appSg, {
        ipProtocol: "tcp",
        fromPort: 8080,
        toPort: 8080,
      });
      expect(await violations(p, swap(all(), rule))).to.deep.equal([
        "app-from-alb: The rule has no description.",
      ]);
      const inline = inlineGroup(r, "alb-sg", "ALB", [HTTPS_FROM_ANYWHERE]);
      expect(await violations(p, swap(all(), inline))).to.deep.equal([
        "alb-sg: Inline ingress rule(s) #1 have no description.",
      ]);
    });
  });

  describe("Compliance", () => {
    it("the compliant network passes", passesCompliantNetwork("ec2-security-group-description"));
  });
});

describe("ec2-security-group-no-rule-management-conflicts", () => {
  describe("Noncompliance", () => {
    it("catches inline rules plus rule resources", async () => {
      const p = policy("ec2-security-group-no-rule-management-conflicts");
      const { r, all } = compliant();
      const inline = inlineGroup(r, "alb-sg", "ALB", [
        { ...HTTPS_FROM_ANYWHERE, description: "HTTPS" },
      ]);
      expect(await violations(p, swap(all(), inline))).to.deep.equal([
        'alb-sg: security group "alb-sg" has inline rules and also separate rule resources: ingress rule "alb-https", ingress rule "alb-https-v6", ingress rule "alb-http".',
      ]);
      const dsgRule = res(
        EC2_SECURITY_GROUP_RULE,
        "dsg-rule",
        {
          type: "egress",
          securityGroupId: U,
          protocol: "tcp",
          fromPort: 443,
          toPort: 443,
          cidrBlocks: ["10.0.0.0/8"],
        },
        { refs: { securityGroupId: [r.dsg] } },
      );
      expect(await violations(p, all(dsgRule))).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it(
      "the compliant network passes",
      passesCompliantNetwork("ec2-security-group-no-rule-management-conflicts"),
    );
  });
});
