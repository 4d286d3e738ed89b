// EBS encryption with customer-managed keys (instances, launch templates and configurations, EBS
// volumes, encryption by default), from the third parties' own fixtures translated to Pulumi inputs.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/compute";
import * as T from "../../../policy-pack/lib/types";
import { clean, policy, res, violations } from "../fixture";
import {
  awsManaged,
  awsManagedArn,
  KEY_ARN,
  policyNamed,
  run,
  stackKey,
  UNKNOWN,
} from "../fixtures/kms";

const U = UNKNOWN;
import { passesCompliantNetwork, tunnelWith } from "../fixtures/network";

/** EBS encryption by default with a customer-managed default key of the stack. */
const cmkByDefault = () => {
  const key = stackKey("ebs-default");
  return [
    key,
    res(T.EBS_ENCRYPTION_BY_DEFAULT, "ebs-default", { enabled: true }),
    res(T.EBS_DEFAULT_KMS_KEY, "ebs-default-key", { keyArn: UNKNOWN }, { refs: { keyArn: [key] } }),
  ];
};

describe("ec2-instance-ebs-encrypted", () => {
  const p = policyNamed(policies, "ec2-instance-ebs-encrypted");
  const key = stackKey();
  const base = { ami: "ami-7f89a64f", instanceType: "t1.micro" };
  const device = (inputs: Record<string, unknown> = {}) => ({
    encrypted: true,
    kmsKeyId: UNKNOWN,
    ...inputs,
  });
  const compliant = (inputs: Record<string, unknown> = {}) => [
    key,
    res(
      T.EC2_INSTANCE,
      "host",
      {
        ...base,
        rootBlockDevice: device(),
        ebsBlockDevices: [device({ deviceName: "/dev/sdg", volumeSize: 5, volumeType: "gp2" })],
        ...inputs,
      },
      { refs: { rootBlockDevice: [key], ebsBlockDevices: [key] } },
    ),
  ];
  const instance = (inputs: Record<string, unknown>) => [
    res(T.EC2_INSTANCE, "host", { ...base, ...inputs }),
  ];

  describe("Compliance", () => {
    it("root and extra volumes encrypted with a key of the stack", async () => {
      expect(await run(p, compliant())).to.deep.equal(clean);
    });
    it("a launch template whose mappings use a literal customer key", async () => {
      const lt = res(T.EC2_LAUNCH_TEMPLATE, "lt", {
        blockDeviceMappings: [
          { deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: KEY_ARN } },
        ],
      });
      expect(await run(p, [lt])).to.deep.equal(clean);
    });
    it("Trivy AWS-0131 good example passes once EBS encryption by default uses a CMK", async () => {
      const r = instance({
        rootBlockDevice: { encrypted: true },
        ebsBlockDevices: [{ deviceName: "/dev/sdg", volumeSize: 5, encrypted: true }],
      });
      expect(await run(p, [...cmkByDefault(), ...r])).to.deep.equal(clean);
    });
    it("Trivy AWS-0008 good example (launch configuration, encrypted root) with a CMK default key", async () => {
      const lc = res(T.EC2_LAUNCH_CONFIGURATION, "lc", { rootBlockDevice: { encrypted: true } });
      expect(await run(p, [...cmkByDefault(), lc])).to.deep.equal(clean);
    });

    it("the compliant network passes", passesCompliantNetwork("ec2-instance-ebs-encrypted"));
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_8 / Trivy AWS-0131 bad example: root and EBS volumes encrypted = false", async () => {
      const r = await run(
        p,
        instance({
          rootBlockDevice: { encrypted: false },
          ebsBlockDevices: [{ deviceName: "/dev/sdg", volumeSize: 5, encrypted: false }],
        }),
      );
      expect(r.violations).to.deep.equal([
        'host: EC2 instance "host": the root volume is not encrypted; EBS volume /dev/sdg is not encrypted.',
      ]);
    });
    it("a Spot instance request's volumes are judged as an instance's", async () => {
      const spot = res(T.EC2_SPOT_INSTANCE_REQUEST, "spot", {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.micro",
        spotPrice: "0.01",
        rootBlockDevice: { encrypted: false },
      });
      expect((await run(p, [spot])).violations).to.deep.equal([
        'spot: Spot instance request "spot": the root volume is not encrypted.',
      ]);
    });
    it("a Spot fleet's launch specification volumes are judged as an instance's", async () => {
      const spec = (inputs: Record<string, unknown>) => ({ ...base, spotPrice: "0.01", ...inputs });
      const fleet = (second: Record<string, unknown>) =>
        res(
          T.EC2_SPOT_FLEET_REQUEST,
          "fleet",
          {
            iamFleetRole: U,
            targetCapacity: 2,
            launchSpecifications: [spec({ rootBlockDevices: [device()] }), spec(second)],
          },
          { refs: { launchSpecifications: [key] } },
        );
      const good = { ebsBlockDevices: [device({ deviceName: "/dev/sdg" })] };
      expect(await run(p, [key, fleet(good)])).to.deep.equal(clean);
      const unencrypted = { rootBlockDevices: [{ volumeSize: 8, encrypted: false }] };
      expect((await run(p, [key, fleet(unencrypted)])).violations).to.deep.equal([
        'fleet: Spot fleet request "fleet": launch specification #2 root volume is not encrypted.',
      ]);
      const awsKey = {
        ebsBlockDevices: [device({ deviceName: "/dev/sdg", kmsKeyId: awsManaged("ebs") })],
      };
      expect((await run(p, [key, fleet(awsKey)])).violations).to.deep.equal([
        'fleet: Spot fleet request "fleet": launch specification #2 EBS volume /dev/sdg is encrypted with alias/aws/ebs, not a customer-managed key.',
      ]);
    });
    it("Trivy AWS-0131 good example (encrypted, no key) is the AWS-managed aws/ebs key", async () => {
      const r = await run(p, instance({ rootBlockDevice: { encrypted: true } }));
      expect(r.violations[0]).to.contain("AWS managed key aws/ebs");
    });
    it("an explicit alias/aws/ebs wins over a customer-managed default key", async () => {
      const r = instance({ rootBlockDevice: { encrypted: true, kmsKeyId: awsManaged("ebs") } });
      const out = await run(p, [...cmkByDefault(), ...r]);
      expect(out.violations).to.deep.equal([
        'host: EC2 instance "host": the root volume is encrypted with alias/aws/ebs, not a customer-managed key.',
      ]);
    });
    it("EBS encryption by default with the AWS-managed default key does not make volumes CMK", async () => {
      const byDefault = [
        res(T.EBS_ENCRYPTION_BY_DEFAULT, "ebs-default", { enabled: true }),
        res(T.EBS_DEFAULT_KMS_KEY, "ebs-default-key", { keyArn: awsManagedArn("ebs") }),
      ];
      const r = await run(p, [...byDefault, ...instance({ rootBlockDevice: { volumeSize: 8 } })]);
      expect(r.violations[0]).to.contain("AWS managed key aws/ebs");
    });
    it("KICS 'Launch Configuration Is Not Encrypted' positives: ebs_block_device unset and false, root false", async () => {
      const lc = (inputs: Record<string, unknown>) =>
        res(T.EC2_LAUNCH_CONFIGURATION, "as_conf", {
          imageId: UNKNOWN,
          instanceType: "m4.large",
          ...inputs,
        });
      for (const inputs of [
        { ebsBlockDevices: [{ deviceName: "/dev/xvda1" }] },
        { ebsBlockDevices: [{ deviceName: "/dev/xvda1", encrypted: false }] },
        { rootBlockDevice: { encrypted: false } },
      ]) {
        expect((await run(p, [lc(inputs)])).violations, JSON.stringify(inputs)).to.have.length(1);
      }
    });
    it("Trivy AWS-0008 good example without a CMK default key: launch configurations cannot name a key", async () => {
      const lc = res(T.EC2_LAUNCH_CONFIGURATION, "lc", { rootBlockDevice: { encrypted: true } });
      const r = await run(p, [lc]);
      expect(r.violations[0]).to.contain("launch configurations cannot name a key");
    });
    it("a launch template volume with encrypted = false", async () => {
      const lt = res(T.EC2_LAUNCH_TEMPLATE, "lt", {
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false" } }],
      });
      expect((await run(p, [lt])).violations[0]).to.contain("volume /dev/xvda is not encrypted");
    });
    it("a default key unknown at preview is a note for the volumes that rely on it", async () => {
      const byDefault = [
        res(T.EBS_ENCRYPTION_BY_DEFAULT, "ebs-default", { enabled: true }),
        res(T.EBS_DEFAULT_KMS_KEY, "ebs-default-key", { keyArn: UNKNOWN }),
      ];
      const r = await run(p, [...byDefault, ...instance({ rootBlockDevice: { encrypted: true } })]);
      expect(r.violations).to.deep.equal([]);
      expect(r.notes).to.have.length(1);
    });

    it("catches unencrypted and AWS-managed-key volumes, accepts CMK encryption by default", async () => {
      const p = policy("ec2-instance-ebs-encrypted");
      const plain = tunnelWith({ rootBlockDevice: { volumeSize: 8 }, ebsBlockDevices: [] });
      expect((await violations(p, plain))[0]).to.contain("the root volume is not encrypted");
      const awsKey = tunnelWith({ rootBlockDevice: { encrypted: true }, ebsBlockDevices: [] });
      expect((await violations(p, awsKey))[0]).to.contain("AWS managed key");
      const byDefault = [
        ...plain,
        res(T.EBS_ENCRYPTION_BY_DEFAULT, "ebs-default", { enabled: true }),
        res(T.EBS_DEFAULT_KMS_KEY, "ebs-key-default", { keyArn: U }),
      ];
      expect(await violations(p, byDefault)).to.deep.equal([]);
      const lt = res(T.EC2_LAUNCH_TEMPLATE, "lt", {
        blockDeviceMappings: [
          { deviceName: "/dev/xvda", ebs: { encrypted: "false", volumeSize: 8 } },
        ],
      });
      expect((await violations(p, [lt]))[0]).to.contain("volume /dev/xvda is not encrypted");
      const ltOk = res(T.EC2_LAUNCH_TEMPLATE, "lt", {
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: U } }],
      });
      expect(await violations(p, [ltOk])).to.deep.equal([]);
    });
  });
});

