// AMIs, RDS snapshots and SSM documents shared with everyone: Checkov CKV_AWS_205
// (AMILaunchIsShared), CKV_AWS_302 (DBSnapshotsArePrivate), CKV_AWS_303 (SSMDocumentsArePrivate),
// Security Hub RDS.1 and SSM.4.
import { expect } from "chai";
import * as T from "../../../policy-pack/lib/types";
import { evaluate, policy, previewNotes, res, UNKNOWN, violations } from "../fixture";

describe("ec2-ami-not-public", () => {
  const p = policy("ec2-ami-not-public");
  const perm = (extra: Record<string, unknown>) =>
    res(T.EC2_AMI_LAUNCH_PERMISSION, "perm", { imageId: "ami-1", ...extra });
  /** An Image Builder distribution to two regions, the second with `launchPermission`. */
  const distribution = (launchPermission: Record<string, unknown>) =>
    res(T.IMAGEBUILDER_DISTRIBUTION_CONFIGURATION, "dist", {
      name: "dist",
      distributions: [
        {
          region: "eu-west-1",
          amiDistributionConfiguration: { name: "app-{{ imagebuilder:buildDate }}" },
        },
        { region: "eu-central-1", amiDistributionConfiguration: { launchPermission } },
      ],
    });
  describe("Noncompliance", () => {
    it('Image Builder: a distribution whose launch permission names the user group "all"', async () => {
      expect(await violations(p, [distribution({ userGroups: ["all"] })])).to.deep.equal([
        'dist: the distribution to eu-central-1 shares its AMIs with the user group "all" (public).',
      ]);
    });
    it('CKV_AWS_205: group "all"', async () => {
      expect(await violations(p, [perm({ group: "all" })])).to.have.length(1);
    });
    it('block public access for AMIs turned off: state "unblocked" (EC2 User Guide)', async () => {
      const off = res(T.EC2_IMAGE_BLOCK_PUBLIC_ACCESS, "images", { state: "unblocked" });
      expect(await violations(p, [off])).to.deep.equal([
        'images: block public access for AMIs is "unblocked": any image can be made public.',
      ]);
    });
  });
  describe("Compliance", () => {
    it('block public access for AMIs on: state "block-new-sharing"', async () => {
      const on = res(T.EC2_IMAGE_BLOCK_PUBLIC_ACCESS, "images", { state: "block-new-sharing" });
      expect(await violations(p, [on])).to.deep.equal([]);
    });
    it("Image Builder: launch permissions for accounts, an organization or an OU", async () => {
      const named = distribution({
        userIds: ["123456789012"],
        organizationArns: ["arn:aws:organizations::123456789012:organization/o-abc"],
        organizationalUnitArns: ["arn:aws:organizations::123456789012:ou/o-abc/ou-1"],
      });
      expect(await violations(p, [named])).to.deep.equal([]);
    });
    it("one account, or an organization", async () => {
      expect(await violations(p, [perm({ accountId: "123456789012" })])).to.deep.equal([]);
      expect(
        await violations(p, [
          perm({ organizationArn: "arn:aws:organizations::1:organization/o-1" }),
        ]),
      ).to.deep.equal([]);
    });
  });
});

describe("rds-snapshot-not-public", () => {
  const p = policy("rds-snapshot-not-public");
  describe("Noncompliance", () => {
    it('CKV_AWS_302: sharedAccounts ["all"] on a DB snapshot and a cluster snapshot', async () => {
      const s = res(T.RDS_SNAPSHOT, "s", {
        dbInstanceIdentifier: "db",
        dbSnapshotIdentifier: "s",
        sharedAccounts: ["all"],
      });
      const c = res(T.RDS_CLUSTER_SNAPSHOT, "c", {
        dbClusterIdentifier: "c",
        dbClusterSnapshotIdentifier: "c",
        sharedAccounts: ["123456789012", "all"],
      });
      expect(await violations(p, [s, c])).to.have.length(2);
    });
    it('sharedAccounts ["all"] on a DB snapshot copy (the provider documents "all" as public)', async () => {
      const copy = res(T.RDS_SNAPSHOT_COPY, "copy", {
        sourceDbSnapshotIdentifier: "arn:aws:rds:eu-west-1:123456789012:snapshot:s",
        targetDbSnapshotIdentifier: "copy",
        kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        sharedAccounts: ["all"],
      });
      expect(await violations(p, [copy])).to.deep.equal([
        'copy: sharedAccounts includes "all": the snapshot is public.',
      ]);
    });
    it('sharedAccounts ["all"] on a DB cluster snapshot copy', async () => {
      const copy = res(T.RDS_CLUSTER_SNAPSHOT_COPY, "cluster-copy", {
        sourceDbClusterSnapshotIdentifier: "arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:c",
        targetDbClusterSnapshotIdentifier: "cluster-copy",
        sharedAccounts: ["all"],
      });
      expect(await violations(p, [copy])).to.deep.equal([
        'cluster-copy: sharedAccounts includes "all": the snapshot is public.',
      ]);
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_302 pass: named accounts or no sharing", async () => {
      const s = res(T.RDS_SNAPSHOT, "s", {
        dbInstanceIdentifier: "db",
        dbSnapshotIdentifier: "s",
        sharedAccounts: ["123456789012"],
      });
      const t = res(T.RDS_SNAPSHOT, "t", { dbInstanceIdentifier: "db", dbSnapshotIdentifier: "t" });
      const copy = res(T.RDS_SNAPSHOT_COPY, "copy", {
        sourceDbSnapshotIdentifier: "s",
        targetDbSnapshotIdentifier: "copy",
        sharedAccounts: ["123456789012"],
      });
      const clusterCopy = res(T.RDS_CLUSTER_SNAPSHOT_COPY, "cluster-copy", {
        sourceDbClusterSnapshotIdentifier: "c",
        targetDbClusterSnapshotIdentifier: "cluster-copy",
        sharedAccounts: ["123456789012"],
      });
      expect(await violations(p, [s, t, copy, clusterCopy])).to.deep.equal([]);
    });
  });
});

