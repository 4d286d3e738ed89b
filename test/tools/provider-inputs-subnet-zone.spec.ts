// A subnet in a zone of another region than the one it is created in (subnet-zone.ts): AWS's
// CreateSubnet refuses it at `pulumi up`. The region is the subnet's own, its provider's, or on
// the default provider the stack's (created-in.ts); nothing unknown is judged.
import { expect } from "chai";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../../tools/lib/engine/wire";

const secret = (value: string) => ({ [SIG_KEY]: SECRET_SIG, value });
import type { EngineResource } from "../../tools/lib/engine/monitor";
import { refusedAcrossPhases } from "../../tools/lib/provider-checks";
import { zoneRegion } from "../../tools/lib/provider-checks/subnet-zone";
import { SUBNET } from "./provider-inputs-cases-network";

const META = { stack: "dev", project: "app", outputs: {} };

describe("provider inputs: a subnet in a zone of the region it is created in", () => {
  const subnet = (inputs: Record<string, unknown>, provider?: string): EngineResource => ({
    ...handBuiltResource(
      SUBNET,
      "public-a",
      { vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", availabilityZone: "us-west-2a", ...inputs },
      META,
    ),
    provider,
  });
  const awsProvider = (region: unknown) =>
    handBuiltResource("pulumi:providers:aws", "euc1", { region }, META);
  const refused = (stackRegion: string | undefined, ...resources: EngineResource[]) =>
    refusedAcrossPhases([{ phase: "preview", resources }], { region: stackRegion }).filter(
      (r) => r.prop === "availabilityZone",
    );

  it("accepts a zone of the stack's region: the compliant fixture", () => {
    expect(refused("us-west-2", subnet({}))).to.deep.equal([]);
  });

  it("refuses at create a zone of another region than the stack's, with the fix", () => {
    const [other, ...more] = refused("us-west-2", subnet({ availabilityZone: "eu-central-1a" }));
    expect(more).to.deep.equal([]);
    expect([other.prop, other.value, other.by, other.phases]).to.deep.equal([
      "availabilityZone",
      "eu-central-1a",
      "aws",
      ["preview"],
    ]);
    expect(other.says).to.deep.equal([
      "AvailabilityZone eu-central-1a is a zone of eu-central-1, but the subnet is created in us-west-2 (the stack's region): a subnet's zone is one of its region's",
    ]);
    expect(other.fix).to.include("a zone of us-west-2");
    expect(other.source).to.include("API_CreateSubnet");
  });

  it("judges against the subnet's own region, else its explicit provider's", () => {
    const [own] = refused("eu-central-1", subnet({ region: "eu-central-1" }));
    expect(own.says[0]).to.include("created in eu-central-1 (its region input)");
    const euc1 = awsProvider("eu-central-1");
    const [viaProvider] = refused("us-west-2", euc1, subnet({}, `${euc1.urn}::p1`));
    expect(viaProvider.says[0]).to.include("created in eu-central-1 (its provider's region)");
    // An empty region input is none: the stack's region stands.
    expect(refused("us-west-2", subnet({ region: "" }))).to.deep.equal([]);
    const [empty] = refused("eu-central-1", subnet({ region: "" }));
    expect(empty.says[0]).to.include("created in eu-central-1 (the stack's region)");
    // The same zone in its own region or its provider's passes.
    expect(refused("eu-central-1", subnet({ region: "us-west-2" }))).to.deep.equal([]);
    const usw2 = awsProvider("us-west-2");
    expect(refused("eu-central-1", usw2, subnet({}, `${usw2.urn}::p1`))).to.deep.equal([]);
  });

  it("accepts Local Zones and Wavelength Zones of the region", () => {
    for (const zone of ["us-west-2-lax-1a", "us-west-2-wl1-las-wlz-1", "us-west-2d"])
      expect(refused("us-west-2", subnet({ availabilityZone: zone })), zone).to.deep.equal([]);
    const [local] = refused("us-west-2", subnet({ availabilityZone: "us-east-1-bos-1a" }));
    expect(local.says[0]).to.include("is a zone of us-east-1");
  });

  it("judges nothing it cannot know", () => {
    const fromRef = awsProvider(UNKNOWN);
    const secretRegion = awsProvider(secret("us-west-2"));
    for (const [stackRegion, resources] of [
      // No region: the stack sets none; the provider's is unknown; an explicit provider that
      // names none reads its own environment, never the stack's.
      [undefined, [subnet({ availabilityZone: "eu-central-1a" })]],
      ["us-west-2", [fromRef, subnet({ availabilityZone: "eu-central-1a" }, `${fromRef.urn}::p1`)]],
      ["us-west-2", [subnet({ availabilityZone: "eu-central-1a", region: UNKNOWN })]],
      // The zone is unknown at preview, absent (AWS picks one), or a zone id.
      ["us-west-2", [subnet({ availabilityZone: UNKNOWN })]],
      ["us-west-2", [subnet({ availabilityZone: undefined })]],
      ["us-west-2", [subnet({ availabilityZone: undefined, availabilityZoneId: "euc1-az1" })]],
      // A secret zone or region: a refusal would write the secret out.
      ["us-west-2", [subnet({ availabilityZone: secret("eu-central-1a") })]],
      [
        "eu-central-1",
        [subnet({ region: secret("us-west-2"), availabilityZone: "eu-central-1a" })],
      ],
      [
        "eu-central-1",
        [secretRegion, subnet({ availabilityZone: "eu-central-1a" }, `${secretRegion.urn}::p1`)],
      ],
    ] as [string | undefined, EngineResource[]][])
      expect(
        refused(stackRegion, ...resources),
        JSON.stringify(resources[resources.length - 1].inputs),
      ).to.deep.equal([]);
  });

  it("reads the region of zone names only", () => {
    expect(
      ["eu-central-1a", "us-gov-west-1b", "ap-southeast-2-akl-1a", "usw2-az1", "nowhere"].map(
        zoneRegion,
      ),
    ).to.deep.equal(["eu-central-1", "us-gov-west-1", "ap-southeast-2", undefined, undefined]);
  });
});
