// Exposure switches written as strings ("true", "false"), as a program reads them from config or
// copies them from a Terraform fixture (Checkov CKV_AWS_17's and CKV_AWS_88's
// `publicly_accessible = "true"`, `associate_public_ip_address = "true"`): the provider parses
// them as booleans (policy-pack/lib/values.ts, flagValue), so a string "true" opens the resource
// as the boolean does, and a string "false" closes it. Each rule's compliant fixture stays clean
// with the switch written as a string, and one field broken as a string is reported.
import { expect } from "chai";
import * as T from "../../../policy-pack/lib/types";
import { policy, res, violations } from "../fixture";

const ON = ["true", "True", "1"];

const OFF = ["false", "False", "0"];

/** [rule, the resource with the switch set to `v`, the switch that exposes it when on]. */
const OPENED_WHEN_ON = [
  {
    rule: "rds-not-publicly-accessible",
    build: (v: unknown) =>
      res(T.RDS_INSTANCE, "db", {
        engine: "mysql",
        instanceClass: "db.t3.micro",
        allocatedStorage: 20,
        publiclyAccessible: v,
      }),
  },
  {
    rule: "redshift-cluster-not-public",
    build: (v: unknown) =>
      res(T.REDSHIFT_CLUSTER, "rs", {
        clusterIdentifier: "rs",
        nodeType: "ra3.xlplus",
        publiclyAccessible: v,
      }),
  },
  {
    rule: "dms-replication-instance-not-public",
    build: (v: unknown) =>
      res(T.DMS_REPLICATION_INSTANCE, "dms", {
        replicationInstanceClass: "dms.t3.micro",
        replicationInstanceId: "dms",
        publiclyAccessible: v,
      }),
  },
  {
    rule: "ec2-subnet-no-public-ip-on-launch",
    build: (v: unknown) =>
      res(T.EC2_SUBNET, "private", {
        vpcId: "vpc-1",
        cidrBlock: "10.0.1.0/24",
        mapPublicIpOnLaunch: v,
      }),
  },
  {
    rule: "ec2-instance-no-public-ip",
    build: (v: unknown) =>
      res(T.EC2_INSTANCE, "app", {
        ami: "ami-0123456789abcdef0",
        instanceType: "t3.micro",
        subnetId: "subnet-0123456789abcdef0",
        associatePublicIpAddress: v,
      }),
  },
  {
    rule: "ecs-service-no-public-ip",
    build: (v: unknown) =>
      res(T.ECS_SERVICE, "svc", {
        cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/main",
        taskDefinition: "app:1",
        launchType: "FARGATE",
        networkConfiguration: { subnets: ["subnet-0123456789abcdef0"], assignPublicIp: v },
      }),
  },
  {
    rule: "ram-resource-share-no-external-principals",
    build: (v: unknown) =>
      res(T.RAM_RESOURCE_SHARE, "share", { name: "share", allowExternalPrincipals: v }),
  },
] as const;

describe("exposure switches written as strings", () => {
  for (const { rule, build } of OPENED_WHEN_ON) {
    describe(rule, () => {
      const p = policy(rule);
      it("passes the switch off, written as a string, where the same string on is reported", async () => {
        for (const [k, off] of OFF.entries()) {
          expect(await violations(p, [build(ON[k])]), ON[k]).to.have.length(1);
          expect(await violations(p, [build(off)]), off).to.deep.equal([]);
        }
      });
      it("reports the switch on, written as a string, as it reports true", async () => {
        const asBoolean = await violations(p, [build(true)]);
        expect(asBoolean).to.have.length(1);
        for (const on of ON) expect(await violations(p, [build(on)]), on).to.deep.equal(asBoolean);
      });
    });
  }

  describe("s3-public-access-block-all-flags", () => {
    const p = policy("s3-public-access-block-all-flags");
    const FLAGS = [
      "blockPublicAcls",
      "blockPublicPolicy",
      "ignorePublicAcls",
      "restrictPublicBuckets",
    ];
    const block = (flags: Record<string, unknown>) =>
      res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", {
        bucket: "my-bucket",
        ...flags,
      });
    const all = (v: unknown) => Object.fromEntries(FLAGS.map((f) => [f, v]));
    it('passes the four flags written as "true"', async () => {
      for (const on of ON) expect(await violations(p, [block(all(on))]), on).to.deep.equal([]);
    });
    it('reports one flag written as "false"', async () => {
      for (const f of FLAGS) {
        const found = await violations(p, [block({ ...all("true"), [f]: "false" })]);
        expect(found.join("\n"), f).to.include(f);
        expect(found).to.have.length(1);
      }
    });
  });

  describe("ec2-nacl-no-unrestricted-admin-ports", () => {
    const p = policy("ec2-nacl-no-unrestricted-admin-ports");
    const rule = (egress: unknown) =>
      res(T.EC2_NETWORK_ACL_RULE, "ssh", {
        networkAclId: "acl-1",
        ruleNumber: 100,
        egress,
        protocol: "tcp",
        fromPort: 22,
        toPort: 22,
        ruleAction: "allow",
        cidrBlock: "0.0.0.0/0",
      });
    it('passes an outbound entry whose egress is the string "true"', async () => {
      for (const on of ON) expect(await violations(p, [rule(on)]), on).to.deep.equal([]);
    });
    it('reports an inbound entry whose egress is the string "false", as it reports false', async () => {
      const asBoolean = await violations(p, [rule(false)]);
      expect(asBoolean).to.have.length(1);
      for (const off of OFF) expect(await violations(p, [rule(off)]), off).to.deep.equal(asBoolean);
    });
  });
});
