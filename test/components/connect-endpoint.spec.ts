// ConnectEndpoint: the VPC's one EC2 Instance Connect Endpoint has one owner whatever uses it, so
// changing platform:biAccessMode or platform:testServerEnabled never moves it (AWS allows one per
// VPC, and a moved endpoint would be created before the old one went). Existing stacks, whose
// endpoint the access layer or the test server created, keep it through aliases.
import { expect } from "chai";
import { ConnectEndpoint } from "../../components/connect-endpoint";
import { zonesOfferingAll } from "../../components/host/placement";
import { record, Recording } from "../../tools/lib/recorder";
import { recordStack } from "../../tools/lib/recording";
import { applyFailures } from "../fixtures/apply-failures";
import { HOST_MOVE_SCENARIOS, URNS_BEFORE_HARDENED_HOST } from "../fixtures/host-moved-urns";
import { findAll, findOne, recordComponent } from "../helpers";

const T = {
  component: "platform:access:ConnectEndpoint",
  eice: "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint",
  sg: "aws:ec2/securityGroup:SecurityGroup",
};
// The two modes with a test server are the recordings the URNs before the move come from (every
// optional feature on, the test server among them): the host spec, run in the same test process,
// records the same two, so each is run once.
const MODES = {
  "private, test server": HOST_MOVE_SCENARIOS.private,
  "private, no test server": { "platform:testServerEnabled": false },
  "bastion, test server": HOST_MOVE_SCENARIOS.bastion,
} as const;
const PREFIX = "urn:pulumi:staging::platform::";

