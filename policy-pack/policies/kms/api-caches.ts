// Encryption at rest of API response caches: API Gateway stage caches and AppSync API caches.
// Neither service takes a customer-managed key for its cache, so encryption being on is what the
// encryption-at-rest guarantee can demand there (documented exceptions to the customer-key rule).
import { customerKeyPolicy } from "../../lib/kms/keys";
import { APIGATEWAY_METHOD_SETTINGS, APPSYNC_API_CACHE } from "../../lib/types";
import { awsDocs, checkov, fsbp, kics, trivy } from "../../lib/controls";

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
    checkov("CKV_AWS_308"),
    kics("API Gateway Method Settings Cache Not Encrypted"),
    trivy("AWS-0002"),
    fsbp("APIGateway.5"),
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
    checkov("CKV_AWS_214"),
    fsbp("AppSync.1"),
    awsDocs("appsync/latest/APIReference/API_CreateApiCache"),
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
