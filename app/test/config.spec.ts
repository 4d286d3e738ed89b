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
    });
  });

  it("falls back to AWS_DEFAULT_REGION", () => {
    expect(parseConfig({ BUCKET_NAME: "b-1", AWS_DEFAULT_REGION: "us-east-1" }).region).to.equal(
      "us-east-1",
    );
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
});
