// The zones subnets go in do not depend on a zone's state at this run. EC2 reports a zone as
// available, unavailable or constrained (EC2 API Reference, AvailabilityZone, `State`); a list
// filtered on `available` loses a zone for as long as it is not, and the subnets placed by index
// move to the next zone at the next `pulumi up`, which replaces them (or leaves too few zones).
import { expect } from "chai";
import { AI_ENV_ARGS } from "../../fixtures/ai-environment";
import type { MockCallArgs } from "@pulumi/pulumi/runtime";
import { AiEnvironment, AiEnvironmentArgs } from "../../../components/ai-environment";
import { Network, NetworkArgs, RegionZones, regionZones } from "../../../components/network";
import { record, Recording } from "../../../tools/lib/recorder";
import { changeInvokeAnswer } from "../../fixtures/apply-failures";
import { argsFor, NAME, REGION, T } from "../../fixtures/network";
import { findAll, unwrap, withWarnings } from "../../helpers";

const ZONES = "aws:index/getAvailabilityZones:getAvailabilityZones";

/** The fake's mapping in this account: eu-west-1a is euw1-az3. */
const A = { name: `${REGION}a`, id: "euw1-az3" };

/** Answers as EC2 does while `zone` is constrained: a query for `available` zones leaves it out. */
function constrain(zone: string): void {
  changeInvokeAnswer(ZONES, (answer, args: MockCallArgs) => {
    if (args.inputs?.state !== "available") return answer;
    const keep = (answer.names as string[]).map((n) => n !== zone);
    return {
      ...answer,
      names: (answer.names as string[]).filter((_, i) => keep[i]),
      zoneIds: (answer.zoneIds as string[]).filter((_, i) => keep[i]),
    };
  });
}

/** `program` recorded as `pulumi up` (after `constrain`, when `constrained` names a zone). */
function recordWith(constrained: string | undefined, program: () => unknown) {
  return withWarnings(() =>
    record({ project: "platform", stack: "test", preview: false }, () => {
      if (constrained) constrain(constrained);
      program();
    }),
  );
}

const zonesOf = (rec: Recording) =>
  findAll(rec, T.subnet).map((s) => `${s.name} ${String(s.inputs.availabilityZone)}`);

describe("Network and AI environment: zones stay put whatever their state", () => {
  it("keeps every subnet in its zone while EC2 reports one of them constrained, and warns", async () => {
    const args: NetworkArgs = argsFor(2);
    const before = await recordWith(undefined, () => new Network(NAME, args));
    const during = await recordWith(A.name, () => new Network(NAME, args));
    expect(zonesOf(before.result)).to.include(`${NAME}-compute-0 ${A.name}`);
    expect(zonesOf(during.result)).to.deep.equal(zonesOf(before.result));
    expect(before.warnings.join("\n")).not.to.include("does not report");
    const warning = during.warnings.find((w) => w.includes("does not report"));
    expect(warning).to.include(`Network ${NAME}: EC2 does not report ${A.name} (${A.id})`);
    expect(warning).to.include("a new stack should wait until the zone is available again");
  });

  it("says nothing of a constrained zone the stack does not use", async () => {
    // Two zones per tier use eu-west-1a and eu-west-1b: eu-west-1c's state is not the stack's.
    const during = await recordWith(`${REGION}c`, () => new Network(NAME, argsFor(2)));
    expect(zonesOf(during.result).join("\n")).not.to.include(`${REGION}c`);
    expect(during.warnings.join("\n")).not.to.include("does not report");
  });

  it("still updates a stack on every zone of the region while one is constrained", async () => {
    // eu-west-1 has three zones: with a filtered list, three subnets per tier found only two.
    const during = await recordWith(A.name, () => new Network(NAME, argsFor(3)));
    const zones = findAll(during.result, T.subnet).map((s) => s.inputs.availabilityZone);
    expect([...new Set(zones)].sort()).to.deep.equal([`${REGION}a`, `${REGION}b`, `${REGION}c`]);
  });

  it("keeps the AI environment's one zone while EC2 reports it constrained, and warns", async () => {
    const args: AiEnvironmentArgs = AI_ENV_ARGS;
    const before = await recordWith(undefined, () => new AiEnvironment("ai", args));
    const during = await recordWith(A.name, () => new AiEnvironment("ai", args));
    expect(zonesOf(before.result).every((z) => z.endsWith(A.name))).to.equal(true);
    expect(zonesOf(during.result)).to.deep.equal(zonesOf(before.result));
    expect(during.warnings.join("\n")).to.include(
      `AiEnvironment ai: EC2 does not report ${A.name} (${A.id})`,
    );
  });

  it("lists the zones in name order with their AZ IDs, and which are available now", async () => {
    let zones: RegionZones | undefined;
    await record({ project: "platform", stack: "test", preview: false }, async () => {
      constrain(A.name);
      zones = await unwrap(regionZones({}));
    });
    expect(zones).to.deep.equal({
      names: [`${REGION}a`, `${REGION}b`, `${REGION}c`],
      ids: [A.id, "euw1-az1", "euw1-az2"],
      availableIds: ["euw1-az1", "euw1-az2"],
    });
  });
});
