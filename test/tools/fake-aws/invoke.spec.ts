// invoke: every data source the fake answers, and the account's and EC2's answers. The other
// services, the error for anything else and the user's answers file: ./invoke-services.spec.ts
// (the policy document has its own spec).
import { expect } from "chai";
import { answeredTokens, invoke } from "../../../tools/lib/fake-aws";

const ENV = { accountId: "123456789012", region: "eu-west-1" };
const call = (token: string, args: Record<string, any> = {}, env: any = ENV) =>
  invoke(token, args, env);

describe("fake AWS: invokes", () => {
  it("answers the data sources ordinary programs call", () => {
    for (const t of [
      "aws:ec2/getAmi:getAmi",
      "aws:ec2/getAmiIds:getAmiIds",
      "aws:ec2/getVpc:getVpc",
      "aws:ec2/getSubnets:getSubnets",
      "aws:ec2/getSubnet:getSubnet",
      "aws:ec2/getSubnetIds:getSubnetIds",
      "aws:ec2/getSecurityGroup:getSecurityGroup",
      "aws:ec2/getSecurityGroups:getSecurityGroups",
      "aws:route53/getZone:getZone",
      "aws:organizations/getOrganization:getOrganization",
      "aws:index/getPartition:getPartition",
      "aws:index/getCallerIdentity:getCallerIdentity",
      "aws:index/getRegion:getRegion",
      "aws:index/getRegions:getRegions",
      "aws:index/getAvailabilityZones:getAvailabilityZones",
      "aws:ssm/getParameter:getParameter",
      "aws:iam/getPolicyDocument:getPolicyDocument",
      "aws:iam/getPolicy:getPolicy",
      "aws:elb/getServiceAccount:getServiceAccount",
      "aws:ec2/getPrefixList:getPrefixList",
      "aws:kms/getKey:getKey",
      "aws:kms/getAlias:getAlias",
      "aws:acm/getCertificate:getCertificate",
      "aws:ecr/getAuthorizationToken:getAuthorizationToken",
      "aws:iam/getRole:getRole",
      "aws:cloudfront/getCachePolicy:getCachePolicy",
      "aws:cloudfront/getOriginRequestPolicy:getOriginRequestPolicy",
      "aws:cloudfront/getResponseHeadersPolicy:getResponseHeadersPolicy",
      "aws:index/getDefaultTags:getDefaultTags",
      "aws:ec2/getInstanceType:getInstanceType",
      "aws:ec2/getInstanceTypes:getInstanceTypes",
      "aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings",
      "aws:elasticbeanstalk/getSolutionStack:getSolutionStack",
      "aws:rds/getEngineVersion:getEngineVersion",
    ]) {
      expect(answeredTokens(), t).to.include(t);
    }
  });

  describe("account, region, partition", () => {
    it("getCallerIdentity, getPartition, getRegion, getRegions, getDefaultTags", () => {
      expect(call("aws:index/getCallerIdentity:getCallerIdentity")).to.include({
        accountId: "123456789012",
        id: "123456789012",
      });
      expect(call("aws:index/getPartition:getPartition")).to.include({
        partition: "aws",
        dnsSuffix: "amazonaws.com",
        reverseDnsPrefix: "com.amazonaws",
      });
      expect(
        call(
          "aws:index/getPartition:getPartition",
          {},
          { accountId: "123456789012", region: "cn-north-1" },
        ).dnsSuffix,
      ).to.equal("amazonaws.com.cn");
      expect(call("aws:index/getRegion:getRegion")).to.include({
        region: "eu-west-1",
        name: "eu-west-1",
        endpoint: "ec2.eu-west-1.amazonaws.com",
      });
      const enabled = call("aws:index/getRegions:getRegions").names;
      expect(enabled).to.include("eu-west-1").and.not.include("af-south-1");
      expect(call("aws:index/getRegions:getRegions", { allRegions: true }).names)
        .to.include("af-south-1")
        .and.not.include("cn-north-1");
      expect(call("aws:index/getDefaultTags:getDefaultTags").tags).to.deep.equal({});
    });

    it("getAvailabilityZones: the region's zones, honouring state, exclusions and filters", () => {
      const all = call(
        "aws:index/getAvailabilityZones:getAvailabilityZones",
        {},
        { accountId: "123456789012", region: "us-east-1" },
      );
      expect(all.names).to.deep.equal([
        "us-east-1a",
        "us-east-1b",
        "us-east-1c",
        "us-east-1d",
        "us-east-1e",
        "us-east-1f",
      ]);
      expect(all.zoneIds[0]).to.equal("use1-az6");
      const az = (args: Record<string, any>) =>
        call("aws:index/getAvailabilityZones:getAvailabilityZones", args).names;
      expect(az({ state: "available", allAvailabilityZones: true })).to.have.length(3);
      expect(az({ state: "unavailable" })).to.deep.equal([]);
      expect(az({ excludeNames: ["eu-west-1b"] })).to.deep.equal(["eu-west-1a", "eu-west-1c"]);
      expect(az({ excludeZoneIds: ["euw1-az3"] })).to.deep.equal(["eu-west-1b", "eu-west-1c"]);
      expect(az({ filters: [{ name: "zone-name", values: ["*-1c"] }] })).to.deep.equal([
        "eu-west-1c",
      ]);
      expect(
        az({ filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] }),
      ).to.have.length(3);
      const one = call("aws:index/getAvailabilityZone:getAvailabilityZone", { name: "eu-west-1b" });
      expect(one).to.include({ zoneId: "euw1-az1", nameSuffix: "b", state: "available" });
    });
  });

  describe("EC2", () => {
    it("getAmi / getAmiIds: a made-up AMI, stable per query", () => {
      const args = {
        mostRecent: true,
        owners: ["amazon"],
        filters: [{ name: "name", values: ["al2023-ami-*-arm64"] }],
      };
      const ami = call("aws:ec2/getAmi:getAmi", args);
      expect(ami.id)
        .to.match(/^ami-[0-9a-f]{17}$/)
        .and.equal(call("aws:ec2/getAmi:getAmi", args).id);
      expect(ami).to.include({ architecture: "arm64", ownerId: "137112412989", imageId: ami.id });
      expect(ami.name).to.equal("al2023-ami-2026.01.01-arm64");
      expect(call("aws:ec2/getAmiIds:getAmiIds", args).ids).to.deep.equal([ami.id]);
      const byId = {
        owners: ["099720109477"],
        filters: [{ name: "image-id", values: ["ami-0123456789abcdef0"] }],
      };
      expect(call("aws:ec2/getAmi:getAmi", byId)).to.include({
        id: "ami-0123456789abcdef0",
        ownerId: "099720109477",
      });
    });

    it("getVpc (default) and its default subnets, one per AZ", () => {
      const vpc = call("aws:ec2/getVpc:getVpc", { default: true });
      expect(vpc).to.include({ cidrBlock: "172.31.0.0/16", default: true });
      expect(vpc.id).to.match(/^vpc-[0-9a-f]{17}$/);
      const subnets = call("aws:ec2/getSubnets:getSubnets", {
        filters: [{ name: "vpc-id", values: [vpc.id] }],
      }).ids;
      expect(subnets).to.have.length(3);
      expect(call("aws:ec2/getSubnetIds:getSubnetIds", { vpcId: vpc.id }).ids).to.deep.equal(
        subnets,
      );
      const s = call("aws:ec2/getSubnet:getSubnet", { id: subnets[1] });
      expect(s).to.include({
        vpcId: vpc.id,
        availabilityZone: "eu-west-1b",
        cidrBlock: "172.31.16.0/20",
        defaultForAz: true,
      });
      // awsx's getDefaultVpc is the same VPC, every default subnet public.
      expect(call("awsx:ec2:getDefaultVpc")).to.deep.equal({
        vpcId: vpc.id,
        publicSubnetIds: subnets,
        privateSubnetIds: [],
      });
      // Python programs pass `default="true"`.
      expect(call("aws:ec2/getVpc:getVpc", { default: "true" }).id).to.equal(vpc.id);
      expect(call("aws:ec2/getVpc:getVpc", { id: "vpc-0123456789abcdef0" })).to.include({
        id: "vpc-0123456789abcdef0",
        default: false,
      });
    });

    it("getSecurityGroup(s), getPrefixList, getManagedPrefixList, getInstanceType(s)", () => {
      const sg = call("aws:ec2/getSecurityGroup:getSecurityGroup", { name: "default" });
      expect(sg.id).to.match(/^sg-/);
      expect(call("aws:ec2/getSecurityGroups:getSecurityGroups", {}).ids).to.have.length(1);
      expect(
        call("aws:ec2/getPrefixList:getPrefixList", { name: "com.amazonaws.eu-west-1.s3" }).id,
      ).to.match(/^pl-[0-9a-f]{8}$/);
      expect(
        call("aws:ec2/getManagedPrefixList:getManagedPrefixList", {
          name: "com.amazonaws.eu-west-1.dynamodb",
        }).entries,
      ).to.have.length(2);
      expect(
        call("aws:ec2/getInstanceType:getInstanceType", { instanceType: "t4g.small" }),
      ).to.include({ defaultVcpus: 2, memorySize: 2048 });
      expect(
        call("aws:ec2/getInstanceType:getInstanceType", { instanceType: "t4g.small" })
          .supportedArchitectures,
      ).to.deep.equal(["arm64"]);
      expect(
        call("aws:ec2/getInstanceTypes:getInstanceTypes", {
          filters: [{ name: "instance-type", values: ["m5.large"] }],
        }).instanceTypes,
      ).to.deep.equal(["m5.large"]);
    });
  });
});
