// The reachability family, kept complete: every @pulumi/aws resource type with an input that puts it
// on the internet (publiclyAccessible and isPubliclyAccessible, publicAccess*, allowFromPublic, publicIp* and
// associatePublicIpAddress, mapPublicIp*, clientList*, at any depth of its inputs), or whose
// document input carries OpenSearch Serverless's AllowFromPublic, is judged by a named rule or is
// listed with the reason it puts no data on the internet. A provider upgrade that adds such a type
// fails here until it is placed. Then the rules of ../../../policy-pack/policies/exposure/reachability.ts,
// both ways. DocumentDB and ElastiCache take no such flag (the derivation finds none); Neptune's is
// on its cluster instances.
import { expect } from "chai";
import { policyCatalog } from "../../../policy-pack/lib/define";
import * as T from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violations } from "../fixture";
import { inputPathsNamed, typesDeclaring } from "../../../tools/lib/provider-inputs";

const FLAG =
  /^(publiclyAccessible|isPubliclyAccessible|publicAccess\w*|allowFromPublic|publicIp\w*|associatePublicIp\w*|mapPublicIp\w*|clientList\w*)$/;

/** Data stores and their endpoints: judged by a mandatory rule, which must include the type. */
const DATA: Record<string, string> = {
  "aws:dms/instanceProfile:InstanceProfile": "dms-instance-profile-not-public",
  "aws:dms/replicationInstance:ReplicationInstance": "dms-replication-instance-not-public",
  "aws:eks/cluster:Cluster": "eks-cluster-endpoint-not-public",
  "aws:lightsail/database:Database": "lightsail-database-not-public",
  "aws:m2/environment:Environment": "m2-environment-not-public",
  "aws:mq/broker:Broker": "mq-broker-not-public",
  "aws:msk/cluster:Cluster": "msk-cluster-not-public",
  "aws:neptune/clusterInstance:ClusterInstance": "neptune-cluster-instance-not-public",
  "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy":
    "opensearch-serverless-network-policy-not-public",
  "aws:rds/clusterInstance:ClusterInstance": "rds-not-publicly-accessible",
  "aws:rds/instance:Instance": "rds-not-publicly-accessible",
  "aws:rds/shardGroup:ShardGroup": "rds-not-publicly-accessible",
  "aws:redshift/cluster:Cluster": "redshift-cluster-not-public",
  "aws:redshiftserverless/workgroup:Workgroup": "redshift-serverless-workgroup-not-public",
  "aws:s3/accessPoint:AccessPoint": "s3-access-point-public-access-block",
  "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint":
    "s3-access-point-public-access-block",
  "aws:storagegateway/nfsFileShare:NfsFileShare":
    "storagegateway-nfs-file-share-clients-restricted",
  "aws:timestreaminfluxdb/dbCluster:DbCluster": "timestream-influxdb-not-public",
  "aws:timestreaminfluxdb/dbInstance:DbInstance": "timestream-influxdb-not-public",
};

/** Compute and addresses: the network and compute rules' business; the rule must include the type. */
const COMPUTE: Record<string, string> = {
  "aws:apprunner/service:Service": "apprunner-service-not-public",
  "aws:ec2/eip:Eip": "ec2-instance-no-public-ip",
  "aws:ec2/eipAssociation:EipAssociation": "ec2-instance-no-public-ip",
  "aws:ec2/instance:Instance": "ec2-instance-no-public-ip",
  "aws:ec2/launchConfiguration:LaunchConfiguration": "ec2-instance-no-public-ip",
  "aws:ec2/launchTemplate:LaunchTemplate": "ec2-instance-no-public-ip",
  "aws:ec2/subnet:Subnet": "ec2-instance-no-public-ip",
  "aws:ec2/spotInstanceRequest:SpotInstanceRequest": "ec2-instance-no-public-ip",
};

const SPOT =
  "a Spot fleet's launch specifications: compute, not a data store; ec2-instance-no-public-ip does not read Spot fleets";

/** Found by the patterns, judged by no rule: why. */
const NOT_DATA: Record<string, string> = {
  "aws:ec2/defaultSubnet:DefaultSubnet":
    "adopts the region's default subnet, public by AWS's design; the program's own subnets are judged by ec2-instance-no-public-ip",
  "aws:ec2/spotFleetRequest:SpotFleetRequest": SPOT,
  "aws:ec2/vpcIpamPool:VpcIpamPool":
    "publicIpSource says where an IPAM pool's public addresses come from (BYOIP or Amazon): it gives no resource an address",
};

