import { expect } from "chai";
import { allPolicies } from "../../policy-pack/policies";
import {
  DEPLOY_GLOBAL_SERVICES,
  DEPLOY_ROLE_WAIVERS,
  DEPLOY_WILDCARD_SERVICES,
  GithubOidc,
  GithubOidcArgs,
} from "../../components/github-oidc";
import { record, RecordedResource, Recording } from "../../tools/lib/recorder";
import { runPolicies } from "../../tools/lib/policy-runner";
import { runWithEverything } from "../fixtures/features";
import { doc, findAll, findOne } from "../helpers";

const ACCOUNT = "123456789012";
const REGION = "eu-west-1";
const HOST = "token.actions.githubusercontent.com";
const base: GithubOidcArgs = {
  repository: "acme/platform",
  namePrefix: "staging",
  region: REGION,
  tags: { environment: "staging" },
};

function build(
  over: Partial<GithubOidcArgs> = {},
  stack = "staging",
  preview = false,
): Promise<Recording> {
  return record({ project: "platform", stack, preview, config: { "aws:region": REGION } }, () => {
    new GithubOidc("gh", { ...base, ...over });
  });
}

/** Every statement of a role's inline policies. */
function statements(role: RecordedResource): any[] {
  return role.inputs.inlinePolicies.flatMap((p: any) => doc(p.policy).Statement);
}

/** IAM's glob match (`*` any run, `?` one character), case-sensitive as ARNs are. */
function glob(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  return re.test(value);
}

