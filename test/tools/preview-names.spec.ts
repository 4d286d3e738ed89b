// At preview a program sees the auto-name the provider's Check fills in (provider-side preview),
// the same name the apply phase gives the resource, and nothing else the provider computes.
import { expect } from "chai";
import { fakeCloudAnswers } from "../../tools/lib/engine/answers";
import { kubernetesNamed, previewAutoName } from "../../tools/lib/engine/preview-names";
import { secret, UNKNOWN } from "../../tools/lib/engine/wire";

const answers = fakeCloudAnswers({ accountId: "123456789012", region: "eu-west-1" });
const args = (type: string, name: string, inputs: Record<string, unknown>) => ({
  type,
  name,
  inputs,
  accountId: "123456789012",
});

describe("the auto-name a program sees at preview", () => {
  it("is the name the apply phase gives, for a bucket and a role left unnamed", () => {
    for (const [type, prop] of [
      ["aws:s3/bucket:Bucket", "bucket"],
      ["aws:iam/role:Role", "name"],
    ]) {
      const named = previewAutoName(answers, args(type, "logs", {}));
      const applied = answers.resourceState(args(type, "logs", {}), "apply").state;
      expect(named, type).to.deep.equal({ [prop]: applied[prop] });
      expect(named[prop], type).to.match(/^logs-/);
    }
  });

  it("is nothing when the program names the resource, leaves the name unknown, or the package is not aws", () => {
    expect(
      previewAutoName(answers, args("aws:s3/bucket:Bucket", "logs", { bucket: "mine" })),
    ).to.deep.equal({});
    expect(
      previewAutoName(answers, args("aws:s3/bucket:Bucket", "logs", { bucket: UNKNOWN })),
    ).to.deep.equal({});
    expect(previewAutoName(answers, args("aws-native:s3:Bucket", "logs", {}))).to.deep.equal({});
  });

  it("is nothing when the name cannot fit, which the provider checks report", () => {
    expect(previewAutoName(answers, args("aws:iam/role:Role", "r".repeat(80), {}))).to.deep.equal(
      {},
    );
  });

  it("is a Kubernetes object's metadata with the name its provider's Check fills in, as apply gives it", () => {
    const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    const inputs = { metadata: { labels: { app: "web" } } };
    const named = previewAutoName(answers, args(DEPLOYMENT, "web", inputs)) as {
      metadata: Record<string, unknown>;
    };
    const applied = answers.resourceState(args(DEPLOYMENT, "web", inputs), "apply").state;
    expect(named.metadata.name)
      .to.match(/^web-[0-9a-f]{8}$/)
      .and.equal(applied.metadata.name);
    expect(named.metadata.labels).to.deep.equal({ app: "web" });
    const given = { metadata: { name: "web" } };
    expect(previewAutoName(answers, args(DEPLOYMENT, "web", given))).to.deep.equal({});
  });

  it("keeps what the program sent in a Kubernetes object's metadata: secrets and unknowns", () => {
    const sent = { metadata: { labels: secret({ app: "web" }), annotations: { team: UNKNOWN } } };
    const filled = {
      metadata: { name: "web-0a1b2c3d", annotations: { "pulumi.com/autonamed": "true" } },
    };
    expect(kubernetesNamed(sent, filled)).to.deep.equal({
      metadata: {
        labels: secret({ app: "web" }),
        name: "web-0a1b2c3d",
        annotations: { "pulumi.com/autonamed": "true", team: UNKNOWN },
      },
    });
    expect(kubernetesNamed({ metadata: { name: "web" } }, filled)).to.equal(undefined);
    expect(kubernetesNamed({}, { metadata: {} })).to.equal(undefined);
  });
});