describe("the reachability family covers every type a network flag can put on the internet", () => {
  const flagged = new Map<string, string[]>();
  for (const [token, hits] of inputPathsNamed((name) => FLAG.test(name))) flagged.set(token, hits);
  for (const token of typesDeclaring(/AllowFromPublic/)) flagged.set(token, ["AllowFromPublic"]);

  it("finds the types it should (the derivation reads the provider's declarations)", () => {
    expect(flagged.get("aws:rds/instance:Instance")).to.deep.equal(["publiclyAccessible"]);
    expect(flagged.get("aws:ec2/launchTemplate:LaunchTemplate")).to.deep.equal([
      "networkInterfaces.associatePublicIpAddress",
    ]);
    expect(flagged.get("aws:storagegateway/nfsFileShare:NfsFileShare")).to.deep.equal([
      "clientLists",
    ]);
    expect(flagged.has(T.OPENSEARCH_SERVERLESS_SECURITY_POLICY)).to.equal(true);
    expect(flagged.get("aws:apprunner/service:Service")).to.deep.equal([
      "networkConfiguration.ingressConfiguration.isPubliclyAccessible",
    ]);
    expect(flagged.has("aws:docdb/clusterInstance:ClusterInstance")).to.equal(false);
    expect(flagged.has("aws:elasticache/cluster:Cluster")).to.equal(false);
  });

  it("every flagged type is judged by a named rule, or listed with a reason", () => {
    const missing = [...flagged]
      .filter(([t]) => !(t in DATA || t in COMPUTE || t in NOT_DATA))
      .map(([t, p]) => `${t} (${p.join(", ")})`);
    expect(missing, "reachability flags no rule judges").to.deep.equal([]);
  });

  it("a data store's rule is mandatory and includes the type", () => {
    for (const [token, rule] of Object.entries(DATA)) {
      const meta = policyCatalog.get(rule);
      expect(meta?.types ?? [], `${rule} for ${token}`).to.include(token);
      expect(meta?.enforcementLevel, rule).to.equal("mandatory");
    }
  });

  it("a compute type's rule includes the type", () => {
    for (const [token, rule] of Object.entries(COMPUTE)) {
      expect(policyCatalog.get(rule)?.types ?? [], `${rule} for ${token}`).to.include(token);
    }
  });

  it("the tables hold only types the patterns find", () => {
    for (const token of [...Object.keys(DATA), ...Object.keys(COMPUTE), ...Object.keys(NOT_DATA)]) {
      expect(flagged.has(token), `${token} is not found`).to.equal(true);
    }
  });
});

describe("dms-instance-profile-not-public", () => {
  const p = policy("dms-instance-profile-not-public");
  const profile = (extra: Record<string, unknown> = {}) =>
    res(T.DMS_INSTANCE_PROFILE, "profile", {
      instanceProfileIdentifier: "profile",
      subnetGroupIdentifier: "private",
      ...extra,
    });
  it("publiclyAccessible true, or left out (the provider's documented default is true)", async () => {
    expect(await violations(p, [profile({ publiclyAccessible: true })])).to.deep.equal([
      "profile: publiclyAccessible is true.",
    ]);
    expect(await violations(p, [profile()])).to.deep.equal([
      "profile: publiclyAccessible is not set, and the provider defaults it to true.",
    ]);
    expect(p.enforcementLevel).to.equal("mandatory");
  });
  it("publiclyAccessible false passes; unknown at preview is a note, not a pass", async () => {
    expect(await violations(p, [profile({ publiclyAccessible: false })])).to.deep.equal([]);
    expect(await previewNotes(p, [profile({ publiclyAccessible: UNKNOWN })])).to.have.length(1);
  });
});

/** A rule that reports only an explicit publiclyAccessible: true, where the default is private. */
function explicitFlag(rule: string, type: string, base: Record<string, unknown>) {
  describe(`${rule} (${type.split(":")[2]})`, () => {
    const p = policy(rule);
    const make = (extra: Record<string, unknown> = {}) => res(type, "db", { ...base, ...extra });
    it("publiclyAccessible true", async () => {
      expect(await violations(p, [make({ publiclyAccessible: true })])).to.deep.equal([
        "db: publiclyAccessible is true.",
      ]);
      expect(p.enforcementLevel).to.equal("mandatory");
    });
    it("publiclyAccessible false, or left out (private by default)", async () => {
      expect(await violations(p, [make({ publiclyAccessible: false }), make()])).to.deep.equal([]);
    });
  });
}

