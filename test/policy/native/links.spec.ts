// What aws-native resources attach to by ARN: a WAFv2 association to an API Gateway stage (which
// has no ARN output: the association names it as arn:<partition>:apigateway:<region>::/restapis/
// <id>/stages/<name>) or to a load balancer (its loadBalancerArn), and a listener rule to its
// listener (elasticloadbalancingv2:ListenerRule listenerArn, actions). Each attached case passes;
// an unattached one is the finding; one that cannot be told at preview is a note.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const STAGE_ARN = "arn:aws:apigateway:eu-west-1::/restapis/abc123/stages/prod";
const WEB_ACL = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/edge/1";

describe("aws-native links: apigateway-stage-waf", () => {
  const rule = "apigateway-stage-waf";
  const api = res(n.NATIVE_APIGATEWAY_REST_API, "api", { name: "api" });
  const stage = (over: Record<string, unknown> = {}) =>
    res(
      n.NATIVE_APIGATEWAY_STAGE,
      "prod",
      { restApiId: "abc123", stageName: "prod", ...over },
      { refs: { restApiId: [api] } },
    );
  const assoc = (resourceArn: unknown, refs?: Record<string, any[]>) =>
    res(n.NATIVE_WAFV2_WEB_ACL_ASSOCIATION, "waf", { resourceArn, webAclArn: WEB_ACL }, { refs });

  it("an association built from the stage passes", async () => {
    const s = stage();
    await expectClean(policy(rule), [api, s, assoc(STAGE_ARN, { resourceArn: [s] })]);
  });
  it("an association whose ARN is built from the API's id and the stage's name passes", async () => {
    await expectClean(policy(rule), [api, stage(), assoc(STAGE_ARN, { resourceArn: [api] })]);
  });
  it("an association given the stage's ARN as a literal passes", async () => {
    await expectClean(policy(rule), [api, stage(), assoc(STAGE_ARN)]);
    const gov = "arn:aws-us-gov:apigateway:us-gov-west-1::/restapis/abc123/stages/prod";
    await expectClean(policy(rule), [api, stage(), assoc(gov)]);
  });
  it("an association on another stage, or none, is the finding", async () => {
    const other = STAGE_ARN.replace("/stages/prod", "/stages/test");
    const expected = ["prod: The stage is not associated with a WAFv2 web ACL."];
    expect(await violationsOf(rule, [api, stage(), assoc(other)])).to.deep.equal(expected);
    expect(await violationsOf(rule, [api, stage()])).to.deep.equal(expected);
    const otherApi = res(n.NATIVE_APIGATEWAY_REST_API, "other", { name: "other" });
    const onOther = assoc(STAGE_ARN, { resourceArn: [otherApi] });
    expect(await violationsOf(rule, [api, otherApi, stage(), onOther])).to.deep.equal(expected);
  });
  it("a classic stage is found the same way: by its arn, or by its API and name", async () => {
    const capi = res("aws:apigateway/restApi:RestApi", "capi", { name: "capi" });
    const cstage = res(
      "aws:apigateway/stage:Stage",
      "prod",
      { restApi: "abc123", stageName: "prod", deployment: "d1" },
      {
        refs: { restApi: [capi] },
        outputs: { restApi: "abc123", stageName: "prod", arn: STAGE_ARN },
      },
    );
    const classicAssoc = (refs?: Record<string, any[]>) =>
      res(
        "aws:wafv2/webAclAssociation:WebAclAssociation",
        "waf",
        { resourceArn: STAGE_ARN, webAclArn: WEB_ACL },
        { refs },
      );
    await expectClean(policy(rule), [capi, cstage, classicAssoc({ resourceArn: [cstage] })]);
    await expectClean(policy(rule), [capi, cstage, classicAssoc({ resourceArn: [capi] })]);
    await expectClean(policy(rule), [capi, cstage, classicAssoc()]);
    expect(await violationsOf(rule, [capi, cstage])).to.deep.equal([
      "prod: The stage is not associated with a WAFv2 web ACL.",
    ]);
  });
  it("an ARN built from the API and unknown at preview is a note, not a finding", async () => {
    const rs = [api, stage(), assoc(UNKNOWN, { resourceArn: [api] })];
    expect(await violationsOf(rule, rs)).to.deep.equal([]);
    expect(await previewNotes(policy(rule), rs)).to.have.length(1);
  });
});

describe("aws-native links: elb-alb-waf-association", () => {
  const rule = "elb-alb-waf-association";
  const lbArn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/edge/1";
  const lb = () =>
    res(
      n.NATIVE_ELBV2_LOAD_BALANCER,
      "edge",
      { type: "application", scheme: "internet-facing" },
      { outputs: { type: "application", scheme: "internet-facing", loadBalancerArn: lbArn } },
    );
  const assoc = (resourceArn: string) =>
    res(n.NATIVE_WAFV2_WEB_ACL_ASSOCIATION, "waf", { resourceArn, webAclArn: WEB_ACL });

  it("an association given the load balancer's ARN as a literal passes", async () => {
    await expectClean(policy(rule), [lb(), assoc(lbArn)]);
  });
  it("an association naming another load balancer is the finding", async () => {
    expect(
      await violationsOf(rule, [lb(), assoc(lbArn.replace("/edge/", "/other/"))]),
    ).to.deep.equal([
      "edge: This internet-facing load balancer is not associated with a WAFv2 web ACL.",
    ]);
  });
});

describe("aws-native links: elb-listener-http-redirects-to-https, listener rules", () => {
  const rule = "elb-listener-http-redirects-to-https";
  const lb = res(n.NATIVE_ELBV2_LOAD_BALANCER, "edge", { type: "application" });
  const listener = res(
    n.NATIVE_ELBV2_LISTENER,
    "http",
    {
      loadBalancerArn: UNKNOWN,
      port: 80,
      protocol: "HTTP",
      defaultActions: [
        { type: "redirect", redirectConfig: { protocol: "HTTPS", statusCode: "HTTP_301" } },
      ],
    },
    { refs: { loadBalancerArn: [lb] } },
  );
  const listenerRule = (actions: unknown[]) =>
    res(
      n.NATIVE_ELBV2_LISTENER_RULE,
      "rule",
      { listenerArn: UNKNOWN, priority: 1, conditions: [], actions },
      { refs: { listenerArn: [listener] } },
    );

  it("a rule that redirects to HTTPS or answers itself passes", async () => {
    const redirect = {
      type: "redirect",
      redirectConfig: { protocol: "HTTPS", statusCode: "HTTP_301" },
    };
    const fixed = { type: "fixed-response", fixedResponseConfig: { statusCode: "404" } };
    await expectClean(policy(rule), [lb, listener, listenerRule([redirect, fixed])]);
  });
  it("a rule that forwards on the HTTP listener is the finding", async () => {
    const rs = [lb, listener, listenerRule([{ type: "forward", targetGroupArn: "tg" }])];
    expect(await violationsOf(rule, rs)).to.deep.equal([
      "rule: Plain HTTP served: a rule on an HTTP listener 'forward' serves the application over plain HTTP.",
    ]);
  });
  it("a rule that redirects to plain HTTP is the finding", async () => {
    const rs = [
      lb,
      listener,
      listenerRule([
        { type: "redirect", redirectConfig: { protocol: "HTTP", statusCode: "HTTP_302" } },
      ]),
    ];
    expect(await violationsOf(rule, rs)).to.deep.equal([
      "rule: Plain HTTP served: a rule on an HTTP listener redirects without switching to HTTPS.",
    ]);
  });
});
