// S3 policies: each has a compliant fixture (no findings) and one test per way of breaking it, one
// field at a time, for both bucket spellings; side resources linked by property dependency (the
// bucket id unknown, as at preview) and by literal name; unknown values give preview notes.
import { expect } from "chai";
import type { RecordedResource } from "../../tools/lib/recorder";
import { policies } from "../../policy-pack/policies/s3";
import { evaluate, previewNotes, res, UNKNOWN, violations } from "./fixture";
import {
  IAM_ROLE,
  KMS_KEY,
  LB_LOAD_BALANCER,
  S3_ACCOUNT_PUBLIC_ACCESS_BLOCK,
  S3_BUCKET,
  S3_BUCKET_ACL,
  S3_BUCKET_ACL_V2,
  S3_BUCKET_LIFECYCLE_CONFIGURATION,
  S3_BUCKET_LOGGING,
  S3_BUCKET_LOGGING_V2,
  S3_BUCKET_OBJECTV2,
  S3_BUCKET_OWNERSHIP_CONTROLS,
  S3_BUCKET_POLICY,
  S3_BUCKET_PUBLIC_ACCESS_BLOCK,
  S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
  S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION_V2,
  S3_BUCKET_V2,
  S3_BUCKET_VERSIONING,
  S3_BUCKET_VERSIONING_V2,
  SSM_PARAMETER,
} from "../../policy-pack/lib/types";

const policy = (name: string) => {
  const p = policies.find((x) => x.name === name);
  if (!p) throw new Error(`no policy ${name}`);
  return p;
};

const ALL_FLAGS = {
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
};

