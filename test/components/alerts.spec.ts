import { expect } from "chai";
import { ALARMS, Alerts, AlertsArgs, EVENTS } from "../../components/alerts";
import { allPolicies } from "../../policy-pack/policies";
import { runPolicies } from "../../tools/lib/policy-runner";
import { Recording } from "../../tools/lib/recorder";
import { doc, findAll, findOne, recordComponent } from "../helpers";

const SERVICE = "arn:aws:ecs:eu-west-1:123456789012:service/platform-test/app";
const base: AlertsArgs = {
  loadBalancerArnSuffix: "app/platform-test/0123456789abcdef",
  targetGroupArnSuffix: "targetgroup/platform-test/fedcba9876543210",
  clusterName: "platform-test",
  serviceName: "app",
  serviceArn: SERVICE,
  pipelineNames: ["platform-test-app", "platform-test-infra"],
  region: "eu-west-1",
  tags: { environment: "test" },
};

function build(over: Partial<AlertsArgs> = {}, preview = false): Promise<Recording> {
  return recordComponent(() => new Alerts("al", { ...base, ...over }), preview);
}

const TOPIC = "arn:aws:sns:eu-west-1:123456789012:platform-test-alerts";

describe("Alerts", () => {
  let rec: Recording;
  let withEmail: Recording;
  before(async () => {
    rec = await build();
    withEmail = await build({ email: "ops@example.com" });
  });

  it("publishes to one topic encrypted with its own customer-managed key", () => {
    const topic = findOne(rec, "aws:sns/topic:Topic", "al-topic");
    const key = findOne(rec, "aws:kms/key:Key", "al-key-key");
    expect(topic.inputs).to.include({
      name: "platform-test-alerts",
      kmsMasterKeyId: key.outputs.arn,
    });
  });

  it("lets CloudWatch and EventBridge use the key for this topic only, CloudWatch from this account only", () => {
    const statements = doc(findOne(rec, "aws:kms/key:Key", "al-key-key").inputs.policy).Statement;
    const cw = statements.find((s: any) => s.Sid === "CloudWatchAlarmsPublish");
    const eb = statements.find((s: any) => s.Sid === "EventBridgeRulesPublish");
    for (const [s, service] of [
      [cw, "cloudwatch.amazonaws.com"],
      [eb, "events.amazonaws.com"],
    ]) {
      expect(s.Principal).to.deep.equal({ Service: service });
      expect(s.Action).to.have.members(["kms:Decrypt", "kms:GenerateDataKey"]);
      expect(s.Condition.StringEquals["kms:EncryptionContext:aws:sns:topicArn"]).to.equal(TOPIC);
    }
    expect(cw.Condition.StringEquals["aws:SourceAccount"]).to.equal("123456789012");
  });

  it("puts no source condition on EventBridge's key grant, which SNS does not support for EventBridge", () => {
    // SNS developer guide, "Enable compatibility between event sources from AWS services and
    // encrypted topics": aws:SourceAccount, aws:SourceArn and aws:SourceOrgID in a KMS policy are
    // "not supported for EventBridge-to-encrypted topics"; one would drop every event silently.
    const statements = doc(findOne(rec, "aws:kms/key:Key", "al-key-key").inputs.policy).Statement;
    const eb = statements.find((s: any) => s.Sid === "EventBridgeRulesPublish");
    const keys = Object.values(eb.Condition as Record<string, Record<string, unknown>>).flatMap(
      (byKey) => Object.keys(byKey),
    );
    expect(keys).to.deep.equal(["kms:EncryptionContext:aws:sns:topicArn"]);
  });

  it("admits this stack's alarms and rules to the topic, over TLS only", () => {
    const policy = findOne(rec, "aws:sns/topicPolicy:TopicPolicy", "al-topic-policy");
    const statements = doc(policy.inputs.policy).Statement;
    const cw = statements.find((s: any) => s.Sid === "CloudWatchAlarmsPublish");
    expect(cw.Condition.ArnLike["aws:SourceArn"]).to.equal(
      "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:platform-test-*",
    );
    const eb = statements.find((s: any) => s.Sid === "EventBridgeRulesPublish");
    const rules = findAll(rec, "aws:cloudwatch/eventRule:EventRule").map((r) => r.outputs.arn);
    expect(rules).to.have.length(EVENTS.length);
    expect([eb.Condition.ArnEquals["aws:SourceArn"]].flat()).to.have.members(rules);
    const tls = statements.find((s: any) => s.Sid === "DenyInsecureTransport");
    expect(tls).to.deep.include({ Effect: "Deny", Principal: "*" });
    expect(tls.Condition.Bool["aws:SecureTransport"]).to.equal("false");
  });

  it("raises every alarm on its metric's real dimensions, named after the stack, telling the topic when it fires and clears", () => {
    const alarms = findAll(rec, "aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarms.map((a) => a.inputs.name)).to.have.members(
      ALARMS.map((a) => `platform-test-${a.id}`),
    );
    for (const a of alarms) {
      expect(a.inputs.alarmActions).to.deep.equal([TOPIC]);
      expect(a.inputs.okActions).to.deep.equal([TOPIC]);
    }
    const byId = (id: string) => findOne(rec, "aws:cloudwatch/metricAlarm:MetricAlarm", `al-${id}`);
    expect(byId("no-healthy-tasks").inputs).to.deep.include({
      namespace: "AWS/ApplicationELB",
      metricName: "HealthyHostCount",
      dimensions: {
        LoadBalancer: base.loadBalancerArnSuffix,
        TargetGroup: base.targetGroupArnSuffix,
      },
      comparisonOperator: "LessThanThreshold",
      treatMissingData: "breaching",
    });
    expect(byId("cpu-high").inputs.dimensions).to.deep.equal({
      ClusterName: "platform-test",
      ServiceName: "app",
    });
    // A percentile is an extended statistic; CloudWatch takes one of the two, never both.
    const slow = byId("slow-responses").inputs;
    expect(slow.extendedStatistic).to.equal("p95");
    expect(slow.statistic).to.equal(undefined);
    expect(byId("app-errors").inputs).to.include({
      statistic: "Sum",
      treatMissingData: "notBreaching",
    });
  });

  it("forwards failed deployments of this service and failed runs of these pipelines", () => {
    const pattern = (id: string) =>
      JSON.parse(
        findOne(rec, "aws:cloudwatch/eventRule:EventRule", `al-${id}`).inputs.eventPattern,
      );
    expect(pattern("deployment-failed")).to.deep.equal({
      source: ["aws.ecs"],
      "detail-type": ["ECS Deployment State Change"],
      resources: [SERVICE],
      detail: { eventName: ["SERVICE_DEPLOYMENT_FAILED"] },
    });
    expect(pattern("pipeline-failed").detail).to.deep.equal({
      state: ["FAILED"],
      pipeline: ["platform-test-app", "platform-test-infra"],
    });
    for (const t of findAll(rec, "aws:cloudwatch/eventTarget:EventTarget")) {
      expect(t.inputs.arn).to.equal(TOPIC);
      expect(t.inputs.roleArn).to.equal(undefined);
    }
  });

  it("subscribes the configured address, and nobody without one", () => {
    expect(findAll(rec, "aws:sns/topicSubscription:TopicSubscription")).to.have.length(0);
    const sub = findOne(withEmail, "aws:sns/topicSubscription:TopicSubscription", "al-email");
    expect(sub.inputs).to.include({ topic: TOPIC, protocol: "email", endpoint: "ops@example.com" });
  });

  it("refuses a malformed address and an empty pipeline list, naming both", async () => {
    let error: unknown;
    try {
      await build({ email: "ops", pipelineNames: [] });
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.match(/Alerts al: invalid arguments/);
    expect(String(error)).to.match(/email: "ops" is not an e-mail address/);
    expect(String(error)).to.match(/pipelineNames: name at least one pipeline/);
  });

  it("passes the whole pack with no violation once every value is known (up)", async () => {
    const report = await runPolicies(allPolicies, withEmail.resources);
    expect(report.violations.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([]);
  });

  it("passes the whole pack with no mandatory violation at preview, deferring only the topic policy", async () => {
    const report = await runPolicies(allPolicies, (await build({}, true)).resources);
    const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory");
    expect(mandatory.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([]);
    // The topic policy names the rules' ARNs, unknown until they exist: the apply phase judges it.
    for (const v of report.violations) {
      expect(v.name).to.equal("al-topic-policy");
      expect(v.detail).to.match(/can't run .* during preview/);
    }
  });
});