describe("ssm-document-not-public", () => {
  const p = policy("ssm-document-not-public");
  // Checkov's own fixture (example_SSMDocumentsArePrivate): a Command document, with no
  // permissions (pass), shared with one account (pass2) and shared with "All" (fail).
  const content = JSON.stringify({
    schemaVersion: "1.2",
    description: "Check ip configuration of a Linux instance.",
    parameters: {},
    runtimeConfig: {
      "aws:runShellScript": {
        properties: [{ id: "0.aws:runShellScript", runCommand: ["ifconfig"] }],
      },
    },
  });
  const doc = (name: string, permissions?: Record<string, string>) =>
    res(T.SSM_DOCUMENT, name, {
      name: "test_document",
      documentType: "Command",
      content,
      ...(permissions ? { permissions } : {}),
    });
  describe("Noncompliance", () => {
    it('CKV_AWS_303 fail: permissions shared with account_ids "All"', async () => {
      expect(
        await violations(p, [doc("fail", { type: "Share", account_ids: "All" })]),
      ).to.deep.equal(['fail: permissions share the document with "All" accounts: it is public.']);
      expect(p.enforcementLevel).to.equal("mandatory");
    });
    it('"All" among listed accounts is still public', async () => {
      expect(
        await violations(p, [doc("mixed", { type: "Share", account_ids: "680235478471, all" })]),
      ).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_303 pass and pass2: no permissions, or one named account", async () => {
      expect(
        await violations(p, [
          doc("pass"),
          doc("pass2", { type: "Share", account_ids: "680235478471" }),
        ]),
      ).to.deep.equal([]);
    });
  });
});

describe("ebs-snapshot-block-public-access-on", () => {
  const p = policy("ebs-snapshot-block-public-access-on");
  describe("Noncompliance", () => {
    it('state "unblocked" (Amazon EBS User Guide, block public access for snapshots)', async () => {
      const off = res(T.EBS_SNAPSHOT_BLOCK_PUBLIC_ACCESS, "snapshots", { state: "unblocked" });
      expect(await violations(p, [off])).to.deep.equal([
        'snapshots: block public access for EBS snapshots is "unblocked": any snapshot can be made public.',
      ]);
    });
  });
  describe("Compliance", () => {
    it('"block-all-sharing" (the provider\'s example) and "block-new-sharing"', async () => {
      const all = res(T.EBS_SNAPSHOT_BLOCK_PUBLIC_ACCESS, "all", { state: "block-all-sharing" });
      const next = res(T.EBS_SNAPSHOT_BLOCK_PUBLIC_ACCESS, "new", { state: "block-new-sharing" });
      expect(await violations(p, [all, next])).to.deep.equal([]);
    });
  });
});

describe("ram-resource-share-no-external-principals", () => {
  const p = policy("ram-resource-share-no-external-principals");
  it("reports a share open to accounts outside the organization (the provider's example)", async () => {
    const share = res(T.RAM_RESOURCE_SHARE, "share", { name: "s", allowExternalPrincipals: true });
    expect(await violations(p, [share])).to.deep.equal([
      "share: allowExternalPrincipals is true: accounts outside the organization can be added.",
    ]);
  });
  it("accepts a share kept inside the organization, or one that leaves the flag out", async () => {
    const inside = res(T.RAM_RESOURCE_SHARE, "inside", {
      name: "i",
      allowExternalPrincipals: false,
    });
    const unset = res(T.RAM_RESOURCE_SHARE, "unset", { name: "u" });
    expect(await violations(p, [inside, unset])).to.deep.equal([]);
  });
});

