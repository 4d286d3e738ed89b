// API Gateway methods and HTTP API routes (apigateway-method-authorization), VPC endpoint services
// and their permissions (ec2-vpc-endpoint-service-not-public), Comprehend document classifiers and
// Glue jobs and crawlers, written with @pulumi/aws-native and judged as their classic twins.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";
import { Case, KEY_ARN, runCases } from "./cases";

const AUTH = "apigateway-method-authorization";
const api = (types: string[] = ["REGIONAL"]) =>
  res(n.NATIVE_APIGATEWAY_REST_API, "orders", { name: "orders", endpointConfiguration: { types } });
const method = (over: Record<string, unknown>, restApi = api()) =>
  res(
    n.NATIVE_APIGATEWAY_METHOD,
    "get-orders",
    {
      restApiId: UNKNOWN,
      resourceId: "abc123",
      httpMethod: "GET",
      authorizationType: "AWS_IAM",
      ...over,
    },
    { refs: { restApiId: [restApi] } },
  );

describe("aws-native API Gateway methods and routes (apigateway-method-authorization)", () => {
  it("compliant: AWS_IAM, an API key, a preflight OPTIONS, or a private API", async () => {
    await expectClean(policy(AUTH), [api(), method({})]);
    await expectClean(policy(AUTH), [
      api(),
      method({ authorizationType: "NONE", apiKeyRequired: true }),
    ]);
    await expectClean(policy(AUTH), [
      api(),
      method({ authorizationType: "NONE", httpMethod: "OPTIONS" }),
    ]);
    const internal = api(["PRIVATE"]);
    await expectClean(policy(AUTH), [internal, method({ authorizationType: "NONE" }, internal)]);
  });

  it("authorizationType NONE without an API key: reported on the method", async () => {
    expect(await violationsOf(AUTH, [api(), method({ authorizationType: "NONE" })])).to.deep.equal([
      'get-orders: API Gateway method "get-orders" (GET) has authorizationType NONE and no API key.',
    ]);
  });

  it("authorizationType left out (optional in CloudFormation): judged as NONE", async () => {
    expect(
      await violationsOf(AUTH, [api(), method({ authorizationType: undefined })]),
    ).to.deep.equal([
      'get-orders: API Gateway method "get-orders" (GET) has authorizationType NONE and no API key.',
    ]);
    await expectClean(policy(AUTH), [
      api(),
      method({ authorizationType: undefined, apiKeyRequired: true }),
    ]);
  });

  it("authorizationType unknown at preview: a preview note", async () => {
    const m = method({ authorizationType: UNKNOWN });
    expect(await violationsOf(AUTH, [api(), m])).to.deep.equal([]);
    expect(await previewNotes(policy(AUTH), [api(), m])).to.have.length(1);
  });

  it("an HTTP API route without authorization is reported; a WebSocket route other than $connect is not", async () => {
    const http = res(n.NATIVE_APIGATEWAYV2_API, "http", { name: "http", protocolType: "HTTP" });
    const ws = res(n.NATIVE_APIGATEWAYV2_API, "ws", { name: "ws", protocolType: "WEBSOCKET" });
    const route = (name: string, of: typeof http, routeKey: string, authorizationType?: string) =>
      res(
        n.NATIVE_APIGATEWAYV2_ROUTE,
        name,
        { apiId: UNKNOWN, routeKey, authorizationType },
        { refs: { apiId: [of] } },
      );
    expect(
      await violationsOf(AUTH, [
        http,
        ws,
        route("open", http, "GET /orders"),
        route("jwt", http, "POST /orders", "JWT"),
        route("message", ws, "sendmessage"),
      ]),
    ).to.deep.equal([
      'open: API Gateway route "open" (GET /orders) has no authorization type (NONE).',
    ]);
  });
});