describe("ec2-ebs-volume-encrypted", () => {
  const p = policyNamed(policies, "ec2-ebs-volume-encrypted");
  const base = { availabilityZone: "us-west-2a", size: 40, tags: { Name: "HelloWorld" } };
  const volume = (inputs: Record<string, unknown>) => [
    res(T.EBS_VOLUME, "example", { ...base, ...inputs }),
  ];

  describe("Compliance", () => {
    it("CKV_AWS_189 'pass' / Trivy AWS-0027 good example: kms_key_id from a key of the stack", async () => {
      const key = stackKey();
      const v = res(
        T.EBS_VOLUME,
        "example",
        { ...base, encrypted: true, kmsKeyId: UNKNOWN },
        { refs: { kmsKeyId: [key] } },
      );
      expect(await run(p, [key, v])).to.deep.equal(clean);
    });
    it("Trivy AWS-0027 (CloudFormation good example): KmsKeyId alias/volumeEncrypt", async () => {
      expect(
        await run(p, volume({ encrypted: true, kmsKeyId: "alias/volumeEncrypt" })),
      ).to.deep.equal(clean);
    });

    it("the compliant network passes", passesCompliantNetwork("ec2-ebs-volume-encrypted"));
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_3 / KICS 'EBS Volume Encryption Disabled' positive2 / Trivy AWS-0026: no encrypted flag", async () => {
      expect((await run(p, volume({}))).violations).to.deep.equal([
        'example: EBS volume "example" is not encrypted.',
      ]);
    });
    it("Trivy AWS-0026 bad example: encrypted = false", async () => {
      expect((await run(p, volume({ encrypted: false }))).violations).to.have.length(1);
    });
    it("CKV_AWS_189 'fail' / Trivy AWS-0026 good example: encrypted without a key (aws/ebs)", async () => {
      const r = await run(p, volume({ encrypted: true }));
      expect(r.violations[0]).to.contain("AWS managed key aws/ebs");
    });

    it("catches an unencrypted volume, accepts a CMK", async () => {
      const p = policy("ec2-ebs-volume-encrypted");
      expect(
        await violations(p, [
          res(T.EBS_VOLUME, "data", { availabilityZone: "eu-west-1a", size: 10 }),
        ]),
      ).to.deep.equal(['data: EBS volume "data" is not encrypted.']);
      expect(
        await violations(p, [
          res(T.EBS_VOLUME, "data", {
            availabilityZone: "eu-west-1a",
            encrypted: true,
            kmsKeyId: U,
          }),
        ]),
      ).to.deep.equal([]);
    });
  });
});

describe("ec2-ebs-encryption-by-default", () => {
  const p = policyNamed(policies, "ec2-ebs-encryption-by-default");

  describe("Compliance", () => {
    it("CKV_AWS_106 passing fixture: enabled, with a customer-managed default key of the stack", async () => {
      expect(await run(p, cmkByDefault())).to.deep.equal(clean);
    });

    it("the compliant network passes", passesCompliantNetwork("ec2-ebs-encryption-by-default"));
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_106 / KICS 'EBS Default Encryption Disabled': enabled = false", async () => {
      const r = await run(p, [res(T.EBS_ENCRYPTION_BY_DEFAULT, "ebs-default", { enabled: false })]);
      expect(r.violations).to.deep.equal([
        'ebs-default: EBS encryption by default "ebs-default" is turned off: new volumes may be unencrypted.',
      ]);
    });
    it("a default key that is the AWS-managed alias/aws/ebs", async () => {
      const r = await run(p, [
        res(T.EBS_DEFAULT_KMS_KEY, "ebs-default-key", { keyArn: awsManagedArn("ebs") }),
      ]);
      expect(r.violations).to.have.length(1);
    });
  });
});
