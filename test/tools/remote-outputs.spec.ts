// The outputs the apply phase answers for remote components (tools/lib/engine/remote-outputs.ts):
// per component, inputs → outputs in AWS's formats, the same ids the fake AWS gives the child
// resources awsx creates, and nothing for what cannot be derived faithfully.
import { expect } from "chai";
import { resourceState, UNKNOWN } from "../../tools/lib/fake-aws";
import { awsxVpcSubnets, remoteOutputs } from "../../tools/lib/engine/remote-outputs";
import { fakeCloudAnswers } from "../../tools/lib/engine/answers";

const env = { accountId: "123456789012", region: "us-west-2" };
const SUBNET = /^subnet-[0-9a-f]{17}$/;
const ZONES = ["us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d"];

describe("remote component outputs in the apply phase", () => {
  describe("awsx:ec2:Vpc", () => {
    it("defaults to 3 zones × (public, private): ids of the subnets awsx names <vpc>-<type>-<n>", () => {
      const out = remoteOutputs("awsx:ec2:Vpc", "vpc", {}, env);
      expect(out.vpcId).to.match(/^vpc-[0-9a-f]{17}$/);
      expect(out.vpcId).to.equal(
        resourceState({ type: "aws:ec2/vpc:Vpc", name: "vpc", inputs: {} }, env, "apply").id,
      );
      expect(out.publicSubnetIds).to.have.length(3);
      expect(out.privateSubnetIds).to.have.length(3);
      expect(out.isolatedSubnetIds).to.deep.equal([]);
      for (const id of [...out.publicSubnetIds, ...out.privateSubnetIds])
        expect(id).to.match(SUBNET);
      expect(new Set([...out.publicSubnetIds, ...out.privateSubnetIds]).size).to.equal(6);
      expect(awsxVpcSubnets("vpc", {}, ZONES)?.Public).to.deep.equal([
        "vpc-public-1",
        "vpc-public-2",
        "vpc-public-3",
      ]);
    });

    it("follows numberOfAvailabilityZones, availabilityZoneNames and subnetSpecs (Unused makes none)", () => {
      const specs = [{ type: "Public" }, { type: "Isolated", name: "db" }, { type: "Unused" }];
      const two = remoteOutputs(
        "awsx:ec2:Vpc",
        "net",
        // Without private subnets awsx refuses a NAT strategy other than None.
        { numberOfAvailabilityZones: 2, subnetSpecs: specs, natGateways: { strategy: "None" } },
        env,
      );
      expect(two.publicSubnetIds).to.have.length(2);
      expect(two.privateSubnetIds).to.deep.equal([]);
      expect(two.isolatedSubnetIds).to.have.length(2);
      expect(
        awsxVpcSubnets("net", { numberOfAvailabilityZones: 2, subnetSpecs: specs }, ZONES),
      ).to.deep.equal({
        Public: ["net-public-1", "net-public-2"],
        Private: [],
        Isolated: ["net-db-1", "net-db-2"],
      });
      const named = remoteOutputs(
        "awsx:ec2:Vpc",
        "net",
        { availabilityZoneNames: ["us-west-2a"] },
        env,
      );
      expect(named.publicSubnetIds).to.have.length(1);
      expect(named.privateSubnetIds).to.have.length(1);
    });

    it("leaves the subnet ids unknown when the inputs that decide them are, and gives nothing when the real run fails", () => {
      for (const inputs of [
        { numberOfAvailabilityZones: UNKNOWN },
        { availabilityZoneNames: UNKNOWN },
        { subnetSpecs: [{ type: UNKNOWN }] },
      ]) {
        const out = remoteOutputs("awsx:ec2:Vpc", "vpc", inputs, env);
        expect(Object.keys(out), JSON.stringify(inputs)).to.deep.equal(["vpcId"]);
      }
      // awsx throws before creating the VPC: no output is ever known.
      for (const inputs of [
        { numberOfAvailabilityZones: 2, availabilityZoneNames: ["us-west-2a", "us-west-2b"] },
        { numberOfAvailabilityZones: 9 },
      ]) {
        const out = remoteOutputs("awsx:ec2:Vpc", "vpc", inputs, env);
        expect(Object.keys(out), JSON.stringify(inputs)).to.deep.equal([]);
      }
    });
  });

  describe("awsx:ec2:DefaultVpc", () => {
    it("is the region's default VPC, every default subnet public, as the fake's getVpc/getSubnets say", () => {
      const out = remoteOutputs("awsx:ec2:DefaultVpc", "default", {}, env);
      const vpc = resourceState({ type: "aws:ec2/vpc:Vpc", name: "x", inputs: {} }, env, "apply");
      expect(out.vpcId)
        .to.match(/^vpc-[0-9a-f]{17}$/)
        .and.not.equal(vpc.id);
      expect(out.publicSubnetIds.length).to.be.greaterThan(1);
      for (const id of out.publicSubnetIds) expect(id).to.match(SUBNET);
      expect(out.privateSubnetIds).to.deep.equal([]);
    });
  });

  describe("awsx:ecr:Repository", () => {
    it("url is the repositoryUrl of the aws.ecr.Repository awsx names after the component, in lower case", () => {
      const out = remoteOutputs("awsx:ecr:Repository", "AppRepo", { forceDelete: true }, env);
      expect(out.url).to.match(
        /^123456789012\.dkr\.ecr\.us-west-2\.amazonaws\.com\/apprepo-[a-z0-9]+$/,
      );
      const named = remoteOutputs("awsx:ecr:Repository", "AppRepo", { name: "web" }, env);
      expect(named.url).to.equal("123456789012.dkr.ecr.us-west-2.amazonaws.com/web");
      expect(remoteOutputs("awsx:ecr:Repository", "r", { name: UNKNOWN }, env)).to.deep.equal({});
    });
  });

  describe("awsx:ecr:Image", () => {
    it("imageUri is <repositoryUrl>@sha256:<64 hex>, unknown while the repository URL is", () => {
      const url = "123456789012.dkr.ecr.us-west-2.amazonaws.com/web";
      const out = remoteOutputs(
        "awsx:ecr:Image",
        "image",
        { repositoryUrl: url, context: "." },
        env,
      );
      expect(out.imageUri).to.match(
        /^123456789012\.dkr\.ecr\.us-west-2\.amazonaws\.com\/web@sha256:[0-9a-f]{64}$/,
      );
      expect(
        remoteOutputs("awsx:ecr:Image", "image", { repositoryUrl: UNKNOWN }, env),
      ).to.deep.equal({});
    });
  });

  describe("eks:index:Cluster", () => {
    it("oidcProviderUrl is the cluster's issuer, oidcIssuer the same without https://, oidcProviderArn its IAM provider", () => {
      const out = remoteOutputs("eks:index:Cluster", "eks", { createOidcProvider: true }, env);
      expect(out.oidcProviderUrl).to.match(
        /^https:\/\/oidc\.eks\.us-west-2\.amazonaws\.com\/id\/[0-9A-F]{32}$/,
      );
      expect(out.oidcIssuer).to.equal(out.oidcProviderUrl.slice("https://".length));
      expect(out.oidcProviderArn).to.equal(
        `arn:aws:iam::123456789012:oidc-provider/${out.oidcIssuer}`,
      );
      const issuer = resourceState(
        { type: "aws:eks/cluster:Cluster", name: "eks-eksCluster", inputs: {} },
        env,
        "apply",
      ).state.identities[0].oidcs[0].issuer;
      expect(out.oidcProviderUrl).to.equal(issuer);
    });

    it("oidcProviderArn is empty without createOidcProvider, and left unknown while that input is", () => {
      expect(remoteOutputs("eks:index:Cluster", "eks", {}, env).oidcProviderArn).to.equal("");
      const unknown = remoteOutputs(
        "eks:index:Cluster",
        "eks",
        { createOidcProvider: UNKNOWN },
        env,
      );
      expect(unknown).to.have.keys("oidcProviderUrl", "oidcIssuer");
      expect(remoteOutputs("eks:index:Cluster", "eks", { name: UNKNOWN }, env)).to.deep.equal({});
    });
  });

  it("derives for the region and account of the aws provider the component is given, else the stack's", () => {
    const answers = fakeCloudAnswers(env);
    const repo = (at?: { region?: string; accountId?: string }) =>
      answers.remoteOutputs!("awsx:ecr:Repository", "repo", { name: "web" }, at).url;
    expect(repo()).to.equal("123456789012.dkr.ecr.us-west-2.amazonaws.com/web");
    expect(repo({ region: "eu-central-1", accountId: "210987654321" })).to.equal(
      "210987654321.dkr.ecr.eu-central-1.amazonaws.com/web",
    );
    // A region the fake does not know leaves the outputs unknown rather than failing the run.
    expect(
      answers.remoteOutputs!("awsx:ecr:Repository", "repo", {}, { region: "xx-nowhere-9" }),
    ).to.deep.equal({});
  });

  it("answers nothing for components whose outputs are resource references or lookups", () => {
    for (const type of [
      "awsx:lb:ApplicationLoadBalancer",
      "awsx:lb:NetworkLoadBalancer",
      "awsx:ecs:FargateService",
      "awsx:ecs:FargateTaskDefinition",
      "eks:index:ManagedNodeGroup",
    ]) {
      expect(remoteOutputs(type, "x", {}, env), type).to.deep.equal({});
    }
  });
});
