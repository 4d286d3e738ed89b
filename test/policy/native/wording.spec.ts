// Findings on aws-native resources name the properties the program sets: the classic property
// names a rule's text uses are rewritten per twin (policy-pack/lib/native/view.ts `nativeWording`,
// the twins' renames and `says`), and nothing else in the text changes.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { nativeWording } from "../../../policy-pack/lib/native/view";
import { res, violationsOf } from "../fixture";

describe("aws-native property names in findings", () => {
  it("a renamed camelCase property takes its native name, once", () => {
    expect(nativeWording(n.NATIVE_IAM_ROLE, "assumeRolePolicy statement 1 allows *")).to.equal(
      "assumeRolePolicyDocument statement 1 allows *",
    );
    expect(nativeWording(n.NATIVE_IAM_ROLE, "assumeRolePolicyDocument is empty")).to.equal(
      "assumeRolePolicyDocument is empty",
    );
  });
  it("plain words that are also property names stay as they are", () => {
    const m = 'bucket policy "p" grants s3:GetObject to "*" (policy statement 1)';
    expect(nativeWording(n.NATIVE_S3_BUCKET_POLICY, m)).to.equal(m);
  });
  it("a derived property is named as its twin says, a dotted path as a whole", () => {
    expect(
      nativeWording(n.NATIVE_KINESIS_STREAM, "encryptionType is unset (NONE); kmsKeyId is empty"),
    ).to.equal("streamEncryption.encryptionType is unset (NONE); streamEncryption.keyId is empty");
    expect(
      nativeWording(n.NATIVE_ECS_SERVICE, "networkConfiguration.assignPublicIp is true: x"),
    ).to.equal('networkConfiguration.awsvpcConfiguration.assignPublicIp is "ENABLED": x');
  });
  it("a DynamoDB key is named where each table type keeps it", () => {
    const m = 'DynamoDB table "t" serverSideEncryption.kmsKeyArn: no KMS key is set';
    expect(nativeWording(n.NATIVE_DYNAMODB_TABLE, m)).to.equal(
      'DynamoDB table "t" sseSpecification.kmsMasterKeyId: no KMS key is set',
    );
    expect(nativeWording(n.NATIVE_DYNAMODB_GLOBAL_TABLE, m)).to.equal(
      'DynamoDB table "t" replicas[0].sseSpecification.kmsMasterKeyId: no KMS key is set',
    );
  });
  it("a type without a twin is left alone", () => {
    expect(nativeWording("aws-native:ec2:Eip", "assumeRolePolicy")).to.equal("assumeRolePolicy");
  });
  it("a finding of a rule on an aws-native ECS service names awsvpcConfiguration", async () => {
    const service = res(n.NATIVE_ECS_SERVICE, "api", {
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ["subnet-0abc"], assignPublicIp: "ENABLED" },
      },
    });
    expect(await violationsOf("ecs-service-no-public-ip", [service])).to.deep.equal([
      'api: networkConfiguration.awsvpcConfiguration.assignPublicIp is "ENABLED": tasks get public IP addresses.',
    ]);
  });
  it("the same finding on a classic service keeps the classic names", async () => {
    const service = res("aws:ecs/service:Service", "api", {
      networkConfiguration: { subnets: ["subnet-0abc"], assignPublicIp: true },
    });
    expect(await violationsOf("ecs-service-no-public-ip", [service])).to.deep.equal([
      "api: networkConfiguration.assignPublicIp is true: tasks get public IP addresses.",
    ]);
  });
});
