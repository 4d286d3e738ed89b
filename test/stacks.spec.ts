// The committed stacks, built by the real program under mocks: what a user cares about, checked on
// every resource the program registers, and the whole policy pack over both stacks.
import { expect } from "chai";
import { SERVICE_TRUST_CONDITIONS } from "../components/iam";
import { allPolicies } from "../policy-pack/policies";
import { runPolicies } from "../tools/lib/policy-runner";
import type { Recording } from "../tools/lib/recorder";
import { ALL_FEATURES_ON, GITHUB_OIDC_ON, runWithEverything } from "./fixtures/features";
import { doc, findAll, referrers, runStack } from "./helpers";

const STACKS = ["staging", "prod"] as const;
const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

for (const stack of STACKS) {
  describe(`stack ${stack}`, () => {
    it("builds, with every resource inside a platform component", async () => {
      const rec = await runStack(stack);
      expect(rec.resources.length).to.be.greaterThan(20);
      for (const r of rec.resources) {
        if (r.type.startsWith("platform:")) continue;
        expect(r.parent, `${r.type} ${r.name} has no parent component`).to.be.a("string");
      }
      const urns = rec.resources.map((r) => r.urn);
      expect(new Set(urns).size).to.equal(urns.length);
    });

    it("no compute or data route table has a default route", async () => {
      const rec = await runStack(stack);
      const privateSubnets = findAll(rec, "aws:ec2/subnet:Subnet").filter((s) =>
        ["compute", "data"].includes(s.inputs.tags?.tier),
      );
      expect(privateSubnets.length).to.be.greaterThan(0);
      for (const subnet of privateSubnets) {
        const assoc = referrers(
          rec,
          subnet,
          "subnetId",
          "aws:ec2/routeTableAssociation:RouteTableAssociation",
        );
        expect(assoc, `${subnet.name} has no explicit route table association`).to.have.length(1);
        const tableUrns = assoc[0].propertyDependencies.routeTableId ?? [];
        expect(tableUrns).to.have.length(1);
        const table = rec.resources.find((r) => r.urn === tableUrns[0])!;
        const inline = (table.inputs.routes ?? []) as any[];
        const separate = referrers(rec, table, "routeTableId", "aws:ec2/route:Route").map(
          (r) => r.inputs,
        );
        for (const route of [...inline, ...separate]) {
          expect(route.cidrBlock ?? route.destinationCidrBlock).to.not.equal("0.0.0.0/0");
          expect(route.ipv6CidrBlock ?? route.destinationIpv6CidrBlock).to.not.equal("::/0");
        }
      }
      expect(findAll(rec, "aws:ec2/natGateway:NatGateway")).to.have.length(0);
    });

    it("every bucket blocks public access and is SSE-KMS encrypted with a key of the stack", async () => {
      const rec = await runStack(stack);
      const keys = new Set(findAll(rec, "aws:kms/key:Key").map((k) => k.outputs.arn));
      const buckets = BUCKET_TYPES.flatMap((t) => findAll(rec, t));
      expect(buckets.length).to.be.at.least(3);
      for (const b of buckets) {
        const pab = referrers(
          rec,
          b,
          "bucket",
          "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        );
        expect(pab, `${b.name} public access block`).to.have.length(1);
        for (const f of [
          "blockPublicAcls",
          "blockPublicPolicy",
          "ignorePublicAcls",
          "restrictPublicBuckets",
        ]) {
          expect(pab[0].inputs[f], `${b.name} ${f}`).to.equal(true);
        }
        const sse = referrers(rec, b, "bucket").filter((r) =>
          r.type.includes("ServerSideEncryptionConfiguration"),
        );
        expect(sse, `${b.name} encryption`).to.have.length(1);
        const rule = sse[0].inputs.rules[0].applyServerSideEncryptionByDefault;
        // Documented exception: log buckets of services that support only SSE-S3.
        if (rule.sseAlgorithm === "AES256" && /-logs$/.test(b.name)) continue;
        expect(rule.sseAlgorithm, b.name).to.equal("aws:kms");
        expect(keys.has(rule.kmsMasterKeyId), `${b.name} key ${rule.kmsMasterKeyId}`).to.equal(
          true,
        );
      }
    });

    it("each producer role's policy names only its own bucket", async () => {
      const rec = await runStack(stack);
      const buckets = findAll(rec, "aws:s3/bucket:Bucket");
      const bucketOf = (producer: string) =>
        buckets.find(
          (b) => b.name.endsWith(`-${producer}-bucket`) || b.name.endsWith(`-${producer}`),
        );
      for (const producer of ["api", "ingest"]) {
        const own = bucketOf(producer);
        const other = bucketOf(producer === "api" ? "ingest" : "api");
        expect(own, `${producer} bucket`).to.not.equal(undefined);
        const role = findAll(rec, "aws:iam/role:Role").find((r) =>
          r.name.includes(`-${producer}`),
        )!;
        expect(role, `${producer} role`).to.not.equal(undefined);
        const policies = referrers(rec, role, "role", "aws:iam/rolePolicy:RolePolicy");
        expect(policies.length).to.be.at.least(1);
        const text = policies.map((p) => p.inputs.policy).join("\n");
        expect(text).to.contain(own!.outputs.arn);
        expect(text).to.not.contain(other!.outputs.arn);
        for (const s of policies.flatMap((p) => doc(p.inputs.policy).Statement)) {
          const resources = [s.Resource].flat();
          expect(resources, JSON.stringify(s)).to.not.include("*");
        }
      }
    });

    it(
      stack === "prod" ? "protects and retains data" : "leaves data unprotected (staging)",
      async () => {
        const rec = await runStack(stack);
        const data = [
          ...BUCKET_TYPES.flatMap((t) => findAll(rec, t)),
          ...findAll(rec, "aws:kms/key:Key"),
        ];
        for (const r of data) {
          expect(r.options.protect, `${r.name} protect`).to.equal(stack === "prod");
          expect(r.options.retainOnDelete, `${r.name} retainOnDelete`).to.equal(stack === "prod");
        }
      },
    );

    // A log group is the only copy of what it holds (the web firewall's blocked requests, the
    // app's and the flow logs): prod keeps each on destroy, as it keeps its buckets and keys
    // (docs/first-deploy.md, "How to back out"); staging's go with the stack.
    it(
      stack === "prod"
        ? "keeps every log group on destroy"
        : "deletes its log groups on destroy (staging)",
      async () => {
        // Every feature on: the database's, the analytics' and the AI environment's groups too.
        // WAF as well: staging's committed file leaves it off (prod must have it on), and its log
        // group is one of them.
        const waf = stack === "staging" ? { "platform:wafEnabled": true } : {};
        const rec = await runWithEverything(stack, waf);
        const groups = findAll(rec, "aws:cloudwatch/logGroup:LogGroup");
        expect(groups.length).to.be.greaterThan(8);
        expect(
          groups.map((g) => g.inputs.name).filter((n) => /^aws-waf-logs-/.test(n)),
        ).to.have.length(1);
        for (const r of groups) {
          expect(r.options.retainOnDelete, `${r.name} retainOnDelete`).to.equal(stack === "prod");
        }
      },
    );

    for (const preview of [true, false]) {
      it(`passes the whole policy pack with no mandatory violation (${preview ? "preview" : "up"})`, async () => {
        const rec = await runStack(stack, { preview });
        const report = await runPolicies(allPolicies, rec.resources);
        const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory");
        expect(mandatory.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([]);
      });
    }
  });
}

/**
 * Names AWS requires to be unique in an account (per region unless `global`), by resource type and
 * the input that carries the name. Pulumi auto-names (logical name + random suffix) never collide;
 * these are the names the program spells out.
 */
const ACCOUNT_UNIQUE: Record<string, { readonly keys: readonly string[]; readonly global?: true }> =
  {
    "aws:backup/plan:Plan": { keys: ["name"] },
    "aws:backup/vault:Vault": { keys: ["name"] },
    "aws:budgets/budget:Budget": { keys: ["name"], global: true },
    "aws:cloudfront/originAccessControl:OriginAccessControl": { keys: ["name"], global: true },
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": {
      keys: ["name"],
      global: true,
    },
    "aws:cloudwatch/eventRule:EventRule": { keys: ["name"] },
    "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": { keys: ["name"] },
    "aws:cloudwatch/logDeliverySource:LogDeliverySource": { keys: ["name"] },
    "aws:cloudwatch/logGroup:LogGroup": { keys: ["name"] },
    "aws:cloudwatch/metricAlarm:MetricAlarm": { keys: ["name"] },
    "aws:codebuild/project:Project": { keys: ["name"] },
    "aws:codecommit/approvalRuleTemplate:ApprovalRuleTemplate": { keys: ["name"] },
    "aws:codecommit/repository:Repository": { keys: ["repositoryName"] },
    "aws:codeconnections/connection:Connection": { keys: ["name"] },
    "aws:codepipeline/pipeline:Pipeline": { keys: ["name"] },
    "aws:ecr/repository:Repository": { keys: ["name"] },
    "aws:ecs/cluster:Cluster": { keys: ["name"] },
    // A task family is not refused twice, but two stacks would register revisions of one family.
    "aws:ecs/taskDefinition:TaskDefinition": { keys: ["family"] },
    "aws:iam/instanceProfile:InstanceProfile": { keys: ["name"], global: true },
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": { keys: ["url"], global: true },
    "aws:iam/policy:Policy": { keys: ["name"], global: true },
    "aws:iam/role:Role": { keys: ["name"], global: true },
    "aws:kms/alias:Alias": { keys: ["name"] },
    "aws:rds/cluster:Cluster": { keys: ["clusterIdentifier", "finalSnapshotIdentifier"] },
    "aws:rds/clusterInstance:ClusterInstance": { keys: ["identifier"] },
    "aws:redshiftserverless/namespace:Namespace": { keys: ["namespaceName"] },
    "aws:redshiftserverless/workgroup:Workgroup": { keys: ["workgroupName"] },
    "aws:s3/bucket:Bucket": { keys: ["bucket"], global: true },
    "aws:sns/topic:Topic": { keys: ["name"] },
    "aws:ssm/parameter:Parameter": { keys: ["name"] },
    "aws:wafv2/webAcl:WebAcl": { keys: ["name"] },
  };

/** Types with an explicit `name` that is unique only inside a parent (not in the account). */
const NAMED_INSIDE_A_PARENT = new Set([
  "aws:backup/selection:Selection", // within its plan
]);

/**
 * One per account and region by design: every stack writes the same value (ECR's registry
 * scanning configuration covers the project's repositories, whatever the stack).
 */
const ACCOUNT_SINGLETONS = new Set([
  "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration",
]);

/** Every account-unique name a recording spells out: `<scope> <type> <name>` → resource name. */
function accountUniqueNames(rec: Recording, region: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const r of rec.resources.filter((x) => x.custom)) {
    const spec = ACCOUNT_UNIQUE[r.type];
    if (!spec) {
      const named = typeof r.inputs.name === "string";
      if (named && !NAMED_INSIDE_A_PARENT.has(r.type) && !ACCOUNT_SINGLETONS.has(r.type)) {
        throw new Error(
          `${r.type} ${r.name} has an explicit name: classify the type in ACCOUNT_UNIQUE or NAMED_INSIDE_A_PARENT`,
        );
      }
      continue;
    }
    for (const k of spec.keys) {
      const v = r.inputs[k];
      if (typeof v !== "string") continue;
      const scope = spec.global ? "global" : (r.inputs.region ?? region);
      names.set(`${scope} ${r.type.split(":")[1]} ${k}=${v}`, r.name);
    }
  }
  return names;
}

