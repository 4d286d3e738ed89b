// API cache encryption (API Gateway stage caches, AppSync caches), from the third parties' own
// fixtures translated to Pulumi inputs.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import {
  APIGATEWAY_METHOD_SETTINGS,
  APIGATEWAY_STAGE,
  APPSYNC_API_CACHE,
} from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import { policyNamed, run, UNKNOWN } from "../fixtures/kms";

describe("apigateway-cache-encrypted", () => {
  const p = policyNamed(policies, "apigateway-cache-encrypted");
  const settings = (s: Record<string, unknown>) => [
    res(APIGATEWAY_METHOD_SETTINGS, "path_specific", {
      restApi: UNKNOWN,
      stageName: UNKNOWN,
      methodPath: "path1/GET",
      settings: { metricsEnabled: true, loggingLevel: "INFO", ...s },
    }),
  ];

  describe("Compliance", () => {
    it("Trivy AWS-0002 good example: caching on, cache_data_encrypted = true", async () => {
      expect(
        await run(p, settings({ cachingEnabled: true, cacheDataEncrypted: true })),
      ).to.deep.equal(clean);
    });
    it("CKV_AWS_308: no caching, nothing cached", async () => {
      expect(await run(p, settings({}))).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_308 / KICS 'API Gateway Method Settings Cache Not Encrypted' path_specific / Trivy AWS-0002 bad example", async () => {
      const r = await run(p, settings({ cachingEnabled: true, cacheDataEncrypted: false }));
      expect(r.violations).to.deep.equal([
        'path_specific: API Gateway method settings "path_specific": caching is on and settings.cacheDataEncrypted is not true.',
      ]);
    });
    it("KICS path_specific_2: caching on, cache_data_encrypted unset", async () => {
      expect((await run(p, settings({ cachingEnabled: true }))).violations).to.have.length(1);
    });
  });
});

describe("apigateway-cache-encrypted: stages with a cache cluster", () => {
  const p = policyNamed(policies, "apigateway-cache-encrypted");
  /** A stage with its cache cluster on, and method settings `settings` for `methodPath` (if any). */
  const stage = (methodPath?: string, settings: Record<string, unknown> = {}) => {
    const s = res(APIGATEWAY_STAGE, "prod", {
      restApi: UNKNOWN,
      deployment: UNKNOWN,
      stageName: "prod",
      cacheClusterEnabled: true,
      cacheClusterSize: "0.5",
    });
    if (!methodPath) return [s];
    const m = res(
      APIGATEWAY_METHOD_SETTINGS,
      "all",
      { restApi: UNKNOWN, stageName: UNKNOWN, methodPath, settings },
      { refs: { stageName: [s] } },
    );
    return [s, m];
  };
  const STAGE_FINDING =
    'prod: API Gateway stage "prod": the cache cluster is on and no method settings for "*/*" set cacheDataEncrypted: true: GET responses are cached unencrypted.';

  it('a stage whose "*/*" settings cache GET responses encrypted', async () => {
    const r = stage("*/*", { cachingEnabled: true, cacheDataEncrypted: true });
    expect(await run(p, r)).to.deep.equal(clean);
  });
  it('a stage whose "*/*" settings turn caching off', async () => {
    expect(await run(p, stage("*/*", { cachingEnabled: false }))).to.deep.equal(clean);
  });
  it("a stage without a cache cluster caches nothing", async () => {
    const s = res(APIGATEWAY_STAGE, "prod", { restApi: "a", deployment: "d", stageName: "prod" });
    expect(await run(p, [s])).to.deep.equal(clean);
  });
  it("the cache cluster on and no method settings: GET responses cached unencrypted", async () => {
    expect((await run(p, stage())).violations).to.deep.equal([STAGE_FINDING]);
  });
  it('"*/*" settings that leave cacheDataEncrypted out', async () => {
    expect((await run(p, stage("*/*", { metricsEnabled: true }))).violations).to.deep.equal([
      STAGE_FINDING,
    ]);
  });
  it("settings for one path only leave the other GET methods unencrypted", async () => {
    const r = stage("items/GET", { cachingEnabled: true, cacheDataEncrypted: true });
    expect((await run(p, r)).violations).to.deep.equal([STAGE_FINDING]);
  });
  it("settings naming the stage by literal name count", async () => {
    const s = res(APIGATEWAY_STAGE, "prod", {
      restApi: "a1b2c3",
      deployment: "d",
      stageName: "prod",
      cacheClusterEnabled: true,
    });
    const m = res(APIGATEWAY_METHOD_SETTINGS, "all", {
      restApi: "a1b2c3",
      stageName: "prod",
      methodPath: "*/*",
      settings: { cachingEnabled: true, cacheDataEncrypted: true },
    });
    expect(await run(p, [s, m])).to.deep.equal(clean);
  });
});

describe("appsync-api-cache-encrypted", () => {
  const p = policyNamed(policies, "appsync-api-cache-encrypted");
  const cache = (inputs: Record<string, unknown>) => [
    res(APPSYNC_API_CACHE, "cache", {
      apiId: UNKNOWN,
      apiCachingBehavior: "FULL_REQUEST_CACHING",
      type: "LARGE",
      ttl: 900,
      ...inputs,
    }),
  ];

  describe("Compliance", () => {
    it("CKV_AWS_214 passing fixture: at_rest_encryption_enabled = true", async () => {
      expect(await run(p, cache({ atRestEncryptionEnabled: true }))).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_214 failing fixtures: false and unset", async () => {
      expect((await run(p, cache({ atRestEncryptionEnabled: false }))).violations).to.have.length(
        1,
      );
      expect((await run(p, cache({}))).violations).to.have.length(1);
    });
  });
});
