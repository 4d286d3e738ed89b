// The fake engine's answer for @pulumi/kubernetes objects (tools/lib/fake-aws/other-packages.ts):
// the name the provider's Check fills in; the rest of an object is its inputs.
import { expect } from "chai";
import { resourceState, UNKNOWN } from "../../../tools/lib/fake-aws";

const ENV = { accountId: "123456789012", region: "eu-west-1" };
const state = (type: string, inputs: Record<string, any>, phase: "preview" | "apply" = "apply") =>
  resourceState({ type, name: "r", inputs }, ENV, phase);

describe("fake engine: Kubernetes object names", () => {
  // pulumi-kubernetes provider/pkg/metadata/naming.go, AssignNameIfAutonamable: the provider's
  // Check names an unnamed object, so the name is known at preview as at apply.
  it("kubernetes: an unnamed object gets the logical name and 8 hex digits in both phases", () => {
    const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    const spec = { selector: { matchLabels: { app: "web" } } };
    const unnamed = { metadata: { labels: { app: "web" } }, spec };
    const preview = state(DEPLOYMENT, unnamed, "preview");
    expect(preview.id).to.equal("");
    expect(preview.state.metadata.name).to.match(/^r-[0-9a-f]{8}$/);
    expect(preview.state.metadata).to.deep.include({
      labels: { app: "web" },
      annotations: { "pulumi.com/autonamed": "true" },
    });
    expect(preview.state.spec).to.deep.equal(spec);
    const applied = state(DEPLOYMENT, unnamed);
    expect(applied.state.metadata.name).to.equal(preview.state.metadata.name);
    expect(applied.id).to.not.equal("");
    // The rest of the object (status, uid) is not modelled: the engine keeps it unknown.
    expect(applied.modeled).to.equal(false);
    // No metadata at all, and annotations of the program's own kept beside the mark.
    expect(state(DEPLOYMENT, { spec }, "preview").state.metadata.name).to.match(/^r-/);
    const annotated = state("kubernetes:core/v1:Service", {
      metadata: { annotations: { team: "web", owner: UNKNOWN } },
    }).state.metadata.annotations;
    expect(annotated).to.deep.equal({
      team: "web",
      owner: UNKNOWN,
      "pulumi.com/autonamed": "true",
    });
  });

  it("kubernetes: a given, computed or generated name, a list or a patch is left as given", () => {
    for (const [type, inputs] of [
      ["kubernetes:core/v1:ConfigMap", { metadata: { name: "settings" } }],
      ["kubernetes:core/v1:ConfigMap", { metadata: { name: UNKNOWN } }],
      ["kubernetes:batch/v1:Job", { metadata: { generateName: "migrate-" } }],
      ["kubernetes:core/v1:ConfigMapList", { items: [] }],
      ["kubernetes:apps/v1:DeploymentPatch", { metadata: {} }],
      ["kubernetes:helm.sh/v3:Release", { chart: "nginx" }],
    ] as [string, Record<string, unknown>][]) {
      expect(state(type, inputs, "preview").state, type).to.deep.equal(inputs);
      expect(state(type, inputs).state, type).to.deep.equal(inputs);
    }
  });
});
