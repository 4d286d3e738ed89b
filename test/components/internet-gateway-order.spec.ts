// What has a public address waits for the VPC's internet gateway: ELB refuses an internet-facing
// load balancer in a VPC without an attached gateway ("InvalidSubnet: VPC … has no internet
// gateway"), and the public subnets alone do not order it after the gateway, so a first
// `pulumi up` that creates both at once could fail on the load balancer. The bastion host (a
// public address) waits for it too.
import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { Runtime } from "../../components/runtime";
import { Network } from "../../components/network";
import { Recording } from "../../tools/lib/recorder";
import { runWithEverything } from "../fixtures/features";
import { argsFor } from "../fixtures/network";
import { RUNTIME_ARGS } from "../fixtures/runtime-args";
import { findAll, findOne, recordComponent, runStack } from "../helpers";

const T = {
  igw: "aws:ec2/internetGateway:InternetGateway",
  alb: "aws:lb/loadBalancer:LoadBalancer",
  instance: "aws:ec2/instance:Instance",
  vpc: "aws:ec2/vpc:Vpc",
};

describe("The public load balancer and the bastion wait for the internet gateway", function () {
  // Whole-program runs (cached across spec files) take longer than mocha's default.
  this.timeout(300_000);

  it("Network: internetAccess is the VPC's own internet gateway", async () => {
    let network: Network | undefined;
    const rec = await recordComponent(() => {
      network = new Network("net", argsFor(2));
    });
    const igw = findOne(rec, T.igw, "net-igw");
    expect(igw.propertyDependencies.vpcId).to.include(findOne(rec, T.vpc, "net-vpc").urn);
    expect(network!.internetAccess).to.have.length(1);
    const [resource] = network!.internetAccess;
    expect(await new Promise((r) => resource.urn.apply(r))).to.equal(igw.urn);
  });

  it("Runtime: the load balancer is created after what it is given as internetAccess", async () => {
    const rec = await recordComponent(() => {
      const igw = new aws.ec2.InternetGateway("igw", { vpcId: RUNTIME_ARGS.vpcId });
      new Runtime("rt", { ...RUNTIME_ARGS, internetAccess: [igw] });
    });
    const [alb] = findAll(rec, T.alb);
    expect(alb.dependencies).to.include(findOne(rec, T.igw, "igw").urn);
  });

  it("Runtime: without internetAccess nothing orders the load balancer after a gateway", async () => {
    const rec = await recordComponent(() => {
      new aws.ec2.InternetGateway("igw", { vpcId: RUNTIME_ARGS.vpcId });
      new Runtime("rt", RUNTIME_ARGS);
    });
    const [alb] = findAll(rec, T.alb);
    expect(alb.dependencies).to.not.include(findOne(rec, T.igw, "igw").urn);
  });

  for (const stack of ["staging", "prod"]) {
    it(`${stack}, every feature on: the load balancer waits for the main VPC's gateway`, async () => {
      const rec = await runWithEverything(stack);
      const igw = findOne(rec, T.igw, `${stack}-network-igw`);
      const albs = findAll(rec, T.alb);
      expect(albs).to.have.length(1);
      expect(albs[0].dependencies).to.include(igw.urn);
    });
  }

  it("staging, bastion mode: the tunnel host (a public address) waits for the gateway; in private mode it does not need to", async () => {
    const overrides = {
      "platform:biAccessMode": "bastion",
      "platform:bastionAllowedCidrs": ["203.0.113.0/24"],
    };
    const bastion: Recording = await runStack("staging", { overrides });
    const igw = findOne(bastion, T.igw, "staging-network-igw");
    const host = findOne(bastion, T.instance, "staging-access-host");
    expect(host.inputs.associatePublicIpAddress).to.equal(true);
    expect(host.dependencies).to.include(igw.urn);

    const privateMode = await runWithEverything("staging");
    const inPrivate = findOne(privateMode, T.instance, "staging-access-host");
    expect(inPrivate.inputs.associatePublicIpAddress).to.equal(false);
    expect(inPrivate.dependencies).to.not.include(
      findOne(privateMode, T.igw, "staging-network-igw").urn,
    );
  });
});
