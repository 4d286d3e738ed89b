// Runtime keys: every bad input names its key.
import { expect } from "chai";
import { parseStackConfig } from "../../components/config";
import { BadInput, base, notAnInteger, outOfRange, problems, rejects } from "../fixtures/config";

describe("config: runtime", () => {
  const cases: BadInput[] = [
    [
      "Fargate CPU/memory combination",
      { "platform:runtimeCpu": 256, "platform:runtimeMemory": 4096 },
      /^platform:runtimeMemory: 4096 MiB is not allowed with runtimeCpu 256; use one of 512, 1024, 2048/,
    ],
    [
      "unknown Fargate CPU",
      { "platform:runtimeCpu": 300 },
      /^platform:runtimeCpu: 300 is not a Fargate CPU size/,
    ],
    [
      "min count above desired",
      { "platform:runtimeMinCount": 5 },
      /^platform:runtimeMinCount: 5 is above runtimeDesiredCount 2/,
    ],
    [
      "max count below desired",
      { "platform:runtimeMaxCount": 1 },
      /^platform:runtimeMaxCount: 1 is below runtimeDesiredCount 2/,
    ],
    outOfRange("privileged container port", "platform:containerPort", 80),
    [
      "malformed certificate",
      { "platform:certificateArn": "arn:aws:iam::123456789012:role/x" },
      /^platform:certificateArn: .* is not an ACM certificate ARN/,
    ],
    [
      "certificate from another region",
      {
        "platform:certificateArn":
          "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000000",
      },
      /^platform:certificateArn: is in us-east-1 but the load balancer is in aws:region eu-west-1/,
    ],
    // A certificate of another account: CreateListener answers CertificateNotFound at `pulumi up`.
    [
      "certificate from an account the stack may not deploy to",
      {
        "aws:allowedAccountIds": ["123456789012"],
        "platform:certificateArn":
          "arn:aws:acm:eu-west-1:210987654321:certificate/4f2c1a9e-7b3d-4e8a-9c61-0d2e5f7a8b9c",
      },
      /^platform:certificateArn: is in account 210987654321, but aws:allowedAccountIds lets the stack deploy only to 123456789012; .*request the certificate in the stack's account$/,
    ],
    [
      "allowed account that is not an account id",
      { "aws:allowedAccountIds": ["12345"] },
      /^aws:allowedAccountIds: "12345" is not a 12-digit AWS account id$/,
    ],
    [
      "bad allowed CIDR",
      { "platform:albAllowedCidrs": ["0.0.0.0/0", "1.2.3.4"] },
      /^platform:albAllowedCidrs: item 1: "1\.2\.3\.4" is not an IPv4 CIDR/,
    ],
    // EC2 answers a second identical rule with InvalidPermission.Duplicate.
    [
      "the same allowed CIDR twice",
      { "platform:albAllowedCidrs": ["203.0.113.0/24", "198.51.100.0/24", "203.0.113.0/24"] },
      /^platform:albAllowedCidrs: item 2 "203\.0\.113\.0\/24" repeats item 0; a security group refuses the same rule twice \(InvalidPermission\.Duplicate\): list each CIDR once$/,
    ],
    // 31 CIDRs on 80 and 443 are 62 rules; a security group holds 60 inbound rules.
    [
      "more allowed CIDRs than the load balancer's security group holds with HTTPS",
      {
        "platform:certificateArn":
          "arn:aws:acm:eu-west-1:123456789012:certificate/4f2c1a9e-7b3d-4e8a-9c61-0d2e5f7a8b9c",
        "platform:albAllowedCidrs": Array.from({ length: 31 }, (_, i) => `198.51.${i}.0/24`),
      },
      /^platform:albAllowedCidrs: 31 CIDRs make 62 inbound rules \(one per CIDR and port\), more than the 60 a security group holds/,
    ],
    outOfRange("desired count out of range", "platform:runtimeDesiredCount", 0),
    outOfRange("WAF rate limit below the minimum", "platform:wafRateLimit", 5),
    notAnInteger("ECR images kept of wrong type", "platform:ecrKeepImages", "many"),
    outOfRange("upload limit out of range", "platform:maxUploadMiB", 500),
    [
      "bad image tag",
      { "platform:imageTag": "-latest" },
      /^platform:imageTag: "-latest" is not a valid image tag/,
    ],
    [
      "cluster name with a character ECS refuses",
      { "platform:runtimeClusterName": "platform.staging" },
      /^platform:runtimeClusterName: "platform\.staging" is not a valid ECS cluster name; use 1 to 255 letters, digits, hyphens and underscores/,
    ],
    [
      "cluster name longer than ECS takes",
      { "platform:runtimeClusterName": "c".repeat(256) },
      /^platform:runtimeClusterName: "c{256}" is not a valid ECS cluster name/,
    ],
    [
      "empty cluster name",
      { "platform:runtimeClusterName": "" },
      /^platform:runtimeClusterName: must be 1 to 255 letters, digits, hyphens and underscores .*, got ""$/,
    ],
  ];
  rejects(cases);

  it("accepts a certificate of an allowed account, or any account when the stack names none", () => {
    const certificateArn =
      "arn:aws:acm:eu-west-1:123456789012:certificate/4f2c1a9e-7b3d-4e8a-9c61-0d2e5f7a8b9c";
    for (const accounts of [["210987654321", "123456789012"], undefined]) {
      const allowed = accounts ? { "aws:allowedAccountIds": accounts } : {};
      expect(
        problems({ ...base(), ...allowed, "platform:certificateArn": certificateArn }),
      ).to.deep.equal([]);
    }
  });

  it("leaves the cluster name unset by default and reads a set one", () => {
    expect(parseStackConfig(base()).runtime.clusterName).to.equal(undefined);
    const name = "staging-runtime-cluster_4f2c1a9";
    const raw = { ...base(), "platform:runtimeClusterName": name };
    expect(problems(raw)).to.deep.equal([]);
    expect(parseStackConfig(raw).runtime.clusterName).to.equal(name);
  });

  it("fits 30 CIDRs with HTTPS and 60 without: one rule per CIDR and port", () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `198.51.${i}.0/24`);
    const https = {
      "platform:certificateArn":
        "arn:aws:acm:eu-west-1:123456789012:certificate/4f2c1a9e-7b3d-4e8a-9c61-0d2e5f7a8b9c",
    };
    expect(problems({ ...base(), ...https, "platform:albAllowedCidrs": many(30) })).to.deep.equal(
      [],
    );
    expect(problems({ ...base(), "platform:albAllowedCidrs": many(60) })).to.deep.equal([]);
    expect(problems({ ...base(), "platform:albAllowedCidrs": many(61) })).to.have.length(1);
  });
});
