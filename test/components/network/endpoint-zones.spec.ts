// Network: each interface endpoint goes only in the compute subnets whose zone its service is
// offered in (EC2 DescribeVpcEndpointServices), and too few such zones fail the preview, naming
// the service and the zones, before anything is created.
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

    it("all-azs: leaves out the subnet whose zone lacks the service", () => {
      const offered = ["eu-west-1a", "eu-west-1c"];
      expect(endpointSubnetIndexes(NAME, SERVICE, "all-azs", ZONES, offered)).to.deep.equal([0, 2]);
    });

    it("single-az: the first subnet whose zone offers the service", () => {
      expect(endpointSubnetIndexes(NAME, SERVICE, "single-az", ZONES, ZONES)).to.deep.equal([0]);
      const offered = ["eu-west-1b", "eu-west-1c"];
      expect(endpointSubnetIndexes(NAME, SERVICE, "single-az", ZONES, offered)).to.deep.equal([1]);
    });

    it("all-azs: refuses a single remaining zone, naming the service, the zones and the fix", () => {
      expect(() =>
        endpointSubnetIndexes(NAME, SERVICE, "all-azs", ZONES, ["eu-west-1b", "eu-west-2a"]),
      ).to.throw(
        new RegExp(
          `Network ${NAME}: the VPC endpoint service ${SERVICE.replace(/\./g, "\\.")} is offered in ` +
            `eu-west-1b, eu-west-2a .*1 of the compute subnets' zones \\(eu-west-1a, eu-west-1b, ` +
            `eu-west-1c\\).*"all-azs" needs 2.*AVOIDED_ZONE_IDS`,
        ),
      );
    });

    it("single-az: refuses when no compute zone offers the service", () => {
      expect(() => endpointSubnetIndexes(NAME, SERVICE, "single-az", ZONES, [])).to.throw(
        /is offered in no zone .*"single-az" needs 1/,
      );
    });

    it("one compute zone: all-azs needs that one", () => {
      expect(endpointSubnetIndexes(NAME, SERVICE, "all-azs", ["eu-west-1a"], ZONES)).to.deep.equal([
        0,
      ]);
    });
  });

  it("the component asks for each service's zones and takes the compute subnets they cover", async () => {
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
