// invoke: the data sources the fake answers so an apply phase runs on past them: short-lived
// credentials (a registry login, a cluster token), Secrets Manager's random password and RDS's
// default DB subnet group.
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

  describe("getRandomPassword: a password Secrets Manager could have made", () => {
    const TOKEN = "aws:secretsmanager/getRandomPassword:getRandomPassword";
    const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;

    it("32 characters by default, the password as its id, the same for the same arguments", () => {
      const result = call(TOKEN);
      expect(result.randomPassword).to.have.length(32);
      expect(result.id).to.equal(result.randomPassword);
      expect(call(TOKEN).randomPassword).to.equal(result.randomPassword);
    });

    it("honours the length and each exclusion", () => {
      const p = call(TOKEN, { passwordLength: 64, excludePunctuation: true }).randomPassword;
      expect(p)
        .to.have.length(64)
        .and.match(/^[A-Za-z0-9]+$/);
      const q = call(TOKEN, {
        excludeNumbers: true,
        excludeUppercase: true,
        excludeCharacters: "abc",
      });
      expect(q.randomPassword).to.not.match(/[0-9A-Zabc]/);
    });

    it("one of each included class when requireEachIncludedType is true", () => {
      for (let n = 4; n < 12; n++) {
        const p = call(TOKEN, { passwordLength: n, requireEachIncludedType: true }).randomPassword;
        expect(p).to.match(/[a-z]/).and.match(/[A-Z]/).and.match(/[0-9]/).and.match(PUNCTUATION);
      }
    });

    it("refuses what Secrets Manager refuses: a length out of 1..4096, no class left", () => {
      expect(() => call(TOKEN, { passwordLength: 0 })).to.throw(/1 to 4096/);
      expect(() =>
        call(TOKEN, {
          excludeLowercase: true,
          excludeUppercase: true,
          excludeNumbers: true,
          excludePunctuation: true,
        }),
      ).to.throw(/every character is excluded/);
    });
  });
});
