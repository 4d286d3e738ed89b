// An eks Cluster's `core` in the apply phase (test/fixtures/programs/eks-irsa): IRSA roles trusted
// through `core.oidcProvider` are judged as at `pulumi up` (the provider's ARN and URL follow from
// the cluster's name), as is `core.endpoint` (the cluster's own output), while what eks builds
// itself (`kubeconfig`) stays unknown and its checks are listed as not evaluated. Trusts keyed on an OIDC provider's `url` output as it is pass: after
// apply it has no scheme, as IAM returns it.
import { expect } from "chai";
import type { StackResult } from "../../tools/check/run";
import { QueuedRuns } from "./program-runs";

const runs = new QueuedRuns();
const POLICY = "iam-trust-policy-specific-principals";

describe("an eks Cluster's core in the apply phase", function () {
  this.timeout(300_000);
  let both: StackResult;

  before(async () => {
    both = await runs.check("eks-irsa", ["preview", "apply"]);
  });

  const findings = (name: string) =>
    both.violations.filter((v) => v.policy === POLICY && v.name === name);
  const open = (name: string) =>
    both.unevaluated.filter((u) => u.policy === POLICY && u.name === name);

  it("flags a trust of the cluster's OIDC provider with no condition on the service account", () => {
    const found = findings("irsa-open");
    expect(found).to.have.length(1);
    expect(found[0].enforcementLevel).to.equal("mandatory");
    expect(found[0].phase).to.equal("apply");
    expect(found[0].detail).to.match(
      /federated principal oidc\.eks\.eu-west-1\.amazonaws\.com\/id\//,
    );
    expect(open("irsa-open")).to.deep.equal([]);
  });

  it("passes the trust pinned to one service account and the STS audience", () => {
    expect(findings("irsa-scoped")).to.deep.equal([]);
    expect(open("irsa-scoped")).to.deep.equal([]);
  });

  it("passes trusts keyed on an OIDC provider's `url` output as it is (no scheme after apply)", () => {
    // IAM returns the provider's URL without `https://`; the provider's read sets `url` from it.
    for (const name of ["irsa-url", "github-deploy"]) {
      expect(findings(name), name).to.deep.equal([]);
      expect(open(name), name).to.deep.equal([]);
    }
    // Judged in the apply phase: the preview could not (the ARN and URL are unknown there).
    for (const name of ["irsa-url", "github-deploy"])
      expect(
        both.notes.some((n) => n.policy === POLICY && n.name === name),
        name,
      ).to.equal(true);
  });

  it("judges a role built from core.endpoint at apply: the cluster's own endpoint output", () => {
    // The trust names every AWS principal: the mandatory finding `pulumi up` would stop on.
    expect(open("named-by-endpoint")).to.deep.equal([]);
    const found = findings("named-by-endpoint");
    expect(found).to.have.length(1);
    expect(found[0].phase).to.equal("apply");
  });

  it("leaves a role built from the kubeconfig eks builds not evaluated, naming the component", () => {
    const left = open("named-by-kubeconfig");
    expect(left).to.have.length(1);
    expect(left[0].reason).to.contain(
      "remote component eks:index:Cluster demo (its plugin computes it; offline, only what " +
        "follows from the component's name and inputs is known)",
    );
    expect(findings("named-by-kubeconfig")).to.deep.equal([]);
  });
});
