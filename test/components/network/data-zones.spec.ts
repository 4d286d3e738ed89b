// The data tier's zones: Redshift Serverless takes three subnets in three AZs, except in us-west-1,
// where accounts see two zones and it takes three subnets in two of them, one zone holding two
// (Redshift docs, "Considerations when using Amazon Redshift Serverless", "Three subnets").
import { expect } from "chai";
import { parseStackConfig } from "../../../components/config";
import { dataTierZoneCount } from "../../../components/analytics.keys";
import { Network } from "../../../components/network";
import type { RecordedResource } from "../../../tools/lib/recorder";
import { argsFor, buildError, cidrsFor, NAME } from "../../fixtures/network";
import { findAll, recordComponent, runStack, stackConfig, unwrap } from "../../helpers";

const SUBNET = "aws:ec2/subnet:Subnet";
const WORKGROUP = "aws:redshiftserverless/workgroup:Workgroup";

/** The zone of each subnet of `tier` in `stack` run in `region`, in subnet order. */
async function tierZones(
  stack: string,
  region: string,
  tier: string,
): Promise<{ zones: string[]; workgroupSubnets: unknown[] }> {
  const rec = await runStack(stack, { overrides: { "aws:region": region } });
  const subnets = findAll(rec, SUBNET)
    .filter((s: RecordedResource) => s.inputs.tags?.tier === tier)
    .sort((a, b) => a.name.localeCompare(b.name));
  const [workgroup] = findAll(rec, WORKGROUP);
  return {
    zones: subnets.map((s) => String(s.inputs.availabilityZone)),
    workgroupSubnets: workgroup.inputs.subnetIds,
  };
}

/**
 * A Network of two AZs with three data subnets in `dataTierZoneCount` zones: each data subnet's
 * zone as its subnet has it and as `hostSubnets("data")` reports it (by AZ ID, mapped to the
 * name through the Network's own azNames/azIds), in subnet order.
 */
async function dataZonesBothWays(
  dataTierZoneCount: number | undefined,
): Promise<{ subnets: string[]; hostSubnets: string[] }> {
  const data = [...cidrsFor(3).data];
  let network: Network | undefined;
  const rec = await recordComponent(() => {
    network = new Network(NAME, {
      ...argsFor(2),
      subnetCidrs: { ...cidrsFor(2), data },
      dataTierZoneCount,
    });
  });
  const n = network!;
  const names = await Promise.all(n.azNames.map((z) => unwrap(z)));
  const ids = await Promise.all(n.azIds.map((z) => unwrap(z)));
  const host = n.hostSubnets("data");
  const hostIds = await Promise.all(host.zoneIds.map((z) => unwrap(z)));
  const subnets = findAll(rec, SUBNET)
    .filter((s: RecordedResource) => s.inputs.tags?.tier === "data")
    .sort((a, b) => a.name.localeCompare(b.name));
  expect(host.subnetIds).to.have.length(subnets.length);
  return {
    subnets: subnets.map((s) => String(s.inputs.availabilityZone)),
    hostSubnets: hostIds.map((id) => names[ids.indexOf(id)]),
  };
}

describe("Network: the data tier's zones", () => {
  it('hostSubnets("data") gives each data subnet the zone the subnet is in, also where they share zones', async () => {
    // Two zones for three subnets (us-west-1): the third subnet is in the first zone again.
    const shared = await dataZonesBothWays(2);
    expect(shared.subnets).to.have.length(3);
    expect(shared.subnets[2]).to.equal(shared.subnets[0]);
    expect(shared.hostSubnets).to.deep.equal(shared.subnets);
    // One zone per data subnet (the default): three zones.
    const own = await dataZonesBothWays(undefined);
    expect(new Set(own.subnets).size).to.equal(3);
    expect(own.hostSubnets).to.deep.equal(own.subnets);
  });

  it("us-west-1: staging's three data subnets share its two zones, one zone holding two", async () => {
    const data = await tierZones("staging", "us-west-1", "data");
    expect(data.zones).to.have.length(3);
    const counts = new Map<string, number>();
    for (const z of data.zones) counts.set(z, (counts.get(z) ?? 0) + 1);
    expect([...counts.values()].sort()).to.deep.equal([1, 2]);
    // The other tiers keep one subnet per zone, in the same two zones.
    const compute = await tierZones("staging", "us-west-1", "compute");
    expect(new Set(compute.zones)).to.deep.equal(new Set(counts.keys()));
    expect(data.workgroupSubnets).to.have.length(3);
  });

  it("elsewhere: one data subnet per zone, three zones", async () => {
    const data = await tierZones("staging", "eu-west-1", "data");
    expect(data.zones).to.have.length(3);
    expect(new Set(data.zones).size).to.equal(3);
  });

  it("us-west-1 is accepted with two AZs; more are refused, naming the key and the fix", () => {
    const staging = { ...stackConfig("staging"), "aws:region": "us-west-1" };
    expect(parseStackConfig(staging).network.azCount).to.equal(2);
    expect(() =>
      parseStackConfig({ ...staging, "platform:azCount": 3, "platform:environment": "staging" }),
    ).to.throw(
      /platform:azCount: 3 availability zones, but us-west-1 offers an account 2: `pulumi config set platform:azCount 2/,
    );
  });

  it("dataTierZoneCount: two zones in us-west-1, one per data subnet elsewhere", () => {
    expect(dataTierZoneCount("us-west-1", 3)).to.equal(2);
    expect(dataTierZoneCount("eu-west-1", 3)).to.equal(3);
    expect(dataTierZoneCount("eu-west-1", 4)).to.equal(4);
  });

  it("the Network refuses a data zone count outside its tiers' counts, naming the argument", async () => {
    const args = argsFor(3);
    for (const bad of [2, 4]) {
      const message = await buildError({ ...args, dataTierZoneCount: bad });
      expect(message).to.include(
        `dataTierZoneCount: ${bad} must be a whole number from the public and compute tiers' 3 AZs to the 3 data subnets`,
      );
    }
    // Unset, it is never what a message blames.
    const short = await buildError({
      ...args,
      subnetCidrs: { ...args.subnetCidrs, data: args.subnetCidrs.data.slice(0, 2) },
    });
    expect(short).to.include("subnetCidrs").and.not.include("dataTierZoneCount");
  });
});
