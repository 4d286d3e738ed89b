// The data stores judged from a table (policy-pack/policies/kms/other-stores.ts): each type with a
// customer key where the table says passes, with none or an AWS-owned or AWS-managed key fails;
// a key in a nested setting is judged where it stands, and only once its block is given where
// the table says so.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import { OTHER_STORES } from "../../../policy-pack/policies/kms/other-stores";
import {
  ECS_SERVICE,
  NEPTUNEGRAPH_GRAPH,
  S3TABLES_TABLE,
  SAGEMAKER_FEATURE_GROUP,
  SFN_STATE_MACHINE,
} from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import { awsManaged, KEY_ARN, policyNamed, run, UNKNOWN, withStackKey } from "../fixtures/kms";

const p = policyNamed(policies, "data-store-kms-cmk");

/** Inputs with `value` at a dotted path (no lists). */
function at(path: string, value: unknown): Record<string, unknown> {
  return path
    .split(".")
    .reverse()
    .reduce<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

/** Every key path of a type set to `value`. */
function keyed(type: string, value: unknown): Record<string, unknown> {
  const out: Record<string, any> = {};
  for (const { path } of OTHER_STORES[type].keys) {
    const [top, ...rest] = path.split(".");
    out[top] = rest.length ? { ...out[top], ...at(rest.join("."), value) } : value;
    if (rest.length > 1) out[top] = deepMerge(out[top], at(rest.join("."), value));
  }
  return out;
}

function deepMerge(a: any, b: any): any {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return b;
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = deepMerge(a[k], v);
  return out;
}

describe("data-store-kms-cmk", () => {
  it("every type of the table passes with a literal customer key at each of its key paths", async () => {
    for (const type of Object.keys(OTHER_STORES)) {
      const r = res(type, "store", keyed(type, KEY_ARN));
      expect(await run(p, [r]), type).to.deep.equal(clean);
    }
  });

  it("every type whose key is required outright fails with no key, or with an AWS-managed one", async () => {
    for (const [type, { noun, keys }] of Object.entries(OTHER_STORES)) {
      if (keys.every((k) => k.when !== undefined)) continue;
      const none = await run(p, [res(type, "store", {})]);
      expect(none.violations[0], type).to.equal(
        `store: ${noun} "store" ${keys.find((k) => !k.when)!.path}: no KMS key is set (a key AWS owns or manages), not a customer-managed key.`,
      );
      const managed = await run(p, [res(type, "store", keyed(type, awsManaged("x")))]);
      expect(managed.violations.length, type).to.be.at.least(1);
    }
  });

  it("a key of the stack passes, also at preview when its ARN is unknown", async () => {
    const r = withStackKey(
      SFN_STATE_MACHINE,
      "flow",
      {
        encryptionConfiguration: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyId: UNKNOWN },
      },
      ["encryptionConfiguration"],
    );
    expect(await run(p, r)).to.deep.equal(clean);
  });

  it("a state machine without encryptionConfiguration uses an AWS-owned key: reported", async () => {
    const r = res(SFN_STATE_MACHINE, "flow", { definition: "{}" });
    expect((await run(p, [r])).violations).to.deep.equal([
      'flow: Step Functions state machine "flow" encryptionConfiguration.kmsKeyId: no KMS key is set (a key AWS owns or manages), not a customer-managed key.',
    ]);
  });

  it("Neptune Analytics and DSQL name the service's own key as a value: reported", async () => {
    const r = res(NEPTUNEGRAPH_GRAPH, "graph", { kmsKeyIdentifier: "AWS_OWNED_KEY" });
    expect((await run(p, [r])).violations).to.have.length(1);
  });

  it("a block given only sometimes is judged only when given", async () => {
    // A feature group with an online store only: its offline store's key is not asked for.
    const online = res(SAGEMAKER_FEATURE_GROUP, "fg", {
      onlineStoreConfig: { securityConfig: { kmsKeyId: KEY_ARN } },
    });
    expect(await run(p, [online])).to.deep.equal(clean);
    const offline = res(SAGEMAKER_FEATURE_GROUP, "fg", {
      offlineStoreConfig: { s3StorageConfig: { s3Uri: "s3://b/p" } },
    });
    expect((await run(p, [offline])).violations).to.deep.equal([
      'fg: SageMaker feature group "fg" offlineStoreConfig.s3StorageConfig.kmsKeyId: no KMS key is set (a key AWS owns or manages), not a customer-managed key.',
    ]);
    // A service without managed EBS volumes, and a table that takes its bucket's encryption.
    expect(await run(p, [res(ECS_SERVICE, "svc", { desiredCount: 1 })])).to.deep.equal(clean);
    expect(await run(p, [res(S3TABLES_TABLE, "t", { name: "t" })])).to.deep.equal(clean);
    const volume = res(ECS_SERVICE, "svc", {
      volumeConfiguration: { name: "data", managedEbsVolume: { roleArn: "arn:aws:iam::1:role/r" } },
    });
    expect((await run(p, [volume])).violations).to.have.length(1);
  });

  it("each element of a list of settings is judged", async () => {
    const type = "aws:s3/vectorsVectorBucket:VectorsVectorBucket";
    const r = res(type, "vectors", {
      encryptionConfigurations: [{ sseType: "aws:kms", kmsKeyArn: KEY_ARN }, { sseType: "AES256" }],
    });
    expect((await run(p, [r])).violations).to.deep.equal([
      'vectors: S3 vector bucket "vectors" encryptionConfigurations[1].kmsKeyArn: no KMS key is set (a key AWS owns or manages), not a customer-managed key.',
    ]);
  });
});
