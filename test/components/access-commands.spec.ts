// What the BI access layer hands the rest of the program: the Network arguments its tunnel host
// needs (accessNetworkArgs), and the commands its users run, which are the stack outputs
// `biTunnelCommand` and `biPsqlCommand` (biAccessCommands; docs/bi-access.md).
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import {
  accessNetworkArgs,
  BASTION_ROUTE_TABLE_TAGS,
  biAccessCommands,
  psqlCommand,
  tunnelCommand,
} from "../../components/access";
import { record } from "../../tools/lib/recorder";
import { findAll, findOne, loadProgram, stackConfig, unwrap } from "../helpers";

const REDSHIFT_HOST = "platform-staging.123456789012.eu-west-1.redshift-serverless.amazonaws.com";

describe("Access: what it hands the program", () => {
  it("asks the Network for the region's Amazon Linux repositories, and no waiver in private mode", () => {
    expect(accessNetworkArgs("private", "eu-west-1")).to.deep.equal({
      s3EndpointExtraBucketArns: ["arn:aws:s3:::al2023-repos-eu-west-1-de612dc2"],
      publicRouteTableTags: undefined,
    });
  });

  it("puts the bastion waiver on the public route table in bastion mode, in any region", () => {
    expect(accessNetworkArgs("bastion", "us-west-1")).to.deep.equal({
      s3EndpointExtraBucketArns: ["arn:aws:s3:::al2023-repos-us-west-1-de612dc2"],
      publicRouteTableTags: BASTION_ROUTE_TABLE_TAGS,
    });
  });

  for (const [mode, connection] of [
    ["private", "eice"],
    ["bastion", "direct"],
  ] as const) {
    it(`gives ${mode} mode's users the tunnel through the host to the workgroup, and psql through it`, async () => {
      const commands = biAccessCommands(
        { mode, instanceId: pulumi.output("i-0abc") },
        "eu-west-1",
        { endpointAddress: pulumi.output(REDSHIFT_HOST), dbName: "analytics" },
      );
      expect(await unwrap(commands.tunnel)).to.equal(
        `aws ec2-instance-connect ssh --region eu-west-1 --instance-id i-0abc --os-user ec2-user --connection-type ${connection} --local-forwarding 5439:${REDSHIFT_HOST}:5439`,
      );
      expect(commands.psql).to.equal(
        'psql "host=localhost port=5439 dbname=analytics user=<your database user> sslmode=require"',
      );
    });
  }
});

describe("Access: the staging stack's BI outputs", () => {
  let outputs: { tunnel: string; psql: string };
  let rec: Awaited<ReturnType<typeof record>>;
  before(async function () {
    this.timeout(120_000);
    rec = await record(
      { project: "platform", stack: "staging", preview: false, config: stackConfig("staging") },
      async () => {
        const program = loadProgram() as Record<string, pulumi.Input<string>>;
        outputs = {
          tunnel: await unwrap(program.biTunnelCommand),
          psql: await unwrap(program.biPsqlCommand),
        };
      },
    );
  });

  it("biTunnelCommand opens the tunnel to the recorded host and workgroup", () => {
    const host = findOne(rec, "aws:ec2/instance:Instance", "staging-access-host");
    const [workgroup] = findAll(rec, "aws:redshiftserverless/workgroup:Workgroup");
    const address: string = workgroup.outputs.endpoints[0].address;
    // The instance's id is the last part of its ARN (arn:aws:ec2:<region>:<account>:instance/<id>).
    const instanceId = String(host.outputs.arn).split("/").pop()!;
    expect(instanceId).to.match(/^i-/);
    expect(address).to.contain("redshift-serverless");
    expect(outputs.tunnel).to.equal(
      tunnelCommand({
        mode: "private",
        region: String(stackConfig("staging")["aws:region"]),
        instanceId,
        redshiftHost: address,
      }),
    );
  });

  it("biPsqlCommand connects through the tunnel to the workgroup's database", () => {
    const [namespace] = findAll(rec, "aws:redshiftserverless/namespace:Namespace");
    expect(outputs.psql).to.equal(
      psqlCommand({ dbName: namespace.inputs.dbName, user: "<your database user>" }),
    );
  });
});
