// invoke: existing resources a program looks up by name (tools/lib/fake-aws/invokes-lookups.ts):
// the identifiers AWS derives from the name, the account and the region; the rest unknown.
import { expect } from "chai";
import { invoke, UNKNOWN } from "../../../tools/lib/fake-aws";

const ENV = { accountId: "123456789012", region: "eu-west-1" };
const call = (token: string, args: Record<string, any>, env: any = ENV) => invoke(token, args, env);

describe("fake AWS: look-ups of an existing resource by name", () => {
  it("getRepository: URL and ARN of the account's registry, or of the registry named", () => {
    const repo = call("aws:ecr/getRepository:getRepository", { name: "app/web" });
    expect(repo).to.include({
      id: "app/web",
      registryId: "123456789012",
      repositoryUrl: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app/web",
      arn: "arn:aws:ecr:eu-west-1:123456789012:repository/app/web",
    });
    // What the repository is configured with is AWS's to say.
    expect(repo.encryptionConfigurations).to.equal(UNKNOWN);
    expect(repo.imageTagMutability).to.equal(UNKNOWN);
    const shared = call("aws:ecr/getRepository:getRepository", {
      name: "base",
      registryId: "210987654321",
    });
    expect(shared.repositoryUrl).to.equal("210987654321.dkr.ecr.eu-west-1.amazonaws.com/base");
    const china = call(
      "aws:ecr/getRepository:getRepository",
      { name: "base" },
      { accountId: "123456789012", region: "cn-north-1" },
    );
    expect(china.repositoryUrl).to.equal("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/base");
    expect(china.arn).to.equal("arn:aws-cn:ecr:cn-north-1:123456789012:repository/base");
  });

  it("getTopic, getQueue, getCluster: ARNs and the queue URL in AWS's formats", () => {
    expect(call("aws:sns/getTopic:getTopic", { name: "alerts" })).to.include({
      id: "arn:aws:sns:eu-west-1:123456789012:alerts",
      arn: "arn:aws:sns:eu-west-1:123456789012:alerts",
    });
    expect(call("aws:sqs/getQueue:getQueue", { name: "jobs.fifo" })).to.include({
      id: "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs.fifo",
      url: "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs.fifo",
      arn: "arn:aws:sqs:eu-west-1:123456789012:jobs.fifo",
    });
    const cluster = call("aws:ecs/getCluster:getCluster", { clusterName: "apps" });
    expect(cluster).to.include({
      arn: "arn:aws:ecs:eu-west-1:123456789012:cluster/apps",
      status: "ACTIVE",
    });
    expect(cluster.settings).to.equal(UNKNOWN);
  });

  it("a region given to the look-up wins over the stack's", () => {
    expect(call("aws:sns/getTopic:getTopic", { name: "alerts", region: "us-east-1" }).arn).to.equal(
      "arn:aws:sns:us-east-1:123456789012:alerts",
    );
  });
});
