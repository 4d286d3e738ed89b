// Endpoints open to the internet: Checkov CKV_AWS_87 (Redshift), CKV_AWS_38/39 and KICS "EKS
// Cluster Has Public Access CIDRs" (EKS), Trivy AWS-0041, CKV_AWS_89 and KICS "Amazon DMS
// Replication Instance Is Publicly Accessible" (DMS), CKV_AWS_69 and Trivy AWS-0072 (Amazon MQ),
// CKV_AWS_102 (Neptune), CKV2_AWS_66 (Amazon MWAA).
import { expect } from "chai";
import * as T from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violations } from "../fixture";
import { MSK_BASE, mskBrokers } from "../fixtures/databases";

describe("redshift-cluster-not-public", () => {
  const p = policy("redshift-cluster-not-public");
  const cluster = (extra: Record<string, unknown> = {}) =>
    res(T.REDSHIFT_CLUSTER, "rs", { clusterIdentifier: "rs", nodeType: "ra3.xlplus", ...extra });
  describe("Noncompliance", () => {
    it("CKV_AWS_87 / KICS 'Redshift Publicly Accessible' positive default1: publiclyAccessible true", async () => {
      expect(await violations(p, [cluster({ publiclyAccessible: true })])).to.deep.equal([
        "rs: publiclyAccessible is true.",
      ]);
    });
  });
  describe("Compliance", () => {
    it("publiclyAccessible false or unset (the provider's default is false)", async () => {
      expect(
        await violations(p, [cluster({ publiclyAccessible: false }), cluster()]),
      ).to.deep.equal([]);
    });
  });
});

