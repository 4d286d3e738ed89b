// The EC2 Instance Connect Endpoint names its security groups (else the VPC's default one is used).
import { expect } from "chai";
import { EC2TRANSITGATEWAY_INSTANCE_CONNECT_ENDPOINT } from "../../../policy-pack/lib/types";
import { res, UNKNOWN, violationsOf as one } from "../fixture";

describe("ec2-instance-connect-endpoint-security-groups", () => {
  const name = "ec2-instance-connect-endpoint-security-groups";

  describe("Noncompliance", () => {
    it("catches a missing or empty list (the default security group gets attached)", async () => {
      expect(
        await one(name, [
          res(EC2TRANSITGATEWAY_INSTANCE_CONNECT_ENDPOINT, "eice", { subnetId: "subnet-1" }),
        ]),
      ).to.have.length(1);
      expect(
        await one(name, [
          res(EC2TRANSITGATEWAY_INSTANCE_CONNECT_ENDPOINT, "eice", {
            subnetId: "subnet-1",
            securityGroupIds: [],
          }),
        ]),
      ).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("accepts security groups, even while their ids are unknown", async () => {
      expect(
        await one(name, [
          res(EC2TRANSITGATEWAY_INSTANCE_CONNECT_ENDPOINT, "eice", {
            subnetId: UNKNOWN,
            securityGroupIds: [UNKNOWN],
          }),
        ]),
      ).to.deep.equal([]);
      expect(
        await one(name, [
          res(EC2TRANSITGATEWAY_INSTANCE_CONNECT_ENDPOINT, "eice", {
            subnetId: UNKNOWN,
            securityGroupIds: UNKNOWN,
          }),
        ]),
      ).to.deep.equal([]);
    });
  });
});
