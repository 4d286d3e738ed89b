// The switches of the pack's preload (tools/lib/engine/pack-preload.js) that change how the pack's
// answers are encoded, never what they say: an AnalyzeResponse written with the shared encoding of
// its not-applicable entries has exactly the bytes the generated classes write.
import { expect } from "chai";
import * as path from "path";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { notApplicableEncoder } = require("../../tools/lib/engine/pack-preload.js");
// google-protobuf as the generated classes load it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jspb = require(
  require.resolve("google-protobuf", {
    paths: [path.dirname(require.resolve("@pulumi/pulumi/proto/analyzer_pb"))],
  }),
);

type Entry = [policy: string, reason: string];

/** A response as the SDK builds one: a diagnostic, then one entry per skipped policy. */
function response(entries: readonly Entry[]): analyzerpb.AnalyzeResponse {
  const d = new analyzerpb.AnalyzeDiagnostic();
  d.setPolicyname("s3-bucket-tls-only");
  d.setMessage('bucket "b" allows plain HTTP');
  const r = new analyzerpb.AnalyzeResponse();
  r.setDiagnosticsList([d]);
  r.setNotApplicableList(
    entries.map(([policy, reason]) => {
      const na = new analyzerpb.PolicyNotApplicable();
      na.setPolicyName(policy);
      if (reason) na.setReason(reason);
      return na;
    }),
  );
  return r;
}

/** The bytes of `responses` as the generated classes write them, and with the shared encoding. */
function bothWays(responses: () => analyzerpb.AnalyzeResponse[]): [Buffer[], Buffer[]] {
  const generated = responses().map((r) => Buffer.from(r.serializeBinary()));
  const original = analyzerpb.PolicyNotApplicable.serializeBinaryToWriter;
  const encoder = notApplicableEncoder(analyzerpb.PolicyNotApplicable, jspb.BinaryWriter);
  expect(encoder).to.be.a("function");
  analyzerpb.PolicyNotApplicable.serializeBinaryToWriter = encoder;
  try {
    return [generated, responses().map((r) => Buffer.from(r.serializeBinary()))];
  } finally {
    analyzerpb.PolicyNotApplicable.serializeBinaryToWriter = original;
  }
}

/** The SDK's reason for a typed policy, built anew each time as server.js builds it. */
const typed = (type: string) => `Policy only applies to resources of type '${type}'`;

describe("pack preload: shared encoding of not-applicable entries", () => {
  it("writes the bytes the generated classes write, entry for entry", () => {
    const types = ["aws:s3/bucket:Bucket", "aws:kms/key:Key", "aws:iam/role:Role"];
    const [generated, shared] = bothWays(() =>
      Array.from({ length: 30 }, (_, i) =>
        response([
          ["s3-bucket-sse", typed(types[i % 3])],
          ["iam-role-trust", typed(types[(i + 1) % 3])],
          ["kms-rotation", ""],
          ["exposure-ünïcode-€", `schwer zu sagen: 🙂 ${i % 2}`],
          ["lone-surrogate", `half a pair \ud83d ${i % 2}`],
        ]),
      ),
    );
    expect(shared).to.deep.equal(generated);
    expect(generated[0].length).to.be.greaterThan(200);
  });

  it("a policy with more reasons than it keeps is still written exactly", () => {
    const [generated, shared] = bothWays(() => [
      response(Array.from({ length: 40 }, (_, i): Entry => ["many", `reason ${i}`])),
      response(Array.from({ length: 40 }, (_, i): Entry => ["many", `reason ${39 - i}`])),
    ]);
    expect(shared).to.deep.equal(generated);
  });

  it("is not used for a message with fields it was not verified with", () => {
    class Wider {
      toObject() {
        return { policyName: "", reason: "", detail: "" };
      }
      static serializeBinaryToWriter(): void {}
    }
    expect(notApplicableEncoder(Wider, jspb.BinaryWriter)).to.equal(undefined);
  });
});
