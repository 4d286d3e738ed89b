// EC2 instances and launch templates, how they are reached: IMDSv2 with a hop limit of 1, and no
// public IPv4 address by any route (attribute, subnet default, launch template, Elastic IP).
import { expect } from "chai";
import { evaluate, policy, previewNotes, res, UNKNOWN as U, violations } from "../fixture";
import { compliant, passesCompliantNetwork, swap, tunnelWith } from "../fixtures/network";
import {
  EC2_EIP,
  EC2_INSTANCE,
  EC2_LAUNCH_CONFIGURATION,
  EC2_LAUNCH_TEMPLATE,
  EC2_SPOT_FLEET_REQUEST,
  EC2_SPOT_INSTANCE_REQUEST,
  EC2_SUBNET,
} from "../../../policy-pack/lib/types";

/** An Auto Scaling launch configuration as Trivy's AWS-0130 fixtures write it. */
function launchConfiguration(extra: Record<string, unknown> = {}) {
  return res(EC2_LAUNCH_CONFIGURATION, "lc", {
    imageId: "ami-0123",
    instanceType: "t3.micro",
    ...extra,
  });
}

describe("ec2-instance-imdsv2", () => {
  describe("Noncompliance", () => {
    it("catches optional tokens on an instance and a launch template without options", async () => {
      const p = policy("ec2-instance-imdsv2");
      expect(
        await violations(p, tunnelWith({ metadataOptions: { httpTokens: "optional" } })),
      ).to.have.length(1);
      expect(
        await violations(p, tunnelWith({ metadataOptions: { httpEndpoint: "disabled" } })),
      ).to.deep.equal([]);
      const lt = res(EC2_LAUNCH_TEMPLATE, "lt", { imageId: "ami-0123" });
      expect((await violations(p, [lt]))[0]).to.contain("not set");
    });
    it("catches a launch configuration without required tokens (Trivy AWS-0130, CKV_AWS_79)", async () => {
      const p = policy("ec2-instance-imdsv2");
      expect(await violations(p, [launchConfiguration()])).to.have.length(1);
      expect(
        await violations(p, [launchConfiguration({ metadataOptions: { httpTokens: "optional" } })]),
      ).to.have.length(1);
    });
    it("reads metadata options built from another output (unknown at preview) as a preview note", async () => {
      const p = policy("ec2-instance-imdsv2");
      const { r } = compliant();
      const inst = res(
        EC2_INSTANCE,
        "tunnel",
        { ...r.tunnel.inputs, metadataOptions: U },
        { refs: { subnetId: [r.computeA], metadataOptions: [r.computeA] } },
      );
      expect(await previewNotes(p, [r.computeA, inst])).to.have.length(1);
      expect(await violations(p, [r.computeA, inst])).to.deep.equal([]);
    });
    it("reads options the provider computes (unknown, no dependency) as not set by the program", async () => {
      const p = policy("ec2-instance-imdsv2");
      expect((await violations(p, tunnelWith({ metadataOptions: U })))[0]).to.contain("not set");
      expect(
        (await violations(p, tunnelWith({ metadataOptions: { httpTokens: U } })))[0],
      ).to.contain("not set");
    });
  });

  describe("an instance launched from a launch template (EC2 guide: launch parameters left out come from the template)", () => {
    const p = policy("ec2-instance-imdsv2");
    const template = (metadataOptions?: Record<string, unknown>) =>
      res(EC2_LAUNCH_TEMPLATE, "lt", { imageId: "ami-0123", name: "web", metadataOptions });
    // The provider's aws.ec2.Instance launch template example: no AMI or options of its own.
    const fromTemplate = (lt: ReturnType<typeof template>, extra: Record<string, unknown> = {}) =>
      res(
        EC2_INSTANCE,
        "web",
        { launchTemplate: { id: U, version: "$Latest" }, ...extra },
        { refs: { launchTemplate: [lt] } },
      );

    it("passes when the template requires tokens and the instance sets no options", async () => {
      const lt = template({ httpTokens: "required", httpEndpoint: "enabled" });
      expect(await violations(p, [lt, fromTemplate(lt)])).to.deep.equal([]);
    });
    it("passes through a template named by its literal name", async () => {
      const lt = template({ httpTokens: "required" });
      const inst = res(EC2_INSTANCE, "web", { launchTemplate: { name: "web" } });
      expect(await violations(p, [lt, inst])).to.deep.equal([]);
    });
    it("reports the instance when its template allows IMDSv1 (CKV_AWS_79)", async () => {
      const lt = template({ httpTokens: "optional" });
      expect(await violations(p, [lt, fromTemplate(lt)])).to.deep.equal([
        'lt: metadataOptions.httpTokens is "optional": IMDSv1 lets any SSRF in the workload read ' +
          "the instance role's credentials.",
        'web: metadataOptions is not set and launch template "lt" does not require tokens: IMDSv1 ' +
          "lets any SSRF in the workload read the instance role's credentials.",
      ]);
    });
    it("judges the instance's own options when it sets them, over the template's", async () => {
      const lt = template({ httpTokens: "required" });
      expect(
        await violations(p, [
          lt,
          fromTemplate(lt, { metadataOptions: { httpTokens: "optional" } }),
        ]),
      ).to.deep.equal([
        'web: metadataOptions.httpTokens is "optional": IMDSv1 lets any SSRF in the workload ' +
          "read the instance role's credentials.",
      ]);
    });
    it("reports an instance whose template is not in the stack (its options cannot be read)", async () => {
      const inst = res(EC2_INSTANCE, "web", { launchTemplate: { id: "lt-0123456789abcdef0" } });
      expect((await violations(p, [inst]))[0]).to.contain("is not in this stack");
    });
  });

  describe("Compliance", () => {
    it("passes a launch configuration requiring tokens or with the endpoint off (Trivy AWS-0130)", async () => {
      const p = policy("ec2-instance-imdsv2");
      for (const metadataOptions of [
        { httpEndpoint: "enabled", httpTokens: "required" },
        { httpEndpoint: "disabled" },
      ]) {
        expect(await violations(p, [launchConfiguration({ metadataOptions })])).to.deep.equal([]);
      }
    });
    it("the compliant network passes", passesCompliantNetwork("ec2-instance-imdsv2"));
  });
});

