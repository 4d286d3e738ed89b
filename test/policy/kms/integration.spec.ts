// Encryption of data moved between services: Checkov's AppFlow fixtures (CKV_AWS_263 flows,
// CKV_AWS_264 connector profiles), Amazon Connect instance storage and EventBridge Scheduler
// schedules (CKV_AWS_297), translated to Pulumi inputs; EventBridge buses and archives and MWAA
// environments, each with a key, without one, and with the service's AWS-managed key.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import * as T from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import {
  awsManaged,
  awsManagedArn,
  KEY_ARN,
  keyPropCases,
  policyNamed,
  run,
  UNKNOWN,
  withStackKey,
} from "../fixtures/kms";

describe("appflow-kms-cmk", () => {
  const p = policyNamed(policies, "appflow-kms-cmk");
  const flow = {
    name: "example",
    sourceFlowConfig: {
      connectorType: "S3",
      sourceConnectorProperties: { s3: { bucketName: "source", bucketPrefix: "example" } },
    },
    destinationFlowConfigs: [
      {
        connectorType: "S3",
        destinationConnectorProperties: {
          s3: {
            bucketName: "destination",
            s3OutputFormatConfig: { prefixConfig: { prefixType: "PATH" } },
          },
        },
      },
    ],
    tasks: [{ sourceFields: ["exampleField"], taskType: "Map", destinationField: "exampleField" }],
    triggerConfig: { triggerType: "OnDemand" },
  };
  const profile = {
    name: "example_profile",
    connectorType: "Redshift",
    connectionMode: "Public",
    connectorProfileConfig: {
      connectorProfileCredentials: { redshift: { password: "p", username: "u" } },
      connectorProfileProperties: {
        redshift: {
          bucketName: "b",
          databaseUrl: "jdbc:redshift://x",
          roleArn: "arn:aws:iam::123456789012:role/r",
        },
      },
    },
  };

  describe("Compliance", () => {
    it("CKV_AWS_263 / CKV_AWS_264 passing fixtures: kmsArn names a customer key", async () => {
      const r = [
        res(T.APPFLOW_FLOW, "example", { ...flow, kmsArn: KEY_ARN }),
        res(T.APPFLOW_CONNECTOR_PROFILE, "profile", { ...profile, kmsArn: KEY_ARN }),
      ];
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("a key of the stack, unknown at preview", async () => {
      const r = withStackKey(T.APPFLOW_FLOW, "example", { ...flow, kmsArn: UNKNOWN }, ["kmsArn"]);
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_263 failing fixture: a flow without kmsArn", async () => {
      expect((await run(p, [res(T.APPFLOW_FLOW, "example", flow)])).violations).to.deep.equal([
        'example: AppFlow flow "example": no KMS key is set (the AWS-managed key aws/appflow), not a customer-managed key.',
      ]);
    });
    it("CKV_AWS_264 failing fixture: a connector profile without kmsArn, or with aws/appflow", async () => {
      expect(
        (await run(p, [res(T.APPFLOW_CONNECTOR_PROFILE, "profile", profile)])).violations,
      ).to.have.length(1);
      const managed = res(T.APPFLOW_CONNECTOR_PROFILE, "profile", {
        ...profile,
        kmsArn: awsManaged("appflow"),
      });
      expect((await run(p, [managed])).violations).to.have.length(1);
    });
  });
});

describe("connect-instance-storage-kms-cmk", () => {
  const p = policyNamed(policies, "connect-instance-storage-kms-cmk");
  const s3 = (encryptionConfig?: Record<string, unknown>) =>
    res(T.CONNECT_INSTANCE_STORAGE_CONFIG, "recordings", {
      instanceId: "aaaaaaaa-bbbb-cccc-dddd-111111111111",
      resourceType: "CALL_RECORDINGS",
      storageConfig: {
        storageType: "S3",
        s3Config: { bucketName: "example", bucketPrefix: "example", encryptionConfig },
      },
    });

  it("S3 storage encrypted with a customer key", async () => {
    expect(await run(p, [s3({ encryptionType: "KMS", keyId: KEY_ARN })])).to.deep.equal(clean);
  });
  it("S3 storage without an encryptionConfig, or with an AWS-managed key", async () => {
    expect((await run(p, [s3()])).violations).to.deep.equal([
      'recordings: Connect instance storage config "recordings" storageConfig.s3Config.encryptionConfig.keyId: no KMS key is set (no KMS encryption of its own), not a customer-managed key.',
    ]);
    expect(
      (await run(p, [s3({ encryptionType: "KMS", keyId: awsManaged("connect") })])).violations,
    ).to.have.length(1);
  });
});

describe("scheduler-schedule-kms-cmk", () => {
  const p = policyNamed(policies, "scheduler-schedule-kms-cmk");
  // Checkov example_SchedulerScheduleUsesCMK/main.tf: a rate schedule sending to an SQS queue.
  const schedule = {
    name: "my-schedule",
    groupName: "default",
    flexibleTimeWindow: { mode: "OFF" },
    scheduleExpression: "rate(1 hour)",
    target: {
      arn: "arn:aws:sqs:us-west-2:111122223333:example",
      roleArn: "arn:aws:iam::111122223333:role/scheduler",
    },
  };

  describe("Compliance", () => {
    it("CKV_AWS_297 pass: kmsKeyArn names a customer key (literal, or a key of the stack)", async () => {
      expect(
        await run(p, [res(T.SCHEDULER_SCHEDULE, "pass", { ...schedule, kmsKeyArn: KEY_ARN })]),
      ).to.deep.equal(clean);
      const r = withStackKey(
        T.SCHEDULER_SCHEDULE,
        "stack-key",
        { ...schedule, kmsKeyArn: UNKNOWN },
        ["kmsKeyArn"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_297 fail and fail2: no kmsKeyArn, or an empty one", async () => {
      const r = [
        res(T.SCHEDULER_SCHEDULE, "fail", schedule),
        res(T.SCHEDULER_SCHEDULE, "fail2", { ...schedule, kmsKeyArn: "" }),
      ];
      const found = (await run(p, r)).violations;
      expect(found).to.have.length(2);
      expect(found[0]).to.contain('EventBridge Scheduler schedule "fail"');
      expect(found[0]).to.contain("an AWS-owned key");
    });
    it("an AWS-managed key is not a customer-managed key (alias and alias ARN)", async () => {
      const r = [
        res(T.SCHEDULER_SCHEDULE, "alias", { ...schedule, kmsKeyArn: awsManaged("scheduler") }),
        res(T.SCHEDULER_SCHEDULE, "arn", { ...schedule, kmsKeyArn: awsManagedArn("scheduler") }),
      ];
      expect((await run(p, r)).violations).to.have.length(2);
    });
  });
});

keyPropCases(
  policies,
  "eventbridge-event-bus-kms-cmk",
  "EventBridge event bus",
  T.CLOUDWATCH_EVENT_BUS,
  { name: "orders" },
  "kmsKeyIdentifier",
  "events",
);
keyPropCases(
  policies,
  "eventbridge-archive-kms-cmk",
  "EventBridge archive",
  T.CLOUDWATCH_EVENT_ARCHIVE,
  { name: "orders", eventSourceArn: "arn:aws:events:us-west-2:111122223333:event-bus/orders" },
  "kmsKeyIdentifier",
  "events",
);
keyPropCases(
  policies,
  "mwaa-environment-kms-cmk",
  "MWAA environment",
  T.MWAA_ENVIRONMENT,
  {
    name: "example",
    dagS3Path: "dags/",
    executionRoleArn: "arn:aws:iam::111122223333:role/mwaa",
    sourceBucketArn: "arn:aws:s3:::example",
    networkConfiguration: { securityGroupIds: ["sg-1"], subnetIds: ["subnet-1", "subnet-2"] },
  },
  "kmsKey",
  "airflow",
);
