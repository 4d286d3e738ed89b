// invoke beyond EC2 and the account (./invoke.spec.ts): the other services' data sources, the
// error for anything the fake does not answer, and the user's answers file.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  invoke,
  InvokeNotAnsweredError,
  loadInvokeAnswers,
  UNKNOWN,
} from "../../../tools/lib/fake-aws";

const ENV = { accountId: "123456789012", region: "eu-west-1" };
const call = (token: string, args: Record<string, any> = {}, env: any = ENV) =>
  invoke(token, args, env);

describe("fake AWS: invokes", () => {
  describe("other services", () => {
    it("getOrganization, getZone", () => {
      const org = call("aws:organizations/getOrganization:getOrganization");
      expect(org.id).to.match(/^o-[a-z0-9]{10}$/);
      expect(org.arn).to.equal(`arn:aws:organizations::123456789012:organization/${org.id}`);
      expect(org.roots[0].id).to.match(/^r-[a-z0-9]{4}$/);
      const zone = call("aws:route53/getZone:getZone", { name: "example.org." });
      expect(zone).to.include({ name: "example.org", privateZone: false });
      expect(zone.zoneId).to.match(/^Z[A-Z0-9]{20}$/);
      expect(zone.nameServers).to.have.length(4);
    });

    it("getParameter: SSM public AMI parameters; other parameters cannot be known", () => {
      const al = call("aws:ssm/getParameter:getParameter", {
        name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
      });
      expect(al.value).to.match(/^ami-[0-9a-f]{17}$/);
      expect(al.insecureValue).to.equal(al.value);
      expect(
        call("aws:ssm/getParameter:getParameter", {
          name: "/aws/service/bottlerocket/aws-k8s-1.31/x86_64/latest/image_id",
        }).value,
      ).to.match(/^ami-/);
      const ecs = call("aws:ssm/getParameter:getParameter", {
        name: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended",
      });
      expect(JSON.parse(ecs.value).image_id).to.match(/^ami-/);
      expect(() =>
        call("aws:ssm/getParameter:getParameter", { name: "/app/db-password" }),
      ).to.throw(InvokeNotAnsweredError, /SSM parameter "\/app\/db-password"/);
    });

    it("getKey / getAlias (AWS managed aliases), getCertificate, getAuthorizationToken", () => {
      expect(call("aws:kms/getKey:getKey", { keyId: "alias/aws/s3" })).to.include({
        keyManager: "AWS",
        keyState: "Enabled",
      });
      const key = call("aws:kms/getKey:getKey", {
        keyId: "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-4333-8444-555555555555",
      });
      expect(key).to.include({
        id: "11111111-2222-4333-8444-555555555555",
        keyManager: "CUSTOMER",
      });
      expect(call("aws:kms/getAlias:getAlias", { name: "alias/aws/ebs" }).targetKeyArn).to.match(
        /^arn:aws:kms:eu-west-1:123456789012:key\//,
      );
      expect(call("aws:acm/getCertificate:getCertificate", { domain: "example.org" }).arn).to.match(
        /^arn:aws:acm:eu-west-1:123456789012:certificate\/[0-9a-f-]{36}$/,
      );
      expect(call("aws:ecr/getAuthorizationToken:getAuthorizationToken").proxyEndpoint).to.equal(
        "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com",
      );
    });

    it("getRole, getPolicy (AWS managed ARNs), getServiceAccount", () => {
      expect(call("aws:iam/getRole:getRole", { name: "ops" })).to.include({
        arn: "arn:aws:iam::123456789012:role/ops",
        assumeRolePolicy: UNKNOWN,
      });
      expect(
        call("aws:iam/getPolicy:getPolicy", { name: "AWSLambdaBasicExecutionRole" }).arn,
      ).to.equal("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
      expect(
        JSON.parse(call("aws:iam/getPolicy:getPolicy", { name: "AdministratorAccess" }).policy)
          .Statement[0].Action,
      ).to.equal("*");
      expect(call("aws:elb/getServiceAccount:getServiceAccount")).to.include({
        id: "156460612806",
        arn: "arn:aws:iam::156460612806:root",
      });
      expect(() =>
        call("aws:elb/getServiceAccount:getServiceAccount", { region: "ap-southeast-7" }),
      ).to.throw(/logdelivery\.elasticloadbalancing/);
    });

    it("CloudFront managed policies resolve to their real ids", () => {
      expect(
        call("aws:cloudfront/getCachePolicy:getCachePolicy", { name: "Managed-CachingOptimized" })
          .id,
      ).to.equal("658327ea-f89d-4fab-a63d-7e88639e58f6");
      expect(
        call("aws:cloudfront/getOriginRequestPolicy:getOriginRequestPolicy", {
          name: "Managed-CORS-S3Origin",
        }).id,
      ).to.equal("88a5eaf4-2fd4-4709-b370-b4c650ea3fcf");
      expect(
        call("aws:cloudfront/getResponseHeadersPolicy:getResponseHeadersPolicy", {
          name: "Managed-SecurityHeadersPolicy",
        }).id,
      ).to.equal("67f7725c-6f97-4210-82d7-5512b31e9d03");
      expect(() => call("aws:cloudfront/getCachePolicy:getCachePolicy", { name: "mine" })).to.throw(
        InvokeNotAnsweredError,
      );
    });

    it("getSolutionStack: the newest platform matching the program's (Go) pattern", () => {
      const stack = (args: Record<string, any>) =>
        call("aws:elasticbeanstalk/getSolutionStack:getSolutionStack", args).name;
      // pulumi-aws examples/elasticbeanstalk and the registry's example pattern.
      expect(
        stack({ mostRecent: true, nameRegex: "64bit Amazon Linux .* running Python .*" }),
      ).to.match(/^64bit Amazon Linux 2023 v[\d.]+ running Python 3\.\d+$/);
      expect(
        stack({
          mostRecent: true,
          nameRegex: "^64bit Amazon Linux (.*) Multi-container Docker (.*)$",
        }),
      ).to.contain("Multi-container Docker");
      expect(stack({ nameRegex: "(?i)^64BIT WINDOWS SERVER 2022 .* IIS" })).to.match(/IIS 10\.0$/);
      // As the provider: several matches without mostRecent is the program's error.
      expect(() => stack({ nameRegex: "Python" })).to.throw(/set `most_recent` attribute to true/);
      expect(() => stack({ mostRecent: true, nameRegex: "running Perl" })).to.throw(
        InvokeNotAnsweredError,
        /no solution stack known offline matches "running Perl"/,
      );
    });

    it("getEngineVersion: the engine's default, or the asked major's, with its parameter group family", () => {
      const version = (args: Record<string, any>) =>
        call("aws:rds/getEngineVersion:getEngineVersion", args);
      const pg = version({ engine: "postgres" });
      expect(pg).to.include({ engine: "postgres", status: "available" });
      expect(pg.version).to.match(/^\d+\.\d+$/);
      expect(pg.parameterGroupFamily).to.equal(`postgres${pg.version.split(".")[0]}`);
      expect(version({ engine: "mysql", version: "8.0" })).to.include({
        parameterGroupFamily: "mysql8.0",
      });
      expect(version({ engine: "mysql", version: "8.0" }).versionActual).to.match(/^8\.0\.\d+$/);
      expect(
        version({ engine: "aurora-postgresql", preferredVersions: ["15.4", "16.1"] }),
      ).to.include({ version: "15.4", parameterGroupFamily: "aurora-postgresql15" });
      expect(version({ engine: "aurora-mysql" }).parameterGroupFamily).to.equal("aurora-mysql8.0");
      expect(() => version({ engine: "oracle-ee" })).to.throw(
        InvokeNotAnsweredError,
        /engine "oracle-ee"/,
      );
    });
  });

  describe("anything else", () => {
    it("throws InvokeNotAnsweredError naming the token and how to answer it, with details", () => {
      let err: any;
      try {
        call("aws:lambda/getFunction:getFunction", { functionName: "billing" });
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(InvokeNotAnsweredError);
      expect(err.message)
        .to.include("aws:lambda/getFunction:getFunction")
        .and.include("--invoke-answers <file.json>");
      expect(err.details).to.equal(err.message);
    });
  });

  describe("answers file", () => {
    let dir: string;
    const write = (name: string, text: string) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, text);
      return f;
    };
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "invoke-answers-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("answers a token for every call, or the first entry whose args match", () => {
      const file = write(
        "good.json",
        JSON.stringify({
          "aws:rds/getEngineVersion:getEngineVersion": { version: "16.4" },
          "aws:ec2/getVpc:getVpc": [
            { args: { tags: { Name: "shared" } }, result: { id: "vpc-0aaaaaaaaaaaaaaaa" } },
            { result: { id: "vpc-0bbbbbbbbbbbbbbbb" } },
          ],
        }),
      );
      const answers = loadInvokeAnswers(file);
      expect(
        invoke("aws:rds/getEngineVersion:getEngineVersion", { engine: "postgres" }, ENV, answers),
      ).to.deep.equal({ version: "16.4" });
      expect(
        invoke("aws:ec2/getVpc:getVpc", { tags: { Name: "shared" } }, ENV, answers).id,
      ).to.equal("vpc-0aaaaaaaaaaaaaaaa");
      expect(
        invoke("aws:ec2/getVpc:getVpc", { tags: { Name: "other" } }, ENV, answers).id,
      ).to.equal("vpc-0bbbbbbbbbbbbbbbb");
    });

    const malformed: [string, string, RegExp][] = [
      ["not JSON", "{", /not valid JSON/],
      ["not an object", "[]", /must hold a JSON object keyed by invoke token/],
      ["a key that is no token", '{"getVpc": {}}', /key "getVpc": is not an invoke token/],
      [
        "an entry of the wrong type",
        '{"aws:ec2/getVpc:getVpc": 3}',
        /key "aws:ec2\/getVpc:getVpc": must be a result object or a list/,
      ],
      ["an empty list", '{"aws:ec2/getVpc:getVpc": []}', /the list is empty/],
      [
        "an item without result",
        '{"aws:ec2/getVpc:getVpc": [{"args": {}}]}',
        /\[0\]: "result" must be an object/,
      ],
      [
        "args not an object",
        '{"aws:ec2/getVpc:getVpc": [{"args": 1, "result": {}}]}',
        /\[0\]: "args" must be an object/,
      ],
      [
        "an unknown field",
        '{"aws:ec2/getVpc:getVpc": [{"arg": {}, "result": {}}]}',
        /\[0\]: unexpected field "arg"/,
      ],
    ];
    for (const [what, text, message] of malformed) {
      it(`rejects ${what}, naming the file and the key, and showing the format`, () => {
        const file = write("bad.json", text);
        expect(() => loadInvokeAnswers(file))
          .to.throw(Error, message)
          .with.property("message")
          .that.includes(file)
          .and.includes("Expected {");
      });
    }

    it("rejects a missing file", () => {
      expect(() => loadInvokeAnswers(path.join(dir, "missing.json"))).to.throw(
        /cannot read the invoke answers file/,
      );
    });
  });
});
