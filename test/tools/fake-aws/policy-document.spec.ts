// getPolicyDocument as the AWS provider renders it (key order, collapsed single values, reverse-
// sorted sets, merged Sids), so documents built offline read as they will at deploy.
import { expect } from "chai";
import { invoke, UNKNOWN } from "../../../tools/lib/fake-aws";

const ENV = { accountId: "123456789012", region: "eu-west-1" };
const call = (token: string, args: Record<string, any> = {}, env: any = ENV) =>
  invoke(token, args, env);

describe("fake AWS: invokes", () => {
  describe("getPolicyDocument, as the provider renders it", () => {
    const doc = (args: Record<string, any>) =>
      call("aws:iam/getPolicyDocument:getPolicyDocument", args);

    it("orders keys as the provider's structs, collapses single values, reverse-sorts sets", () => {
      const out = doc({
        statements: [
          {
            sid: "Read",
            actions: ["s3:GetObject", "s3:ListBucket"],
            resources: ["arn:aws:s3:::b/*", "arn:aws:s3:::b"],
            principals: [
              { type: "AWS", identifiers: ["arn:aws:iam::111111111111:root"] },
              { type: "Service", identifiers: ["b.amazonaws.com", "a.amazonaws.com"] },
            ],
            conditions: [
              { test: "StringEquals", variable: "aws:SourceAccount", values: ["123456789012"] },
              { test: "Bool", variable: "aws:SecureTransport", values: ["true", "false"] },
            ],
          },
          { effect: "Deny", notActions: ["iam:*"], notResources: ["*"] },
        ],
      });
      expect(out.json).to.equal(
        JSON.stringify(
          {
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "Read",
                Effect: "Allow",
                Action: ["s3:ListBucket", "s3:GetObject"],
                Resource: ["arn:aws:s3:::b/*", "arn:aws:s3:::b"],
                Principal: {
                  AWS: "arn:aws:iam::111111111111:root",
                  Service: ["b.amazonaws.com", "a.amazonaws.com"],
                },
                Condition: {
                  Bool: { "aws:SecureTransport": ["true", "false"] },
                  StringEquals: { "aws:SourceAccount": "123456789012" },
                },
              },
              { Effect: "Deny", NotAction: "iam:*", NotResource: "*" },
            ],
          },
          null,
          2,
        ),
      );
      expect(out.minifiedJson).to.equal(JSON.stringify(JSON.parse(out.json)));
      expect(out.id).to.match(/^\d+$/);
    });

    it('renders a lone * principal as "*", policy variables with &{}, and escapes as Go does', () => {
      const out = JSON.parse(
        doc({
          statements: [
            {
              principals: [{ type: "*", identifiers: ["*"] }],
              actions: ["s3:GetObject"],
              resources: ["arn:aws:s3:::b/&{aws:username}/*"],
            },
          ],
        }).json,
      );
      expect(out.Statement[0].Principal).to.equal("*");
      expect(out.Statement[0].Resource).to.equal("arn:aws:s3:::b/${aws:username}/*");
      expect(doc({ statements: [{ actions: ["a:b"], resources: ["<x>&"] }] }).json).to.include(
        "\\u003cx\\u003e\\u0026",
      );
    });

    it("merges source and override documents by Sid; unknown arguments give an unknown document", () => {
      const source = JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "A", Effect: "Allow", Action: "s3:*", Resource: "*" }],
      });
      const override = JSON.stringify({
        Statement: { Sid: "B", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" },
      });
      const out = JSON.parse(
        doc({
          sourcePolicyDocuments: [source],
          statements: [{ sid: "A", actions: ["s3:GetObject"], resources: ["*"] }],
          overridePolicyDocuments: [override],
        }).json,
      );
      expect(out.Statement.map((s: any) => [s.Sid, s.Action])).to.deep.equal([
        ["A", "s3:GetObject"],
        ["B", "s3:DeleteObject"],
      ]);
      expect(
        doc({ statements: [{ actions: ["s3:GetObject"], resources: [UNKNOWN] }] }).json,
      ).to.equal(UNKNOWN);
      expect(doc({}).json).to.equal('{\n  "Version": "2012-10-17"\n}');
    });
  });
});
