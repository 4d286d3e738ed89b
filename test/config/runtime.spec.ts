// Runtime keys: every bad input names its key.
import { BadInput, notAnInteger, outOfRange, rejects } from "../fixtures/config";

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
    [
      "bad allowed CIDR",
      { "platform:albAllowedCidrs": ["0.0.0.0/0", "1.2.3.4"] },
      /^platform:albAllowedCidrs: item 1: "1\.2\.3\.4" is not an IPv4 CIDR/,
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
  ];
  rejects(cases);
});