describe("GithubOidc", () => {
  let staging: Recording;
  let prod: Recording;
  before(async () => {
    staging = await build();
    prod = await build({ namePrefix: "prod", protect: true }, "prod");
  });
  const role = (rec: Recording, r: string) => findOne(rec, "aws:iam/role:Role", `gh-${r}-role`);

  it("creates GitHub's OIDC provider for the STS audience, or reuses the account's", async () => {
    const provider = findOne(
      staging,
      "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
      "gh-provider",
    );
    expect(provider.inputs).to.deep.include({
      url: `https://${HOST}`,
      clientIdLists: ["sts.amazonaws.com"],
    });
    const existing = `arn:aws:iam::${ACCOUNT}:oidc-provider/${HOST}`;
    const reuse = await build({ providerArn: existing });
    expect(findAll(reuse, "aws:iam/openIdConnectProvider:OpenIdConnectProvider")).to.have.length(0);
    expect(doc(role(reuse, "deploy").inputs.assumeRolePolicy).Statement[0].Principal).to.deep.equal(
      { Federated: existing },
    );
  });

  it("trusts only this repository: pull requests for preview, the stack's environment for deploy", () => {
    const provider = findOne(
      staging,
      "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
      "gh-provider",
    );
    const providerArn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${HOST}`;
    for (const [rec, r, sub] of [
      [staging, "preview", "repo:acme/platform:pull_request"],
      [staging, "deploy", "repo:acme/platform:environment:staging"],
    ] as const) {
      const trust = doc(role(rec, r).inputs.assumeRolePolicy).Statement;
      expect(trust).to.have.length(1);
      expect(trust[0].Action).to.equal("sts:AssumeRoleWithWebIdentity");
      expect(trust[0].Principal).to.deep.equal({ Federated: providerArn });
      // The role is created after the provider it trusts.
      expect(role(rec, r).dependencies, r).to.include(provider.urn);
      // StringEquals only: no StringLike, no wildcard subject.
      expect(trust[0].Condition).to.deep.equal({
        StringEquals: { [`${HOST}:aud`]: "sts.amazonaws.com", [`${HOST}:sub`]: sub },
      });
    }
    const prodTrust = doc(role(prod, "deploy").inputs.assumeRolePolicy).Statement[0];
    expect(prodTrust.Condition.StringEquals[`${HOST}:sub`]).to.equal(
      "repo:acme/platform:environment:prod",
    );
  });

  it("lets the preview role read only what pulumi preview looks up", () => {
    const s = statements(role(staging, "preview"));
    // The provider orders a statement's actions and resources (reverse-sorted); order means nothing to IAM.
    const sorted = (v: unknown) => (Array.isArray(v) ? [...v].sort() : v);
    expect(s.map((x) => [x.Sid, x.Effect, sorted(x.Action), x.Resource])).to.deep.equal([
      [
        "ProgramLookups",
        "Allow",
        [
          "ec2:DescribeAvailabilityZones",
          "ec2:DescribeManagedPrefixLists",
          "ec2:DescribePrefixLists",
        ],
        "*",
      ],
      [
        "ReadPublicAmiParameters",
        "Allow",
        ["ssm:GetParameter", "ssm:GetParameters"],
        `arn:aws:ssm:${REGION}::parameter/aws/service/*`,
      ],
    ]);
    expect(s[0].Condition).to.deep.equal({ StringEquals: { "aws:RequestedRegion": REGION } });
  });

  it("scopes the deploy role to this stack's names where services allow, region-locks the rest", () => {
    const s = statements(role(staging, "deploy"));
    const sid = (id: string) => s.find((x) => x.Sid === id);
    expect(sid("ManageGeneratedIdResources").Condition).to.deep.equal({
      StringEquals: { "aws:RequestedRegion": REGION },
    });
    expect(sid("ManageGeneratedIdResources").Action).to.not.include("codepipeline:*");
    expect([sid("ManageOwnBuckets").Resource].flat().sort()).to.deep.equal([
      "arn:aws:s3:::staging-*",
      "arn:aws:s3:::staging-*/*",
    ]);
    expect(sid("ManageOwnRepositories").Resource).to.equal(
      `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/platform-staging-*`,
    );
    expect(sid("ManageStackRoles").Resource).to.equal(`arn:aws:iam::${ACCOUNT}:role/staging-*`);
    expect(sid("PassStackRoles").Condition.StringEquals["iam:PassedToService"]).to.include(
      "ecs-tasks.amazonaws.com",
    );
    expect(sid("AttachStackPolicies").Condition).to.deep.equal({
      ArnLike: { "iam:PolicyARN": `arn:aws:iam::${ACCOUNT}:policy/staging-*` },
    });
    // Nothing outside the allow list: no IAM action on "*" except through a deny.
    for (const x of s.filter((y) => y.Effect === "Allow")) {
      for (const a of [x.Action].flat()) {
        if (a.startsWith("iam:")) expect([x.Resource].flat(), `${x.Sid} ${a}`).to.not.include("*");
      }
    }
  });

  it("denies long-lived credentials and any change to the CI roles and provider; prod also denies data deletion", () => {
    const denies = (rec: Recording) =>
      statements(role(rec, "deploy")).filter((x) => x.Effect === "Deny");
    const s = denies(staging);
    const byId = Object.fromEntries(s.map((x) => [x.Sid, x]));
    expect(byId.DenyLongLivedCredentials.Action).to.include.members([
      "iam:CreateUser",
      "iam:CreateAccessKey",
      "iam:CreateLoginProfile",
    ]);
    expect(byId.DenyChangesToCiAccess.Resource).to.deep.equal([
      `arn:aws:iam::${ACCOUNT}:role/platform-staging-github-*`,
      `arn:aws:iam::${ACCOUNT}:oidc-provider/${HOST}`,
    ]);
    expect(byId.DenyChangesToCiAccess.Action).to.include.members([
      "iam:PutRolePolicy",
      "iam:UpdateAssumeRolePolicy",
      "iam:DeleteOpenIDConnectProvider",
    ]);
    expect(role(staging, "deploy").inputs.name).to.equal("platform-staging-github-deploy");
    expect(role(staging, "preview").inputs.name).to.equal("platform-staging-github-preview");
    expect(s.map((x) => x.Sid)).to.not.include("DenyDataDeletion");
    expect(denies(prod).find((x) => x.Sid === "DenyDataDeletion").Action).to.include.members([
      "s3:DeleteBucket",
      "kms:ScheduleKeyDeletion",
    ]);
  });

  for (const preview of [true, false]) {
    it(`passes the pack, waiving on the deploy role only the policies it states reasons for (${preview ? "preview" : "up"})`, async () => {
      const rec = await build({ namePrefix: "prod", protect: true }, "prod", preview);
      const report = await runPolicies(allPolicies, rec.resources);
      const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory");
      expect(mandatory.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([]);
      const waived = [...new Set(report.waived.map((w) => `${w.policy} ${w.name}`))].sort();
      if (!preview)
        expect(waived).to.deep.equal(
          Object.keys(DEPLOY_ROLE_WAIVERS)
            .map((p) => `${p} gh-deploy-role`)
            .sort(),
        );
      for (const reason of Object.values(DEPLOY_ROLE_WAIVERS))
        expect(reason.length).to.be.within(10, 256);
    });
  }

  describe("against the whole program, every optional feature on", function () {
    this.timeout(240_000);
    const recs: Record<string, Recording> = {};
    before(async () => {
      for (const stack of ["staging", "prod"]) recs[stack] = await runWithEverything(stack);
    });
    const allowOf = (stack: string) =>
      statements(findOne(recs[stack], "aws:iam/role:Role", `${stack}-github-deploy-role`)).filter(
        (x) => x.Effect === "Allow",
      );

    /** IAM service prefix of a provider type token's module. */
    const IAM_PREFIX: Record<string, string[]> = {
      vpc: ["ec2"],
      ec2transitgateway: ["ec2"],
      lb: ["elasticloadbalancing"],
      appautoscaling: ["application-autoscaling"],
      cloudwatch: ["events", "logs"],
      redshiftserverless: ["redshift-serverless"],
    };

    it("covers every service whose resources the program creates", () => {
      for (const [stack, rec] of Object.entries(recs)) {
        const allowed = allowOf(stack).flatMap((x) => [x.Action].flat() as string[]);
        const prefixes = new Set(allowed.map((a) => a.split(":")[0]));
        expect(
          [...DEPLOY_WILDCARD_SERVICES, ...DEPLOY_GLOBAL_SERVICES].every((p) => prefixes.has(p)),
        ).to.equal(true);
        const missing = new Set<string>();
        for (const r of rec.resources.filter((x) => x.custom && x.type.startsWith("aws:"))) {
          const module = r.type.split(":")[1].split("/")[0];
          for (const p of IAM_PREFIX[module] ?? [module])
            if (!prefixes.has(p)) missing.add(`${r.type} (${p})`);
        }
        expect([...missing], `${stack}: add these services to the deploy role`).to.deep.equal([]);
      }
    });

    it("names every bucket, role, instance profile, policy, repository, log group, secret and alias inside the deploy role's patterns", () => {
      for (const [stack, rec] of Object.entries(recs)) {
        const allow = allowOf(stack);
        const inside = (action: string, arn: string) =>
          allow.some(
            (x) =>
              [x.Action].flat().some((a: string) => glob(a, action)) &&
              [x.Resource].flat().some((p: string) => glob(p, arn)),
          );
        const check = (
          type: string,
          action: string,
          arnOf: (r: RecordedResource) => string,
          skip: (r: RecordedResource) => boolean = () => false,
        ) => {
          const found = findAll(rec, type).filter((x) => !skip(x));
          expect(found.length, `${stack} ${type}`).to.be.greaterThan(0);
          for (const r of found)
            expect(
              inside(action, arnOf(r)),
              `${stack} ${r.name}: ${action} on ${arnOf(r)}`,
            ).to.equal(true);
        };
        check("aws:s3/bucket:Bucket", "s3:CreateBucket", (r) => r.outputs.arn);
        check(
          "aws:iam/role:Role",
          "iam:CreateRole",
          (r) => r.outputs.arn,
          (r) => /-github-(deploy|preview)-role$/.test(r.name),
        );
        check(
          "aws:iam/instanceProfile:InstanceProfile",
          "iam:CreateInstanceProfile",
          (r) => r.outputs.arn,
        );
        check(
          "aws:iam/instanceProfile:InstanceProfile",
          "iam:AddRoleToInstanceProfile",
          (r) => r.outputs.arn,
        );
        check("aws:iam/policy:Policy", "iam:CreatePolicy", (r) => r.outputs.arn);
        check("aws:ecr/repository:Repository", "ecr:CreateRepository", (r) => r.outputs.arn);
        check(
          "aws:cloudwatch/logGroup:LogGroup",
          "logs:CreateLogGroup",
          (r) => r.outputs.arn,
          (r) => (r.inputs.region ?? REGION) !== REGION,
        );
        check(
          "aws:kms/alias:Alias",
          "kms:CreateAlias",
          (r) => `arn:aws:kms:${REGION}:${ACCOUNT}:${r.inputs.name}`,
          (r) => (r.inputs.region ?? REGION) !== REGION,
        );
        // The registry's scanning configuration (registry-level: no resource type).
        for (const a of [
          "ecr:PutRegistryScanningConfiguration",
          "ecr:GetRegistryScanningConfiguration",
        ])
          expect(inside(a, "*"), `${stack} ${a}`).to.equal(true);
        // Secrets the services create as the deployer: Redshift's admin secret, RDS's master secret.
        for (const secret of [
          findOne(rec, "aws:redshiftserverless/namespace:Namespace", `${stack}-analytics-namespace`)
            .outputs.adminPasswordSecretArn,
          findOne(rec, "aws:rds/cluster:Cluster", `${stack}-database-cluster`).outputs
            .masterUserSecrets[0].secretArn,
        ]) {
          expect(inside("secretsmanager:CreateSecret", secret), `${stack} ${secret}`).to.equal(
            true,
          );
        }
      }
    });

    /** Where the program hands a role to a service (iam:PassRole at create time), by type and input. */
    const PASSED: Record<string, { readonly props: readonly string[]; readonly service: string }> =
      {
        "aws:iam/instanceProfile:InstanceProfile": {
          props: ["role"],
          service: "ec2.amazonaws.com",
        },
        "aws:backup/selection:Selection": {
          props: ["iamRoleArn"],
          service: "backup.amazonaws.com",
        },
        "aws:ecs/taskDefinition:TaskDefinition": {
          props: ["executionRoleArn", "taskRoleArn"],
          service: "ecs-tasks.amazonaws.com",
        },
        "aws:codebuild/project:Project": {
          props: ["serviceRole"],
          service: "codebuild.amazonaws.com",
        },
        "aws:codepipeline/pipeline:Pipeline": {
          props: ["roleArn"],
          service: "codepipeline.amazonaws.com",
        },
        "aws:cloudwatch/eventTarget:EventTarget": {
          props: ["roleArn"],
          service: "events.amazonaws.com",
        },
        "aws:redshiftserverless/namespace:Namespace": {
          props: ["iamRoles", "defaultIamRoleArn"],
          service: "redshift-serverless.amazonaws.com",
        },
        "aws:ec2/flowLog:FlowLog": {
          props: ["iamRoleArn"],
          service: "vpc-flow-logs.amazonaws.com",
        },
      };

    it("may pass each of the stack's roles to the service the program hands it to, and only those", () => {
      for (const [stack, rec] of Object.entries(recs)) {
        const pass = allowOf(stack).filter((x) => [x.Action].flat().includes("iam:PassRole"));
        expect(pass.length).to.be.greaterThan(0);
        const roles = findAll(rec, "aws:iam/role:Role");
        const roleArn = (v: string) =>
          v.startsWith("arn:") ? v : roles.find((r) => r.outputs.name === v)?.outputs.arn;
        let handed = 0;
        for (const [type, { props, service }] of Object.entries(PASSED)) {
          for (const r of findAll(rec, type)) {
            for (const p of props) {
              for (const v of [r.inputs[p] ?? []].flat() as string[]) {
                const arn = roleArn(v);
                expect(arn, `${r.name}.${p}`).to.be.a("string");
                const ok = pass.some(
                  (x) =>
                    [x.Resource].flat().some((g: string) => glob(g, arn!)) &&
                    [x.Condition?.StringEquals?.["iam:PassedToService"] ?? []]
                      .flat()
                      .includes(service),
                );
                expect(ok, `${stack}: pass ${arn} to ${service} (${r.name}.${p})`).to.equal(true);
                handed++;
              }
            }
          }
        }
        expect(handed).to.be.greaterThan(10);
      }
    });

    it("may use each key the way its key policy lets the account use it through a service (EBS, RDS, Redshift, Secrets Manager, AWS Backup)", () => {
      for (const [stack, rec] of Object.entries(recs)) {
        const allow = allowOf(stack);
        const uses = new Set<string>();
        for (const key of findAll(rec, "aws:kms/key:Key")) {
          for (const s of doc(key.inputs.policy).Statement) {
            const principals = [s.Principal?.AWS ?? []].flat();
            const via = [s.Condition?.StringEquals?.["kms:ViaService"] ?? []].flat() as string[];
            if (!principals.includes(`arn:aws:iam::${ACCOUNT}:root`) || via.length === 0) continue;
            // S3 use is for the data's producers and readers, not for whoever deploys.
            if (via.every((v) => v.startsWith("s3."))) continue;
            for (const action of [s.Action].flat() as string[]) {
              for (const service of via) {
                uses.add(service);
                const ok = allow.some(
                  (x) =>
                    [x.Action].flat().some((a: string) => glob(a, action)) &&
                    [x.Resource].flat().some((g: string) => glob(g, key.outputs.arn)) &&
                    (x.Condition === undefined ||
                      [x.Condition.StringEquals?.["kms:ViaService"] ?? []]
                        .flat()
                        .includes(service)),
                );
                expect(ok, `${stack} ${key.name} ${s.Sid}: ${action} through ${service}`).to.equal(
                  true,
                );
              }
            }
          }
        }
        expect([...uses].sort()).to.include.members([
          `ec2.${REGION}.amazonaws.com`,
          `rds.${REGION}.amazonaws.com`,
          `redshift-serverless.${REGION}.amazonaws.com`,
          `backup.${REGION}.amazonaws.com`,
        ]);
        // EBS encryption with our keys, launching the tunnel host (EBS docs: CreateGrant, Decrypt,
        // DescribeKey, GenerateDataKeyWithoutPlaintext, ReEncrypt*), only through EC2.
        const ebs = allow.filter((x) =>
          [x.Condition?.StringEquals?.["kms:ViaService"] ?? []]
            .flat()
            .includes(`ec2.${REGION}.amazonaws.com`),
        );
        expect(ebs.flatMap((x) => [x.Action].flat())).to.include.members([
          "kms:CreateGrant",
          "kms:Decrypt",
          "kms:DescribeKey",
          "kms:GenerateDataKeyWithoutPlaintext",
          "kms:ReEncryptFrom",
          "kms:ReEncryptTo",
        ]);
      }
    });

    it("keeps its waivers honest with every feature on: the pack's findings on it are exactly the waived ones", async () => {
      for (const [stack, rec] of Object.entries(recs)) {
        const report = await runPolicies(allPolicies, rec.resources);
        const role = `${stack}-github-deploy-role`;
        const unwaived = report.violations.filter(
          (v) => v.name === role && !v.previewNote && v.policy !== "policy-waivers",
        );
        expect(unwaived.map((v) => `${v.policy}: ${v.detail}`)).to.deep.equal([]);
        const waived = [
          ...new Set(report.waived.filter((w) => w.name === role).map((w) => w.policy)),
        ];
        expect(waived.sort()).to.deep.equal(Object.keys(DEPLOY_ROLE_WAIVERS).sort());
      }
      // The credentials waiver must not claim the program runs no instances: it runs some.
      expect(DEPLOY_ROLE_WAIVERS["iam-no-credentials-exposure"]).to.not.match(/runs no instances/);
    });
  });
});
