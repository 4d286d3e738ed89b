// The offline engine's smaller pieces, driven as their real callers drive them: lookups of the
// program's own resources on the resources it registered, the wire helpers on wire values, and
// the language host's rules for `main` (what it reads from a failed program's output:
// program-frames.spec.ts; the resource monitor: engine.spec.ts).
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { programLocation } from "../../tools/lib/engine/language-host";
import type { EngineResource } from "../../tools/lib/engine/monitor";
import { ownResourceInvoke } from "../../tools/lib/engine/own-resources";
import {
  containsUnknown,
  downgradeOutputValues,
  OUTPUT_SIG,
  plainValue,
  RESOURCE_SIG,
  secret,
  SIG_KEY,
  UNKNOWN,
} from "../../tools/lib/engine/wire";

describe("offline engine", () => {
  describe("lookups of the program's own resources (apply phase)", () => {
    const made: [string, string, Record<string, unknown>][] = [
      ["aws:ec2/vpc:Vpc", "vpc-1", { mainRouteTableId: "rtb-main" }],
      ["aws:ec2/subnet:Subnet", "subnet-pub", { vpcId: "vpc-1" }],
      ["aws:ec2/subnet:Subnet", "subnet-priv", { vpcId: "vpc-1" }],
      ["aws:ec2/routeTable:RouteTable", "rtb-pub", { vpcId: "vpc-1" }],
      [
        "aws:ec2/route:Route",
        "r-1",
        { routeTableId: "rtb-pub", destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" },
      ],
      [
        "aws:ec2/routeTableAssociation:RouteTableAssociation",
        "rtbassoc-1",
        { subnetId: "subnet-pub", routeTableId: "rtb-pub" },
      ],
      [
        "aws:rds/subnetGroup:SubnetGroup",
        "db-group",
        {
          name: "db-group",
          arn: "arn:aws:rds:eu-west-1:123456789012:subgrp:db-group",
          subnetIds: ["subnet-priv"],
        },
      ],
    ];
    const resources = made.map(
      ([type, id, outputs]) =>
        ({ urn: `urn:${id}`, type, custom: true, outputs }) as unknown as EngineResource,
    );
    const ids = new Map(made.map(([, id]) => [`urn:${id}`, id]));
    const lookup = (
      token: string,
      args: Record<string, unknown>,
      given?: Record<string, unknown>,
    ) => ownResourceInvoke(`aws:ec2/${token}`, args, resources, ids, { given: () => given });

    it("answers a subnet's route table from its association, routes keyed as the data source keys them", () => {
      const table = lookup("getRouteTable:getRouteTable", { subnetId: "subnet-pub" })!;
      expect(table).to.include({ routeTableId: "rtb-pub", vpcId: "vpc-1", subnetId: "subnet-pub" });
      expect(table.routes).to.have.length(1);
      expect(table.routes[0]).to.include({ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" });
      expect(table.associations[0]).to.include({ subnetId: "subnet-pub", main: false });
    });

    it("fails for a subnet without an association, as AWS does, and finds the VPC's main table", () => {
      expect(() => lookup("getRouteTable:getRouteTable", { subnetId: "subnet-priv" })).to.throw(
        /no matching/,
      );
      expect(lookup("getSubnet:getSubnet", { id: "subnet-priv" })).to.include({ vpcId: "vpc-1" });
      const filters = [{ name: "association.main", values: ["true"] }];
      const main = lookup("getRouteTables:getRouteTables", { vpcId: "vpc-1", filters })!;
      expect(main.ids).to.deep.equal(["rtb-main"]);
      const table = lookup("getRouteTable:getRouteTable", { routeTableId: "rtb-main" })!;
      expect(table.routes).to.deep.equal([]);
      expect(table.associations[0]).to.include({ main: true });
    });

    it("answers a DB subnet group by name, with the VPC of its subnets, as RDS reports it", () => {
      const rds = (args: Record<string, unknown>) =>
        ownResourceInvoke("aws:rds/getSubnetGroup:getSubnetGroup", args, resources, ids);
      expect(rds({ name: "db-group" })).to.deep.include({
        id: "db-group",
        vpcId: "vpc-1",
        subnetIds: ["subnet-priv"],
        status: "Complete",
      });
      // The default group (no group given to RDS) and others are the fake cloud's to answer.
      expect(rds({ name: "default" })).to.equal(undefined);
      expect(rds({ name: "other" })).to.equal(undefined);
    });

    it("leaves other subnets, and lookups the user answered, to the usual answers", () => {
      expect(lookup("getSubnet:getSubnet", { id: "subnet-elsewhere" })).to.equal(undefined);
      expect(lookup("getSubnet:getSubnet", { id: "subnet-priv" }, { id: "subnet-priv" })).to.equal(
        undefined,
      );
    });
  });

  describe("wire values", () => {
    it("downgrades output values in a custom resource's inputs and keeps their dependencies", () => {
      const deps = new Set<string>();
      const out = downgradeOutputValues(
        {
          a: { [SIG_KEY]: OUTPUT_SIG, value: "x", dependencies: ["urn:1"] },
          b: { [SIG_KEY]: OUTPUT_SIG, dependencies: ["urn:2"] },
          c: { [SIG_KEY]: OUTPUT_SIG, value: "s", secret: true },
          d: [{ [SIG_KEY]: OUTPUT_SIG, value: 1 }],
        },
        deps,
      );
      expect(out).to.deep.equal({ a: "x", b: UNKNOWN, c: secret("s"), d: [1] });
      expect([...deps]).to.deep.equal(["urn:1", "urn:2"]);
    });

    it("reduces secrets and resource references to plain values, keeping unknowns", () => {
      expect(
        plainValue({
          s: secret("v"),
          r: { [SIG_KEY]: RESOURCE_SIG, urn: "urn:x", id: "i-1" },
          c: { [SIG_KEY]: RESOURCE_SIG, urn: "urn:comp" },
          u: UNKNOWN,
        }),
      ).to.deep.equal({ s: "v", r: "i-1", c: "urn:comp", u: UNKNOWN });
    });

    it("finds unknowns inside strings (ARNs built from unknown ids)", () => {
      expect(containsUnknown({ a: [`arn:aws:s3:::${UNKNOWN}/*`] })).to.equal(true);
      expect(containsUnknown({ a: ["arn:aws:s3:::b/*"] })).to.equal(false);
    });
  });

  describe("language host", () => {
    it("applies the CLI's rules for Pulumi.yaml main", () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), "offline-engine-"));
      try {
        fs.mkdirSync(path.join(root, "src"));
        fs.writeFileSync(path.join(root, "src", "app.ts"), "");
        expect(programLocation(root, undefined)).to.deep.equal({ pwd: root, entry: "." });
        expect(programLocation(root, "src")).to.deep.equal({
          pwd: path.join(root, "src"),
          entry: ".",
        });
        expect(programLocation(root, "src/app.ts")).to.deep.equal({
          pwd: path.join(root, "src"),
          entry: path.join(root, "src", "app.ts"),
        });
        expect(() => programLocation(root, "/etc")).to.throw("must be a relative path");
        expect(() => programLocation(root, "../x")).to.throw("must be a subfolder");
        expect(() => programLocation(root, "nope")).to.throw("could not be read");
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  });
});
