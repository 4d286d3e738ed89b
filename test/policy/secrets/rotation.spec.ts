// Secrets Manager: every secret rotates automatically, often enough.
import { expect } from "chai";
import {
  SECRETSMANAGER_SECRET,
  SECRETSMANAGER_SECRET_ROTATION,
} from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violationsOf as one } from "../fixture";

type R = ReturnType<typeof res>;

const secret = (over: Record<string, unknown> = {}) =>
  res(SECRETSMANAGER_SECRET, "api-key", { name: "platform/api-key", kmsKeyId: UNKNOWN, ...over });

describe("secretsmanager-secret-rotation", () => {
  const name = "secretsmanager-secret-rotation";
  const rotation = (
    target: R | string,
    rules: unknown = { automaticallyAfterDays: 30 },
    over: Record<string, unknown> = {},
  ) =>
    typeof target === "string"
      ? res(SECRETSMANAGER_SECRET_ROTATION, "rotation", {
          secretId: target,
          rotationLambdaArn: UNKNOWN,
          rotationRules: rules,
          ...over,
        })
      : res(
          SECRETSMANAGER_SECRET_ROTATION,
          "rotation",
          { secretId: UNKNOWN, rotationLambdaArn: UNKNOWN, rotationRules: rules, ...over },
          { refs: { secretId: [target] } },
        );

  describe("Noncompliance", () => {
    it("catches no rotation, a long interval, disabled rotation and missing rules", async () => {
      const s = secret();
      expect(await one(name, [s])).to.deep.equal([
        "api-key: The secret has no automatic rotation.",
      ]);
      expect((await one(name, [s, rotation(s, { automaticallyAfterDays: 365 })]))[0]).to.include(
        "365 days",
      );
      expect(
        (await one(name, [s, rotation(s, undefined, { rotationEnabled: false })]))[0],
      ).to.include("disabled");
      expect((await one(name, [s, rotation(s, {})]))[0]).to.include("no rotationRules");
      expect(await one(name, [s, rotation("platform/other")])).to.have.length(1);
    });
    it("a literal rotation target unknown at preview gives a note, not a finding", async () => {
      const s = secret();
      const r = rotation(UNKNOWN);
      expect(await one(name, [s, r])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [s, r])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("accepts a rotation built from the secret (id unknown at preview) or naming it literally", async () => {
      const s = secret();
      expect(await one(name, [s, rotation(s)])).to.deep.equal([]);
      expect(await one(name, [s, rotation("platform/api-key")])).to.deep.equal([]);
      expect(
        await one(name, [s, rotation(s, { scheduleExpression: "rate(30 days)" })]),
      ).to.deep.equal([]);
    });
  });
});