function tlsStatement(bucketName: string) {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

function doc(...statements: object[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

const ROLE_ARN = "arn:aws:iam::123456789012:role/api";
const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

type Part = "pab" | "sse" | "ownership" | "versioning" | "lifecycle" | "logging" | "policy";

interface Options {
  readonly type?: string;
  /** Extra or replaced bucket inputs. */
  readonly bucket?: Record<string, any>;
  /** Replaced inputs per side resource, or null to leave it out. */
  readonly parts?: Partial<Record<Part, Record<string, any> | null>>;
  /** Side resources name the bucket literally instead of by property dependency. */
  readonly literal?: boolean;
}

/**
 * A compliant bucket with every side resource, the way a program writes it at preview: side
 * resources take `bucket: bucket.id` (unknown, with a property dependency on the bucket), SSE takes
 * `kmsMasterKeyId: key.arn` (unknown, with a property dependency on the key).
 */
function compliantBucket(name = "data", opts: Options = {}) {
  const bucketName = `${name}-bucket`;
  const key = res(KMS_KEY, `${name}-key`, { enableKeyRotation: true, description: "data key" });
  const logs = res(S3_BUCKET, `${name}-logs`, { bucket: `${name}-logs-bucket` });
  const bucket = res(opts.type ?? S3_BUCKET, name, {
    bucket: bucketName,
    tags: {},
    ...opts.bucket,
  });
  const link: Record<string, RecordedResource[]> = opts.literal ? {} : { bucket: [bucket] };
  const ref = opts.literal ? bucketName : UNKNOWN;
  const defaults: Record<Part, [string, Record<string, any>, Record<string, RecordedResource[]>]> =
    {
      pab: [S3_BUCKET_PUBLIC_ACCESS_BLOCK, ALL_FLAGS, {}],
      sse: [
        S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
        {
          rules: [
            {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: UNKNOWN,
              },
              bucketKeyEnabled: true,
            },
          ],
        },
        { rules: [key] },
      ],
      ownership: [
        S3_BUCKET_OWNERSHIP_CONTROLS,
        { rule: { objectOwnership: "BucketOwnerEnforced" } },
        {},
      ],
      versioning: [S3_BUCKET_VERSIONING, { versioningConfiguration: { status: "Enabled" } }, {}],
      lifecycle: [
        S3_BUCKET_LIFECYCLE_CONFIGURATION,
        {
          rules: [
            {
              id: "expire",
              status: "Enabled",
              expiration: { days: 7 },
              abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
            },
          ],
        },
        {},
      ],
      logging: [
        S3_BUCKET_LOGGING,
        { targetBucket: UNKNOWN, targetPrefix: `${name}/` },
        { targetBucket: [logs] },
      ],
      policy: [S3_BUCKET_POLICY, { policy: doc(tlsStatement(bucketName)) }, {}],
    };
  const sides: RecordedResource[] = [];
  for (const [part, [type, inputs, refs]] of Object.entries(defaults) as [
    Part,
    (typeof defaults)[Part],
  ][]) {
    const override = opts.parts?.[part];
    if (override === null) continue;
    sides.push(
      res(
        type,
        `${name}-${part}`,
        { bucket: ref, ...(override ?? inputs) },
        { refs: { ...link, ...refs } },
      ),
    );
  }
  return { key, logs, bucket, sides, all: [key, bucket, ...sides] };
}

const stack = (opts: Options = {}) => compliantBucket("data", opts).all;

async function waivedOf(p: ReturnType<typeof policy>, resources: RecordedResource[]) {
  const report = await evaluate(p, resources);
  return report.waived.map((w) => `${w.name}: ${w.message} [${w.waiver.reason}]`);
}

describe("s3 policies", () => {
  describe("s3-bucket-public-access-block", () => {
    const p = policy("s3-bucket-public-access-block");

    it("passes a bucket whose block sets all four flags (Bucket and BucketV2)", async () => {
      expect(await violations(p, stack())).to.deep.equal([]);
      expect(await violations(p, stack({ type: S3_BUCKET_V2 }))).to.deep.equal([]);
      expect(await previewNotes(p, stack())).to.deep.equal([]);
    });

    it("correlates a block whose bucket id is unknown through its property dependency", async () => {
      const { bucket, sides } = compliantBucket();
      const block = sides.find((s) => s.type === S3_BUCKET_PUBLIC_ACCESS_BLOCK)!;
      expect(block.inputs.bucket).to.equal(UNKNOWN);
      expect(await violations(p, [bucket, block])).to.deep.equal([]);
    });

    it("correlates a block that names the bucket literally", async () => {
      expect(await violations(p, stack({ literal: true }))).to.deep.equal([]);
    });

    it("reports a bucket without a block (Bucket and BucketV2)", async () => {
      for (const type of [S3_BUCKET, S3_BUCKET_V2]) {
        expect(await violations(p, stack({ type, parts: { pab: null } }))).to.deep.equal([
          'data: bucket "data" has no BucketPublicAccessBlock.',
        ]);
      }
    });

    for (const flag of Object.keys(ALL_FLAGS)) {
      it(`reports a block with ${flag} false, and with ${flag} unset`, async () => {
        const off = stack({ parts: { pab: { ...ALL_FLAGS, [flag]: false } } });
        expect(await violations(p, off)).to.deep.equal([
          `data: bucket "data": public-access block "data-pab" leaves ${flag} off.`,
        ]);
        const rest: Record<string, boolean> = { ...ALL_FLAGS };
        delete rest[flag];
        expect(await violations(p, stack({ parts: { pab: rest } }))).to.have.length(1);
      });
    }

    it("does not count a block of another bucket, nor one naming a bucket outside the stack", async () => {
      const a = compliantBucket("a");
      const b = compliantBucket("b", { parts: { pab: null } });
      const external = res(S3_BUCKET_PUBLIC_ACCESS_BLOCK, "external-pab", {
        bucket: "legacy-bucket",
        ...ALL_FLAGS,
      });
      expect(await violations(p, [...a.all, ...b.all, external])).to.deep.equal([
        'b: bucket "b" has no BucketPublicAccessBlock.',
      ]);
    });

    it("gives a preview note, not a pass, for an unknown flag", async () => {
      const resources = stack({ parts: { pab: { ...ALL_FLAGS, ignorePublicAcls: UNKNOWN } } });
      expect(await violations(p, resources)).to.deep.equal([]);
      const notes = await previewNotes(p, resources);
      expect(notes).to.have.length(1);
      expect(notes[0]).to.contain(
        "can't run policy 's3-bucket-public-access-block' during preview",
      );
    });

    it("gives a preview note when a block's bucket is unknown and not a property dependency", async () => {
      const { bucket } = compliantBucket();
      const orphan = res(S3_BUCKET_PUBLIC_ACCESS_BLOCK, "orphan", {
        bucket: UNKNOWN,
        ...ALL_FLAGS,
      });
      expect(await violations(p, [bucket, orphan])).to.deep.equal([]);
      const notes = await previewNotes(p, [bucket, orphan]);
      expect(notes[0]).to.contain("orphan");
    });

    it("lists a waived bucket as waived, not as a violation", async () => {
      const resources = stack({
        bucket: {
          tags: { "waiver:s3-bucket-public-access-block": "public website bucket, reviewed" },
        },
        parts: { pab: null },
      });
      expect(await violations(p, resources)).to.deep.equal([]);
      expect(await waivedOf(p, resources)).to.deep.equal([
        'data: bucket "data" has no BucketPublicAccessBlock. [public website bucket, reviewed]',
      ]);
    });
  });

  describe("s3-public-access-block-all-flags", () => {
    const p = policy("s3-public-access-block-all-flags");
    it("passes a block with four true flags", async () => {
      expect(
        await violations(p, [
          res(S3_BUCKET_PUBLIC_ACCESS_BLOCK, "b", { bucket: "x", ...ALL_FLAGS }),
        ]),
      ).to.deep.equal([]);
    });
    for (const flag of Object.keys(ALL_FLAGS)) {
      it(`reports ${flag} false`, async () => {
        const block = res(S3_BUCKET_PUBLIC_ACCESS_BLOCK, "b", {
          bucket: "x",
          ...ALL_FLAGS,
          [flag]: false,
        });
        expect(await violations(p, [block])).to.deep.equal([
          `b: ${flag} not true (an unset flag is false).`,
        ]);
      });
    }
    it("gives a preview note for an unknown flag", async () => {
      const block = res(S3_BUCKET_PUBLIC_ACCESS_BLOCK, "b", {
        bucket: "x",
        ...ALL_FLAGS,
        blockPublicPolicy: UNKNOWN,
      });
      expect(await violations(p, [block])).to.deep.equal([]);
      expect(await previewNotes(p, [block])).to.have.length(1);
    });
  });

  describe("s3-bucket-no-public-acl", () => {
    const p = policy("s3-bucket-no-public-acl");
    it("passes private and log-delivery ACLs", async () => {
      expect(
        await violations(p, [
          res(S3_BUCKET, "a", { acl: "private" }),
          res(S3_BUCKET_V2, "b", {}),
          res(S3_BUCKET_ACL_V2, "c", { bucket: "x", acl: "log-delivery-write" }),
          res(S3_BUCKET, "d", {
            grants: [
              {
                type: "Group",
                uri: "http://acs.amazonaws.com/groups/s3/LogDelivery",
                permissions: ["WRITE"],
              },
            ],
          }),
        ]),
      ).to.deep.equal([]);
    });
    for (const acl of ["public-read", "public-read-write", "authenticated-read"]) {
      it(`reports canned ACL ${acl} on Bucket, BucketV2, BucketAcl, BucketAclV2 and objects`, async () => {
        const found = await violations(p, [
          res(S3_BUCKET, "a", { acl }),
          res(S3_BUCKET_V2, "b", { acl }),
          res(S3_BUCKET_ACL, "c", { bucket: "x", acl }),
          res(S3_BUCKET_ACL_V2, "d", { bucket: "x", acl }),
          res(S3_BUCKET_OBJECTV2, "e", { bucket: "x", key: "k", acl }),
        ]);
        expect(found).to.deep.equal(
          ["a", "b", "c", "d", "e"].map((n) => `${n}: canned ACL "${acl}" is public.`),
        );
      });
    }
    it("reports inline grants to AllUsers", async () => {
      const b = res(S3_BUCKET, "a", {
        grants: [
          {
            type: "Group",
            uri: "http://acs.amazonaws.com/groups/global/AllUsers",
            permissions: ["READ"],
          },
        ],
      });
      expect(await violations(p, [b])).to.deep.equal([
        "a: grants READ to the public group http://acs.amazonaws.com/groups/global/AllUsers.",
      ]);
    });
    it("reports BucketAclV2 access-control grants to AuthenticatedUsers", async () => {
      const acl = res(S3_BUCKET_ACL_V2, "a", {
        bucket: "x",
        accessControlPolicy: {
          owner: { id: "owner" },
          grants: [
            {
              permission: "WRITE",
              grantee: {
                type: "Group",
                uri: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
              },
            },
          ],
        },
      });
      expect(await violations(p, [acl])).to.deep.equal([
        "a: grants WRITE to the public group http://acs.amazonaws.com/groups/global/AuthenticatedUsers.",
      ]);
    });
  });

  describe("s3-bucket-policy-no-public-principal", () => {
    const p = policy("s3-bucket-policy-no-public-principal");
    const allowRole = {
      Effect: "Allow",
      Principal: { AWS: ROLE_ARN },
      Action: ["s3:PutObject"],
      Resource: "arn:aws:s3:::data-bucket/*",
    };
    const withStatement = (s: object) => [
      res(S3_BUCKET_POLICY, "pol", { bucket: "data-bucket", policy: doc(s) }),
    ];
    const publicRead = {
      Sid: "Public",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::data-bucket/*",
    };

    it("passes a policy naming its principals, with a TLS deny to *", async () => {
      expect(await violations(p, withStatement(allowRole))).to.deep.equal([]);
      expect(await violations(p, stack())).to.deep.equal([]);
    });
    it('reports Allow to Principal "*"', async () => {
      expect(await violations(p, withStatement(publicRead))).to.deep.equal([
        'pol: statement Public (s3:GetObject): Allow to Principal "*" without a narrowing condition.',
      ]);
    });
    it('reports {"AWS": "*"} and a "*" among other principals', async () => {
      expect(
        await violations(p, withStatement({ ...publicRead, Principal: { AWS: "*" } })),
      ).to.have.length(1);
      expect(
        await violations(p, withStatement({ ...publicRead, Principal: { AWS: [ROLE_ARN, "*"] } })),
      ).to.have.length(1);
    });
    it("reports Allow with NotPrincipal", async () => {
      const s = { ...allowRole, Principal: undefined, NotPrincipal: { AWS: ROLE_ARN } };
      expect(await violations(p, withStatement(s))).to.deep.equal([
        "pol: statement #0 (s3:PutObject): Allow with NotPrincipal grants everyone not listed.",
      ]);
    });
    it("passes a wildcard narrowed by fixed aws:SourceArn, aws:PrincipalOrgID or aws:SourceVpce", async () => {
      for (const Condition of [
        { ArnEquals: { "aws:SourceArn": "arn:aws:cloudfront::123456789012:distribution/E1" } },
        { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
        { StringEquals: { "aws:sourcevpce": ["vpce-1234"] } },
        { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/*" } },
        { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
      ]) {
        expect(await violations(p, withStatement({ ...publicRead, Condition }))).to.deep.equal([]);
      }
    });
    it("reports conditions that do not narrow: IfExists, wildcards, negations, /0, unlisted keys", async () => {
      for (const Condition of [
        { StringEqualsIfExists: { "aws:SourceAccount": "123456789012" } },
        { StringLike: { "aws:SourceAccount": "*" } },
        { ArnLike: { "aws:SourceArn": "arn:aws:iam::*:role/x" } },
        { StringNotEquals: { "aws:SourceAccount": "123456789012" } },
        { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } },
        { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
        { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
      ]) {
        expect(await violations(p, withStatement({ ...publicRead, Condition }))).to.have.length(1);
      }
    });
    it("accepts the condition keys AWS lists as pinning a public grant, with fixed values", async () => {
      for (const Condition of [
        { StringEquals: { "aws:SourceAccount": "123456789012" } },
        { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
        { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
      ]) {
        expect(await violations(p, withStatement({ ...publicRead, Condition }))).to.deep.equal([]);
      }
      // S3 accepts a fixed s3:x-amz-server-side-encryption-aws-kms-key-id; the pack does not (the
      // caller chooses the header: it limits the key, not who may call).
      const keyId = {
        StringEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:k" },
      };
      expect(
        await violations(p, withStatement({ ...publicRead, Condition: keyId })),
      ).to.have.length(1);
    });
    it("reads policy documents given as objects, and inline bucket policies (Bucket and BucketV2)", async () => {
      const object = { Version: "2012-10-17", Statement: [publicRead] };
      expect(
        await violations(p, [res(S3_BUCKET_POLICY, "pol", { bucket: "x", policy: object })]),
      ).to.have.length(1);
      expect(
        await violations(p, [res(S3_BUCKET, "b", { policy: doc(publicRead) })]),
      ).to.have.length(1);
      expect(
        await violations(p, [res(S3_BUCKET_V2, "b", { policy: doc(publicRead) })]),
      ).to.have.length(1);
    });
    it("reports a document that is not JSON", async () => {
      const found = await violations(p, [
        res(S3_BUCKET_POLICY, "pol", { bucket: "x", policy: "{not json" }),
      ]);
      expect(found[0]).to.match(/^pol: the policy document is not valid JSON/);
    });
    it("gives a preview note for a document unknown at preview", async () => {
      const unknown = [res(S3_BUCKET_POLICY, "pol", { bucket: UNKNOWN, policy: UNKNOWN })];
      expect(await violations(p, unknown)).to.deep.equal([]);
      expect(await previewNotes(p, unknown)).to.have.length(1);
    });
  });

  describe("s3-bucket-ownership-enforced", () => {
    const p = policy("s3-bucket-ownership-enforced");
    it("passes BucketOwnerEnforced (Bucket, BucketV2, literal name)", async () => {
      expect(await violations(p, stack())).to.deep.equal([]);
      expect(await violations(p, stack({ type: S3_BUCKET_V2 }))).to.deep.equal([]);
      expect(await violations(p, stack({ literal: true }))).to.deep.equal([]);
    });
    it("reports a bucket without ownership controls", async () => {
      expect(await violations(p, stack({ parts: { ownership: null } }))).to.deep.equal([
        'data: bucket "data" has no BucketOwnershipControls.',
      ]);
    });
    for (const owner of ["ObjectWriter", "BucketOwnerPreferred"]) {
      it(`reports ${owner}`, async () => {
        const s = stack({ parts: { ownership: { rule: { objectOwnership: owner } } } });
        expect(await violations(p, s)).to.deep.equal([
          `data: bucket "data": ownership controls "data-ownership" set ${owner}, not BucketOwnerEnforced (ACLs stay enabled).`,
        ]);
      });
    }
  });

  describe("s3-account-public-access-block", () => {
    const p = policy("s3-account-public-access-block");
    it("passes a stack with an all-true account block, or without buckets", async () => {
      expect(
        await violations(p, [
          ...stack(),
          res(S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, "account", ALL_FLAGS),
        ]),
      ).to.deep.equal([]);
      expect(await violations(p, [res(KMS_KEY, "k", {})])).to.deep.equal([]);
    });
    it("notes a stack with buckets and no account block, once, for the stack", async () => {
      const found = await violations(p, [...stack(), ...compliantBucket("other").all]);
      expect(found).to.have.length(1);
      expect(found[0]).to.match(
        /^stack: this stack creates buckets but no AccountPublicAccessBlock/,
      );
    });
    it("reports an account block with a flag off", async () => {
      const block = res(S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, "account", {
        ...ALL_FLAGS,
        restrictPublicBuckets: false,
      });
      expect(await violations(p, [...stack(), block])).to.deep.equal([
        "account: account public-access block leaves restrictPublicBuckets off.",
      ]);
    });
  });

  describe("s3-bucket-sse-kms-cmk", () => {
    const p = policy("s3-bucket-sse-kms-cmk");
    const sse = (d: Record<string, any>, extra: Record<string, any> = {}) => ({
      sse: { rules: [{ applyServerSideEncryptionByDefault: d, bucketKeyEnabled: true, ...extra }] },
    });

    it("passes SSE-KMS with a key of the stack whose ARN is unknown at preview", async () => {
      expect(await violations(p, stack())).to.deep.equal([]);
      expect(await previewNotes(p, stack())).to.deep.equal([]);
    });
    it("passes the V2 side resource, a BucketV2, a literal bucket name and a literal key ARN", async () => {
      const { key, bucket, sides } = compliantBucket("data", { type: S3_BUCKET_V2 });
      const v2 = res(
        S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION_V2,
        "data-sse-v2",
        {
          bucket: UNKNOWN,
          rules: [
            {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: UNKNOWN,
              },
            },
          ],
        },
        { refs: { bucket: [bucket], rules: [key] } },
      );
      expect(
        await violations(p, [
          key,
          bucket,
          ...sides.filter((s) => s.type !== S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION),
          v2,
        ]),
      ).to.deep.equal([]);
      const literal = stack({
        literal: true,
        parts: sse({ sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN }),
      });
      expect(await violations(p, literal)).to.deep.equal([]);
    });
    it("passes DSSE-KMS with a customer key", async () => {
      expect(
        await violations(
          p,
          stack({ parts: sse({ sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: KEY_ARN }) }),
        ),
      ).to.deep.equal([]);
    });
    it("reports a bucket without an encryption configuration (S3 then applies SSE-S3)", async () => {
      expect(await violations(p, stack({ parts: { sse: null } }))).to.deep.equal([
        'data: bucket "data" has no default-encryption configuration, so S3 applies SSE-S3 (AES256).',
      ]);
    });
    it("reports SSE-S3", async () => {
      expect(await violations(p, stack({ parts: sse({ sseAlgorithm: "AES256" }) }))).to.deep.equal([
        'data: bucket "data" uses SSE-S3 (AES256), not SSE-KMS.',
      ]);
    });
    it("reports SSE-KMS without a key (aws/s3) and with the AWS-managed alias", async () => {
      expect(await violations(p, stack({ parts: sse({ sseAlgorithm: "aws:kms" }) }))).to.deep.equal(
        [
          'data: bucket "data" uses aws:kms but no KMS key is set (S3 then uses the AWS-managed key aws/s3).',
        ],
      );
      for (const alias of ["alias/aws/s3", "arn:aws:kms:eu-west-1:123456789012:alias/aws/s3"]) {
        const found = await violations(
          p,
          stack({ parts: sse({ sseAlgorithm: "aws:kms", kmsMasterKeyId: alias }) }),
        );
        expect(found).to.deep.equal([
          `data: bucket "data" uses aws:kms but it uses the AWS-managed key ${alias}.`,
        ]);
      }
    });
    it("reads the inline blocks of Bucket (rule) and BucketV2 (rules) when no side resource exists", async () => {
      const key = res(KMS_KEY, "k", {});
      const inline = res(
        S3_BUCKET,
        "a",
        {
          bucket: "a-bucket",
          serverSideEncryptionConfiguration: {
            rule: {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: UNKNOWN,
              },
            },
          },
        },
        { refs: { serverSideEncryptionConfiguration: [key] } },
      );
      const inlineV2 = res(S3_BUCKET_V2, "b", {
        bucket: "b-bucket",
        serverSideEncryptionConfigurations: [
          { rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "AES256" }] }] },
        ],
      });
      expect(await violations(p, [key, inline, inlineV2])).to.deep.equal([
        'b: bucket "b" uses SSE-S3 (AES256), not SSE-KMS.',
      ]);
    });
    it("treats an inline block unknown without property dependency as unset (provider-computed)", async () => {
      const b = res(S3_BUCKET, "a", {
        bucket: "a-bucket",
        serverSideEncryptionConfiguration: UNKNOWN,
      });
      expect(await violations(p, [b])).to.deep.equal([
        'a: bucket "a" has no default-encryption configuration, so S3 applies SSE-S3 (AES256).',
      ]);
    });
    it("gives a preview note for a key reference unknown and not built from a key of the stack", async () => {
      const other = res(SSM_PARAMETER, "key-param", { name: "/key" });
      const { bucket, key } = compliantBucket();
      const s = res(
        S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
        "data-sse",
        {
          bucket: UNKNOWN,
          rules: [
            {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: UNKNOWN,
              },
            },
          ],
        },
        { refs: { bucket: [bucket], rules: [other] } },
      );
      expect(await violations(p, [key, bucket, other, s])).to.deep.equal([]);
      expect(await previewNotes(p, [key, bucket, other, s])).to.have.length(1);
    });

    describe("access-log target buckets", () => {
      /** A data bucket logging into a log bucket that uses SSE-S3, with optional tags on the log bucket. */
      function logTarget(tags: Record<string, string>) {
        const data = compliantBucket("data");
        const logs = res(S3_BUCKET, "logs", { bucket: "logs-bucket", tags });
        const logsSse = res(
          S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
          "logs-sse",
          {
            bucket: UNKNOWN,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
          },
          { refs: { bucket: [logs] } },
        );
        const logging = res(
          S3_BUCKET_LOGGING,
          "data-logging",
          { bucket: UNKNOWN, targetBucket: UNKNOWN, targetPrefix: "data/" },
          { refs: { bucket: [data.bucket], targetBucket: [logs] } },
        );
        const sides = data.sides.filter((s) => s.type !== S3_BUCKET_LOGGING);
        return [data.key, data.bucket, ...sides, logging, logs, logsSse];
      }

      const notes = policy("s3-bucket-documented-exceptions");

      it("accepts SSE-S3 on an S3 server-access-log target without a waiver, as a note", async () => {
        expect(await violations(p, logTarget({}))).to.deep.equal([]);
        const found = await violations(notes, logTarget({}));
        expect(found).to.have.length(1);
        expect(found[0]).to.contain(
          'bucket "logs" keeps SSE-S3 default encryption without a waiver',
        );
        expect(found[0]).to.contain("S3 User Guide, 'Enabling Amazon S3 server access logging'");
      });
      it("withholds nothing under a waiver tag that is no longer needed", async () => {
        const resources = logTarget({
          "waiver:s3-bucket-sse-kms-cmk": "S3 server access logs support only SSE-S3",
        });
        expect(await violations(p, resources)).to.deep.equal([]);
        expect(await waivedOf(p, resources)).to.deep.equal([]);
      });
      it("still reports an AWS-managed key on a log target (only SSE-S3 itself is accepted)", async () => {
        const resources = logTarget({}).map((r) =>
          r.name === "logs-sse"
            ? {
                ...r,
                inputs: {
                  ...r.inputs,
                  rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }],
                },
                outputs: {
                  ...r.outputs,
                  rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }],
                },
              }
            : r,
        );
        expect(await violations(p, resources)).to.have.length(1);
      });
      it("accepts ALB access-log targets; NLB log targets support SSE-KMS and are reported", async () => {
        const logs = res(S3_BUCKET, "logs", { bucket: "logs-bucket" });
        const alb = res(LB_LOAD_BALANCER, "alb", {
          accessLogs: { bucket: "logs-bucket", enabled: true },
        });
        expect(await violations(p, [logs, alb])).to.deep.equal([]);
        expect((await violations(notes, [logs, alb]))[0]).to.contain(
          "ELB User Guide for Application Load Balancers, 'Enable access logs'",
        );
        const nlb = res(LB_LOAD_BALANCER, "nlb", {
          loadBalancerType: "network",
          accessLogs: { bucket: "logs-bucket", enabled: true },
        });
        const found = await violations(p, [logs, nlb]);
        expect(found).to.have.length(1);
        expect(found[0]).to.contain('It is a log target (load-balancer-logs from "nlb")');
        expect(found[0]).to.contain("support SSE-KMS with a customer-managed key");
      });
      it("recognises inline logging by literal name", async () => {
        const logs = res(S3_BUCKET, "logs", { bucket: "logs-bucket" });
        const v2 = res(S3_BUCKET_V2, "src", {
          bucket: "src-bucket",
          loggings: [{ targetBucket: "logs-bucket" }],
        });
        const again = await violations(p, [logs, v2]);
        expect(again.find((f) => f.startsWith("logs:"))).to.equal(undefined);
        expect((await violations(notes, [logs, v2]))[0]).to.contain('from "src"');
      });
    });
  });

  describe("s3-bucket-key-enabled", () => {
    const p = policy("s3-bucket-key-enabled");
    it("passes SSE-KMS with bucketKeyEnabled, and DSSE-KMS without it (unsupported there)", async () => {
      expect(await violations(p, stack())).to.deep.equal([]);
      const dsse = stack({
        parts: {
          sse: {
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse" } }],
          },
        },
      });
      expect(await violations(p, dsse)).to.deep.equal([]);
    });
    it("reports SSE-KMS without bucketKeyEnabled", async () => {
      const s = stack({
        parts: {
          sse: {
            rules: [
              {
                applyServerSideEncryptionByDefault: {
                  sseAlgorithm: "aws:kms",
                  kmsMasterKeyId: KEY_ARN,
                },
                bucketKeyEnabled: false,
              },
            ],
          },
        },
      });
      expect(await violations(p, s)).to.deep.equal([
        'data: bucket "data" uses SSE-KMS without bucketKeyEnabled: true.',
      ]);
    });
  });

  describe("s3-bucket-tls-only", () => {
    const p = policy("s3-bucket-tls-only");
    const withPolicy = (s: object) => stack({ parts: { policy: { policy: doc(s) } } });
    const tls = tlsStatement("data-bucket");

    it("passes a policy that denies non-TLS requests (Bucket, BucketV2, literal name, IfExists)", async () => {
      expect(await violations(p, stack())).to.deep.equal([]);
      expect(await violations(p, stack({ type: S3_BUCKET_V2 }))).to.deep.equal([]);
      expect(await violations(p, stack({ literal: true }))).to.deep.equal([]);
      const ifExists = { ...tls, Condition: { BoolIfExists: { "aws:SecureTransport": false } } };
      expect(await violations(p, withPolicy(ifExists))).to.deep.equal([]);
    });
    it("passes an inline bucket policy", async () => {
      const s = stack({ parts: { policy: null }, bucket: { policy: doc(tls) } });
      expect(await violations(p, s)).to.deep.equal([]);
    });
    it("reports a bucket without a policy", async () => {
      expect(await violations(p, stack({ parts: { policy: null } }))).to.deep.equal([
        'data: bucket "data" has no bucket policy, so nothing denies non-TLS requests.',
      ]);
    });
    for (const [what, s] of [
      ["an Allow instead of a Deny", { ...tls, Effect: "Allow" }],
      [
        '"true" instead of "false"',
        { ...tls, Condition: { Bool: { "aws:SecureTransport": "true" } } },
      ],
      ["objects only", { ...tls, Resource: "arn:aws:s3:::data-bucket/*" }],
      ["one action only", { ...tls, Action: "s3:GetObject" }],
      ["a named principal", { ...tls, Principal: { AWS: ROLE_ARN } }],
    ] as const) {
      it(`reports a TLS statement with ${what}`, async () => {
        expect(await violations(p, withPolicy(s))).to.deep.equal([
          'data: bucket "data": no bucket policy statement denies requests without TLS (aws:SecureTransport "false").',
        ]);
      });
    }
    it("gives a preview note for a policy document unknown at preview", async () => {
      const s = stack({ parts: { policy: { policy: UNKNOWN } } });
      expect(await violations(p, s)).to.deep.equal([]);
      expect(await previewNotes(p, s)).to.have.length(1);
    });
  });

  describe("s3-bucket-cross-account-restricted", () => {
    const p = policy("s3-bucket-cross-account-restricted");
    const role = res(IAM_ROLE, "api-role", {}, { outputs: { arn: ROLE_ARN } });
    const grant = (principal: string) =>
      stack({
        parts: {
          policy: {
            policy: doc(tlsStatement("data-bucket"), {
              Sid: "Writer",
              Effect: "Allow",
              Principal: { AWS: principal },
              Action: "s3:PutObject",
              Resource: "arn:aws:s3:::data-bucket/*",
            }),
          },
        },
      });

    it("passes grants to the stack's own account and to service principals", async () => {
      expect(await violations(p, [role, ...grant(ROLE_ARN)])).to.deep.equal([]);
      expect(await violations(p, [role, ...stack()])).to.deep.equal([]);
    });
    it("reports a grant to another account", async () => {
      expect(await violations(p, [role, ...grant("arn:aws:iam::999999999999:root")])).to.deep.equal(
        [
          'data: bucket policy "data-policy": statement Writer grants s3:PutObject to account(s) 999999999999.',
        ],
      );
      expect(await violations(p, [role, ...grant("999999999999")])).to.have.length(1);
    });
    it("accepts accounts listed in trustedAccountIds", async () => {
      const config = {
        "s3-bucket-cross-account-restricted": { trustedAccountIds: ["999999999999"] },
      };
      expect(await violations(p, [role, ...grant("999999999999")], config)).to.deep.equal([]);
    });
    it("says so when the stack's own account is not known (preview)", async () => {
      const found = await violations(p, grant(ROLE_ARN));
      expect(found[0]).to.contain("this stack's own account is not known yet");
    });
  });

  describe("s3-bucket-logging-enabled", () => {
    const p = policy("s3-bucket-logging-enabled");
    it("passes a bucket that logs to another bucket (side resource, literal name, inline V2)", async () => {
      const { bucket, sides, key } = compliantBucket();
      expect(await violations(p, [key, bucket, ...sides])).to.deep.equal([]);
      expect(
        await violations(
          p,
          stack({ literal: true }).filter((r) => r.type !== KMS_KEY),
        ),
      ).to.have.length(0);
      const v2 = res(S3_BUCKET_V2, "b", {
        bucket: "b-bucket",
        loggings: [{ targetBucket: "elsewhere" }],
      });
      expect(await violations(p, [v2])).to.deep.equal([]);
      const legacy = res(S3_BUCKET_LOGGING_V2, "b-logging", {
        bucket: "c-bucket",
        targetBucket: "elsewhere",
        targetPrefix: "c/",
      });
      expect(
        await violations(p, [res(S3_BUCKET, "c", { bucket: "c-bucket" }), legacy]),
      ).to.deep.equal([]);
    });
    it("reports a bucket without logging, and an inline block without a target", async () => {
      expect(await violations(p, stack({ parts: { logging: null } }))).to.deep.equal([
        'data: bucket "data" has no server access logging.',
      ]);
      const empty = res(S3_BUCKET, "b", { bucket: "b-bucket", logging: { targetBucket: "" } });
      expect(await violations(p, [empty])).to.deep.equal([
        'b: bucket "b" has no server access logging.',
      ]);
    });
    it("reports the log target bucket itself unless waived, and lists the waiver", async () => {
      const { bucket, sides, logs } = compliantBucket();
      const found = await violations(p, [bucket, ...sides, logs]);
      expect(found).to.deep.equal([
        'data-logs: bucket "data-logs" has no server access logging; it is a log target (from "data-logging"), ' +
          "which S3 advises not to log: record that with a `waiver:s3-bucket-logging-enabled` tag.",
      ]);
      const waivedLogs = res(S3_BUCKET, "data-logs", {
        bucket: "data-logs-bucket",
        tags: { "waiver:s3-bucket-logging-enabled": "log bucket: logging it would loop" },
      });
      const resources = [bucket, ...sides.filter((s) => s.type !== S3_BUCKET_LOGGING), waivedLogs];
      resources.push(
        res(
          S3_BUCKET_LOGGING,
          "data-logging",
          { bucket: UNKNOWN, targetBucket: UNKNOWN, targetPrefix: "d/" },
          {
            refs: { bucket: [bucket], targetBucket: [waivedLogs] },
          },
        ),
      );
      expect(await violations(p, resources)).to.deep.equal([]);
      expect(await waivedOf(p, resources)).to.have.length(1);
    });
    it("reports a bucket that logs to itself", async () => {
      const { bucket, sides } = compliantBucket();
      const self = res(
        S3_BUCKET_LOGGING,
        "self",
        { bucket: UNKNOWN, targetBucket: UNKNOWN, targetPrefix: "x/" },
        {
          refs: { bucket: [bucket], targetBucket: [bucket] },
        },
      );
      expect(
        await violations(p, [bucket, ...sides.filter((s) => s.type !== S3_BUCKET_LOGGING), self]),
      ).to.deep.equal([
        'data: bucket "data" delivers its access logs to itself, an endless loop of log records.',
      ]);
    });
  });

  describe("s3-bucket-versioning-enabled", () => {
    const p = policy("s3-bucket-versioning-enabled");
    it("passes Enabled (side resource, V2 side resource, inline V2)", async () => {
      expect(await violations(p, stack())).to.deep.equal([]);
      const { bucket } = compliantBucket();
      const v2 = res(
        S3_BUCKET_VERSIONING_V2,
        "v",
        { bucket: UNKNOWN, versioningConfiguration: { status: "Enabled" } },
        {
          refs: { bucket: [bucket] },
        },
      );
      expect(await violations(p, [bucket, v2])).to.deep.equal([]);
      expect(
        await violations(p, [res(S3_BUCKET_V2, "b", { versionings: [{ enabled: true }] })]),
      ).to.deep.equal([]);
    });
    it("reports Suspended and missing versioning", async () => {
      const suspended = stack({
        parts: { versioning: { versioningConfiguration: { status: "Suspended" } } },
      });
      expect(await violations(p, suspended)).to.deep.equal([
        'data: bucket "data": versioning "data-versioning" is Suspended, not Enabled.',
      ]);
      expect(await violations(p, stack({ parts: { versioning: null } }))).to.deep.equal([
        'data: bucket "data" has no versioning enabled.',
      ]);
      expect(
        await violations(p, [res(S3_BUCKET, "b", { versioning: { enabled: false } })]),
      ).to.have.length(1);
    });
  });

  describe("s3-bucket-lifecycle-configured", () => {
    const p = policy("s3-bucket-lifecycle-configured");
    it("passes an enabled rule that aborts incomplete uploads (side resource, inline)", async () => {
      expect(await violations(p, stack())).to.deep.equal([]);
      const inline = res(S3_BUCKET, "b", {
        lifecycleRules: [{ enabled: true, abortIncompleteMultipartUploadDays: 7 }],
      });
      expect(await violations(p, [inline])).to.deep.equal([]);
    });
    it("reports a missing lifecycle, a disabled rule, and no abort rule", async () => {
      expect(await violations(p, stack({ parts: { lifecycle: null } }))).to.deep.equal([
        'data: bucket "data" has no enabled lifecycle rule.',
      ]);
      const disabled = stack({
        parts: {
          lifecycle: {
            rules: [
              {
                id: "x",
                status: "Disabled",
                abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
              },
            ],
          },
        },
      });
      expect(await violations(p, disabled)).to.have.length(1);
      const noAbort = stack({
        parts: { lifecycle: { rules: [{ id: "x", status: "Enabled", expiration: { days: 7 } }] } },
      });
      expect(await violations(p, noAbort)).to.deep.equal([
        'data: bucket "data" has no lifecycle rule that aborts incomplete multipart uploads.',
      ]);
    });
  });

  it("every policy passes a compliant Bucket and a compliant BucketV2", async () => {
    const resources = [
      ...stack(),
      ...compliantBucket("v2", { type: S3_BUCKET_V2 }).all,
      res(S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, "account", ALL_FLAGS),
    ];
    const report = await evaluate(policies, resources);
    expect(report.violations.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([]);
  });
});