describe("ec2-instance-imds-hop-limit", () => {
  describe("Noncompliance", () => {
    it("catches a hop limit of 2", async () => {
      const p = policy("ec2-instance-imds-hop-limit");
      expect(
        await violations(
          p,
          tunnelWith({ metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 } }),
        ),
      ).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("the compliant network passes", passesCompliantNetwork("ec2-instance-imds-hop-limit"));
  });
});

describe("ec2-instance-no-public-ip", () => {
  describe("Noncompliance", () => {
    it("CKV_AWS_88 failing: a public IP on an otherwise compliant instance, or an Elastic IP on it, is a mandatory finding", async () => {
      const p = policy("ec2-instance-no-public-ip");
      const levels = async (resources: Parameters<typeof evaluate>[1]) =>
        (await evaluate(p, resources)).violations
          .filter((v) => !v.previewNote)
          .map((v) => v.enforcementLevel);
      expect(await levels(tunnelWith({ associatePublicIpAddress: true }))).to.deep.equal([
        "mandatory",
      ]);
      const eip = res(EC2_EIP, "eip", { instance: "i-0123456789abcdef0", domain: "vpc" });
      expect(await levels([...tunnelWith({}), eip])).to.deep.equal(["mandatory"]);
    });
    it("catches a launch configuration giving instances a public IP (Trivy AWS-0009, FSBP AutoScaling.5)", async () => {
      const found = await violations(policy("ec2-instance-no-public-ip"), [
        launchConfiguration({ associatePublicIpAddress: true }),
      ]);
      expect(found).to.have.length(1);
      expect(found[0]).to.contain("associatePublicIpAddress");
    });
    it("catches a Spot instance request that asks for a public IP", async () => {
      const spot = res(EC2_SPOT_INSTANCE_REQUEST, "spot", {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.micro",
        associatePublicIpAddress: true,
      });
      expect(await violations(policy("ec2-instance-no-public-ip"), [spot])).to.deep.equal([
        'spot: Spot instance request "spot" sets associatePublicIpAddress: true.',
      ]);
    });
    it("catches a Spot fleet launch specification that asks for a public IP, or sits in a subnet that maps one", async () => {
      const p = policy("ec2-instance-no-public-ip");
      const { r, all } = compliant();
      const spec = { ami: "ami-0123456789abcdef0", instanceType: "t3.micro", subnetId: U };
      const fleet = (first: Record<string, unknown>) =>
        res(
          EC2_SPOT_FLEET_REQUEST,
          "fleet",
          { iamFleetRole: U, targetCapacity: 2, launchSpecifications: [spec, first] },
          { refs: { launchSpecifications: [r.computeA] } },
        );
      expect(await violations(p, all(fleet(spec)))).to.deep.equal([]);
      expect(
        await violations(p, all(fleet({ ...spec, associatePublicIpAddress: true }))),
      ).to.deep.equal([
        'fleet: Spot fleet request "fleet" launch specification #2 sets associatePublicIpAddress: true.',
      ]);
      const pubSubnet = res(
        EC2_SUBNET,
        "compute-a",
        { vpcId: U, mapPublicIpOnLaunch: true, tags: { tier: "compute" } },
        { refs: { vpcId: [r.vpc] } },
      );
      // false is not sent to EC2 (terraform-provider-aws, buildSpotFleetLaunchSpecification): the
      // subnet's default still gives every instance a public IP.
      const quiet = fleet({ ...spec, associatePublicIpAddress: false });
      expect(await violations(p, swap(all(quiet), pubSubnet))).to.include(
        'fleet: Spot fleet request "fleet" launches instances in subnet "compute-a", which maps a public IP on launch.',
      );
    });
    it("catches every way to a public IPv4 address", async () => {
      const p = policy("ec2-instance-no-public-ip");
      expect(await violations(p, tunnelWith({ associatePublicIpAddress: true }))).to.have.length(1);
      const { r, all } = compliant();
      const pubSubnet = res(
        EC2_SUBNET,
        "compute-a",
        { vpcId: U, mapPublicIpOnLaunch: true, tags: { tier: "compute" } },
        { refs: { vpcId: [r.vpc] } },
      );
      const inherits = res(
        EC2_INSTANCE,
        "tunnel",
        { ...r.tunnel.inputs, associatePublicIpAddress: undefined },
        { refs: { subnetId: [r.computeA] } },
      );
      expect((await violations(p, swap(all(), pubSubnet, inherits)))[0]).to.contain(
        "maps a public IP on launch",
      );
      const lt = res(
        EC2_LAUNCH_TEMPLATE,
        "lt",
        { networkInterfaces: [{ associatePublicIpAddress: "true", subnetId: U }] },
        { refs: { networkInterfaces: [r.computeA] } },
      );
      expect(await violations(p, all(lt))).to.have.length(1);
      const eip = res(
        EC2_EIP,
        "tunnel-ip",
        { domain: "vpc", instance: U },
        { refs: { instance: [r.tunnel] } },
      );
      expect(await violations(p, all(eip))).to.have.length(1);
      const natIp = res(EC2_EIP, "nat-ip", { domain: "vpc" });
      expect(await violations(p, all(natIp))).to.deep.equal([]);
    });
  });

  describe("Compliance", () => {
    it("passes a launch configuration without a public IP (Trivy AWS-0009)", async () => {
      const p = policy("ec2-instance-no-public-ip");
      expect(
        await violations(p, [launchConfiguration({ associatePublicIpAddress: false })]),
      ).to.deep.equal([]);
      expect(await violations(p, [launchConfiguration()])).to.deep.equal([]);
    });
    it("the compliant network passes", passesCompliantNetwork("ec2-instance-no-public-ip"));
    it("an instance without a subnet that turns the public IP off passes", async () => {
      const p = policy("ec2-instance-no-public-ip");
      const quiet = { ...DEFAULT_VPC_WEB, associatePublicIpAddress: false };
      expect(await violations(p, [res(EC2_INSTANCE, "web2", quiet)])).to.deep.equal([]);
    });
  });

  describe("Default subnet", () => {
    it("KICS 'EC2 Instance Has Public IP' positive web2: no subnet, no associatePublicIpAddress", async () => {
      const p = policy("ec2-instance-no-public-ip");
      expect(await violations(p, [res(EC2_INSTANCE, "web2", DEFAULT_VPC_WEB)])).to.deep.equal([
        `web2: EC2 instance "web2" names no subnet and does not set associatePublicIpAddress: false, so it launches into the default VPC's default subnet, which assigns a public IPv4 address.`,
      ]);
    });
  });
});

/** KICS's instance with neither subnet nor network settings (the default VPC places it). */
const DEFAULT_VPC_WEB = {
  ami: "ami-0123456789abcdef0",
  instanceType: "t3.micro",
  tags: { Name: "HelloWorld" },
};
