// Network: placement and extra endpoints, protection, and every invalid argument at once.
import { expect } from "chai";
import { record } from "../../../tools/lib/recorder";
import { azNameAt, Network } from "../../../components/network";
import { ACCOUNT, NAME, T, argsFor, build, buildError, statements } from "../../fixtures/network";

describe("Network: arguments", function () {
  describe("arguments", () => {
    it("puts interface endpoints in one subnet with single-az placement", async () => {
      const s = await build(argsFor(3, { endpointPlacement: "single-az" }), true);
      const first = s.subnets("compute")[0];
      const ifaces = s.all(T.endpoint).filter((e) => e.inputs.vpcEndpointType === "Interface");
      expect(ifaces).to.have.length(3);
      for (const e of ifaces)
        expect(s.deps(e, "subnetIds").map((x) => x.urn)).to.deep.equal([first.urn]);
    });

    it("adds extra interface endpoints once, with an account-scoped policy where supported", async () => {
      const s = await build(
        argsFor(2, {
          interfaceEndpoints: [
            "ecr.api",
            "ecr.dkr",
            "logs",
            "secretsmanager",
            "logs",
            "ssmmessages",
          ],
        }),
        false,
      );
      const names = s.all(T.endpoint).map((e) => e.name);
      expect(names.filter((n) => n === `${NAME}-logs-endpoint`)).to.have.length(1);
      const sm = s.one(T.endpoint, `${NAME}-secretsmanager-endpoint`);
      expect(statements(sm.inputs.policy)[0].Condition).to.deep.equal({
        StringEquals: { "aws:PrincipalAccount": ACCOUNT },
      });
      // No verified endpoint policy support: AWS's default policy, not a guessed one.
      expect(s.one(T.endpoint, `${NAME}-ssmmessages-endpoint`).inputs.policy).to.equal(undefined);
    });

    it("protects the flow-log key and group when asked", async () => {
      const on = await build(argsFor(2, { protect: true, flowLogRetentionDays: 731 }), true);
      expect(on.one(T.logGroup).options).to.include({ protect: true, retainOnDelete: true });
      expect(on.one(T.logGroup).inputs.retentionInDays).to.equal(731);
      expect(on.one(T.key).options).to.include({ protect: true, retainOnDelete: true });
      const off = await build(argsFor(2), true);
      expect(off.one(T.logGroup).options).to.include({ protect: false, retainOnDelete: false });
    });

    it("rejects subnet lists of different lengths, naming the argument", async () => {
      const bad = argsFor(3);
      const message = await buildError({
        ...bad,
        subnetCidrs: { ...bad.subnetCidrs, data: bad.subnetCidrs.data.slice(0, 2) },
      });
      expect(message).to.match(/^Network test-network: invalid arguments/);
      expect(message).to.include("subnetCidrs");
      expect(message).to.include("public: 3, compute: 3, data: 2");
    });

    it("rejects bad CIDRs, overlaps, ports, retention and endpoint names together", async () => {
      const base = argsFor(2);
      const message = await buildError({
        ...base,
        subnetCidrs: { ...base.subnetCidrs, data: ["10.20.0.0/24", "10.99.0.0/24"] },
        flowLogRetentionDays: 10,
        computeIngressPorts: [0],
        interfaceEndpoints: ["ecr.api", "S3 bad"],
      });
      for (const part of [
        'subnetCidrs.data[0]: "10.20.0.0/24" overlaps subnetCidrs.public[0]',
        'subnetCidrs.data[1]: "10.99.0.0/24" is outside cidrBlock',
        "flowLogRetentionDays: 10",
        "computeIngressPorts[0]",
        'interfaceEndpoints: "S3 bad"',
      ]) {
        expect(message).to.include(part);
      }
    });

    it("registers nothing when the arguments are invalid", async () => {
      let caught: unknown;
      const rec = await record({ project: "platform", stack: "test" }, () => {
        try {
          new Network(NAME, { ...argsFor(2), cidrBlock: "10.20.0.0/33" });
        } catch (e) {
          caught = e;
        }
      });
      expect(String(caught)).to.include('cidrBlock "10.20.0.0/33"');
      expect(rec.resources).to.deep.equal([]);
    });

    it("leaves out use1-az3 (no RDS Proxy, no EFS One Zone), whatever zone name it has in the account", async () => {
      // This account's us-east-1d, e, f are use1-az4, use1-az3, use1-az5 (the fake's mapping).
      const rec = await record(
        {
          project: "platform",
          stack: "test",
          env: { region: "us-east-1", azNames: ["d", "e", "f"] },
        },
        () => new Network(NAME, argsFor(2)),
      );
      const zones = rec.resources
        .filter((r) => r.type === T.subnet)
        .map((r) => r.inputs.availabilityZone as string);
      expect([...new Set(zones)].sort()).to.deep.equal(["us-east-1d", "us-east-1f"]);
    });

    it("fails clearly when the region has fewer AZs than subnets per tier", () => {
      expect(() => azNameAt(NAME, ["eu-west-1a", "eu-west-1b"], 0, 3)).to.throw(
        "subnetCidrs has 3 subnets per tier but the region offers 2 usable availability zones",
      );
      expect(azNameAt(NAME, ["eu-west-1a", "eu-west-1b"], 1, 2)).to.equal("eu-west-1b");
    });
  });
});
