// Every encrypted log group of both stacks, every optional feature on: its key lets CloudWatch
// Logs use it for exactly that group. CloudWatch Logs docs ("Encrypt log data in CloudWatch Logs
// using AWS Key Management Service"): CreateLogGroup with a kmsKeyId fails unless the key policy
// allows the regional principal `logs.<region>.amazonaws.com`, and CloudWatch Logs puts the
// group's ARN in the encryption context `kms:EncryptionContext:aws:logs:arn`, so a grant whose
// ArnLike pattern misses the group refuses it at `pulumi up`.
import { expect } from "chai";
import type { Recording } from "../../tools/lib/recorder";
import { runWithEverything } from "../fixtures/features";
import { findAll } from "../helpers";

/** Whether IAM's ArnLike `pattern` (with `*` and `?`) matches `arn`. */
function arnLike(pattern: string, arn: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`).test(arn);
}

describe("encrypted log groups and their keys", function () {
  this.timeout(240_000);
  const recs: Record<string, Recording> = {};
  before(async () => {
    for (const stack of ["staging", "prod"]) recs[stack] = await runWithEverything(stack);
  });

  it("every log group is encrypted, and its key grants CloudWatch Logs exactly on that group", () => {
    for (const [stack, rec] of Object.entries(recs)) {
      const region = rec.resources.find((r) => r.type === "aws:ecs/cluster:Cluster")!.outputs.arn;
      expect(region, stack).to.match(/^arn:aws:ecs:eu-west-1:/);
      const keys = new Map(
        findAll(rec, "aws:kms/key:Key").map((k) => [String(k.outputs.arn), k] as const),
      );
      const groups = findAll(rec, "aws:cloudwatch/logGroup:LogGroup");
      // Runtime, WAF (prod), two flow logs, pipeline builds, three Redshift, one Aurora export.
      expect(groups.length, stack).to.be.at.least(stack === "prod" ? 9 : 8);
      for (const g of groups) {
        const where = `${stack} ${g.name}`;
        const key = keys.get(String(g.inputs.kmsKeyId));
        expect(key, `${where}: no key of the stack`).to.not.equal(undefined);
        const statements = JSON.parse(String(key!.inputs.policy)).Statement as any[];
        const logs = statements.filter(
          (s) => JSON.stringify(s.Principal) === '{"Service":"logs.eu-west-1.amazonaws.com"}',
        );
        expect(logs, where).to.have.length(1);
        const patterns = [logs[0].Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]].flat();
        const arn = `arn:aws:logs:eu-west-1:123456789012:log-group:${g.outputs.name}`;
        expect(
          patterns.some((p: string) => arnLike(p, arn)),
          `${where}: ${arn} is not in ${patterns.join(", ")}`,
        ).to.equal(true);
        expect(logs[0].Action).to.include.members([
          "kms:Encrypt",
          "kms:Decrypt",
          "kms:GenerateDataKey",
        ]);
      }
    }
  });

  it("matches ARNs as IAM's ArnLike does", () => {
    expect(arnLike("arn:aws:logs:r:1:log-group:/a/*", "arn:aws:logs:r:1:log-group:/a/b")).to.equal(
      true,
    );
    expect(arnLike("arn:aws:logs:r:1:log-group:/a/*", "arn:aws:logs:r:1:log-group:/b/a")).to.equal(
      false,
    );
    expect(arnLike("arn:aws:logs:r:1:log-group:x.y", "arn:aws:logs:r:1:log-group:xzy")).to.equal(
      false,
    );
  });
});
