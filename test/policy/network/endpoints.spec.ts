// VPC endpoints carry a policy narrower than full access (gateway load balancer endpoints take none).
import { expect } from "chai";
import { policy, res, UNKNOWN as U, violations } from "../fixture";
import { compliant, passesCompliantNetwork, S3_POLICY, swap } from "../fixtures/network";
import { EC2_VPC_ENDPOINT, EC2_VPC_ENDPOINT_POLICY } from "../../../policy-pack/lib/types";

/**
 * An endpoint to `serviceName` whose policy is one Allow to anyone on anything with `notAction`, in
 * the place of the compliant network's endpoint "s3" (`swap` replaces it by URN).
 */
function allowAllBut(
  r: ReturnType<typeof compliant>["r"],
  serviceName: string,
  notAction: unknown,
) {
  const statement = { Effect: "Allow", Principal: "*", NotAction: notAction, Resource: "*" };
  const policy = JSON.stringify({ Statement: [statement] });
  return res(
    EC2_VPC_ENDPOINT,
    "s3",
    { vpcId: U, serviceName, policy },
    { refs: { vpcId: [r.vpc] } },
  );
}

describe("ec2-vpc-endpoint-policy", () => {
  describe("Noncompliance", () => {
    it("Allow NotAction that leaves the endpoint's own service allowed: another service's actions excluded", async () => {
      const p = policy("ec2-vpc-endpoint-policy");
      const { r, all } = compliant();
      for (const [service, notAction] of [
        ["com.amazonaws.eu-west-1.monitoring", "s3:*"],
        ["com.amazonaws.eu-west-1.s3", ["ec2:*", "s3:DeleteBucket"]],
        ["com.amazonaws.eu-west-1.ecr.api", "ecr:Delete*"],
      ] as const) {
        const f = await violations(p, swap(all(), allowAllBut(r, service, notAction)));
        expect(f, `${service} ${JSON.stringify(notAction)}`).to.have.length(1);
        expect(f[0]).to.contain("full-access endpoint policy (Allow every action but");
      }
    });
    it("catches a missing and a full-access policy; accepts a VpcEndpointPolicy", async () => {
      const p = policy("ec2-vpc-endpoint-policy");
      const { r, all } = compliant();
      const bare = res(
        EC2_VPC_ENDPOINT,
        "s3",
        { vpcId: U, serviceName: "com.amazonaws.eu-west-1.s3", vpcEndpointType: "Gateway" },
        { refs: { vpcId: [r.vpc] } },
      );
      expect((await violations(p, swap(all(), bare)))[0]).to.contain("has no endpoint policy");
      const full = res(
        EC2_VPC_ENDPOINT,
        "s3",
        {
          vpcId: U,
          serviceName: "com.amazonaws.eu-west-1.s3",
          policy: JSON.stringify({
            Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
          }),
        },
        { refs: { vpcId: [r.vpc] } },
      );
      expect((await violations(p, swap(all(), full)))[0]).to.contain("full-access endpoint policy");
      // Allow with NotAction to anyone on anything: every action but those listed, as good as
      // the default full-access policy.
      const allBut = res(
        EC2_VPC_ENDPOINT,
        "s3",
        {
          vpcId: U,
          serviceName: "com.amazonaws.eu-west-1.s3",
          policy: JSON.stringify({
            Statement: [
              { Effect: "Allow", Principal: "*", NotAction: "s3:DeleteBucket", Resource: "*" },
            ],
          }),
        },
        { refs: { vpcId: [r.vpc] } },
      );
      expect(await violations(p, swap(all(), allBut))).to.deep.equal([
        `s3: VPC endpoint "s3" (com.amazonaws.eu-west-1.s3) has a full-access endpoint policy (Allow every action but s3:DeleteBucket on * to *, no condition).`,
      ]);
      const attached = res(
        EC2_VPC_ENDPOINT_POLICY,
        "s3-policy",
        { vpcEndpointId: U, policy: S3_POLICY },
        { refs: { vpcEndpointId: [bare] } },
      );
      expect(await violations(p, swap(all(attached), bare))).to.deep.equal([]);
      const gwlb = res(EC2_VPC_ENDPOINT, "s3", {
        vpcId: U,
        serviceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-0abc",
        vpcEndpointType: "GatewayLoadBalancer",
      });
      expect(await violations(p, swap(all(), gwlb))).to.deep.equal([]);
    });
  });

  describe("Compliance", () => {
    it("the compliant network passes", passesCompliantNetwork("ec2-vpc-endpoint-policy"));
    it("Allow NotAction of every action, or of every action of the endpoint's own service, allows nothing through it", async () => {
      const p = policy("ec2-vpc-endpoint-policy");
      const { r, all } = compliant();
      for (const [service, notAction] of [
        ["com.amazonaws.eu-west-1.s3", "*"],
        ["com.amazonaws.eu-west-1.s3", "s3:*"],
        ["com.amazonaws.eu-west-1.s3", ["S3:*", "s3:GetObject"]],
        ["com.amazonaws.eu-west-1.ecr.dkr", "ecr:*"],
        ["com.amazonaws.eu-west-1.monitoring", "cloudwatch:*"],
        ["com.amazonaws.eu-west-1.kms-fips", "kms:*"],
      ] as const) {
        const e = allowAllBut(r, service, notAction);
        expect(swap(all(), e), "the endpoint takes the compliant one's place").to.include(e);
        expect(
          await violations(p, swap(all(), e)),
          `${service} ${JSON.stringify(notAction)}`,
        ).to.deep.equal([]);
      }
    });
  });
});