const everythingOn = runWithEverything;

describe("stacks sharing one AWS account", function () {
  this.timeout(300_000);

  const collisions = (a: Recording, b: Recording): string[] => {
    const left = accountUniqueNames(a, "eu-west-1");
    const right = accountUniqueNames(b, "eu-west-1");
    return [...left.keys()]
      .filter((k) => right.has(k))
      .map((k) => `${k} (${a.stack} ${left.get(k)}, ${b.stack} ${right.get(k)})`);
  };

  it("staging and prod: no account-unique name collides", async () => {
    const [staging, prod] = [await everythingOn("staging"), await everythingOn("prod")];
    expect(collisions(staging, prod)).to.deep.equal([]);
    // The singleton is written the same way by both.
    for (const t of ACCOUNT_SINGLETONS) {
      const [s, p] = [staging, prod].map((rec) => findAll(rec, t).map((r) => r.inputs));
      expect(s, t).to.deep.equal(p);
    }
  });

  it("two stacks of the same environment (staging and qa): names follow the stack, not the environment", async () => {
    const staging = await everythingOn("staging");
    const qa = await runStack("qa", {
      configFrom: "staging",
      overrides: {
        ...ALL_FEATURES_ON,
        ...GITHUB_OIDC_ON,
        "platform:githubOidcProviderArn":
          "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
      },
    });
    expect(collisions(staging, qa)).to.deep.equal([]);
    expect(findAll(qa, "platform:network:Network").map((r) => r.name)).to.deep.equal([
      "qa-network",
    ]);
  });
});

