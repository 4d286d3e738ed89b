// aws-native load balancer listeners (elasticloadbalancingv2:Listener: protocol, sslPolicy) are
// judged by elb-listener-tls-policy as the classic aws.lb.Listener (policy-pack/lib/native/
// twins-network.ts). A TLS 1.2+ HTTPS listener passes; the policy is then weakened or left out.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const listener = (over: Record<string, unknown> = {}) =>
  res(n.NATIVE_ELBV2_LISTENER, "https", {
    loadBalancerArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/a/1",
    port: 443,
    protocol: "HTTPS",
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    certificates: [{ certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" }],
    ...over,
  });

describe("aws-native listeners: elb-listener-tls-policy", () => {
  it("an HTTPS listener with a TLS 1.2+ policy passes, and so does a plain HTTP one", async () => {
    await expectClean(policy("elb-listener-tls-policy"), [listener()]);
    await expectClean(policy("elb-listener-tls-policy"), [
      listener({ protocol: "HTTP", port: 80, sslPolicy: undefined, certificates: undefined }),
    ]);
  });
  it("no sslPolicy: the API's default ELBSecurityPolicy-2016-08", async () => {
    expect(
      await violationsOf("elb-listener-tls-policy", [listener({ sslPolicy: undefined })]),
    ).to.deep.equal([
      "https: HTTPS listener sets no sslPolicy, so it gets ELBSecurityPolicy-2016-08 (TLS 1.0+).",
    ]);
  });
  it("a TLS 1.0 policy on a TLS listener", async () => {
    const found = await violationsOf("elb-listener-tls-policy", [
      listener({ protocol: "TLS", sslPolicy: "ELBSecurityPolicy-2016-08" }),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("is not a TLS 1.2+ policy");
  });
  it("a protocol unknown at preview is a preview note, not a pass", async () => {
    const notes = await previewNotes(policy("elb-listener-tls-policy"), [
      listener({ protocol: UNKNOWN }),
    ]);
    expect(notes).to.have.length(1);
  });
});
