// The fake's answer to getInstanceTypeOfferings (EC2 DescribeInstanceTypeOfferings), which the
// hosts' placement asks at preview: every zone of the region offers the type asked for.
import { expect } from "chai";
import { invoke } from "../../../tools/lib/fake-aws";

const ENV = { accountId: "123456789012", region: "eu-west-1" };
const call = (token: string, args: Record<string, any> = {}) => invoke(token, args, ENV);

describe("fake AWS: getInstanceTypeOfferings", () => {
  it("getInstanceTypeOfferings: every zone of the region offers the type, per location type", () => {
    const offer = (a: Record<string, unknown>) =>
      call("aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings", {
        filters: [{ name: "instance-type", values: ["t4g.nano"] }],
        ...a,
      });
    // eu-west-1 as a new account sees it: a = euw1-az3, b = euw1-az1, c = euw1-az2.
    expect(offer({ locationType: "availability-zone-id" })).to.deep.include({
      id: "eu-west-1",
      instanceTypes: ["t4g.nano", "t4g.nano", "t4g.nano"],
      locations: ["euw1-az3", "euw1-az1", "euw1-az2"],
      locationTypes: ["availability-zone-id", "availability-zone-id", "availability-zone-id"],
    });
    expect(offer({ locationType: "availability-zone" }).locations).to.deep.equal([
      "eu-west-1a",
      "eu-west-1b",
      "eu-west-1c",
    ]);
    expect(offer({}).locations).to.deep.equal(["eu-west-1"]);
    const narrowed = offer({
      locationType: "availability-zone-id",
      filters: [
        { name: "instance-type", values: ["t4g.nano", "t3.large"] },
        { name: "location", values: ["euw1-az1"] },
      ],
    });
    expect([narrowed.instanceTypes, narrowed.locations]).to.deep.equal([
      ["t4g.nano", "t3.large"],
      ["euw1-az1", "euw1-az1"],
    ]);
    // Another region's own zones (us-west-1: two for a new account).
    expect(
      offer({ locationType: "availability-zone-id", region: "us-west-1" }).locations,
    ).to.deep.equal(["usw1-az3", "usw1-az1"]);
    expect(() => offer({ locationType: "outpost" })).to.throw(/location type "outpost"/);
  });
});
