// Encryption at rest of API response caches: API Gateway stage caches and AppSync API caches.
// Neither service takes a customer-managed key for its cache, so encryption being on is what the
// encryption-at-rest guarantee can demand there (documented exceptions to the customer-key rule).
import { customerKeyPolicy } from "../../lib/kms/keys";
import { APIGATEWAY_METHOD_SETTINGS, APPSYNC_API_CACHE } from "../../lib/types";

export const apigatewayCacheEncrypted = customerKeyPolicy({
  name: "apigateway-cache-encrypted",
  description:
    "API Gateway method settings that turn caching on also encrypt the cached responses. API " +
    "Gateway takes no customer-managed key for its cache.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set settings.cacheDataEncrypted: true wherever settings.cachingEnabled is true.",
  references: [
    { source: "Checkov", id: "CKV_AWS_308" },
    { source: "KICS", id: "API Gateway Method Settings Cache Not Encrypted" },
    { source: "Trivy", id: "AWS-0002" },
    { source: "Security Hub FSBP", id: "APIGateway.5" },
  ],
  types: [APIGATEWAY_METHOD_SETTINGS],
  noun: "API Gateway method settings",
  check: (k) => {
    // API Gateway API, MethodSetting: cacheDataEncrypted is the only encryption setting of the
    // stage cache (no key parameter).
    const settings = k.props.settings;
    if (settings?.cachingEnabled === true && settings.cacheDataEncrypted !== true) {
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
    { source: "Checkov", id: "CKV_AWS_214" },
    { source: "Security Hub FSBP", id: "AppSync.1" },
    { source: "AWS docs", id: "appsync/latest/APIReference/API_CreateApiCache" },
  ],
  types: [APPSYNC_API_CACHE],
  noun: "AppSync API cache",
  check: (k) => {
    // AppSync API, CreateApiCache: AtRestEncryptionEnabled is the only encryption-at-rest setting
    // (no key parameter).
    if (k.setting("atRestEncryptionEnabled") !== true) {
      k.report("atRestEncryptionEnabled is not true: cached responses are stored unencrypted.");
    }
  },
});
