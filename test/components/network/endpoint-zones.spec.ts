// Network: each interface endpoint's compute subnets must be in zones its service is offered in
// (EC2 DescribeVpcEndpointServices): a zone that lacks it fails the preview, naming the service
// and the zones, before anything is created.
import { expect } from "chai";
import {
  checkEndpointZones,
  endpointSubnets,
  Network,
  NetworkArgs,
} from "../../../components/network";
import { record } from "../../../tools/lib/recorder";
import { applyFailures, changeInvokeAnswer } from "../../fixtures/apply-failures";
import { argsFor, build, NAME, REGION, Stack, T } from "../../fixtures/network";

const SERVICE = "com.amazonaws.eu-west-1.ecr.api";
const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
const LOGS = `com.amazonaws.${REGION}.logs`;

/** The Network recorded as `pulumi preview` in an account whose region lacks `lacking` in eu-west-1b. */
function previewWithout(lacking: string, args: NetworkArgs) {
  return record({ project: "platform", stack: "test", preview: true }, () => {
    changeInvokeAnswer("aws:ec2/getVpcEndpointService:getVpcEndpointService", (answer) =>
      answer.serviceName === lacking
        ? { ...answer, availabilityZones: ["eu-west-1a", "eu-west-1c"] }
        : answer,
    );
    new Network(NAME, args);
  });
}

describe("Network: interface endpoints in the zones their service offers", () => {
  describe("checkEndpointZones", () => {
    // eu-west-1 as a new account sees it: 1a = euw1-az3, 1b = euw1-az1, 1c = euw1-az2.
    const IDS = ["euw1-az3", "euw1-az1", "euw1-az2"];
    const AT = ZONES.map((name, i) => ({ name, id: IDS[i] }));
    const check = (placement: "all-azs" | "single-az", offered: string[]) => () =>
      checkEndpointZones(NAME, SERVICE, placement, AT, offered);

    it("all-azs: every compute subnet, passing when the service is offered in every zone", () => {
      expect(endpointSubnets("all-azs", ["s-1", "s-2", "s-3"])).to.deep.equal([
        "s-1",
        "s-2",
        "s-3",
      ]);
      expect(check("all-azs", ZONES)).to.not.throw();
    });

    it("single-az: the first subnet, whose zone alone must offer the service", () => {
      expect(endpointSubnets("single-az", ["s-1", "s-2", "s-3"])).to.deep.equal(["s-1"]);
      expect(check("single-az", ZONES)).to.not.throw();
      // The other zones do not matter to a single-AZ endpoint.
      expect(check("single-az", ["eu-west-1a"])).to.not.throw();
    });

    it("all-azs: refuses a compute zone that lacks the service, naming it, its AZ ID for AVOIDED_ZONE_IDS and the fix", () => {
      expect(check("all-azs", ["eu-west-1a", "eu-west-1c"])).to.throw(
        `Network ${NAME}: the VPC endpoint service ${SERVICE} is not offered in eu-west-1b ` +
          `(euw1-az1), where endpointPlacement "all-azs" puts its endpoint (it is offered in ` +
          `eu-west-1a, eu-west-1c; EC2 DescribeVpcEndpointServices). Add euw1-az1 to ` +
          `AVOIDED_ZONE_IDS (components/network/vpc.ts) so the subnets move to zones that offer ` +
          `it, leave the service out (platform:extraInterfaceEndpoints), or deploy to another region`,
      );
      // Several zones: each named, and every AZ ID to add.
      expect(check("all-azs", ["eu-west-1a"])).to.throw(
        /not offered in eu-west-1b \(euw1-az1\), eu-west-1c \(euw1-az2\),.*Add euw1-az1, euw1-az2 to AVOIDED_ZONE_IDS/,
      );
    });

    it("single-az: refuses when the first zone lacks the service, or no zone offers it", () => {
      expect(check("single-az", ["eu-west-1b"])).to.throw(
        /not offered in eu-west-1a \(euw1-az3\), where endpointPlacement "single-az"/,
      );
      expect(check("single-az", [])).to.throw(/it is offered in no zone;/);
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

  it("the component fails the preview when a compute subnet's zone lacks the service, naming it", async () => {
    const failures = await applyFailures(() => previewWithout(LOGS, argsFor(3)));
    expect(failures).to.have.length.greaterThan(0);
    for (const f of failures) {
      expect(f).to.include(
        `Network ${NAME}: the VPC endpoint service ${LOGS} is not offered in eu-west-1b ` +
          `(euw1-az1), where endpointPlacement "all-azs" puts its endpoint (it is offered in ` +
          `eu-west-1a, eu-west-1c; EC2 DescribeVpcEndpointServices). Add euw1-az1 to ` +
          `AVOIDED_ZONE_IDS`,
      );
    }
  });

  it("the component's single-AZ endpoint needs the service in the first zone only", async () => {
    const s = new Stack(await previewWithout(LOGS, argsFor(3, { endpointPlacement: "single-az" })));
    const logs = s.all(T.endpoint).find((e) => e.inputs.serviceName === LOGS);
    expect(logs, "the logs endpoint").to.not.equal(undefined);
    expect(logs!.inputs.subnetIds).to.have.length(1);
  });
});