describe("aws-native VPC endpoint services (ec2-vpc-endpoint-service-not-public)", () => {
  const RULE = "ec2-vpc-endpoint-service-not-public";
  const service = (acceptanceRequired: unknown) =>
    res(n.NATIVE_EC2_VPC_ENDPOINT_SERVICE, "svc", {
      networkLoadBalancerArns: [
        "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/x/1",
      ],
      acceptanceRequired,
    });
  const grant = (svc: ReturnType<typeof service>, allowedPrincipals: unknown) =>
    res(
      n.NATIVE_EC2_VPC_ENDPOINT_SERVICE_PERMISSIONS,
      "grant",
      { serviceId: UNKNOWN, allowedPrincipals },
      { refs: { serviceId: [svc] } },
    );

  it("compliant: named principals, or every principal with acceptance required", async () => {
    const auto = service(false);
    await expectClean(policy(RULE), [auto, grant(auto, ["arn:aws:iam::210987654321:root"])]);
    const manual = service(true);
    await expectClean(policy(RULE), [manual, grant(manual, ["*"])]);
  });

  it('allowedPrincipals with "*" on a service that accepts every connection: reported on the grant', async () => {
    const auto = service(false);
    const found = await violationsOf(RULE, [
      auto,
      grant(auto, ["arn:aws:iam::210987654321:root", "*"]),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.match(/^grant: allowedPrincipals allows every principal \("\*"\)/);
  });

  it("allowedPrincipals unknown at preview: a preview note", async () => {
    const auto = service(false);
    const g = grant(auto, UNKNOWN);
    expect(await violationsOf(RULE, [auto, g])).to.deep.equal([]);
    expect(await previewNotes(policy(RULE), [auto, g])).to.have.length(1);
  });
});

const cases: Case[] = [
  {
    rule: "comprehend-kms-cmk",
    type: n.NATIVE_COMPREHEND_DOCUMENT_CLASSIFIER,
    inputs: {
      documentClassifierName: "tickets",
      languageCode: "en",
      modelKmsKeyId: KEY_ARN,
      volumeKmsKeyId: KEY_ARN,
      outputDataConfig: { s3Uri: "s3://out/", kmsKeyId: KEY_ARN },
    },
    prop: "volumeKmsKeyId",
    keyed: true,
    broken: [
      [{ volumeKmsKeyId: undefined }, "a key Comprehend manages"],
      [{ outputDataConfig: { s3Uri: "s3://out/" } }, "outputDataConfig.kmsKeyId"],
    ],
  },
  {
    rule: "glue-security-configuration-attached",
    type: n.NATIVE_GLUE_JOB,
    inputs: { command: { name: "glueetl" }, role: "r", securityConfiguration: "encrypted" },
    prop: "securityConfiguration",
    broken: [[{ securityConfiguration: undefined }, "Glue job has no securityConfiguration"]],
  },
  {
    rule: "glue-security-configuration-attached",
    type: n.NATIVE_GLUE_CRAWLER,
    inputs: { role: "r", targets: {}, crawlerSecurityConfiguration: "encrypted" },
    prop: "crawlerSecurityConfiguration",
    broken: [
      [
        { crawlerSecurityConfiguration: undefined },
        "Glue crawler has no crawlerSecurityConfiguration",
      ],
    ],
  },
];

runCases("aws-native Comprehend and Glue resources held to their key rules", cases);

describe("aws-native API Gateway stages (apigateway-cache-encrypted)", () => {
  const RULE = "apigateway-cache-encrypted";
  const stage = (methodSettings: unknown[]) =>
    res(n.NATIVE_APIGATEWAY_STAGE, "prod", {
      restApiId: "abc123",
      stageName: "prod",
      cacheClusterEnabled: true,
      cacheClusterSize: "0.5",
      methodSettings,
    });
  const all = (over: Record<string, unknown>) => ({ resourcePath: "/*", httpMethod: "*", ...over });

  it("compliant: inline settings for every method encrypt the cache, or turn caching off", async () => {
    await expectClean(policy(RULE), [
      stage([all({ cachingEnabled: true, cacheDataEncrypted: true })]),
    ]);
    await expectClean(policy(RULE), [stage([all({ cachingEnabled: false })])]);
  });

  it("a cache cluster without settings for every method: reported", async () => {
    const found = await violationsOf(RULE, [stage([])]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain('no method settings for "*/*" set cacheDataEncrypted: true');
  });

  it("an inline setting that caches a method unencrypted: reported", async () => {
    const found = await violationsOf(RULE, [
      stage([
        all({ cachingEnabled: true, cacheDataEncrypted: true }),
        {
          resourcePath: "/orders",
          httpMethod: "GET",
          cachingEnabled: true,
          cacheDataEncrypted: false,
        },
      ]),
    ]);
    expect(found).to.deep.equal([
      'prod: API Gateway stage "prod": methodSettings /orders GET: caching is on and cacheDataEncrypted is not true.',
    ]);
  });

  it("methodSettings unknown at preview: a preview note", async () => {
    const s = res(n.NATIVE_APIGATEWAY_STAGE, "prod", {
      stageName: "prod",
      cacheClusterEnabled: true,
      methodSettings: UNKNOWN,
    });
    expect(await violationsOf(RULE, [s])).to.deep.equal([]);
    expect(await previewNotes(policy(RULE), [s])).to.have.length(1);
  });
});
