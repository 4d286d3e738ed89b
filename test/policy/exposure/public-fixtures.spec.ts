// Public-access checks of Checkov and Trivy whose ids the exposure rules cite, translated case by
// case to Pulumi inputs: each failing case draws a mandatory finding, each passing case none.
import { expect } from "chai";
import * as T from "../../../policy-pack/lib/types";
import { levelsOf, res } from "../fixture";

const GROUPS = "http://acs.amazonaws.com/groups/global";
const acl = (uri: string, permission: string) =>
  res(T.S3_BUCKET_ACL, "acl", {
    bucket: "reports",
    accessControlPolicy: {
      owner: { id: "owner-canonical-id" },
      grants: [{ grantee: { type: "Group", uri }, permission }],
    },
  });
const eks = (vpcConfig: Record<string, unknown>) =>
  res(T.EKS_CLUSTER, "eks", {
    roleArn: "arn:aws:iam::123456789012:role/eks",
    vpcConfig: { subnetIds: ["subnet-1", "subnet-2"], ...vpcConfig },
  });
const rds = (publiclyAccessible: boolean) =>
  res(T.RDS_INSTANCE, "db", {
    engine: "postgres",
    instanceClass: "db.t3.micro",
    allocatedStorage: 20,
    publiclyAccessible,
  });

const CASES: readonly (readonly [string, string, ReturnType<typeof res>, boolean])[] = [
  [
    "CKV_AWS_375 failing: READ_ACP granted to AllUsers",
    "s3-bucket-no-public-acl",
    acl(`${GROUPS}/AllUsers`, "READ_ACP"),
    true,
  ],
  [
    "CKV_AWS_375 passing: READ_ACP granted to the log delivery group",
    "s3-bucket-no-public-acl",
    acl("http://acs.amazonaws.com/groups/s3/LogDelivery", "READ_ACP"),
    false,
  ],
  [
    "Trivy AWS-0040 bad: the EKS endpoint left public (the default)",
    "eks-cluster-endpoint-not-public",
    eks({}),
    true,
  ],
  [
    "Trivy AWS-0040 good: a private EKS endpoint",
    "eks-cluster-endpoint-not-public",
    eks({ endpointPublicAccess: false, endpointPrivateAccess: true }),
    false,
  ],
  [
    "Trivy AWS-0082 bad: a publicly accessible DB instance",
    "rds-not-publicly-accessible",
    rds(true),
    true,
  ],
  ["Trivy AWS-0082 good: a private DB instance", "rds-not-publicly-accessible", rds(false), false],
];

describe("public-access checks of Checkov and Trivy, case by case", () => {
  for (const [name, rule, resource, bad] of CASES) {
    it(`${name}: ${bad ? "a mandatory finding" : "no finding"} from ${rule}`, async () => {
      expect(await levelsOf(rule, resource)).to.deep.equal(bad ? ["mandatory"] : []);
    });
  }
});
