// Network: what the NACLs let through (evaluated both ways), and the endpoint and flow-log policies.
import { expect } from "chai";
import { RecordedResource } from "../../../tools/lib/recorder";
import {
  ACCOUNT,
  REGION,
  NAME,
  T,
  argsFor,
  build,
  list,
  statements,
  Packet,
  naclVerdict,
  Stack,
} from "../../fixtures/network";

describe("Network: traffic and policies", function () {
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
});
