// GithubOidc: the deploy role covers what the whole program creates (every optional feature on).
import { expect } from "chai";
import { allPolicies } from "../../../policy-pack/policies";
import {
  DEPLOY_GLOBAL_SERVICES,
  DEPLOY_ROLE_WAIVERS,
  DEPLOY_WILDCARD_SERVICES,
} from "../../../components/github-oidc";
import { RecordedResource, Recording } from "../../../tools/lib/recorder";
import { runPolicies } from "../../../tools/lib/policy-runner";
import { runWithEverything } from "../../fixtures/features";
import { doc, findAll, findOne } from "../../helpers";
import { ACCOUNT, REGION, statements, glob } from "../../fixtures/github-oidc";

describe("GithubOidc: the deploy role against the whole program", function () {
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
        // The look-ups `pulumi up` makes before creating anything: the zones, and the instance
        // types each zone offers (the hosts' placement, components/host/placement.ts).
        for (const a of ["ec2:DescribeAvailabilityZones", "ec2:DescribeInstanceTypeOfferings"])
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

    // IAM User Guide, "IAM and AWS STS quotas": whitespace excluded, a role's inline policies may
    // total 10,240 characters, a managed policy 6,144, a trust policy 2,048 (default quota).
    // CreateRole / PutRolePolicy / CreatePolicy fail with LimitExceeded beyond them, which only a
    // real account reports. The deploy role grows with every feature; this keeps it in bounds.
    it("keeps every role's inline policies, managed policy and trust policy within IAM's size quotas", () => {
      const size = (policy: unknown): number => String(policy).replace(/\s/g, "").length;
      for (const [stack, rec] of Object.entries(recs)) {
        const inlineByRole = new Map<string, number>();
        const add = (role: string, policy: unknown) =>
          inlineByRole.set(role, (inlineByRole.get(role) ?? 0) + size(policy));
        for (const role of findAll(rec, "aws:iam/role:Role")) {
          expect(size(role.inputs.assumeRolePolicy), `${stack} ${role.name} trust`).to.be.at.most(
            2048,
          );
          const inline = (role.inputs.inlinePolicies ?? []) as { policy?: unknown }[];
          for (const p of inline) add(role.urn, p.policy);
          inlineByRole.set(role.urn, inlineByRole.get(role.urn) ?? 0);
        }
        for (const p of findAll(rec, "aws:iam/rolePolicy:RolePolicy")) {
          const [roleUrn] = p.propertyDependencies.role ?? [];
          expect(roleUrn, `${stack} ${p.name} names a role of the stack`).to.be.a("string");
          add(roleUrn, p.inputs.policy);
        }
        for (const [role, total] of inlineByRole) {
          expect(total, `${stack} ${role} inline policies`).to.be.at.most(10_240);
        }
        for (const p of findAll(rec, "aws:iam/policy:Policy")) {
          expect(size(p.inputs.policy), `${stack} ${p.name}`).to.be.at.most(6144);
        }
        // The largest, so the test is not vacuous: the deploy role's inline policies.
        const deploy = findOne(rec, "aws:iam/role:Role", `${stack}-github-deploy-role`);
        expect(inlineByRole.get(deploy.urn)).to.be.greaterThan(5000);
      }
    });
  });
});
