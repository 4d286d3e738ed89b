// aws-native edge protection through the twins: a WAFv2 web ACL association
// (aws-native:wafv2:WebAclAssociation, resourceArn built from the load balancer's or stage's
// output) on an internet-facing Application Load Balancer and on an API Gateway stage, and an HTTP
// listener's defaultActions (redirectConfig, fixedResponseConfig) that only redirect to HTTPS.
// Each compliant stack passes; each is broken one link or field at a time; an unknown value is a
// preview note.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN as U, violationsOf } from "../fixture";

const ACL = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/edge/1";

const lb = (inputs: Record<string, unknown> = {}) =>
  res(n.NATIVE_ELBV2_LOAD_BALANCER, "edge", {
    type: "application",
    scheme: "internet-facing",
    subnets: ["subnet-a", "subnet-b"],
    ...inputs,
  });
const association = (target: ReturnType<typeof res>) =>
  res(
    n.NATIVE_WAFV2_WEB_ACL_ASSOCIATION,
    "edge-waf",
    { resourceArn: U, webAclArn: ACL },
    { refs: { resourceArn: [target] } },
  );

describe("aws-native elb-alb-waf-association", () => {
  const p = policy("elb-alb-waf-association");
  it("compliant: an association built from the load balancer's ARN", async () => {
    const edge = lb();
    await expectClean(p, [edge, association(edge)]);
  });
  it("no association: reported on the aws-native load balancer", async () => {
    expect(await violationsOf(p.name, [lb()])).to.deep.equal([
      "edge: This internet-facing load balancer is not associated with a WAFv2 web ACL.",
    ]);
  });
  it("an association of another load balancer does not count", async () => {
    const other = res(n.NATIVE_ELBV2_LOAD_BALANCER, "other", { type: "application" });
    expect(await violationsOf(p.name, [lb(), other, association(other)])).to.have.length(1);
  });
  it('an internal (scheme "internal") or network load balancer needs none', async () => {
    await expectClean(p, [lb({ scheme: "internal" })]);
    await expectClean(p, [lb({ type: "network" })]);
  });
  it("scheme unknown at preview: a preview note", async () => {
    const edge = lb({ scheme: U });
    expect(await violationsOf(p.name, [edge])).to.deep.equal([]);
    expect(await previewNotes(p, [edge])).to.have.length(1);
  });
});

describe("aws-native apigateway-stage-waf", () => {
  const p = policy("apigateway-stage-waf");
  const stage = () =>
    res(n.NATIVE_APIGATEWAY_STAGE, "prod", { restApiId: "api", stageName: "prod" });
  it("compliant: an association built from the stage", async () => {
    const s = stage();
    await expectClean(p, [s, association(s)]);
  });
  it("no association: reported on the aws-native stage", async () => {
    expect(await violationsOf(p.name, [stage()])).to.deep.equal([
      "prod: The stage is not associated with a WAFv2 web ACL.",
    ]);
  });
});

describe("aws-native elb-listener-http-redirects-to-https", () => {
  const p = policy("elb-listener-http-redirects-to-https");
  const redirect = { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" };
  const listener = (defaultActions: unknown, protocol: unknown = "HTTP") =>
    res(
      n.NATIVE_ELBV2_LISTENER,
      "http",
      { loadBalancerArn: U, port: 80, protocol, defaultActions },
      { refs: { loadBalancerArn: [edge] } },
    );
  const edge = lb();
  it("compliant: the HTTP listener only redirects to HTTPS (or answers fixed responses)", async () => {
    await expectClean(p, [edge, listener([{ type: "redirect", redirectConfig: redirect }])]);
    await expectClean(p, [
      edge,
      listener([{ type: "fixed-response", fixedResponseConfig: { statusCode: "404" } }]),
    ]);
  });
  it("a forward action: plain HTTP served", async () => {
    const found = await violationsOf(p.name, [
      edge,
      listener([{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:tg" }]),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("'forward' serves the application over plain HTTP");
  });
  it("redirectConfig to HTTP: reported", async () => {
    const found = await violationsOf(p.name, [
      edge,
      listener([{ type: "redirect", redirectConfig: { ...redirect, protocol: "HTTP" } }]),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("redirects without switching to HTTPS");
  });
  it("an HTTPS listener is not this rule's", async () => {
    await expectClean(p, [edge, listener([{ type: "forward" }], "HTTPS")]);
  });
  it("defaultActions unknown at preview: a preview note", async () => {
    const l = listener(U);
    expect(await violationsOf(p.name, [edge, l])).to.deep.equal([]);
    expect(await previewNotes(p, [edge, l])).to.have.length(1);
  });
});
