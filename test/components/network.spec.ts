import { expect } from "chai";
import { record, RecordedResource, Recording, UNKNOWN } from "../../tools/lib/recorder";
import { Cidr, parseCidr } from "../../components/cidr";
import {
  azNameAt,
  FARGATE_BASELINE_ENDPOINTS,
  Network,
  NetworkArgs,
} from "../../components/network";

const ACCOUNT = "123456789012";
const REGION = "eu-west-1";
const NAME = "test-network";

const T = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  routeTable: "aws:ec2/routeTable:RouteTable",
  route: "aws:ec2/route:Route",
  rta: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  mainRta: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
  igw: "aws:ec2/internetGateway:InternetGateway",
  nat: "aws:ec2/natGateway:NatGateway",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  sgIn: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  sgOut: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  acl: "aws:ec2/networkAcl:NetworkAcl",
  aclRule: "aws:ec2/networkAclRule:NetworkAclRule",
  aclAssoc: "aws:ec2/networkAclAssociation:NetworkAclAssociation",
  flowLog: "aws:ec2/flowLog:FlowLog",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  key: "aws:kms/key:Key",
  component: "platform:network:Network",
  keyComponent: "platform:security:EncryptionKey",
};

function cidrsFor(azCount: number): NetworkArgs["subnetCidrs"] {
  const tier = (base: number) =>
    Array.from({ length: azCount }, (_, i) => `10.20.${base + i}.0/24`);
  return { public: tier(0), compute: tier(16), data: tier(32) };
}

function argsFor(azCount: number, overrides: Partial<NetworkArgs> = {}): NetworkArgs {
  return {
    cidrBlock: "10.20.0.0/16",
    subnetCidrs: cidrsFor(azCount),
    tags: { project: "platform", environment: "test" },
    ...overrides,
  };
}

class Stack {
  constructor(readonly rec: Recording) {}
  all(type: string): RecordedResource[] {
    return this.rec.resources.filter((r) => r.type === type);
  }
  one(type: string, name?: string): RecordedResource {
    const found = this.all(type).filter((r) => name === undefined || r.name === name);
    expect(found, `${type} ${name ?? ""}`).to.have.length(1);
    return found[0];
  }
  byUrn(urn: string): RecordedResource {
    const r = this.rec.resources.find((x) => x.urn === urn);
    if (!r) throw new Error(`no resource ${urn}`);
    return r;
  }
  /** Resources of `type` whose property `prop` was built from `target`. */
  referrers(target: RecordedResource, prop: string, type: string): RecordedResource[] {
    return this.all(type).filter((r) => (r.propertyDependencies[prop] ?? []).includes(target.urn));
  }
  /** The resources a property was built from. */
  deps(r: RecordedResource, prop: string): RecordedResource[] {
    return (r.propertyDependencies[prop] ?? []).map((u) => this.byUrn(u));
  }
  subnets(tier: string): RecordedResource[] {
    return this.all(T.subnet).filter((s) => s.inputs.tags?.tier === tier);
  }
  /** The route table each subnet is explicitly associated with. */
  tableOf(subnet: RecordedResource): RecordedResource {
    const assocs = this.referrers(subnet, "subnetId", T.rta);
    expect(assocs, `associations of ${subnet.name}`).to.have.length(1);
    const tables = this.deps(assocs[0], "routeTableId");
    expect(tables).to.have.length(1);
    return tables[0];
  }
}

async function build(args: NetworkArgs, preview: boolean): Promise<Stack> {
  const rec = await record({ project: "platform", stack: "test", preview }, () => {
    new Network(NAME, args);
  });
  return new Stack(rec);
}

async function buildError(args: NetworkArgs): Promise<string> {
  try {
    await build(args, true);
  } catch (e) {
    return String(e instanceof Error ? e.message : e);
  }
  return "no error";
}

type Stmt = {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
};
const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
function statements(json: unknown): Stmt[] {
  expect(json, "policy known").to.be.a("string").and.not.equal(UNKNOWN);
  return JSON.parse(json as string).Statement as Stmt[];
}

