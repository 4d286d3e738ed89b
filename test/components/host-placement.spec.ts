// Where the hosts go: each takes the first of its candidate subnets whose zone offers its instance
// type (EC2 DescribeInstanceTypeOfferings), stays in the first zone while it offers the type, and
// fails naming the host, the type and the fix when no candidate's zone does.
import { expect } from "chai";
import { AI_ENV_ARGS } from "../fixtures/ai-environment";
import { AiEnvironment, AiEnvironmentArgs, aiZone } from "../../components/ai-environment";
import {
  firstOfferingIndex,
  HardenedHost,
  HardenedHostArgs,
  placeHost,
} from "../../components/host";
import { record, RecordedResource, Recording } from "../../tools/lib/recorder";
import { applyFailures } from "../fixtures/apply-failures";
import { ALL_FEATURES_ON } from "../fixtures/features";
import { HARDENED_HOST_ARGS } from "../fixtures/private-host";
import { deployableCertificateArn, findAll, findOne, loadProgram, stackConfig } from "../helpers";

const INSTANCE = "aws:ec2/instance:Instance";
const EICE = "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint";
const SUBNET = "aws:ec2/subnet:Subnet";
// eu-west-1 as a new account sees it: eu-west-1a = euw1-az3, 1b = euw1-az1, 1c = euw1-az2.
const ZONES = ["euw1-az3", "euw1-az1", "euw1-az2"];

const host: HardenedHostArgs = {
  ...HARDENED_HOST_ARGS,
  subnets: {
    subnetIds: ["subnet-cmp-a", "subnet-cmp-b", "subnet-cmp-c"],
    zoneIds: ZONES,
    fix: "Set platform:exampleInstanceType to another type",
  },
};

/** A subnet's id, from its ARN (`arn:aws:ec2:<region>:<account>:subnet/<id>`). */
function idOf(subnet: RecordedResource): string {
  return String(subnet.outputs.arn).split("/").pop()!;
}

/** Records `program` in eu-west-1 where each listed type is offered only in the given AZ IDs. */
async function run(
  offered: Record<string, string[]>,
  program: () => unknown,
  opts: { preview?: boolean; stack?: string; config?: Record<string, unknown> } = {},
): Promise<{ rec?: Recording; error: string }> {
  let error = "";
  const rec = await record(
    {
      project: "platform",
      stack: opts.stack ?? "test",
      preview: opts.preview ?? false,
      config: opts.config ?? { "aws:region": "eu-west-1" },
      env: { instanceTypeZones: offered },
    },
    program,
  ).catch((e: unknown) => {
    error = String(e);
    return undefined;
  });
  return { rec, error };
}

/** The errors `program` fails with in an `apply` (`applyFailures`). */
function failuresOf(offered: Record<string, string[]>, program: () => void): Promise<string[]> {
  return applyFailures(() => run(offered, program));
}

