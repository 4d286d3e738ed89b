// The fake's answer to getVpcEndpointService (EC2 DescribeVpcEndpointServices), which the Network
// asks at preview to put each interface endpoint only in zones its service offers: every zone of
// the region offers an AWS service; another owner's service is not known offline.
import { expect } from "chai";
import { invoke } from "../../../tools/lib/fake-aws";

const ENV = { accountId: "123456789012", region: "eu-west-1" };
const TOKEN = "aws:ec2/getVpcEndpointService:getVpcEndpointService";
const call = (args: Record<string, any>) => invoke(TOKEN, args, ENV);

describe("fake AWS: getVpcEndpointService", () => {
  it("offers an AWS service, named by service, in every zone of the region", () => {
    expect(call({ service: "ecr.api", serviceType: "Interface" })).to.deep.include({
      serviceName: "com.amazonaws.eu-west-1.ecr.api",
      serviceType: "Interface",
      owner: "amazon",
      availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
      privateDnsName: "ecr.api.eu-west-1.amazonaws.com",
    });
  });

  it("reads the service from serviceName or a service-name filter alike", () => {
    const byName = call({ serviceName: "com.amazonaws.eu-west-1.logs" });
    const byFilter = call({
      filters: [{ name: "service-name", values: ["com.amazonaws.eu-west-1.logs"] }],
    });
    expect(byName.serviceName).to.equal("com.amazonaws.eu-west-1.logs");
    expect(byFilter.serviceId)
      .to.equal(byName.serviceId)
      .and.match(/^vpce-svc-[0-9a-f]{17}$/);
    expect(byFilter.availabilityZones).to.have.length(3);
  });

  it("does not invent another owner's service, and says how to answer it", () => {
    expect(() =>
      call({ serviceName: "com.amazonaws.vpce.eu-west-1.vpce-svc-0e87519c997c63cd8" }),
    ).to.throw(
      /cannot answer the invoke aws:ec2\/getVpcEndpointService.*not an AWS service.*--invoke-answers/,
    );
    expect(() => call({})).to.throw(/not an AWS service/);
  });
});