describe("ConnectEndpoint", () => {
  describe("one owner across the modes (staging, recorded as pulumi preview)", function () {
    // Three whole-program runs, started together in `before` and awaited by the first test, each
    // in its own language host, like the host and cost specs': on a busy machine they take longer
    // than mocha's default.
    this.timeout(300_000);
    const runs = new Map<string, Promise<Recording>>();
    before(() => {
      for (const [mode, overrides] of Object.entries(MODES)) {
        const run = recordStack("staging", { overrides });
        run.catch(() => undefined);
        runs.set(mode, run);
      }
    });

    it("keeps the endpoint's and its group's URNs, and its subnet, whichever host uses it", async () => {
      const seen = new Set<string>();
      for (const mode of Object.keys(MODES)) {
        const rec = await runs.get(mode)!;
        const eice = findAll(rec, T.eice).filter((r) => r.parent?.includes(T.component));
        expect(eice, mode).to.have.length(1);
        const sg = findOne(rec, T.sg, "staging-connect-eice-sg");
        seen.add(JSON.stringify([eice[0].urn, sg.urn, eice[0].inputs.subnetId]));
      }
      expect([...seen], "the same in every mode").to.have.length(1);
      const [urn] = JSON.parse([...seen][0]);
      expect(urn).to.equal(
        `${PREFIX}platform:access:ConnectEndpoint$${T.eice}::staging-connect-eice`,
      );
    });

    it("is the VPC's only endpoint: the hosts share it and create none", async () => {
      for (const mode of Object.keys(MODES)) {
        const rec = await runs.get(mode)!;
        const network = findAll(rec, T.eice).filter((r) => !r.parent?.includes("AiEnvironment"));
        expect(
          network.map((r) => r.name),
          mode,
        ).to.deep.equal(["staging-connect-eice"]);
      }
    });

    it("deletes the old endpoint before it creates a new one", async () => {
      const rec = await runs.get("private, test server")!;
      expect(findOne(rec, T.eice, "staging-connect-eice").options.deleteBeforeReplace).to.equal(
        true,
      );
    });

    for (const [mode, owner, ownerType] of [
      ["private, test server", "access", "platform:access:Access"],
      ["bastion, test server", "test-server", "platform:test-server:TestServer"],
    ] as const) {
      it(`${mode}: aliases the URNs the ${owner} layer's endpoint and group had`, async () => {
        const rec = await runs.get(mode)!;
        const before =
          URNS_BEFORE_HARDENED_HOST[mode.startsWith("private") ? "private" : "bastion"];
        for (const [type, role] of [
          [T.eice, "eice"],
          [T.sg, "eice-sg"],
        ] as const) {
          const r = findOne(rec, type, `staging-connect-${role}`);
          const old = `staging-${owner}-${role}`;
          // Under the layer's HardenedHost (the last program), and under the layer itself (before).
          expect(r.options.aliases, old).to.include(
            `${PREFIX}${ownerType}$platform:host:HardenedHost$${type}::${old}`,
          );
          const layerUrn = before.find((u) => u.endsWith(`$${type}::${old}`));
          expect(layerUrn, `${old} in the recorded URNs`).to.be.a("string");
          expect(r.options.aliases).to.include(layerUrn);
        }
      });
    }

    it("adopts a former owner's group without replacing it for its description", async () => {
      const rec = await runs.get("bastion, test server")!;
      const sg = findOne(rec, T.sg, "staging-connect-eice-sg");
      expect(sg.options.ignoreChanges).to.include("description");
    });
  });

  describe("placement", () => {
    it("takes the zones that offer every host type beside it", () => {
      expect(
        zonesOfferingAll([
          ["a", "b", "c"],
          ["b", "c"],
          ["c", "b"],
        ]),
      ).to.deep.equal(["b", "c"]);
      expect(zonesOfferingAll([["a"], ["b"]])).to.deep.equal([]);
      expect(zonesOfferingAll([])).to.deep.equal([]);
    });

    it("refuses subnets without zone IDs and an empty list of host types", async () => {
      const build = (over: object) =>
        recordComponent(
          () =>
            new ConnectEndpoint("c", {
              vpcId: "vpc-1",
              subnets: { subnetIds: ["subnet-1"], zoneIds: ["euw1-az1"] },
              instanceTypes: ["t4g.nano"],
              tags: {},
              ...over,
            }),
        );
      let message = "";
      await build({ subnets: { subnetIds: ["subnet-1"], zoneIds: [] } }).catch(
        (e) => (message = String(e)),
      );
      expect(message).to.match(/one AZ ID per candidate subnet \(1 subnets, 0 zone IDs\)/);
      message = "";
      await build({ instanceTypes: [] }).catch((e) => (message = String(e)));
      expect(message).to.match(/name the instance types/);
    });

    it("goes in the first candidate whose zone offers the types, with its group", async () => {
      const rec = await recordComponent(
        () =>
          new ConnectEndpoint("c", {
            vpcId: "vpc-1",
            subnets: { subnetIds: ["subnet-1", "subnet-2"], zoneIds: ["euw1-az3", "euw1-az1"] },
            instanceTypes: ["t4g.nano", "t4g.small"],
            tags: {},
          }),
      );
      const eice = findOne(rec, T.eice, "c-eice");
      expect(eice.inputs.subnetId).to.equal("subnet-1");
      expect(eice.inputs.preserveClientIp).to.equal(false);
      const sg = findOne(rec, T.sg, "c-eice-sg");
      expect(sg.inputs.ingress ?? []).to.deep.equal([]);
      expect(eice.dependencies).to.include(sg.urn);
    });

    // eu-west-1 as a new account sees it: 1a = euw1-az3, 1b = euw1-az1, 1c = euw1-az2.
    const endpointIn = (offered: Record<string, string[]>, zoneIds: string[], preview = false) =>
      record(
        {
          project: "platform",
          stack: "test",
          preview,
          config: { "aws:region": "eu-west-1" },
          env: { instanceTypeZones: offered },
        },
        () =>
          new ConnectEndpoint("c", {
            vpcId: "vpc-1",
            subnets: {
              subnetIds: zoneIds.map((_, i) => `subnet-${i + 1}`),
              zoneIds,
              fix: "Set platform:tunnelInstanceType to another type",
            },
            instanceTypes: ["t4g.nano", "t4g.small"],
            tags: {},
          }),
      );

    it("passes over a candidate whose zone lacks one of the types", async () => {
      const offered = { "t4g.nano": ["euw1-az3", "euw1-az1"], "t4g.small": ["euw1-az1"] };
      const rec = await endpointIn(offered, ["euw1-az3", "euw1-az1"]);
      expect(findOne(rec, T.eice, "c-eice").inputs.subnetId).to.equal("subnet-2");
    });

    it("fails naming the endpoint, its types, the zones and the fix when no candidate's zone offers them all", async () => {
      // Each type is offered in a candidate zone, but not both in the same one.
      const offered = {
        "t4g.nano": ["euw1-az3", "euw1-az2"],
        "t4g.small": ["euw1-az1", "euw1-az2"],
      };
      const failures = await applyFailures(() =>
        endpointIn(offered, ["euw1-az3", "euw1-az1"], true),
      );
      expect(failures).to.have.length.greaterThan(0);
      for (const f of failures) {
        expect(f).to.include(
          "ConnectEndpoint c: no zone it may use (euw1-az3, euw1-az1) offers all of the instance " +
            "types t4g.nano, t4g.small; the region offers them together only in euw1-az2 " +
            "(EC2 DescribeInstanceTypeOfferings). Set platform:tunnelInstanceType to another type.",
        );
      }
    });
  });
});
