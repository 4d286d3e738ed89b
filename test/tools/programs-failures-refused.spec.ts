// Programs whose resources a region or a remote component refuses before anything is created:
// more availability zones than the region has (the fake AWS's zone list), and an awsx Vpc whose
// inputs awsx's plugin refuses. Each stops at the program's line with the refusal's own message.
import { expect } from "chai";
import { failsAtLine, lineOf, QueuedRuns } from "./program-runs";

const runs = new QueuedRuns();

describe("programs a region or awsx refuses, offline", function () {
  this.timeout(300_000);

  before(() => {
    // Everything the tests below await, queued up front so the pool runs two at a time.
    runs.queueRun("fail-too-many-azs", "wide");
    runs.queueRun("fail-awsx-refused");
    runs.queueRun("fail-awsx-refused", "nat");
    runs.queueRun("fail-awsx-refused", "tight");
    runs.queueRun("fail-too-many-azs");
  });

  const failsAt = (fixture: string, snippet: string, message: RegExp | string, stack?: string) =>
    failsAtLine(runs, fixture, snippet, message, stack);

  it("more availability zones than the region has", async () => {
    await failsAt(
      "fail-too-many-azs",
      "throw new Error(",
      /^azCount is 6, but eu-west-1 has only/,
      "wide",
    );
  });

  // awsx's plugin refuses these inputs before it creates anything (pulumi/pulumi-awsx
  // awsx/ec2/vpc.ts): the registration fails at the program's line, with awsx's own message.
  it("an awsx Vpc asking for more zones than the region has fails as awsx fails it", async () => {
    const f = await failsAt(
      "fail-awsx-refused",
      'new awsx.ec2.Vpc("net", { numberOfAvailabilityZones: 4 })',
      "awsx refuses awsx:ec2:Vpc net (input numberOfAvailabilityZones) and creates nothing: " +
        "The configured region for this provider does not have at least 4 Availability Zones.",
    );
    expect(f.message).to.contain("pulumi/pulumi-awsx awsx/ec2/vpc.ts");
  });

  it("an awsx Vpc with a NAT strategy and no public subnet fails as awsx fails it", async () => {
    await failsAt(
      "fail-awsx-refused",
      'new awsx.ec2.Vpc("net", { subnetSpecs',
      "(input subnetSpecs) and creates nothing: If NAT Gateway strategy is 'OnePerAz' or 'Single', " +
        "both private and public subnets must be declared.",
      "nat",
    );
  });

  it("an awsx Vpc whose subnets do not fit its block fails as awsx's allocator fails it", async () => {
    await failsAt(
      "fail-awsx-refused",
      'new awsx.ec2.Vpc("net", { cidrBlock: "10.0.0.0/24",',
      "awsx refuses awsx:ec2:Vpc net (input subnetSpecs) and creates nothing: Subnets are too " +
        "large for VPC. VPC has 64 addresses, but subnets require 96 addresses.",
      "tight",
    );
  });

  // Needs the real AZ list of the fake AWS (tools/lib/fake-aws/regions.ts: eu-west-1 has 3);
  // the mock gives every region zones a-d, so `azCount: 4` passes until it lands.
  it("azCount 4 in eu-west-1, which has three zones, fails as it would at deploy", async () => {
    const r = await runs.run("fail-too-many-azs");
    expect(r.failure?.message).to.match(
      /^azCount is 4, but eu-west-1 has only 3 availability zones/,
    );
    expect(r.failure?.location?.line).to.equal(
      lineOf("fail-too-many-azs/index.ts", "throw new Error("),
    );
  });
});
