// EMR clusters: logs archived to S3 (cdk-nag AwsSolutions-EMR2) and a security configuration with
// encryption in transit (cdk-nag AwsSolutions-EMR4/EMR5), from the provider's examples and each
// broken field.
import { expect } from "chai";
import { EMR_CLUSTER, EMR_SECURITY_CONFIGURATION } from "../../../policy-pack/lib/types";
import { expectClean, policy, res, UNKNOWN as U, violationsOf } from "../fixture";

const KEY = "arn:aws:kms:us-west-2:187416307283:alias/my_emr_test_key";
// The provider's aws.emr.SecurityConfiguration example, with in-transit encryption turned on.
const configuration = (inTransit: boolean) =>
  res(EMR_SECURITY_CONFIGURATION, "foo", {
    name: "emrsc_other",
    configuration: JSON.stringify({
      EncryptionConfiguration: {
        AtRestEncryptionConfiguration: {
          S3EncryptionConfiguration: { EncryptionMode: "SSE-KMS", AwsKmsKey: KEY },
          LocalDiskEncryptionConfiguration: {
            EncryptionKeyProviderType: "AwsKms",
            AwsKmsKey: KEY,
            EnableEbsEncryption: true,
          },
        },
        InTransitEncryptionConfiguration: {
          TLSCertificateConfiguration: {
            CertificateProviderType: "PEM",
            S3Object: "s3://bucket/certs.zip",
          },
        },
        EnableInTransitEncryption: inTransit,
        EnableAtRestEncryption: true,
      },
    }),
  });
// The provider's aws.emr.Cluster example, trimmed to what the rules read.
const cluster = (over: Record<string, unknown> = {}, refs: Record<string, any> = {}) =>
  res(
    EMR_CLUSTER,
    "cluster",
    {
      name: "emr-test-arn",
      releaseLabel: "emr-4.6.0",
      applications: ["Spark"],
      serviceRole: "arn:aws:iam::123456789012:role/emr",
      logUri: "s3://logs/emr/",
      ...over,
    },
    { refs },
  );

describe("emr-cluster-logging", () => {
  const p = policy("emr-cluster-logging");
  it("EMR2 compliant: a logUri, known or built from a bucket at preview", async () => {
    await expectClean(p, [cluster(), cluster({ logUri: U })]);
  });
  it("EMR2: the provider's example, without logUri", async () => {
    expect(await violationsOf(p.name, [cluster({ logUri: undefined })])).to.deep.equal([
      "cluster: No logUri: the cluster's logs are not kept in S3.",
    ]);
  });
});

describe("emr-cluster-security-configuration", () => {
  const p = policy("emr-cluster-security-configuration");
  it("EMR4 / EMR5 compliant: a configuration of the stack with in-transit encryption", async () => {
    const c = configuration(true);
    await expectClean(p, [
      c,
      cluster({ securityConfiguration: U }, { securityConfiguration: [c] }),
    ]);
    await expectClean(p, [c, cluster({ securityConfiguration: "emrsc_other" })]);
  });
  it("EMR4 / EMR5: a cluster without a security configuration", async () => {
    expect(await violationsOf(p.name, [cluster()])).to.deep.equal([
      "cluster: No securityConfiguration: neither local disks nor traffic are encrypted.",
    ]);
  });
  it("EMR5: the provider's example configuration (EnableInTransitEncryption false)", async () => {
    const c = configuration(false);
    expect(
      await violationsOf(p.name, [c, cluster({ securityConfiguration: "emrsc_other" })]),
    ).to.deep.equal([
      'cluster: security configuration "foo" does not set ' +
        "EncryptionConfiguration.EnableInTransitEncryption to true.",
    ]);
  });
  it("a configuration outside the stack is reported as not read", async () => {
    expect(
      await violationsOf(p.name, [cluster({ securityConfiguration: "shared" })]),
    ).to.deep.equal([
      'cluster: security configuration "shared" is not in this stack: its encryption cannot be read.',
    ]);
  });
});