explicitFlag("lightsail-database-not-public", T.LIGHTSAIL_DATABASE, {
  relationalDatabaseName: "db",
  blueprintId: "mysql_8_0",
  bundleId: "micro_2_0",
  masterDatabaseName: "app",
  masterUsername: "admin",
});
explicitFlag("timestream-influxdb-not-public", T.TIMESTREAM_INFLUXDB_INSTANCE, {
  name: "db",
  allocatedStorage: 20,
  dbInstanceType: "db.influx.medium",
  vpcSubnetIds: ["subnet-1"],
  vpcSecurityGroupIds: ["sg-1"],
});
explicitFlag("timestream-influxdb-not-public", T.TIMESTREAM_INFLUXDB_CLUSTER, {
  name: "db",
  allocatedStorage: 20,
  dbInstanceType: "db.influx.medium",
  vpcSubnetIds: ["subnet-1", "subnet-2"],
  vpcSecurityGroupIds: ["sg-1"],
});
explicitFlag("m2-environment-not-public", T.M2_ENVIRONMENT, {
  name: "db",
  engineType: "bluage",
  instanceType: "M2.m5.large",
  subnetIds: ["subnet-1", "subnet-2"],
});

describe("opensearch-serverless-network-policy-not-public", () => {
  const p = policy("opensearch-serverless-network-policy-not-public");
  const rule = (allowFromPublic: boolean) => ({
    Rules: [{ ResourceType: "collection", Resource: ["collection/search"] }],
    AllowFromPublic: allowFromPublic,
    ...(allowFromPublic ? {} : { SourceVPCEs: ["vpce-050f79086ee71ac05"] }),
  });
  const netPolicy = (rules: unknown, type = "network") =>
    res(T.OPENSEARCH_SERVERLESS_SECURITY_POLICY, "net", {
      name: "net",
      type,
      policy: JSON.stringify(rules),
    });
  it("the provider's 'public access' and 'mixed access' examples: AllowFromPublic true", async () => {
    expect(await violations(p, [netPolicy([rule(true)])])).to.deep.equal([
      "net: rule 1 of the network policy sets AllowFromPublic: true.",
    ]);
    expect(await violations(p, [netPolicy([rule(false), rule(true)])])).to.deep.equal([
      "net: rule 2 of the network policy sets AllowFromPublic: true.",
    ]);
    expect(p.enforcementLevel).to.equal("mandatory");
  });
  it("the provider's 'VPC access' example passes, and encryption policies are not read", async () => {
    expect(await violations(p, [netPolicy([rule(false)])])).to.deep.equal([]);
    expect(
      await violations(p, [
        netPolicy(
          {
            Rules: [{ ResourceType: "collection", Resource: ["collection/search"] }],
            AWSOwnedKey: true,
          },
          "encryption",
        ),
      ]),
    ).to.deep.equal([]);
  });
});

describe("storagegateway-nfs-file-share-clients-restricted", () => {
  const p = policy("storagegateway-nfs-file-share-clients-restricted");
  const share = (clientLists: unknown[]) =>
    res(T.STORAGEGATEWAY_NFS_FILE_SHARE, "share", {
      clientLists,
      gatewayArn: "arn:aws:storagegateway:eu-west-1:123456789012:gateway/sgw-12345678",
      locationArn: "arn:aws:s3:::data",
      roleArn: "arn:aws:iam::123456789012:role/share",
    });
  it('clientLists ["0.0.0.0/0"] (the provider\'s "not limit access")', async () => {
    expect(await violations(p, [share(["10.0.0.0/16", "0.0.0.0/0"])])).to.deep.equal([
      "share: clientLists allows every address (0.0.0.0/0).",
    ]);
    expect(p.enforcementLevel).to.equal("mandatory");
  });
  it("client subnets named one by one pass", async () => {
    expect(await violations(p, [share(["10.0.1.0/24", "10.0.2.15"])])).to.deep.equal([]);
  });
});
