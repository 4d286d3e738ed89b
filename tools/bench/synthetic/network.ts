// A network unit of the synthetic stack: VPC, tiers, routes, security group.
import type { RecordedResource } from "../../lib/recorder";
import { ACCOUNT, REGION, resource, tags } from "./base";

/** A VPC with a public and a compute tier, route tables, a security group and flow logs. */
export function networkUnit(
  i: number,
  networkKey: RecordedResource,
  broken: string | undefined,
): RecordedResource[] {
  const unit = resource("bench:network:Network", `n${i}`, {}, { custom: false });
  const p = { parent: unit };
  const cidr = `10.${i % 250}.0.0/16`;
  const vpcId = `vpc-${i}`;
  const vpc = resource(
    "aws:ec2/vpc:Vpc",
    `n${i}-vpc`,
    { cidrBlock: cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: tags(`n${i}-vpc`) },
    { ...p, outputs: { id: vpcId, arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/${vpcId}` } },
  );
  const inVpc = { ...p, refs: { vpcId: [vpc] } };
  const igw = resource(
    "aws:ec2/internetGateway:InternetGateway",
    `n${i}-igw`,
    { vpcId, tags: tags(`n${i}-igw`) },
    { ...inVpc, outputs: { id: `igw-${i}` } },
  );
  const subnet = (tier: string, n: number) =>
    resource(
      "aws:ec2/subnet:Subnet",
      `n${i}-${tier}`,
      {
        vpcId,
        cidrBlock: `10.${i % 250}.${n}.0/24`,
        availabilityZone: `${REGION}a`,
        mapPublicIpOnLaunch: false,
        tags: tags(`n${i}-${tier}`, { tier }),
      },
      { ...inVpc, outputs: { id: `subnet-${i}-${tier}` } },
    );
  const pub = subnet("public", 0);
  const compute = subnet("compute", 1);
  const table = (tier: string) =>
    resource(
      "aws:ec2/routeTable:RouteTable",
      `n${i}-${tier}-rt`,
      { vpcId, tags: tags(`n${i}-${tier}-rt`) },
      { ...inVpc, outputs: { id: `rtb-${i}-${tier}` } },
    );
  const pubRt = table("public");
  const computeRt = table("compute");
  const assoc = (s: RecordedResource, rt: RecordedResource) =>
    resource(
      "aws:ec2/routeTableAssociation:RouteTableAssociation",
      `${s.name}-assoc`,
      { subnetId: s.outputs.id, routeTableId: rt.outputs.id },
      { ...p, refs: { subnetId: [s], routeTableId: [rt] } },
    );
  const out = [
    unit,
    vpc,
    igw,
    pub,
    compute,
    pubRt,
    computeRt,
    assoc(pub, pubRt),
    assoc(compute, computeRt),
  ];
  /** The route `n<i>-<role>` of 0.0.0.0/0 to the internet gateway in `rt`. */
  const defaultRoute = (role: string, rt: RecordedResource) =>
    resource(
      "aws:ec2/route:Route",
      `n${i}-${role}`,
      { routeTableId: rt.outputs.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.outputs.id },
      { ...p, refs: { routeTableId: [rt], gatewayId: [igw] } },
    );
  out.push(defaultRoute("public-default", pubRt));
  if (broken === "compute-default-route") out.push(defaultRoute("compute-default", computeRt));
  // The default security group managed with no rules; flow logs to an encrypted log group.
  out.push(
    resource(
      "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
      `n${i}-default-sg`,
      { vpcId, ingress: [], egress: [], tags: tags(`n${i}-default-sg`) },
      inVpc,
    ),
  );
  const logGroupArn = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/vpc/n${i}`;
  const logGroup = resource(
    "aws:cloudwatch/logGroup:LogGroup",
    `n${i}-flow-logs`,
    {
      name: `/vpc/n${i}`,
      retentionInDays: 365,
      kmsKeyId: networkKey.outputs.arn,
      tags: tags(`n${i}-flow-logs`),
    },
    { ...p, refs: { kmsKeyId: [networkKey] }, outputs: { arn: logGroupArn } },
  );
  out.push(
    logGroup,
    resource(
      "aws:ec2/flowLog:FlowLog",
      `n${i}-flow-log`,
      {
        vpcId,
        trafficType: "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: logGroupArn,
        iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/flow-logs`,
        tags: tags(`n${i}-flow-log`),
      },
      { ...p, refs: { vpcId: [vpc], logDestination: [logGroup] } },
    ),
  );
  const sg = resource(
    "aws:ec2/securityGroup:SecurityGroup",
    `n${i}-app-sg`,
    { vpcId, description: "Application tasks", tags: tags(`n${i}-app-sg`) },
    { ...inVpc, outputs: { id: `sg-${i}` } },
  );
  out.push(
    sg,
    resource(
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      `n${i}-app-in`,
      {
        securityGroupId: sg.outputs.id,
        ipProtocol: "tcp",
        fromPort: 8080,
        toPort: 8080,
        cidrIpv4: cidr,
        description: "From the VPC",
      },
      { ...p, refs: { securityGroupId: [sg] } },
    ),
    resource(
      "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
      `n${i}-app-out`,
      {
        securityGroupId: sg.outputs.id,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: cidr,
        description: "HTTPS to endpoints",
      },
      { ...p, refs: { securityGroupId: [sg] } },
    ),
  );
  return out;
}