describe("eks-cluster-endpoint-not-public", () => {
  const p = policy("eks-cluster-endpoint-not-public");
  const cluster = (vpcConfig: Record<string, unknown>) =>
    res(T.EKS_CLUSTER, "eks", {
      roleArn: "arn:r",
      vpcConfig: { subnetIds: ["subnet-1"], ...vpcConfig },
    });
  describe("Noncompliance", () => {
    it("CKV_AWS_38 / KICS positive: public endpoint open to 0.0.0.0/0", async () => {
      expect(
        await violations(p, [
          cluster({ endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] }),
        ]),
      ).to.have.length(1);
    });
    it("KICS 'EKS Cluster Has Public Access' positive: endpointPublicAccess true, no CIDRs", async () => {
      expect(await violations(p, [cluster({ endpointPublicAccess: true })])).to.have.length(1);
    });
    it("Trivy AWS-0041: the default (public endpoint, no CIDRs: 0.0.0.0/0)", async () => {
      expect(await violations(p, [cluster({})])).to.deep.equal([
        "eks: the public API endpoint is open to 0.0.0.0/0 (the default).",
      ]);
    });
    it("a /1 (KICS's negative 1.1.1.1/1) or a /0 of another address: half or all of the internet", async () => {
      // Two /1s span every IPv4 address, and 0.0.1.0/0 is 0.0.0.0/0 once the prefix is applied.
      expect(
        await violations(p, [
          cluster({ endpointPublicAccess: true, publicAccessCidrs: ["1.1.1.1/1"] }),
        ]),
      ).to.deep.equal(["eks: the public API endpoint is open to 1.1.1.1/1."]);
      expect(
        await violations(p, [
          cluster({ publicAccessCidrs: ["203.0.113.0/24", "0.0.0.0/1", "128.0.0.0/1"] }),
        ]),
      ).to.deep.equal(["eks: the public API endpoint is open to 0.0.0.0/1, 128.0.0.0/1."]);
      expect(await violations(p, [cluster({ publicAccessCidrs: ["0.0.1.0/0"] })])).to.have.length(
        1,
      );
    });
    it("a range broader than AWS's public limit (/8 IPv4, /32 IPv6) is the internet", async () => {
      expect(
        await violations(p, [
          cluster({ publicAccessCidrs: ["10.0.0.0/8", "2001:db8::/32", "fd00::/8", "64.0.0.0/7"] }),
        ]),
      ).to.deep.equal(["eks: the public API endpoint is open to 64.0.0.0/7."]);
    });
    it("CIDRs unknown at preview are a preview note, not a pass", async () => {
      const unknown = cluster({ endpointPublicAccess: true, publicAccessCidrs: UNKNOWN });
      expect(await violations(p, [unknown])).to.deep.equal([]);
      expect(await previewNotes(p, [unknown])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("a private-only endpoint passes with its CIDRs unknown at preview (they are not read)", async () => {
      const off = cluster({ endpointPublicAccess: false, publicAccessCidrs: UNKNOWN });
      expect(await violations(p, [off])).to.deep.equal([]);
      expect(await previewNotes(p, [off])).to.deep.equal([]);
    });
    it("an operators' range; and a private-only endpoint", async () => {
      expect(
        await violations(p, [
          cluster({
            endpointPublicAccess: true,
            publicAccessCidrs: ["203.0.113.0/24", "2.0.0.0/8"],
          }),
        ]),
      ).to.deep.equal([]);
      expect(
        await violations(p, [
          cluster({ endpointPublicAccess: false, endpointPrivateAccess: true }),
        ]),
      ).to.deep.equal([]);
    });
  });
});

describe("dms-replication-instance-not-public", () => {
  const p = policy("dms-replication-instance-not-public");
  /** Checkov's CKV_AWS_89 fixture, with a customer key (CKV_AWS_212). */
  const instance = (extra: Record<string, unknown> = {}) =>
    res(T.DMS_REPLICATION_INSTANCE, "test", {
      allocatedStorage: 20,
      applyImmediately: true,
      autoMinorVersionUpgrade: true,
      engineVersion: "3.1.4",
      kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012",
      multiAz: false,
      replicationInstanceClass: "dms.t2.micro",
      replicationInstanceId: "test-dms-replication-instance-tf",
      replicationSubnetGroupId: "test-dms-replication-subnet-group-tf",
      ...extra,
    });
  describe("Noncompliance", () => {
    it('CKV_AWS_89 failure / KICS "Amazon DMS Replication Instance Is Publicly Accessible" positive: publiclyAccessible true', async () => {
      expect(await violations(p, [instance({ publiclyAccessible: true })])).to.deep.equal([
        "test: publiclyAccessible is true.",
      ]);
    });
    it("CKV_AWS_89 success with publiclyAccessible left out: DMS defaults to a public instance (API Reference, CreateReplicationInstance)", async () => {
      expect(await violations(p, [instance()])).to.deep.equal([
        "test: publiclyAccessible is left out, and DMS then makes the instance public.",
      ]);
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_89 success / KICS negative: publiclyAccessible false", async () => {
      expect(await violations(p, [instance({ publiclyAccessible: false })])).to.deep.equal([]);
    });
  });
});

describe("mq-broker-not-public", () => {
  const p = policy("mq-broker-not-public");
  const broker = (extra: Record<string, unknown> = {}) =>
    res(T.MQ_BROKER, "example", {
      brokerName: "example",
      engineType: "ActiveMQ",
      engineVersion: "5.17.6",
      hostInstanceType: "mq.t2.micro",
      securityGroups: ["sg-0123456789abcdef0"],
      users: [{ username: "ExampleUser", password: "MindTheGap0!" }],
      ...extra,
    });
  describe("Noncompliance", () => {
    it("CKV_AWS_69 / Trivy AWS-0072 bad example: publiclyAccessible true", async () => {
      expect(await violations(p, [broker({ publiclyAccessible: true })])).to.deep.equal([
        "example: publiclyAccessible is true.",
      ]);
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_69 / Trivy AWS-0072 good example: false, or left out (the default)", async () => {
      expect(await violations(p, [broker({ publiclyAccessible: false })])).to.deep.equal([]);
      expect(await violations(p, [broker()])).to.deep.equal([]);
    });
  });
});

describe("neptune-cluster-instance-not-public", () => {
  const p = policy("neptune-cluster-instance-not-public");
  const instance = (extra: Record<string, unknown> = {}) =>
    res(T.NEPTUNE_CLUSTER_INSTANCE, "example", {
      clusterIdentifier: "neptune-cluster-demo",
      engine: "neptune",
      instanceClass: "db.r4.large",
      applyImmediately: true,
      ...extra,
    });
  describe("Noncompliance", () => {
    it("CKV_AWS_102 failing fixture / KICS 'Neptune Cluster Instance is Publicly Accessible' positive: publiclyAccessible true", async () => {
      expect(await violations(p, [instance({ publiclyAccessible: true })])).to.deep.equal([
        "example: publiclyAccessible is true.",
      ]);
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_102 passing fixtures: false, or left out (the default)", async () => {
      expect(await violations(p, [instance({ publiclyAccessible: false })])).to.deep.equal([]);
      expect(await violations(p, [instance()])).to.deep.equal([]);
    });
  });
});

describe("msk-cluster-not-public", () => {
  const p = policy("msk-cluster-not-public");
  // Checkov CKV_AWS_291 (MSKClusterNodesArePrivate) and KICS "MSK Broker Is Publicly Accessible"
  // fixtures: an aws_msk_cluster whose broker_node_group_info.connectivity_info.public_access.type
  // is SERVICE_PROVIDED_EIPS (positive) or DISABLED / absent (negative).
  const cluster = (publicAccess?: Record<string, unknown>) =>
    res(T.MSK_CLUSTER, "example", {
      clusterName: "example",
      kafkaVersion: "2.7.1",
      numberOfBrokerNodes: 3,
      brokerNodeGroupInfo: {
        instanceType: "kafka.m5.4xlarge",
        clientSubnets: ["subnet-a", "subnet-b", "subnet-c"],
        securityGroups: ["sg-0123456789abcdef0"],
        storageInfo: { ebsStorageInfo: { volumeSize: 1000 } },
        ...(publicAccess ? { connectivityInfo: { publicAccess } } : {}),
      },
    });
  describe("Noncompliance", () => {
    it("CKV_AWS_291 / KICS positive: publicAccess.type SERVICE_PROVIDED_EIPS", async () => {
      expect(await violations(p, [cluster({ type: "SERVICE_PROVIDED_EIPS" })])).to.deep.equal([
        "example: brokerNodeGroupInfo.connectivityInfo.publicAccess.type is " +
          "SERVICE_PROVIDED_EIPS: the brokers have public addresses.",
      ]);
      expect(p.enforcementLevel).to.equal("mandatory");
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_291 / KICS negative: DISABLED, or no publicAccess block", async () => {
      expect(await violations(p, [cluster({ type: "DISABLED" })])).to.deep.equal([]);
      expect(await violations(p, [cluster()])).to.deep.equal([]);
    });
  });
});

describe("msk-cluster-client-authentication", () => {
  const p = policy("msk-cluster-client-authentication");
  // AWS Config msk-unrestricted-access-check: NON_COMPLIANT when unauthenticated access is on.
  const cluster = (clientAuthentication?: Record<string, unknown>) =>
    res(T.MSK_CLUSTER, "example", {
      ...MSK_BASE,
      brokerNodeGroupInfo: mskBrokers("sg-0123456789abcdef0"),
      ...(clientAuthentication ? { clientAuthentication } : {}),
    });
  describe("Noncompliance", () => {
    it("msk-unrestricted-access-check: unauthenticated true, even beside IAM", async () => {
      expect(
        await violations(p, [cluster({ unauthenticated: true, sasl: { iam: true } })]),
      ).to.deep.equal([
        "example: clientAuthentication.unauthenticated is true: clients may connect without credentials.",
      ]);
      expect(p.enforcementLevel).to.equal("advisory");
    });
    it("no authentication method at all: no client is authenticated", async () => {
      expect(await violations(p, [cluster()])).to.have.length(1);
      expect(await violations(p, [cluster({ sasl: { iam: false } })])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("IAM, SASL/SCRAM or TLS client certificates", async () => {
      expect(
        await violations(p, [
          cluster({ sasl: { iam: true } }),
          cluster({ sasl: { scram: true }, unauthenticated: false }),
          cluster({
            tls: {
              certificateAuthorityArns: [
                "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/1",
              ],
            },
          }),
        ]),
      ).to.deep.equal([]);
    });
    it("a certificate authority of the stack, unknown at preview, passes without a note", async () => {
      const tls = cluster({ tls: { certificateAuthorityArns: [UNKNOWN] } });
      expect(await violations(p, [tls])).to.deep.equal([]);
      expect(await previewNotes(p, [tls])).to.deep.equal([]);
    });
  });
});

describe("mwaa-environment-not-public", () => {
  const p = policy("mwaa-environment-not-public");
  /** Checkov CKV2_AWS_66's passing environment (MWAAEnvironmentNotPublic/main.tf). */
  const environment = (extra: Record<string, unknown> = {}) =>
    res(T.MWAA_ENVIRONMENT, "airflow", {
      name: "airflow",
      dagS3Path: "dags/",
      executionRoleArn: "arn:aws:iam::123456789012:role/mwaa",
      sourceBucketArn: "arn:aws:s3:::airflow",
      networkConfiguration: { securityGroupIds: ["sg-1"], subnetIds: ["subnet-1", "subnet-2"] },
      webserverAccessMode: "PRIVATE_ONLY",
      ...extra,
    });
  describe("Noncompliance", () => {
    for (const mode of ["PUBLIC_ONLY", "PUBLIC_AND_PRIVATE"]) {
      it(`CKV2_AWS_66: webserverAccessMode ${mode}`, async () => {
        expect(await violations(p, [environment({ webserverAccessMode: mode })])).to.deep.equal([
          `airflow: webserverAccessMode is "${mode}": the Airflow web server has a public address.`,
        ]);
      });
    }
  });
  describe("Compliance", () => {
    it("PRIVATE_ONLY, or left out (the default)", async () => {
      expect(await violations(p, [environment()])).to.deep.equal([]);
      expect(await violations(p, [environment({ webserverAccessMode: undefined })])).to.deep.equal(
        [],
      );
    });
    it("an access mode unknown at preview is a preview note, not a pass", async () => {
      const unknown = environment({ webserverAccessMode: UNKNOWN });
      expect(await previewNotes(p, [unknown])).to.have.length(1);
      expect(await violations(p, [unknown])).to.deep.equal([]);
    });
  });
});