describe("ec2-vpc-endpoint-service-not-public", () => {
  const p = policy("ec2-vpc-endpoint-service-not-public");
  const service = (name: string, extra: Record<string, unknown>) =>
    res(T.EC2_VPC_ENDPOINT_SERVICE, name, {
      networkLoadBalancerArns: [
        "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/api/1",
      ],
      ...extra,
    });
  const allowed = (name: string, principalArn: string) =>
    res(T.EC2_VPC_ENDPOINT_SERVICE_ALLOWED_PRINCIPLE, name, {
      vpcEndpointServiceId: "vpce-svc-1",
      principalArn,
    });
  describe("Noncompliance", () => {
    it('allowedPrincipals "*" with automatic acceptance (EC2 API ModifyVpcEndpointServicePermissions: "the service is public" when it also accepts every request)', async () => {
      expect(
        await violations(p, [
          service("open", { acceptanceRequired: false, allowedPrincipals: ["*"] }),
          service("mixed", {
            acceptanceRequired: false,
            allowedPrincipals: ["arn:aws:iam::210987654321:root", "*"],
          }),
        ]),
      ).to.deep.equal([
        'open: allowedPrincipals allows every principal ("*"): the endpoint service is public and acceptanceRequired is not true, so every connection is approved.',
        'mixed: allowedPrincipals allows every principal ("*"): the endpoint service is public and acceptanceRequired is not true, so every connection is approved.',
      ]);
    });
    it('an allowed principal resource for "*" on a service of the stack that accepts all, or on a service outside the stack', async () => {
      const open = service("open", { acceptanceRequired: false });
      const onOpen = res(
        T.EC2_VPC_ENDPOINT_SERVICE_ALLOWED_PRINCIPLE,
        "on-open",
        { vpcEndpointServiceId: UNKNOWN, principalArn: "*" },
        { refs: { vpcEndpointServiceId: [open] } },
      );
      expect(await violations(p, [open, onOpen, allowed("everyone", "*")])).to.deep.equal([
        'on-open: principalArn allows every principal ("*"): the endpoint service is public and acceptanceRequired is not true, so every connection is approved.',
        'everyone: principalArn allows every principal ("*") to a service outside the stack, whose acceptance setting cannot be checked: the endpoint service may be public.',
      ]);
    });
    it('is mandatory, and an unknown acceptanceRequired beside "*" is a preview note', async () => {
      expect(p.enforcementLevel).to.equal("mandatory");
      const unknown = [service("later", { acceptanceRequired: UNKNOWN, allowedPrincipals: ["*"] })];
      expect(await violations(p, unknown)).to.deep.equal([]);
      expect(await previewNotes(p, unknown)).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("named consumer accounts, or no allowed principals", async () => {
      expect(
        await violations(p, [
          service("named", {
            acceptanceRequired: true,
            allowedPrincipals: ["arn:aws:iam::210987654321:root"],
          }),
          service("none", { acceptanceRequired: true }),
          allowed("partner", "arn:aws:iam::210987654321:root"),
        ]),
      ).to.deep.equal([]);
    });
    // PrivateLink Guide, "Configure an endpoint service" (vpc/latest/privatelink/modify-endpoint-service):
    // "grant permissions to a wider group of principals and manually accept specific connection
    // requests that you trust"; public only when everyone may connect AND all requests are accepted.
    it('PrivateLink Guide: "*" with manual acceptance (a service offered to any customer) passes, also through an allowed principal resource', async () => {
      const gated = service("gated", { acceptanceRequired: true, allowedPrincipals: ["*"] });
      const grant = res(
        T.EC2_VPC_ENDPOINT_SERVICE_ALLOWED_PRINCIPLE,
        "any-customer",
        { vpcEndpointServiceId: UNKNOWN, principalArn: "*" },
        { refs: { vpcEndpointServiceId: [gated] } },
      );
      expect(await violations(p, [gated, grant])).to.deep.equal([]);
    });
  });
});

describe("ecrpublic-repository-not-used", () => {
  const p = policy("ecrpublic-repository-not-used");
  const repository = (tags: Record<string, string> = {}) =>
    res(T.ECRPUBLIC_REPOSITORY, "gallery", { repositoryName: "tools", tags });
  it("an ECR Public repository is a mandatory finding", async () => {
    const report = await evaluate(p, [repository()]);
    expect(
      report.violations.map((v) => `${v.enforcementLevel} ${v.name}: ${v.detail}`),
    ).to.deep.equal([
      "mandatory gallery: an ECR Public repository serves its images to anyone, anonymously.",
    ]);
  });
  it("a repository waived with its reason is reported as waived, not as a finding", async () => {
    const reason = "publishes the open-source CLI image to the ECR Public Gallery";
    const report = await evaluate(p, [
      repository({ "waiver:ecrpublic-repository-not-used": reason }),
    ]);
    expect(report.violations).to.deep.equal([]);
    expect(report.waived.map((w) => w.waiver.reason)).to.deep.equal([reason]);
  });
  it("a private ECR repository is not judged by it", async () => {
    const repo = res("aws:ecr/repository:Repository", "private", { name: "tools" });
    expect(await violations(p, [repo])).to.deep.equal([]);
  });
});
