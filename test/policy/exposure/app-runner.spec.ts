// App Runner services: a public endpoint (isPubliclyAccessible, public by App Runner's default) and
// outbound traffic through App Runner's own network (egressType "DEFAULT", also App Runner's
// default when left out) instead of a VPC connector. No scanner has these rules; the fixtures follow the provider's own examples
// (aws.apprunner.Service "Service with a VPC connector" and a private service with a VPC ingress
// connection).
import { expect } from "chai";
import { policy, previewNotes, res, UNKNOWN as U, violations } from "../fixture";
import { APPRUNNER_SERVICE } from "../../../policy-pack/lib/types";

const source = {
  autoDeploymentsEnabled: false,
  imageRepository: {
    imageConfiguration: { port: "8000" },
    imageIdentifier: "public.ecr.aws/aws-containers/hello-app-runner:latest",
    imageRepositoryType: "ECR_PUBLIC",
  },
};
const network = (ingress?: boolean, egressType?: string) => ({
  ...(ingress !== undefined && { ingressConfiguration: { isPubliclyAccessible: ingress } }),
  ...(egressType !== undefined && {
    egressConfiguration: { egressType, ...(egressType === "VPC" && { vpcConnectorArn: U }) },
  }),
});
const service = (networkConfiguration?: Record<string, unknown>) =>
  res(APPRUNNER_SERVICE, "svc", {
    serviceName: "example",
    sourceConfiguration: source,
    ...(networkConfiguration && { networkConfiguration }),
  });
/** A private service with a VPC connector: what every rule here passes. */
const compliant = () => service(network(false, "VPC"));

describe("apprunner-service-not-public", () => {
  const p = policy("apprunner-service-not-public");
  it("passes a private endpoint with VPC egress", async () => {
    expect(await violations(p, [compliant()])).to.deep.equal([]);
    expect(await previewNotes(p, [compliant()])).to.deep.equal([]);
  });
  it("passes a private endpoint whatever the egress", async () => {
    expect(await violations(p, [service(network(false))])).to.deep.equal([]);
  });
  it("reports isPubliclyAccessible: true, and says when egress is not the VPC either", async () => {
    expect(await violations(p, [service(network(true, "VPC"))])).to.deep.equal([
      "svc: networkConfiguration.ingressConfiguration.isPubliclyAccessible is true: the service answers any client on the internet.",
    ]);
    const both = await violations(p, [service(network(true, "DEFAULT"))]);
    expect(both).to.have.length(1);
    expect(both[0]).to.contain("does not go through the VPC either");
  });
  it("reports the flag left out: the public endpoint is App Runner's default", async () => {
    for (const svc of [service(), service(network(undefined, "VPC"))]) {
      const found = await violations(p, [svc]);
      expect(found).to.have.length(1);
      expect(found[0]).to.contain("is not set, and App Runner's default is a public endpoint");
    }
  });
  it("a flag unknown at preview is a preview note, not a pass", async () => {
    const svc = service({ ingressConfiguration: { isPubliclyAccessible: U } });
    expect(await violations(p, [svc])).to.deep.equal([]);
    expect(await previewNotes(p, [svc])).to.have.length(1);
  });
});

describe("apprunner-service-egress-through-vpc", () => {
  const p = policy("apprunner-service-egress-through-vpc");
  it("passes egressType VPC with a connector", async () => {
    expect(await violations(p, [compliant()])).to.deep.equal([]);
  });
  it('reports egressType "DEFAULT", public or private endpoint', async () => {
    for (const ingress of [true, false]) {
      expect(await violations(p, [service(network(ingress, "DEFAULT"))])).to.deep.equal([
        'svc: networkConfiguration.egressConfiguration.egressType is "DEFAULT": outbound traffic reaches the internet outside the VPC.',
      ]);
    }
  });
  it("reports egress left out: App Runner's default is DEFAULT, public egress", async () => {
    for (const svc of [service(), service(network(false)), service({ egressConfiguration: {} })]) {
      expect(await violations(p, [svc])).to.deep.equal([
        'svc: networkConfiguration.egressConfiguration.egressType is left out, and App Runner defaults it to "DEFAULT": outbound traffic reaches the internet outside the VPC.',
      ]);
    }
  });
  it("an egress type unknown at preview is a preview note, not a pass", async () => {
    const svc = service({ egressConfiguration: { egressType: U } });
    expect(await violations(p, [svc])).to.deep.equal([]);
    expect(await previewNotes(p, [svc])).to.have.length(1);
  });
});
