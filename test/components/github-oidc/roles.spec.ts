// GithubOidc: the provider, the preview and deploy roles' trust and permissions, and the pack.
import { expect } from "chai";
import { allPolicies } from "../../../policy-pack/policies";
import { DEPLOY_ROLE_WAIVERS } from "../../../components/github-oidc";
import { Recording } from "../../../tools/lib/recorder";
import { runPolicies } from "../../../tools/lib/policy-runner";
import { doc, findAll, findOne } from "../../helpers";
import {
  ACCOUNT,
  REGION,
  HOST,
  build,
  glob,
  statements,
  githubOidcRuns,
  role,
} from "../../fixtures/github-oidc";

describe("GithubOidc", function () {
  let staging: Recording;
  let prod: Recording;
  before(async () => {
    ({ staging, prod } = await githubOidcRuns());
  });

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
          "ec2:DescribeInstanceTypeOfferings",
          "ec2:DescribeManagedPrefixLists",
          "ec2:DescribePrefixLists",
          "ec2:DescribeVpcEndpointServices",
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
    // Service-linked roles AWS creates on first use, AWS Backup's included, and only those.
    expect(sid("CreateServiceLinkedRoles").Resource).to.equal(
      `arn:aws:iam::${ACCOUNT}:role/aws-service-role/*`,
    );
    expect(
      sid("CreateServiceLinkedRoles").Condition.StringEquals["iam:AWSServiceName"],
    ).to.include.members([
      "backup.amazonaws.com",
      "ecs.amazonaws.com",
      "elasticloadbalancing.amazonaws.com",
    ]);
    // Nothing outside the allow list: no IAM action on "*" except through a deny.
    for (const x of s.filter((y) => y.Effect === "Allow")) {
      for (const a of [x.Action].flat()) {
        if (a.startsWith("iam:")) expect([x.Resource].flat(), `${x.Sid} ${a}`).to.not.include("*");
      }
    }
  });

  it("lets the deploy role manage the Container Insights log group of the stack's cluster, by its configured name", async () => {
    const insights = (rec: Recording) =>
      [statements(role(rec, "deploy")).find((x) => x.Sid === "ManageOwnLogGroups").Resource]
        .flat()
        .filter((r: string) => r.includes(":log-group:/aws/ecs/containerinsights/"));
    const group = (cluster: string) =>
      `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/ecs/containerinsights/${cluster}/performance`;
    expect(insights(staging)).to.have.length(1);
    expect(glob(insights(staging)[0], group("platform-staging"))).to.equal(true);
    // A stack that keeps its former auto-named cluster (platform:runtimeClusterName).
    const kept = await build({ clusterName: "staging-runtime-cluster-4f2c1a9" });
    expect(insights(kept)).to.have.length(1);
    expect(glob(insights(kept)[0], group("staging-runtime-cluster-4f2c1a9"))).to.equal(true);
    expect(glob(insights(kept)[0], group("platform-staging"))).to.equal(false);
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
    // No build start or ECS exec: they would run as any project's or task's role.
    expect(byId.DenyRunningAsOtherRoles.Action).to.include.members([
      "codebuild:StartBuild",
      "codebuild:StartBuildBatch",
      "codebuild:RetryBuild",
      "ecs:ExecuteCommand",
    ]);
    expect(byId.DenyRunningAsOtherRoles.Resource).to.equal("*");
    expect(role(staging, "deploy").inputs.name).to.equal("platform-staging-github-deploy");
    expect(role(staging, "preview").inputs.name).to.equal("platform-staging-github-preview");
    expect(s.map((x) => x.Sid)).to.not.include("DenyDataDeletion");
    expect(denies(prod).find((x) => x.Sid === "DenyDataDeletion").Action).to.include.members([
      "s3:DeleteBucket",
      "kms:ScheduleKeyDeletion",
    ]);
  });

  // IAM API, CreateRole `RoleName`: at most 64 characters. `platform-<stack>-github-preview`
  // passes it at a 41-character stack name; the deny on the CI roles must still name both.
  it("keeps the CI roles' names within IAM's 64 characters for a long stack name, still under the deny", async () => {
    const stack = "customer-onboarding-eu-central-1-staging-blue"; // 45 characters
    const long = await build({ namePrefix: stack }, stack);
    const names = (["preview", "deploy"] as const).map((r) => role(long, r).inputs.name as string);
    const deny = statements(role(long, "deploy")).find((x) => x.Sid === "DenyChangesToCiAccess");
    for (const name of names) {
      expect(name, name).to.match(/^[\w+=,.@-]{1,64}$/);
      expect(name, name).to.match(/^platform-customer-onboarding-eu-central-1-[a-z0-9-]*github-/);
      const arn = `arn:aws:iam::${ACCOUNT}:role/${name}`;
      expect(
        [deny.Resource].flat().some((p: string) => glob(p, arn)),
        `${arn} under ${JSON.stringify(deny.Resource)}`,
      ).to.equal(true);
    }
    expect(names[0].replace(/preview$/, "")).to.equal(names[1].replace(/deploy$/, ""));
    // Two long stacks that share their start still get different roles.
    const other = await build({ namePrefix: `${stack}x` }, `${stack}x`);
    expect(role(other, "deploy").inputs.name).to.not.equal(names[1]);
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
});
