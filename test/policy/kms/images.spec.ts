// Machine image, Image Builder and snapshot copy encryption, from Checkov's own fixtures translated
// to Pulumi inputs.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import * as T from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import { awsManaged, KEY_ARN, policyNamed, run, UNKNOWN, withStackKey } from "../fixtures/kms";

describe("ec2-image-kms-cmk", () => {
  const p = policyNamed(policies, "ec2-image-kms-cmk");
  const copy = {
    name: "terraform-example",
    sourceAmiId: "ami-xxxxxxxx",
    sourceAmiRegion: "us-west-1",
  };
  const ami = (devices: Record<string, unknown>[]) => [
    res(T.EC2_AMI, "image", {
      name: "terraform-example",
      virtualizationType: "hvm",
      rootDeviceName: "/dev/xvda1",
      ebsBlockDevices: devices,
    }),
  ];

  describe("Compliance", () => {
    it("CKV_AWS_235/236 passing fixtures: an encrypted AMI copy with a key of the stack", async () => {
      const r = withStackKey(
        T.EC2_AMI_COPY,
        "copy",
        { ...copy, encrypted: true, kmsKeyId: UNKNOWN },
        ["kmsKeyId"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("an encrypted snapshot copy with a key of the stack", async () => {
      const r = withStackKey(
        T.EBS_SNAPSHOT_COPY,
        "snap",
        {
          sourceSnapshotId: UNKNOWN,
          sourceRegion: "us-west-2",
          encrypted: true,
          kmsKeyId: UNKNOWN,
        },
        ["kmsKeyId"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("CKV_AWS_204 passing fixtures: devices from snapshots, or encrypted", async () => {
      const r = ami([
        { deviceName: "/dev/xvda1", snapshotId: "snap-xxxxxxxx", volumeSize: 8 },
        { deviceName: "/dev/xvdb", encrypted: true, volumeSize: 8 },
      ]);
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_235 failing fixture: an AMI copy without encrypted", async () => {
      const r = await run(p, [res(T.EC2_AMI_COPY, "copy", copy)]);
      expect(r.violations).to.deep.equal([
        'copy: AMI copy "copy": encrypted is not true: the copy may be stored unencrypted.',
      ]);
    });
    it("CKV_AWS_236 failing fixture: encrypted without kms_key_id (aws/ebs)", async () => {
      const r = await run(p, [res(T.EC2_AMI_COPY, "copy", { ...copy, encrypted: true })]);
      expect(r.violations).to.have.length(1);
    });
    it("CKV_AWS_183 (EBSSnapshotCopyEncryptedWithCMK): a snapshot copy with alias/aws/ebs", async () => {
      const r = await run(p, [
        res(T.EBS_SNAPSHOT_COPY, "snap", {
          sourceSnapshotId: UNKNOWN,
          sourceRegion: "us-west-2",
          encrypted: true,
          kmsKeyId: awsManaged("ebs"),
        }),
      ]);
      expect(r.violations).to.have.length(1);
    });
    it("KICS ami_not_encrypted positive2: a device from a snapshot with encrypted = false", async () => {
      const r = await run(
        p,
        ami([
          {
            deviceName: "/dev/xvda1",
            snapshotId: "snap-xxxxxxxx",
            volumeSize: 8,
            encrypted: false,
          },
        ]),
      );
      expect(r.violations).to.deep.equal([
        'image: AMI "image": block device /dev/xvda1 sets encrypted: false on a volume restored from a snapshot.',
      ]);
    });
    it("CKV_AWS_204 failing fixture: a new block device without encrypted", async () => {
      const r = await run(p, ami([{ deviceName: "/dev/xvdb", volumeSize: 8 }]));
      expect(r.violations).to.deep.equal([
        'image: AMI "image": block device /dev/xvdb is not encrypted.',
      ]);
    });
  });
});

describe("imagebuilder-kms-cmk", () => {
  const p = policyNamed(policies, "imagebuilder-kms-cmk");
  const component = (inputs: Record<string, unknown> = {}) =>
    res(T.IMAGEBUILDER_COMPONENT, "example", {
      name: "example",
      platform: "Linux",
      version: "1.0.0",
      data: "name: hello\nschemaVersion: 1.0\nphases: []\n",
      ...inputs,
    });
  const recipe = (ebs: Record<string, unknown>) =>
    res(T.IMAGEBUILDER_IMAGE_RECIPE, "example", {
      name: "example",
      parentImage: "arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2-x86/x.x.x",
      version: "1.0.0",
      components: [{ componentArn: "arn:aws:imagebuilder:us-east-1:aws:component/x/1.0.0" }],
      blockDeviceMappings: [{ deviceName: "/dev/xvdb", ebs: { volumeSize: 100, ...ebs } }],
    });
  const distribution = (ami: Record<string, unknown>) =>
    res(T.IMAGEBUILDER_DISTRIBUTION_CONFIGURATION, "example", {
      name: "local-distribution",
      distributions: [
        {
          region: "us-east-1",
          amiDistributionConfiguration: { name: "example-{{ imagebuilder:buildDate }}", ...ami },
        },
      ],
    });

  describe("Compliance", () => {
    it("CKV_AWS_180 passing fixture: a component with kmsKeyId; one of the stack", async () => {
      expect(await run(p, [component({ kmsKeyId: KEY_ARN })])).to.deep.equal(clean);
      const r = withStackKey(
        T.IMAGEBUILDER_COMPONENT,
        "example",
        { ...component().inputs, kmsKeyId: UNKNOWN },
        ["kmsKeyId"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("CKV_AWS_200 passing fixture: an encrypted recipe disk with a customer key", async () => {
      expect(await run(p, [recipe({ encrypted: true, kmsKeyId: KEY_ARN })])).to.deep.equal(clean);
    });
    it("CKV_AWS_199 passing fixture: the AMI distribution names a customer key; a container-only distribution", async () => {
      expect(await run(p, [distribution({ kmsKeyId: KEY_ARN })])).to.deep.equal(clean);
      const container = res(T.IMAGEBUILDER_DISTRIBUTION_CONFIGURATION, "ecr", {
        name: "ecr",
        distributions: [
          {
            region: "us-east-1",
            containerDistributionConfiguration: {
              targetRepository: { repositoryName: "r", service: "ECR" },
            },
          },
        ],
      });
      expect(await run(p, [container])).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_180 failing fixture: a component without kmsKeyId", async () => {
      expect((await run(p, [component()])).violations).to.deep.equal([
        'example: Image Builder component "example": no KMS key is set (a key Image Builder chooses), not a customer-managed key.',
      ]);
    });
    it("CKV_AWS_200 failing fixtures: a recipe disk not encrypted, or encrypted without a key", async () => {
      expect((await run(p, [recipe({})])).violations).to.deep.equal([
        'example: Image Builder image recipe "example": block device /dev/xvdb: ebs.encrypted is not true.',
      ]);
      expect((await run(p, [recipe({ encrypted: "true" })])).violations).to.have.length(1);
      expect(
        (await run(p, [recipe({ encrypted: true, kmsKeyId: awsManaged("ebs") })])).violations,
      ).to.have.length(1);
    });
    it("a workflow and a container recipe without kmsKeyId; a container build disk without a key", async () => {
      const workflow = res(T.IMAGEBUILDER_WORKFLOW, "wf", { name: "wf", type: "BUILD" });
      expect((await run(p, [workflow])).violations).to.deep.equal([
        'wf: Image Builder workflow "wf": no KMS key is set (a key Image Builder chooses), not a customer-managed key.',
      ]);
      const container = (inputs: Record<string, unknown>) =>
        res(T.IMAGEBUILDER_CONTAINER_RECIPE, "ctr", {
          name: "ctr",
          containerType: "DOCKER",
          ...inputs,
        });
      expect((await run(p, [container({})])).violations).to.deep.equal([
        'ctr: Image Builder container recipe "ctr": no KMS key is set (a key Image Builder chooses), not a customer-managed key.',
      ]);
      const disk = (ebs: Record<string, unknown>) =>
        container({
          kmsKeyId: KEY_ARN,
          instanceConfiguration: { blockDeviceMappings: [{ deviceName: "/dev/xvdb", ebs }] },
        });
      expect((await run(p, [disk({ encrypted: true })])).violations).to.deep.equal([
        'ctr: Image Builder container recipe "ctr" block device /dev/xvdb ebs.kmsKeyId: no KMS key is set (the AWS-managed key aws/ebs), not a customer-managed key.',
      ]);
      expect(await run(p, [disk({ encrypted: true, kmsKeyId: KEY_ARN })])).to.deep.equal(clean);
      expect(
        await run(p, [res(T.IMAGEBUILDER_WORKFLOW, "wf", { name: "wf", kmsKeyId: KEY_ARN })]),
      ).to.deep.equal(clean);
    });
    it("CKV_AWS_199 failing fixture: an AMI distribution without kmsKeyId", async () => {
      expect((await run(p, [distribution({})])).violations).to.deep.equal([
        'example: Image Builder distribution configuration "example" distribution us-east-1 amiDistributionConfiguration.kmsKeyId: no KMS key is set (the AMI keeps the encryption of the build\'s snapshots), not a customer-managed key.',
      ]);
    });
  });
});

describe("dlm-cross-region-copy-kms-cmk", () => {
  const p = policyNamed(policies, "dlm-cross-region-copy-kms-cmk");
  const schedule = (copy: Record<string, unknown>) =>
    res(T.DLM_LIFECYCLE_POLICY, "example", {
      description: "example DLM lifecycle policy",
      executionRoleArn: "arn:aws:iam::123456789012:role/dlm",
      state: "ENABLED",
      policyDetails: {
        resourceTypes: ["VOLUME"],
        targetTags: { Snapshot: "true" },
        schedules: [
          {
            name: "2 weeks of daily snapshots",
            createRule: { interval: 24, intervalUnit: "HOURS", times: "23:45" },
            retainRule: { count: 14 },
            crossRegionCopyRules: [
              { target: "us-west-2", retainRule: { interval: 30, intervalUnit: "DAYS" }, ...copy },
            ],
          },
        ],
      },
    });
  const event = (encryptionConfiguration: Record<string, unknown>) =>
    res(T.DLM_LIFECYCLE_POLICY, "events", {
      description: "cross-region copy on share",
      executionRoleArn: "arn:aws:iam::123456789012:role/dlm",
      policyDetails: {
        policyType: "EVENT_BASED_POLICY",
        // @pulumi/aws 7: one `action` block (LifecyclePolicyPolicyDetailsAction), not a list.
        action: {
          name: "copy",
          crossRegionCopies: [{ target: "us-east-1", encryptionConfiguration }],
        },
      },
    });

  describe("Compliance", () => {
    it("CKV_AWS_256 / CKV_AWS_254 passing fixtures: encrypted copies with cmkArn", async () => {
      expect(await run(p, [schedule({ encrypted: true, cmkArn: KEY_ARN })])).to.deep.equal(clean);
      expect(await run(p, [event({ encrypted: true, cmkArn: KEY_ARN })])).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_256 failing fixtures: a schedule copy not encrypted, or without cmkArn", async () => {
      expect((await run(p, [schedule({ encrypted: false })])).violations).to.deep.equal([
        'example: DLM lifecycle policy "example": schedule 2 weeks of daily snapshots copy to us-west-2: encrypted is not true.',
      ]);
      expect((await run(p, [schedule({ encrypted: true })])).violations).to.have.length(1);
    });
    it("CKV_AWS_254 failing fixture: an event-based copy without cmkArn", async () => {
      expect((await run(p, [event({ encrypted: true })])).violations).to.have.length(1);
    });
  });
});
