// invoke: the data sources the fake answers so an apply phase runs on past them: short-lived
// credentials (a registry login, a cluster token) and RDS's default DB subnet group. (Secrets
// Manager's random password: random-password.spec.ts.)
import { expect } from "chai";
import { invoke, InvokeNotAnsweredError } from "../../../tools/lib/fake-aws";

const ENV = { accountId: "123456789012", region: "eu-west-1" };
const call = (token: string, args: Record<string, any> = {}) => invoke(token, args, ENV);

describe("fake AWS: credential and DB subnet group data sources", () => {
  it("getSubnetGroup of `default`: the default VPC's subnets; other names are not known", () => {
    const group = call("aws:rds/getSubnetGroup:getSubnetGroup", { name: "default" });
    const vpc = call("aws:ec2/getVpc:getVpc", { default: true });
    const subnets = call("aws:ec2/getSubnets:getSubnets", {
      filters: [{ name: "vpc-id", values: [vpc.id] }],
    });
    expect(group).to.include({ vpcId: vpc.id, status: "Complete" });
    expect(group.subnetIds).to.deep.equal(subnets.ids);
    expect(() => call("aws:rds/getSubnetGroup:getSubnetGroup", { name: "app-db" })).to.throw(
      InvokeNotAnsweredError,
      /DB subnet group "app-db"/,
    );
  });

  it("credential data sources: a registry login and a cluster token in AWS's format", () => {
    const creds = call("aws:ecr/getCredentials:getCredentials", { registryId: "210987654321" });
    expect(creds).to.include({
      registryId: "210987654321",
      proxyEndpoint: "https://210987654321.dkr.ecr.eu-west-1.amazonaws.com",
    });
    // Programs decode it and split on ":" (the ECR token format), as the workshop's does.
    const [user, password] = Buffer.from(creds.authorizationToken, "base64").toString().split(":");
    expect(user).to.equal("AWS");
    expect(password).to.equal("offline-check-not-a-token");
    expect(call("aws:ecr/getAuthorizationToken:getAuthorizationToken")).to.include({
      authorizationToken: creds.authorizationToken,
      password: "offline-check-not-a-token",
    });
    expect(call("aws:eks/getClusterAuth:getClusterAuth", { name: "c" }).token).to.match(
      /^k8s-aws-v1\./,
    );
    expect(
      call("aws:codeartifact/getAuthorizationToken:getAuthorizationToken", { domain: "d" }),
    ).to.include({
      domainOwner: "123456789012",
      authorizationToken: "offline-check-not-a-token",
    });
    expect(call("aws:ecrpublic/getAuthorizationToken:getAuthorizationToken").userName).to.equal(
      "AWS",
    );
  });
});
