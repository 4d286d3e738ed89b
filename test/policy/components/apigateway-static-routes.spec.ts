// aws-apigateway-restapi-static-route-role: the role an @pulumi/aws-apigateway RestAPI creates for
// each `localPath` route, with AmazonS3FullAccess attached (api.ts `createRole`), judged with the
// allow-list of iam-managed-policy-allowlist (cdk-nag AwsSolutions-IAM4, Checkov CKV_AWS_274).
import { expect } from "chai";
import { APIGATEWAY_COMPONENT_REST_API } from "../../../policy-pack/policies/components/apigateway";
import {
  apigatewayStaticRouteRole as policy,
  STATIC_ROUTE_POLICY,
} from "../../../policy-pack/policies/components/apigateway-static-routes";
import { DEFAULT_ALLOWED_MANAGED_POLICIES } from "../../../policy-pack/policies/iam/managed";
import { res } from "../fixture";
import { findingsOf, run, UNKNOWN } from "../fixtures/iam";

const HANDLER = "arn:aws:lambda:us-west-2:123456789012:function:handler";

/** Routes that make no role: a Lambda, a proxy target and a raw data route. */
const routes = (): Record<string, unknown>[] => [
  { path: "/items", method: "GET", eventHandler: HANDLER, apiKeyRequired: true },
  { path: "/proxy", target: { type: "http_proxy", uri: "https://example.com" } },
  { path: "/raw", method: "GET", data: { "x-amazon-apigateway-integration": { type: "mock" } } },
];

const api = (extra: Record<string, unknown>[] = [], over: Record<string, unknown> = {}) =>
  res(
    APIGATEWAY_COMPONENT_REST_API,
    "api",
    { routes: [...routes(), ...extra], ...over },
    { custom: false },
  );

const accepting = (arn: string) => ({
  [policy.name]: {
    allowedManagedPolicies: [
      ...DEFAULT_ALLOWED_MANAGED_POLICIES,
      { arn, reason: "static pages of a demo API, no other bucket in the account" },
    ],
  },
});

describe("aws-apigateway-restapi-static-route-role", () => {
  describe("Noncompliance", () => {
    it("a localPath route, file or directory, makes a role with AmazonS3FullAccess", async () => {
      const f = await findingsOf(policy, [
        api([
          { path: "www", localPath: "./www" },
          { path: "/robots.txt", localPath: "./r.txt" },
        ]),
      ]);
      expect(f).to.have.length(1);
      expect(f[0])
        .to.contain("GET /www, GET /robots.txt (localPath)")
        .and.contain(STATIC_ROUTE_POLICY)
        .and.contain("not in allowedManagedPolicies");
    });
    it("an authorized localPath route too: the role is the same whoever may call the route", async () => {
      const f = await findingsOf(policy, [
        api([{ path: "/www", localPath: "./www", iamAuthEnabled: true }]),
      ]);
      expect(f).to.have.length(1);
    });
    it("a swaggerString unknown at preview beside a localPath route is a preview note", async () => {
      const { findings, notes } = await run(policy, [
        api([{ path: "/www", localPath: "./www" }], { swaggerString: UNKNOWN }),
      ]);
      expect(findings).to.deep.equal([]);
      expect(notes).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture: no localPath route", async () => {
      expect(await findingsOf(policy, [api()])).to.deep.equal([]);
    });
    it("an eventHandler route that also names a localPath is a Lambda route", async () => {
      const both = { path: "/x", method: "GET", eventHandler: HANDLER, localPath: "./www" };
      expect(await findingsOf(policy, [api([both])])).to.deep.equal([]);
    });
    it("a swaggerString the plugin takes: it ignores the routes", async () => {
      const swaggerString = JSON.stringify({ swagger: "2.0", paths: {} });
      expect(
        await findingsOf(policy, [api([{ path: "/www", localPath: "./www" }], { swaggerString })]),
      ).to.deep.equal([]);
    });
    it("AmazonS3FullAccess allow-listed with its reason, in any partition's ARN", async () => {
      for (const arn of [
        STATIC_ROUTE_POLICY,
        "arn:aws-us-gov:iam::aws:policy/AmazonS3FullAccess",
      ]) {
        expect(
          await findingsOf(policy, [api([{ path: "/www", localPath: "./www" }])], accepting(arn)),
          arn,
        ).to.deep.equal([]);
      }
    });
  });
});
