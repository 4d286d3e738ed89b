// APIs that log their own execution: API Gateway REST stage execution logging (cdk-nag
// AwsSolutions-APIG6, Checkov CKV2_AWS_4, Security Hub APIGateway.1) and AppSync logging (cdk-nag
// AwsSolutions-ASC3, Checkov CKV_AWS_193/CKV_AWS_194, Security Hub AppSync.2), from the provider's
// examples and each broken field.
import { expect } from "chai";
import {
  APIGATEWAY_METHOD_SETTINGS,
  APIGATEWAY_REST_API,
  APIGATEWAY_STAGE,
  APPSYNC_GRAPHQL_API,
} from "../../../policy-pack/lib/types";
import { expectClean, policy, previewNotes, res, UNKNOWN as U, violationsOf } from "../fixture";

describe("apigateway-stage-execution-logging", () => {
  const p = policy("apigateway-stage-execution-logging");
  const api = res(APIGATEWAY_REST_API, "example", { name: "example" });
  // The provider's aws.apigateway.MethodSettings example: a stage of a REST API created in the
  // stack, its settings built from the stage's stageName (ids unknown at preview).
  const stage = res(
    APIGATEWAY_STAGE,
    "example",
    { deployment: U, restApi: U, stageName: "example" },
    { refs: { restApi: [api] } },
  );
  const settings = (name: string, methodPath: string, s: Record<string, unknown>, target = stage) =>
    res(
      APIGATEWAY_METHOD_SETTINGS,
      name,
      { restApi: U, stageName: "example", methodPath, settings: s },
      { refs: { restApi: [api], stageName: [target] } },
    );

  describe("Compliance", () => {
    it('APIG6 / APIGateway.1: "*/*" settings with loggingLevel ERROR (provider example)', async () => {
      await expectClean(p, [
        api,
        stage,
        settings("all", "*/*", { metricsEnabled: true, loggingLevel: "ERROR" }),
      ]);
    });
    it("INFO on every method and INFO on one path", async () => {
      await expectClean(p, [
        api,
        stage,
        settings("all", "*/*", { loggingLevel: "INFO" }),
        settings("path_specific", "path1/GET", { loggingLevel: "INFO", dataTraceEnabled: false }),
      ]);
    });
    it("settings naming the stage by literal name on the same API", async () => {
      const ms = res(
        APIGATEWAY_METHOD_SETTINGS,
        "all",
        {
          restApi: U,
          stageName: "example",
          methodPath: "*/*",
          settings: { loggingLevel: "ERROR" },
        },
        { refs: { restApi: [api] } },
      );
      await expectClean(p, [api, stage, ms]);
    });
  });

  describe("Noncompliance", () => {
    it("APIG6 / CKV2_AWS_4: a stage with no method settings", async () => {
      expect(await violationsOf(p.name, [api, stage])).to.deep.equal([
        'example: no method settings with methodPath "*/*" turn ' +
          'execution logging on for the stage (loggingLevel "ERROR" or "INFO").',
      ]);
    });
    it('provider example "Off": loggingLevel OFF on every method', async () => {
      expect(
        await violationsOf(p.name, [api, stage, settings("all", "*/*", { loggingLevel: "OFF" })]),
      ).to.deep.equal([
        'example: the stage\'s "*/*" method settings set loggingLevel ' +
          '"OFF": no execution logs.',
      ]);
    });
    it('"*/*" settings without a loggingLevel (metrics only)', async () => {
      expect(
        await violationsOf(p.name, [api, stage, settings("all", "*/*", { metricsEnabled: true })]),
      ).to.have.length(1);
    });
    it("per-path settings only (provider example on path1/GET) do not cover the stage", async () => {
      const ms = settings("path_specific", "path1/GET", { loggingLevel: "ERROR" });
      expect(await violationsOf(p.name, [api, stage, ms])).to.have.length(1);
    });
    it("a path turned back OFF under stage-wide logging", async () => {
      expect(
        await violationsOf(p.name, [
          api,
          stage,
          settings("all", "*/*", { loggingLevel: "ERROR" }),
          settings("path_specific", "path1/GET", { loggingLevel: "OFF" }),
        ]),
      ).to.deep.equal(["example: method settings turn execution logging off for " + "path1/GET."]);
    });
    it("settings of another stage do not count", async () => {
      const other = res(
        APIGATEWAY_STAGE,
        "other",
        { deployment: U, restApi: U, stageName: "other" },
        { refs: { restApi: [api] } },
      );
      const ms = settings("all", "*/*", { loggingLevel: "ERROR" }, other);
      expect(await violationsOf(p.name, [api, stage, other, ms])).to.have.length(1);
    });
    it("a literal stage name on another API does not count", async () => {
      const literal = res(APIGATEWAY_METHOD_SETTINGS, "all", {
        restApi: "abc123",
        stageName: "example",
        methodPath: "*/*",
        settings: { loggingLevel: "ERROR" },
      });
      expect(await violationsOf(p.name, [api, stage, literal])).to.have.length(1);
    });
  });

  describe("Preview", () => {
    it("settings whose stage name is unknown with no dependency give a note, not a finding", async () => {
      const ms = res(APIGATEWAY_METHOD_SETTINGS, "all", {
        restApi: "abc123",
        stageName: U,
        methodPath: "*/*",
        settings: { loggingLevel: "ERROR" },
      });
      expect(await violationsOf(p.name, [api, stage, ms])).to.deep.equal([]);
      expect(await previewNotes(p, [api, stage, ms])).to.have.length(1);
    });
  });
});

describe("appsync-graphql-api-logging", () => {
  const p = policy("appsync-graphql-api-logging");
  const ROLE = "arn:aws:iam::123456789012:role/appsync-logs";
  // The provider's aws.appsync.GraphQLApi "Enabling Logging" example.
  const graphql = (over: Record<string, unknown> = {}) =>
    res(APPSYNC_GRAPHQL_API, "example", {
      authenticationType: "API_KEY",
      name: "example",
      logConfig: { cloudwatchLogsRoleArn: ROLE, fieldLogLevel: "ERROR" },
      ...over,
    });

  it("ASC3 / AppSync.2 compliant: logConfig with a role and fieldLogLevel ERROR (provider example)", async () => {
    await expectClean(p, [graphql()]);
    await expectClean(p, [
      graphql({ logConfig: { cloudwatchLogsRoleArn: U, fieldLogLevel: "ALL" } }),
    ]);
  });
  it("CKV_AWS_193 / ASC3: no logConfig", async () => {
    expect(await violationsOf(p.name, [graphql({ logConfig: undefined })])).to.deep.equal([
      "example: No logConfig: the API writes no request or resolver logs.",
    ]);
  });
  it("CKV_AWS_194 / AppSync.2: fieldLogLevel NONE", async () => {
    expect(
      await violationsOf(p.name, [
        graphql({ logConfig: { cloudwatchLogsRoleArn: ROLE, fieldLogLevel: "NONE" } }),
      ]),
    ).to.deep.equal([
      'example: logConfig.fieldLogLevel is "NONE": field resolvers are not logged.',
    ]);
  });
  it("ASC3: logConfig without a CloudWatch Logs role", async () => {
    expect(
      await violationsOf(p.name, [graphql({ logConfig: { fieldLogLevel: "ALL" } })]),
    ).to.have.length(1);
  });
  it("excludeVerboseContent true is left to the program (not judged)", async () => {
    await expectClean(p, [
      graphql({
        logConfig: {
          cloudwatchLogsRoleArn: ROLE,
          fieldLogLevel: "ERROR",
          excludeVerboseContent: true,
        },
      }),
    ]);
  });
});