describe("s3, kms and logs policies on a program recorded under the mock runtime", () => {
  // A small program written the way our components write it: side resources take `bucket.id`,
  // encryption takes `key.arn`, so at preview the values are unknown and only the property
  // dependencies the SDK registers link them. Proves the correlation holds for the real SDK.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const program = () => {
    const aws = require("@pulumi/aws") as typeof import("@pulumi/aws");
    const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const key = new aws.kms.Key("key", {
      description: "Encrypts the data bucket",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: doc({
        Sid: "Root",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::123456789012:root" },
        Action: "kms:*",
        Resource: "*",
      }),
    });
    const logs = new aws.s3.Bucket("logs", {
      tags: {
        "waiver:s3-bucket-logging-enabled": "log target: logging it would loop",
      },
    });
    const buckets = [new aws.s3.Bucket("data", {}), new aws.s3.BucketV2("legacy", {}), logs];
    for (const b of buckets) {
      const name = b === logs ? "logs" : b === buckets[0] ? "data" : "legacy";
      new aws.s3.BucketPublicAccessBlock(`${name}-pab`, { bucket: b.id, ...ALL_FLAGS });
      new aws.s3.BucketOwnershipControls(`${name}-own`, {
        bucket: b.id,
        rule: { objectOwnership: "BucketOwnerEnforced" },
      });
      new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-sse`, {
        bucket: b.id,
        rules: [
          b === logs
            ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
            : {
                applyServerSideEncryptionByDefault: {
                  sseAlgorithm: "aws:kms",
                  kmsMasterKeyId: key.arn,
                },
                bucketKeyEnabled: true,
              },
        ],
      });
      new aws.s3.BucketVersioning(`${name}-ver`, {
        bucket: b.id,
        versioningConfiguration: { status: "Enabled" },
      });
      new aws.s3.BucketLifecycleConfiguration(`${name}-lc`, {
        bucket: b.id,
        rules: [
          {
            id: "expire",
            status: "Enabled",
            expiration: { days: 7 },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
          },
        ],
      });
      const policyDoc = aws.iam.getPolicyDocumentOutput({
        statements: [
          {
            sid: "DenyInsecureTransport",
            effect: "Deny",
            principals: [{ type: "*", identifiers: ["*"] }],
            actions: ["s3:*"],
            resources: [b.arn, pulumi.interpolate`${b.arn}/*`],
            conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
          },
        ],
      });
      new aws.s3.BucketPolicy(`${name}-policy`, { bucket: b.id, policy: policyDoc.json });
      if (b !== logs) {
        new aws.s3.BucketLogging(`${name}-logging`, {
          bucket: b.id,
          targetBucket: logs.id,
          targetPrefix: `${name}/`,
        });
      }
    }
    new aws.s3.AccountPublicAccessBlock("account", ALL_FLAGS);
    new aws.cloudwatch.LogGroup("app", { kmsKeyId: key.arn, retentionInDays: 30 });
  };
  /* eslint-enable @typescript-eslint/no-require-imports */

  const pack = async () => {
    const kms = (await import("../../policy-pack/policies/kms")).policies;
    const logsPolicies = (await import("../../policy-pack/policies/logs")).policies;
    return [...policies, ...kms, ...logsPolicies];
  };

  for (const preview of [true, false]) {
    it(`has no violation at ${preview ? "preview" : "up"}; the log bucket's exceptions are waived or noted`, async () => {
      const { record } = await import("../../tools/lib/recorder");
      const recording = await record({ project: "platform", stack: "test", preview }, program);
      const sse = recording.resources.find((r) => r.name === "data-sse")!;
      expect(
        sse.propertyDependencies.bucket,
        "bucket.id registers a property dependency",
      ).to.have.length(1);
      const report = await evaluate(await pack(), recording.resources);
      const real = report.violations.filter((v) => !v.previewNote);
      // SSE-S3 on the server-access-log target is a documented exception: a note, not a finding.
      expect(real.map((v) => `${v.policy} ${v.name}`)).to.deep.equal([
        "s3-bucket-documented-exceptions logs",
      ]);
      expect(real[0].enforcementLevel).to.equal("advisory");
      const notes = report.violations.filter((v) => v.previewNote).map((v) => v.policy);
      // At preview the bucket policies are built from unknown ARNs: the rules that read them say
      // so (a note, not a pass), and pass at up.
      const readers = [
        "s3-bucket-cross-account-restricted",
        "s3-bucket-policy-no-public-principal",
        "s3-bucket-tls-only",
      ];
      expect([...new Set(notes)].sort()).to.deep.equal(preview ? readers : []);
      expect(report.waived.map((w) => `${w.policy} ${w.name}`).sort()).to.deep.equal([
        "s3-bucket-logging-enabled logs",
      ]);
    });
  }
});
