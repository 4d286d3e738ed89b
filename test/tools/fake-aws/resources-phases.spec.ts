// resourceState beyond the formats (./resources.spec.ts): auto-generated names, what each phase
// knows (inputs only at preview, deterministic values at apply), and the types of the packages
// programs use beside @pulumi/aws and of the engine itself.
import { expect } from "chai";
import { resourceState, UNKNOWN } from "../../../tools/lib/fake-aws";

const ENV = { accountId: "123456789012", region: "eu-west-1" };
const apply = (type: string, inputs: Record<string, any> = {}, name = "my-res") =>
  resourceState({ type, name, inputs }, ENV, "apply");

describe("fake AWS: resource state", () => {
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
