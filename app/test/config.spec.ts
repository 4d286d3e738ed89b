import { expect } from "chai";
import { ConfigError, parseConfig } from "../src/config";

const valid = { BUCKET_NAME: "platform-staging-api", AWS_REGION: "eu-west-1" };

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe("parseConfig", () => {
  it("applies the documented defaults", () => {
    expect(parseConfig(valid)).to.deep.equal({
      bucketName: "platform-staging-api",
      region: "eu-west-1",
      kmsKeyId: undefined,
      s3Endpoint: undefined,
      logLevel: "info",
      maxUploadBytes: 10 * 1024 * 1024,
      presignTtlSeconds: 300,
      port: 8080,
      host: "0.0.0.0",
      uploadConcurrency: 8,
      shutdownTimeoutSeconds: 20,
      s3TimeoutMs: 10_000,
      readinessTimeoutMs: 2_000,
      readinessCacheMs: 5_000,
      uploadIdleTimeoutMs: 10_000,
      uploadMinBytesPerSecond: 8192,
      uploadConcurrencyPerClient: 2,
      trustedProxies: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
      maxImagePixels: 40_000_000,
    });
  });

  it("reads every variable", () => {
    const config = parseConfig({
      ...valid,
      KMS_KEY_ID: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      MAX_UPLOAD_BYTES: "2048",
      PRESIGN_TTL_SECONDS: "60",
      PORT: "3000",
      HOST: "127.0.0.1",
      S3_ENDPOINT: "http://127.0.0.1:4568",
      LOG_LEVEL: "DEBUG",
      UPLOAD_CONCURRENCY: "2",
      SHUTDOWN_TIMEOUT_SECONDS: "5",
      S3_TIMEOUT_MS: "500",
      READINESS_TIMEOUT_MS: "100",
      READINESS_CACHE_MS: "0",
      UPLOAD_IDLE_TIMEOUT_MS: "300",
      UPLOAD_MIN_BYTES_PER_SECOND: "1000",
      UPLOAD_CONCURRENCY_PER_CLIENT: "1",
      TRUSTED_PROXIES: "10.1.0.0/16, 2001:db8::1",
      MAX_IMAGE_PIXELS: "1000000",
    });
    expect(config).to.include({
      maxUploadBytes: 2048,
      presignTtlSeconds: 60,
      port: 3000,
      host: "127.0.0.1",
      s3Endpoint: "http://127.0.0.1:4568",
      logLevel: "debug",
      uploadConcurrency: 2,
      shutdownTimeoutSeconds: 5,
      s3TimeoutMs: 500,
      readinessTimeoutMs: 100,
      readinessCacheMs: 0,
      uploadIdleTimeoutMs: 300,
      uploadMinBytesPerSecond: 1000,
      uploadConcurrencyPerClient: 1,
      maxImagePixels: 1_000_000,
    });
    expect(config.trustedProxies).to.deep.equal(["10.1.0.0/16", "2001:db8::1"]);
    expect(parseConfig({ ...valid, TRUSTED_PROXIES: "none" }).trustedProxies).to.deep.equal([]);
  });

  it("falls back to AWS_DEFAULT_REGION", () => {
    expect(parseConfig({ BUCKET_NAME: "b-1", AWS_DEFAULT_REGION: "us-east-1" }).region).to.equal(
      "us-east-1",
    );
  });

  it("accepts the regions of every partition, the four-letter European Sovereign Cloud prefix too", () => {
    for (const region of [
      "eu-west-1",
      "us-gov-west-1",
      "cn-north-1",
      "us-isob-east-1",
      "eusc-de-east-1",
    ]) {
      expect(parseConfig({ ...valid, AWS_REGION: region }).region).to.equal(region);
    }
  });

  it("names each missing variable", () => {
    expect(problems({})).to.deep.equal([
      "BUCKET_NAME: required (the bucket images are stored in)",
      "AWS_REGION: required (the bucket's region)",
    ]);
  });

  for (const [name, value, fragment] of [
    ["BUCKET_NAME", "Not_A_Bucket", 'BUCKET_NAME: "Not_A_Bucket" is not a valid S3 bucket name'],
    ["AWS_REGION", "moon", 'AWS_REGION: "moon" is not a valid region'],
    ["KMS_KEY_ID", "key\r\nx: y", "KMS_KEY_ID: must be"],
    ["MAX_UPLOAD_BYTES", "10MB", 'MAX_UPLOAD_BYTES: "10MB" must be a whole number'],
    ["MAX_UPLOAD_BYTES", "12", 'MAX_UPLOAD_BYTES: "12" must be a whole number from 1024'],
    ["PRESIGN_TTL_SECONDS", "604801", 'PRESIGN_TTL_SECONDS: "604801"'],
    ["PORT", "70000", 'PORT: "70000"'],
    ["PORT", "-1", 'PORT: "-1"'],
    ["S3_ENDPOINT", "localhost:4568", 'S3_ENDPOINT: "localhost:4568" must be an http(s) URL'],
    ["S3_ENDPOINT", "http://user:pw@host", "S3_ENDPOINT"],
    ["LOG_LEVEL", "loud", 'LOG_LEVEL: "loud" must be one of'],
    ["UPLOAD_CONCURRENCY", "0", "UPLOAD_CONCURRENCY"],
    ["SHUTDOWN_TIMEOUT_SECONDS", "600", "SHUTDOWN_TIMEOUT_SECONDS"],
    ["S3_TIMEOUT_MS", "10s", 'S3_TIMEOUT_MS: "10s" must be a whole number from 100 to 120000'],
    ["S3_TIMEOUT_MS", "50", 'S3_TIMEOUT_MS: "50" must be a whole number from 100'],
    ["READINESS_TIMEOUT_MS", "0", 'READINESS_TIMEOUT_MS: "0" must be a whole number from 50'],
    ["READINESS_CACHE_MS", "-5", 'READINESS_CACHE_MS: "-5"'],
    ["UPLOAD_IDLE_TIMEOUT_MS", "1e4", 'UPLOAD_IDLE_TIMEOUT_MS: "1e4" must be a whole number'],
    [
      "UPLOAD_MIN_BYTES_PER_SECOND",
      "0",
      'UPLOAD_MIN_BYTES_PER_SECOND: "0" must be a whole number from 1',
    ],
    ["UPLOAD_CONCURRENCY_PER_CLIENT", "0", "UPLOAD_CONCURRENCY_PER_CLIENT"],
    ["MAX_IMAGE_PIXELS", "lots", 'MAX_IMAGE_PIXELS: "lots"'],
    [
      "TRUSTED_PROXIES",
      "10.0.0.0/33, alb",
      'TRUSTED_PROXIES: "10.0.0.0/33", "alb" must be IP addresses or CIDR ranges',
    ],
  ] as const) {
    it(`rejects ${name}=${JSON.stringify(value)}`, () => {
      const found = problems({ ...valid, [name]: value });
      expect(found).to.have.length(1);
      expect(found[0]).to.include(fragment);
    });
  }

  it("reports every problem at once", () => {
    const error = (() => {
      try {
        parseConfig({ PORT: "x", LOG_LEVEL: "loud" });
      } catch (err) {
        return err as ConfigError;
      }
      throw new Error("expected a ConfigError");
    })();
    expect(error.problems).to.have.length(4);
    expect(error.message).to.match(/^invalid configuration: BUCKET_NAME: required/);
  });

  it("quotes a bad value with its control characters escaped, never raw", () => {
    const found = problems({ ...valid, LOG_LEVEL: "\u001b[2J\u009bx", PORT: "8\u202e0" });
    expect(found).to.include(
      'LOG_LEVEL: "\\u001b[2j\\u009bx" must be one of ' +
        "fatal, error, warn, info, debug, trace, silent",
    );
    expect(found).to.include('PORT: "8\\u202e0" must be a whole number from 0 to 65535');
    for (const p of found) expect(p).to.not.match(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it("refuses a HOST that is neither an IP address nor a host name, naming the variable", () => {
    expect(problems({ ...valid, HOST: "not a host" })).to.deep.equal([
      'HOST: "not a host" must be an IP address or a host name',
    ]);
    for (const host of ["::", "127.0.0.1", "localhost", "api.internal"]) {
      expect(parseConfig({ ...valid, HOST: host }).host).to.equal(host);
    }
  });
});
