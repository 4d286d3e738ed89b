// Encryption at rest of API response caches: API Gateway stage caches and AppSync API caches.
// Neither service takes a customer-managed key for its cache, so encryption being on is what the
// encryption-at-rest guarantee can demand there (documented exceptions to the customer-key rule).
import type { PolicyResource } from "@pulumi/policy";
import type { StackIndex } from "../../lib/define";
import { customerKeyPolicy } from "../../lib/kms/keys";
import { APIGATEWAY_METHOD_SETTINGS, APIGATEWAY_STAGE, APPSYNC_API_CACHE } from "../../lib/types";
import { NATIVE_APIGATEWAY_STAGE, NATIVE_APPSYNC_API_CACHE } from "../../lib/native/types";
import { asList, flagOn, flagValue, stringProp } from "../../lib/values";
import { awsDocs, checkov, fsbp, kics, trivy } from "../../lib/controls";

/** The method settings of `stage`: linked by property dependency, or by literal API and stage name. */
function settingsOf(index: StackIndex, stage: PolicyResource): PolicyResource[] {
  const linked = index.referrers(stage, "stageName", APIGATEWAY_METHOD_SETTINGS);
  if (linked.length) return linked;
  const name = stringProp(stage.props, "stageName");
  const api = stringProp(stage.props, "restApi");
  if (!name) return [];
  return index
    .ofType(APIGATEWAY_METHOD_SETTINGS)
    .filter(
      (m) =>
        stringProp(m.props, "stageName") === name &&
        (!api || !stringProp(m.props, "restApi") || stringProp(m.props, "restApi") === api),
    );
}

export const apigatewayCacheEncrypted = customerKeyPolicy({
  name: "apigateway-cache-encrypted",
  description:
    "API Gateway method settings that turn caching on also encrypt the cached responses, and a " +
    "stage that turns its cache cluster on has method settings for all methods (*/*) that " +
    "encrypt the cache (or turn caching off). API Gateway takes no customer-managed key for its " +
    "cache.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set settings.cacheDataEncrypted: true wherever settings.cachingEnabled is true, and give " +
    'every stage with cacheClusterEnabled an aws.apigateway.MethodSettings with methodPath "*/*" ' +
    "and settings.cacheDataEncrypted: true.",
  references: [
    checkov("CKV_AWS_308"),
    kics("API Gateway Method Settings Cache Not Encrypted"),
    trivy("AWS-0002"),
    fsbp("APIGateway.5"),
  ],
  types: [APIGATEWAY_METHOD_SETTINGS, APIGATEWAY_STAGE, NATIVE_APIGATEWAY_STAGE],
  noun: (r) => (r.type === APIGATEWAY_STAGE ? "API Gateway stage" : "API Gateway method settings"),
  check: (k) => {
    if (k.resource.type === APIGATEWAY_STAGE) {
      if (!flagOn(k.props.cacheClusterEnabled)) return;
      // API Gateway Developer Guide, "Cache settings for REST APIs": "When you enable caching for
      // a stage, only GET methods have caching enabled by default", and cacheDataEncrypted
      // defaults to false, so GET responses are cached unencrypted unless */* settings say so.
      const all = settingsOf(k.index, k.resource)
        .filter((m) => m.props.methodPath === "*/*")
        .map((m) => m.props.settings);
      // An aws-native Stage holds its method settings inline (AWS::ApiGateway::Stage
      // MethodSettings: resourcePath "/*" with httpMethod "*" for every method); an inline
      // setting that caches one method unencrypted is reported as a MethodSettings resource is.
      const inline = asList(k.props.methodSettings);
      const everyMethod = (m: any) => m?.resourcePath === "/*" && m?.httpMethod === "*";
      for (const m of inline) {
        if (everyMethod(m)) continue; // judged below, as the stage's "*/*" settings
        if (flagOn(m?.cachingEnabled) && !flagOn(m.cacheDataEncrypted)) {
          k.report(
            `methodSettings ${String(m.resourcePath)} ${String(m.httpMethod)}: caching is on and cacheDataEncrypted is not true.`,
          );
        }
      }
      all.push(...inline.filter(everyMethod));
      const covered = all.some(
        (m) => flagOn(m?.cacheDataEncrypted) || flagValue(m?.cachingEnabled) === false,
      );
      if (!covered) {
        k.report(
          'the cache cluster is on and no method settings for "*/*" set cacheDataEncrypted: true: GET responses are cached unencrypted.',
        );
      }
      return;
    }
    // API Gateway API, MethodSetting: cacheDataEncrypted is the only encryption setting of the
    // stage cache (no key parameter).
    const settings = k.props.settings;
    if (flagOn(settings?.cachingEnabled) && !flagOn(settings.cacheDataEncrypted)) {
      k.report("caching is on and settings.cacheDataEncrypted is not true.");
    }
  },
});

export const appsyncCacheEncrypted = customerKeyPolicy({
  name: "appsync-api-cache-encrypted",
  description:
    "AppSync API caches encrypt cached responses at rest. AppSync takes no customer-managed key " +
    "for its cache, so encryption being on is what can be demanded.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps: "Set atRestEncryptionEnabled: true (recreates the cache).",
  references: [
    checkov("CKV_AWS_214"),
    fsbp("AppSync.1"),
    awsDocs("appsync/latest/APIReference/API_CreateApiCache"),
  ],
  types: [APPSYNC_API_CACHE, NATIVE_APPSYNC_API_CACHE],
  noun: "AppSync API cache",
  check: (k) => {
    // AppSync API, CreateApiCache: AtRestEncryptionEnabled is the only encryption-at-rest setting
    // (no key parameter).
    if (!flagOn(k.setting("atRestEncryptionEnabled"))) {
      k.report("atRestEncryptionEnabled is not true: cached responses are stored unencrypted.");
    }
  },
});
