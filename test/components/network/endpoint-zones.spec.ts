// Network: each interface endpoint's compute subnets must be in zones its service is offered in
// (EC2 DescribeVpcEndpointServices): a zone that lacks it fails the preview, naming the service
// and the zones, before anything is created.
import { expect } from "chai";
import { endpointSubnetIndexes } from "../../../components/network";
import { argsFor, build, NAME, REGION, T } from "../../fixtures/network";

const SERVICE = "com.amazonaws.eu-west-1.ecr.api";
const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

describe("Network: interface endpoints in the zones their service offers", () => {
  describe("endpointSubnetIndexes", () => {
    it("all-azs: every compute subnet when the service is offered in every zone", () => {
      expect(endpointSubnetIndexes(NAME, SERVICE, "all-azs", ZONES, ZONES)).to.deep.equal([
        0, 1, 2,
      ]);
    });

    it("single-az: the first subnet, whose zone offers the service", () => {
      expect(endpointSubnetIndexes(NAME, SERVICE, "single-az", ZONES, ZONES)).to.deep.equal([0]);
      // The other zones do not matter to a single-AZ endpoint.
      expect(
        endpointSubnetIndexes(NAME, SERVICE, "single-az", ZONES, ["eu-west-1a"]),
      ).to.deep.equal([0]);
    });

    it("all-azs: refuses a compute zone that lacks the service, naming the service, the zones and the fix", () => {
      expect(() =>
        endpointSubnetIndexes(NAME, SERVICE, "all-azs", ZONES, ["eu-west-1a", "eu-west-1c"]),
      ).to.throw(
        new RegExp(
          `Network ${NAME}: the VPC endpoint service ${SERVICE.replace(/\./g, "\\.")} is not ` +
            `offered in eu-west-1b, where endpointPlacement "all-azs" puts its endpoint \\(it is ` +
            `offered in eu-west-1a, eu-west-1c;.*AVOIDED_ZONE_IDS`,
        ),
      );
    });

    it("single-az: refuses when the first zone lacks the service, or no zone offers it", () => {
      expect(() =>
        endpointSubnetIndexes(NAME, SERVICE, "single-az", ZONES, ["eu-west-1b"]),
      ).to.throw(/not offered in eu-west-1a, where endpointPlacement "single-az"/);
      expect(() => endpointSubnetIndexes(NAME, SERVICE, "single-az", ZONES, [])).to.throw(
        /it is offered in no zone;/,
      );
    });
  });

  it("the component asks for each service's zones and keeps every compute subnet they cover", async () => {
    const s = await build(argsFor(3), false);
    // Each subnet's id, as its ARN ends.
    const compute = s.subnets("compute").map((x) => String(x.outputs.arn).split("/").pop());
    expect(compute).to.have.length(3);
    for (const id of compute) expect(id).to.match(/^subnet-/);
    const ifaces = s.all(T.endpoint).filter((e) => e.inputs.vpcEndpointType === "Interface");
    expect(ifaces.length).to.be.greaterThan(0);
    for (const e of ifaces) {
      expect(e.inputs.serviceName, e.name).to.match(new RegExp(`^com\\.amazonaws\\.${REGION}\\.`));
      // The offline answer offers every service in every zone of the region.
      expect(e.inputs.subnetIds, e.name).to.deep.equal(compute);
    }
  });
});