// ---- A small NACL evaluator: first matching rule by number wins, default deny. ----
function ipToInt(ip: string): number {
  return ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
}
function inCidr(ip: string, cidr: string): boolean {
  const c = parseCidr(cidr) as Cidr;
  const n = ipToInt(ip);
  return n >= c.base && n < c.base + 2 ** (32 - c.prefix);
}
type Packet = { protocol: "tcp" | "icmp"; port?: number; icmpType?: number; icmpCode?: number };
function naclVerdict(
  s: Stack,
  subnet: RecordedResource,
  egress: boolean,
  peer: string,
  p: Packet,
): "allow" | "deny" {
  const assoc = s.referrers(subnet, "subnetId", T.aclAssoc);
  if (assoc.length === 0) return "allow"; // the VPC's default NACL allows everything
  expect(assoc).to.have.length(1);
  const acl = s.deps(assoc[0], "networkAclId")[0];
  const rules = s
    .referrers(acl, "networkAclId", T.aclRule)
    .map((r) => r.inputs)
    .filter((r) => r.egress === egress)
    .sort((a, b) => a.ruleNumber - b.ruleNumber);
  for (const r of rules) {
    if (r.protocol !== p.protocol || !inCidr(peer, r.cidrBlock)) continue;
    if (p.protocol === "tcp" && (p.port! < r.fromPort || p.port! > r.toPort)) continue;
    if (p.protocol === "icmp" && (r.icmpType !== p.icmpType || r.icmpCode !== p.icmpCode)) continue;
    return r.ruleAction;
  }
  return "deny";
}