describe("what `pulumi destroy` may delete", function () {
  this.timeout(300_000);
  for (const stack of STACKS) {
    it(`${stack}: buckets, image repository and backup vault force-destroy only when data is unprotected`, async () => {
      const rec = await everythingOn(stack);
      const disposable = stack === "staging"; // protectData: false in the committed file
      const buckets = BUCKET_TYPES.flatMap((t) => findAll(rec, t));
      expect(buckets.length).to.be.at.least(5);
      for (const b of buckets) expect(b.inputs.forceDestroy, b.name).to.equal(disposable);
      const repos = findAll(rec, "aws:ecr/repository:Repository");
      expect(repos).to.have.length(1);
      for (const r of repos) expect(r.inputs.forceDelete, r.name).to.equal(disposable);
      const vaults = findAll(rec, "aws:backup/vault:Vault");
      expect(vaults).to.have.length(1);
      for (const v of vaults) expect(v.inputs.forceDestroy, v.name).to.equal(disposable);
    });
  }
});

describe("service trusts", function () {
  this.timeout(300_000);
  for (const stack of STACKS) {
    it(`${stack}: every role a service assumes carries exactly the conditions that service documents`, async () => {
      const rec = await everythingOn(stack);
      const seen = new Set<string>();
      for (const role of findAll(rec, "aws:iam/role:Role")) {
        for (const s of doc(role.inputs.assumeRolePolicy).Statement) {
          const services = [s.Principal?.Service ?? []].flat() as string[];
          if (services.length === 0) continue;
          for (const service of services) {
            expect(
              SERVICE_TRUST_CONDITIONS,
              `${role.name}: ${service} undocumented`,
            ).to.have.property(service);
            seen.add(service);
          }
          // Statements naming several services (Redshift) get what all of them document.
          const documented = services
            .map((x) => new Set<string>(SERVICE_TRUST_CONDITIONS[x].keys))
            .reduce((a, b) => new Set([...a].filter((k) => b.has(k))));
          const used = Object.values((s.Condition ?? {}) as Record<string, object>)
            .flatMap((byKey) => Object.keys(byKey))
            .filter((k) => /^aws:Source(Account|Arn)$/i.test(k));
          expect(used.sort(), `${role.name} (${services.join(", ")})`).to.deep.equal(
            [...documented].sort(),
          );
        }
      }
      // The services the program trusts, each with its source.
      expect([...seen].sort()).to.include.members([
        "codebuild.amazonaws.com",
        "codepipeline.amazonaws.com",
        "ecs-tasks.amazonaws.com",
        "events.amazonaws.com",
        "vpc-flow-logs.amazonaws.com",
      ]);
      for (const service of seen) {
        expect(SERVICE_TRUST_CONDITIONS[service].source, service).to.match(/\w+.{20,}/);
      }
    });
  }
});