describe("Host placement: the instance type offered in the host's zone", () => {
  it("keeps the first candidate while its zone offers the type, whatever order AWS lists zones in", () => {
    expect(
      firstOfferingIndex("h", "t4g.nano", ZONES, ["euw1-az2", "euw1-az1", "euw1-az3"]),
    ).to.equal(0);
    expect(firstOfferingIndex("h", "t4g.nano", ZONES, ["euw1-az2", "euw1-az1"])).to.equal(1);
    expect(firstOfferingIndex("h", "t4g.nano", ZONES, ["euw1-az2"])).to.equal(2);
  });

  it("names the host, the type, the zones and the fix when no candidate's zone offers it", () => {
    expect(() => firstOfferingIndex("Tunnel", "t4g.nano", ZONES, ["euw1-az9"], "Set X")).to.throw(
      "Tunnel: instance type t4g.nano is not offered in the zones it may use (euw1-az3, euw1-az1, euw1-az2); the region offers it only in euw1-az9 (EC2 DescribeInstanceTypeOfferings). Set X.",
    );
    expect(() => firstOfferingIndex("Tunnel", "t4g.nano", ["euw1-az3"], [])).to.throw(
      "the region offers it in no zone (EC2 DescribeInstanceTypeOfferings). Choose another instance type or region.",
    );
  });

  it("HardenedHost: the instance and its connect endpoint go in the first subnet whose zone offers the type", async () => {
    const every = await run({}, () => new HardenedHost("h", host));
    expect(findOne(every.rec!, INSTANCE, "h-server").inputs.subnetId).to.equal("subnet-cmp-a");
    const { rec } = await run({ "t4g.small": ["euw1-az2", "euw1-az1"] }, () => {
      new HardenedHost("h", host);
    });
    expect(findOne(rec!, INSTANCE, "h-server").inputs.subnetId).to.equal("subnet-cmp-b");
    expect(findAll(rec!, EICE)[0].inputs.subnetId).to.equal("subnet-cmp-b");
  });

  it("HardenedHost: fails naming the host, its type and the config key to change when no zone offers it", async () => {
    const [error, ...others] = await failuresOf({ "t4g.small": [] }, () => {
      placeHost("HardenedHost h", "t4g.small", host.subnets, {});
    });
    expect(others).to.deep.equal([]);
    expect(error).to.include("HardenedHost h: instance type t4g.small is not offered");
    expect(error).to.include("Set platform:exampleInstanceType to another type");
  });

  it("AiEnvironment: plans its one AZ where the server's type is offered, and fails clearly where none is", async () => {
    const ai: AiEnvironmentArgs = AI_ENV_ARGS;
    const first = await run({}, () => new AiEnvironment("ai", ai));
    expect(findOne(first.rec!, SUBNET, "ai-private").inputs.availabilityZone).to.equal(
      "eu-west-1a",
    );
    const { rec } = await run({ "t3.large": ["euw1-az2"] }, () => new AiEnvironment("ai", ai));
    for (const role of ["ai-public", "ai-private"])
      expect(findOne(rec!, SUBNET, role).inputs.availabilityZone, role).to.equal("eu-west-1c");
    expect(findOne(rec!, INSTANCE, "ai-server").inputs.subnetId).to.equal(
      idOf(findOne(rec!, SUBNET, "ai-private")),
    );
    const [error, ...others] = await failuresOf({ "t3.large": [] }, () => {
      aiZone("ai", "t3.large", {});
    });
    expect(others).to.deep.equal([]);
    expect(error).to.include("AiEnvironment ai: instance type t3.large is not offered");
    expect(error).to.include("Pass the AiEnvironment another instanceType");
  });
});

describe("Host placement in the staging stack, every feature on", function () {
  this.timeout(240_000);
  const config = (): Record<string, unknown> => {
    const c = stackConfig("staging", ALL_FEATURES_ON);
    c["platform:certificateArn"] = deployableCertificateArn("eu-west-1");
    return c;
  };
  const subnetOf = (rec: Recording, name: string) => {
    const id = findOne(rec, INSTANCE, name).inputs.subnetId;
    return findAll(rec, SUBNET).find((s) => idOf(s) === id)!;
  };

  it("moves the tunnel host and the test server (which shares its endpoint) to the first compute subnet whose zone offers both", async () => {
    const offered = { "t4g.nano": ["euw1-az1", "euw1-az2"], "t4g.small": ["euw1-az1"] };
    const { rec, error } = await run(offered, loadProgram, { stack: "staging", config: config() });
    expect(error).to.equal("");
    expect(subnetOf(rec!, "staging-access-host").name).to.equal("staging-network-compute-1");
    expect(subnetOf(rec!, "staging-test-server-server").name).to.equal("staging-network-compute-1");
    // One endpoint in the main VPC, in the hosts' subnet (the AI environment's VPC has its own).
    expect(
      findAll(rec!, EICE)
        .map((e) => e.name)
        .sort(),
    ).to.deep.equal(["staging-ai-eice", "staging-connect-eice"]);
    expect(findOne(rec!, EICE, "staging-connect-eice").inputs.subnetId).to.equal(
      idOf(findOne(rec!, SUBNET, "staging-network-compute-1")),
    );
  });

  it("keeps the endpoint where both hosts' types are offered even with the test server off", async () => {
    const offered = { "t4g.nano": ["euw1-az1", "euw1-az2"], "t4g.small": ["euw1-az1"] };
    const c = { ...config(), "platform:testServerEnabled": "false" };
    const { rec, error } = await run(offered, loadProgram, { stack: "staging", config: c });
    expect(error).to.equal("");
    expect(findOne(rec!, EICE, "staging-connect-eice").inputs.subnetId).to.equal(
      idOf(findOne(rec!, SUBNET, "staging-network-compute-1")),
    );
    expect(subnetOf(rec!, "staging-access-host").name).to.equal("staging-network-compute-1");
  });
});