describe("Network", () => {
  for (const azCount of [2, 3]) {
    for (const preview of [true, false]) {
      describe(`${azCount} AZs, ${preview ? "preview" : "up"}`, () => {
        let s: Stack;
        before(async () => {
          s = await build(argsFor(azCount), preview);
        });

        it("creates one subnet per AZ and tier, tagged, with no public IPs on launch", () => {
          for (const tier of ["public", "compute", "data"]) {
            const subnets = s.subnets(tier);
            expect(subnets, tier).to.have.length(azCount);
            subnets.forEach((sub, i) => {
              expect(sub.name).to.equal(`${NAME}-${tier}-${i}`);
              expect(sub.inputs.tags).to.include({
                tier,
                Name: `${NAME}-${tier}-${i}`,
                project: "platform",
              });
              expect(sub.inputs.mapPublicIpOnLaunch).to.equal(false);
              expect(sub.inputs.availabilityZone).to.equal(`${REGION}${"abcd"[i]}`);
            });
          }
          expect(s.all(T.subnet)).to.have.length(3 * azCount);
        });

        it("enables DNS support and hostnames on the VPC", () => {
          expect(s.one(T.vpc).inputs).to.include({
            enableDnsSupport: true,
            enableDnsHostnames: true,
          });
        });

        it("associates every subnet explicitly, never with the main route table", () => {
          const mainTables = s.all(T.mainRta).flatMap((a) => s.deps(a, "routeTableId"));
          expect(mainTables).to.have.length(1);
          for (const sub of s.all(T.subnet)) {
            expect(s.tableOf(sub).urn, sub.name).to.not.equal(mainTables[0].urn);
          }
        });

        it("gives no compute or data route table a default route, inline or separate", () => {
          const privateTables = [...s.subnets("compute"), ...s.subnets("data")].map((x) =>
            s.tableOf(x),
          );
          expect(new Set(privateTables.map((t) => t.urn)).size).to.equal(2 * azCount);
          const isDefault = (r: Record<string, unknown>) =>
            r.destinationCidrBlock === "0.0.0.0/0" ||
            r.destinationIpv6CidrBlock === "::/0" ||
            r.cidrBlock === "0.0.0.0/0" ||
            r.ipv6CidrBlock === "::/0";
          for (const t of privateTables) {
            const routes = s.referrers(t, "routeTableId", T.route);
            expect(
              routes.filter((r) => isDefault(r.inputs)),
              t.name,
            ).to.deep.equal([]);
            expect(routes, t.name).to.deep.equal([]);
            expect((t.inputs.routes ?? []).filter(isDefault), t.name).to.deep.equal([]);
          }
          expect(s.all(T.nat)).to.deep.equal([]);
        });

        it("routes only the public table to the internet gateway", () => {
          const igw = s.one(T.igw);
          const toIgw = s.referrers(igw, "gatewayId", T.route);
          expect(toIgw).to.have.length(1);
          expect(toIgw[0].inputs.destinationCidrBlock).to.equal("0.0.0.0/0");
          const publicTable = s.deps(toIgw[0], "routeTableId")[0];
          for (const sub of s.subnets("public"))
            expect(s.tableOf(sub).urn).to.equal(publicTable.urn);
          // Every Route in the stack is this one, and no table carries inline routes.
          expect(s.all(T.route)).to.have.length(1);
          for (const t of s.all(T.routeTable)) expect(t.inputs.routes ?? []).to.deep.equal([]);
        });

        it("points the main route table at an empty table", () => {
          const main = s.deps(s.one(T.mainRta), "routeTableId")[0];
          expect(s.referrers(main, "routeTableId", T.route)).to.deep.equal([]);
          expect(s.referrers(main, "routeTableId", T.rta)).to.deep.equal([]);
        });

        it("attaches the S3 gateway endpoint to every private route table and no other", () => {
          const s3 = s.all(T.endpoint).filter((e) => e.inputs.vpcEndpointType === "Gateway");
          expect(s3).to.have.length(1);
          expect(s3[0].inputs.serviceName).to.equal(`com.amazonaws.${REGION}.s3`);
          const attached = new Set(s.deps(s3[0], "routeTableIds").map((t) => t.urn));
          const privateTables = [...s.subnets("compute"), ...s.subnets("data")].map(
            (x) => s.tableOf(x).urn,
          );
          expect([...attached].sort()).to.deep.equal([...new Set(privateTables)].sort());
        });

        it("creates the Fargate baseline interface endpoints with private DNS in every compute subnet", () => {
          const ifaces = s.all(T.endpoint).filter((e) => e.inputs.vpcEndpointType === "Interface");
          expect(ifaces.map((e) => e.inputs.serviceName).sort()).to.deep.equal(
            FARGATE_BASELINE_ENDPOINTS.map((n) => `com.amazonaws.${REGION}.${n}`).sort(),
          );
          const compute = s
            .subnets("compute")
            .map((x) => x.urn)
            .sort();
          const sg = s.one(T.sg);
          for (const e of ifaces) {
            expect(e.inputs.privateDnsEnabled, e.name).to.equal(true);
            expect(
              s
                .deps(e, "subnetIds")
                .map((x) => x.urn)
                .sort(),
              e.name,
            ).to.deep.equal(compute);
            expect(
              s.deps(e, "securityGroupIds").map((x) => x.urn),
              e.name,
            ).to.deep.equal([sg.urn]);
            expect(e.inputs.policy, `${e.name} has an endpoint policy`).to.not.equal(undefined);
          }
        });

        it("lets the endpoint security group accept only 443 from the compute and data subnets", () => {
          const sg = s.one(T.sg);
          expect(sg.inputs.ingress ?? []).to.deep.equal([]);
          expect(sg.inputs.egress ?? []).to.deep.equal([]);
          expect(s.all(T.sgOut)).to.deep.equal([]);
          expect(s.all(T.sgRule)).to.deep.equal([]);
          const rules = s.referrers(sg, "securityGroupId", T.sgIn);
          const cidrs = [...cidrsFor(azCount).compute, ...cidrsFor(azCount).data];
          expect(rules.map((r) => r.inputs.cidrIpv4).sort()).to.deep.equal([...cidrs].sort());
          for (const r of rules) {
            expect(r.inputs).to.include({ ipProtocol: "tcp", fromPort: 443, toPort: 443 });
            expect(r.inputs.description).to.be.a("string");
          }
          expect(s.all(T.sgIn)).to.have.length(rules.length);
        });

        it("leaves the default security group without rules", () => {
          const d = s.one(T.defaultSg);
          expect(d.inputs.ingress ?? []).to.deep.equal([]);
          expect(d.inputs.egress ?? []).to.deep.equal([]);
        });

        it("logs ALL traffic to a KMS-encrypted log group with retention", () => {
          const fl = s.one(T.flowLog);
          expect(fl.inputs.trafficType).to.equal("ALL");
          expect(fl.inputs.logDestinationType).to.equal("cloud-watch-logs");
          const group = s.deps(fl, "logDestination");
          expect(group.map((g) => g.type)).to.deep.equal([T.logGroup]);
          expect(group[0].inputs.retentionInDays).to.equal(365);
          expect(s.deps(group[0], "kmsKeyId").map((k) => k.type)).to.deep.equal([T.key]);
          expect(s.deps(fl, "vpcId").map((v) => v.type)).to.deep.equal([T.vpc]);
          expect(s.deps(fl, "iamRoleArn").map((v) => v.type)).to.deep.equal([T.role]);
          expect(s.one(T.key).inputs.enableKeyRotation).to.equal(true);
        });

        it("parents every child to the component and names it after it", () => {
          const comp = s.one(T.component);
          const keyComp = s.one(T.keyComponent);
          for (const r of s.rec.resources) {
            if (r.urn === comp.urn) continue;
            expect(r.name.startsWith(`${NAME}-`), r.name).to.equal(true);
            const expected = r.name.startsWith(`${NAME}-flow-logs-key-`) ? keyComp.urn : comp.urn;
            expect(r.parent, r.name).to.equal(expected);
          }
          expect(comp.outputs).to.include.keys(
            "vpcId",
            "vpcCidr",
            "azNames",
            "publicSubnetIds",
            "computeSubnetIds",
            "dataSubnetIds",
            "publicRouteTableId",
            "computeRouteTableIds",
            "dataRouteTableIds",
            "endpointSecurityGroupId",
            "s3PrefixListId",
            "flowLogGroupName",
          );
        });

        it("associates the private subnets with their tier's NACL, within the rule quota", () => {
          for (const tier of ["compute", "data"]) {
            const acls = s.subnets(tier).map((sub) => {
              const a = s.referrers(sub, "subnetId", T.aclAssoc);
              expect(a, sub.name).to.have.length(1);
              return s.deps(a[0], "networkAclId")[0];
            });
            expect(new Set(acls.map((a) => a.urn)).size).to.equal(1);
            expect(acls[0].inputs.tags.tier).to.equal(tier);
            const rules = s.referrers(acls[0], "networkAclId", T.aclRule).map((r) => r.inputs);
            for (const egress of [false, true]) {
              const dir = rules.filter((r) => r.egress === egress);
              expect(dir.length).to.be.at.most(20);
              expect(new Set(dir.map((r) => r.ruleNumber)).size).to.equal(dir.length);
            }
          }
          for (const sub of s.subnets("public")) {
            expect(s.referrers(sub, "subnetId", T.aclAssoc)).to.deep.equal([]);
          }
        });
      });
    }
  }

  describe("network ACL behaviour (stateless, both directions)", () => {
    let s: Stack;
    let pub: RecordedResource, compute: RecordedResource, data: RecordedResource;
    const S3_IP = "52.218.10.20"; // inside the region's S3 prefix list
    const ALB_IP = "10.20.1.77"; // a load balancer node in public subnet 1
    const COMPUTE_IP = "10.20.17.9";
    const DATA_IP = "10.20.33.9";
    const INTERNET_IP = "198.51.100.7";
    before(async () => {
      s = await build(argsFor(3), false);
      [pub, compute, data] = ["public", "compute", "data"].map((t) => s.subnets(t)[0]);
    });
    const tcp = (port: number): Packet => ({ protocol: "tcp", port });

    it("lets compute reach S3 through the gateway endpoint and get the replies", () => {
      expect(naclVerdict(s, compute, true, S3_IP, tcp(443))).to.equal("allow");
      expect(naclVerdict(s, compute, false, S3_IP, tcp(40000))).to.equal("allow");
      expect(naclVerdict(s, compute, false, S3_IP, tcp(1024))).to.equal("allow");
      expect(naclVerdict(s, data, true, S3_IP, tcp(443))).to.equal("allow");
      expect(naclVerdict(s, data, false, S3_IP, tcp(52000))).to.equal("allow");
    });

    it("lets the load balancer reach the app port, and the replies go back", () => {
      expect(naclVerdict(s, compute, false, ALB_IP, tcp(8080))).to.equal("allow");
      expect(naclVerdict(s, compute, true, ALB_IP, tcp(1025))).to.equal("allow");
      expect(naclVerdict(s, compute, false, INTERNET_IP, tcp(8080))).to.equal("deny");
      expect(naclVerdict(s, compute, false, DATA_IP, tcp(8080))).to.equal("deny");
      expect(naclVerdict(s, pub, true, COMPUTE_IP, tcp(8080))).to.equal("allow");
    });

    it("lets compute and data reach the interface endpoints in the compute subnets", () => {
      expect(naclVerdict(s, data, true, COMPUTE_IP, tcp(443))).to.equal("allow");
      expect(naclVerdict(s, compute, false, DATA_IP, tcp(443))).to.equal("allow");
      expect(naclVerdict(s, compute, true, DATA_IP, tcp(45000))).to.equal("allow");
      expect(naclVerdict(s, data, false, COMPUTE_IP, tcp(45000))).to.equal("allow");
    });

    it("opens the data port to compute only", () => {
      expect(naclVerdict(s, compute, true, DATA_IP, tcp(5439))).to.equal("allow");
      expect(naclVerdict(s, data, false, COMPUTE_IP, tcp(5439))).to.equal("allow");
      expect(naclVerdict(s, data, true, COMPUTE_IP, tcp(50000))).to.equal("allow");
      expect(naclVerdict(s, data, false, ALB_IP, tcp(5439))).to.equal("deny");
      expect(naclVerdict(s, data, false, INTERNET_IP, tcp(5439))).to.equal("deny");
    });

    it("closes admin ports and non-TCP traffic from anywhere", () => {
      for (const sub of [compute, data]) {
        for (const port of [22, 3389, 80]) {
          expect(
            naclVerdict(s, sub, false, INTERNET_IP, tcp(port)),
            `${sub.name} ${port}`,
          ).to.equal("deny");
        }
        expect(naclVerdict(s, sub, true, INTERNET_IP, tcp(80))).to.equal("deny");
        expect(
          naclVerdict(s, sub, false, INTERNET_IP, { protocol: "icmp", icmpType: 8, icmpCode: 0 }),
        ).to.equal("deny");
        // Path MTU discovery still works.
        expect(
          naclVerdict(s, sub, false, S3_IP, { protocol: "icmp", icmpType: 3, icmpCode: 4 }),
        ).to.equal("allow");
      }
    });

    it("opens the data port to the public tier only in bastion mode", async () => {
      const b = await build(
        argsFor(2, { dataIngressFromPublic: true, dataIngressPorts: [5439, 5432] }),
        false,
      );
      const d = b.subnets("data")[1];
      expect(naclVerdict(b, d, false, ALB_IP, tcp(5439))).to.equal("allow");
      expect(naclVerdict(b, d, false, ALB_IP, tcp(5432))).to.equal("allow");
      expect(naclVerdict(b, d, false, INTERNET_IP, tcp(5432))).to.equal("deny");
    });

    it("adds requested NACL openings with their return path", async () => {
      const b = await build(
        argsFor(2, {
          additionalNaclIngress: [{ tier: "compute", port: 22, cidrBlock: "10.30.0.0/24" }],
        }),
        false,
      );
      const c = b.subnets("compute")[0];
      expect(naclVerdict(b, c, false, "10.30.0.5", tcp(22))).to.equal("allow");
      expect(naclVerdict(b, c, true, "10.30.0.5", tcp(50000))).to.equal("allow");
      expect(naclVerdict(b, c, false, INTERNET_IP, tcp(22))).to.equal("deny");
    });
  });

  describe("policies (known after apply)", () => {
    let s: Stack;
    before(async () => {
      s = await build(
        argsFor(2, { s3EndpointExtraBucketArns: ["arn:aws:s3:::al2023-repos-eu-west-1-de612dc2"] }),
        false,
      );
    });

    it("limits the S3 gateway endpoint to own buckets, the ECR layer bucket and named extras", () => {
      const s3 = s.all(T.endpoint).find((e) => e.inputs.vpcEndpointType === "Gateway")!;
      const stmts = statements(s3.inputs.policy);
      const own = stmts.find((x) => x.Sid === "OwnAccountBuckets")!;
      expect(own.Condition).to.deep.equal({
        StringEquals: { "aws:PrincipalAccount": ACCOUNT, "aws:ResourceAccount": ACCOUNT },
      });
      expect(list(own.Action)).to.not.include("s3:*");
      const ecr = stmts.find((x) => x.Sid === "EcrImageLayers")!;
      expect(list(ecr.Action)).to.deep.equal(["s3:GetObject"]);
      expect(list(ecr.Resource)).to.deep.equal([
        `arn:aws:s3:::prod-${REGION}-starport-layer-bucket/*`,
      ]);
      const extra = stmts.find((x) => x.Sid === "ReadOnlyExtraBuckets")!;
      expect(list(extra.Action)).to.deep.equal(["s3:GetObject"]);
      expect(list(extra.Resource)).to.deep.equal([
        "arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/*",
      ]);
      expect(stmts.every((x) => x.Effect === "Allow")).to.equal(true);
      // Every statement is narrowed by an account condition or an exact resource.
      for (const x of stmts) {
        expect(
          x.Condition !== undefined || list(x.Resource).every((r) => !r.endsWith(":::*")),
        ).to.equal(true);
      }
    });

    it("scopes the interface endpoint policies to this account", () => {
      for (const e of s.all(T.endpoint).filter((x) => x.inputs.vpcEndpointType === "Interface")) {
        for (const x of statements(e.inputs.policy)) {
          expect(x.Condition, `${e.name} ${x.Sid}`).to.deep.equal({
            StringEquals: { "aws:PrincipalAccount": ACCOUNT },
          });
          expect(
            list(x.Action).some((a) => a === "*" || a.endsWith(":*")),
            e.name,
          ).to.equal(false);
        }
      }
      const dkr = s.one(T.endpoint, `${NAME}-ecr-dkr-endpoint`);
      const pull = statements(dkr.inputs.policy).find((x) => x.Sid === "PullOwnRepositories")!;
      expect(list(pull.Resource)).to.deep.equal([`arn:aws:ecr:${REGION}:${ACCOUNT}:repository/*`]);
    });

    it("trusts only VPC Flow Logs for this account's flow logs, writing only to its group", () => {
      const role = s.one(T.role);
      const [trust] = statements(role.inputs.assumeRolePolicy);
      expect(trust.Principal).to.deep.equal({ Service: "vpc-flow-logs.amazonaws.com" });
      expect(trust.Condition).to.deep.equal({
        StringEquals: { "aws:SourceAccount": ACCOUNT },
        ArnLike: { "aws:SourceArn": `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc-flow-log/*` },
      });
      const group = s.one(T.logGroup);
      const groupArn = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${group.inputs.name}`;
      const stmts = statements(s.one(T.rolePolicy).inputs.policy);
      const write = stmts.find((x) => x.Sid === "WriteFlowLogGroup")!;
      // The provider orders a statement's resources (reverse-sorted); order means nothing to IAM.
      expect(list(write.Resource).sort()).to.deep.equal([groupArn, `${groupArn}:*`]);
      const star = stmts.filter((x) => list(x.Resource).includes("*"));
      expect(star.flatMap((x) => list(x.Action))).to.deep.equal(["logs:DescribeLogGroups"]);
    });

    it("lets CloudWatch Logs use the flow-log key for that log group only", () => {
      const group = s.one(T.logGroup);
      expect(group.inputs.name).to.equal(`/platform/${NAME}/vpc-flow-logs`);
      const logs = statements(s.one(T.key).inputs.policy).find(
        (x) => x.Sid === "CloudWatchLogsUse",
      )!;
      expect(logs.Principal).to.deep.equal({ Service: `logs.${REGION}.amazonaws.com` });
      expect(logs.Condition).to.deep.equal({
        ArnLike: {
          "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${group.inputs.name}`,
        },
      });
    });

    it("exposes the S3 prefix list id and the AZ names", async () => {
      const comp = s.one(T.component);
      expect(comp.outputs.s3PrefixListId).to.match(/^pl-/);
      expect(comp.outputs.azNames).to.deep.equal([`${REGION}a`, `${REGION}b`]);
      expect(comp.outputs.vpcCidr).to.equal("10.20.0.0/16");
      expect(comp.outputs.flowLogGroupName).to.equal(`/platform/${NAME}/vpc-flow-logs`);
    });
  });

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

    it("fails clearly when the region has fewer AZs than subnets per tier", () => {
      expect(() => azNameAt(NAME, ["eu-west-1a", "eu-west-1b"], 0, 3)).to.throw(
        "subnetCidrs has 3 subnets per tier but the region offers 2 availability zones",
      );
      expect(azNameAt(NAME, ["eu-west-1a", "eu-west-1b"], 1, 2)).to.equal("eu-west-1b");
    });
  });
});
