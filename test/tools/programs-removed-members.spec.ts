// A TypeScript program that reads a member its provider module no longer has
// (`aws.iam.ManagedPolicies`, renamed `ManagedPolicy` in @pulumi/aws 7): `pulumi preview`
// type-checks by default and stops at the compiler's error on that line, before the program
// runs; the check's transpile-only run fails later, at run time, so the failure is compiled again
// as the language host compiles it (tools/lib/engine/runtime-type-errors.ts).
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { missingMemberCall } from "../../tools/lib/engine/runtime-type-errors";
import { ProgramError } from "../../tools/check/run";
import { FIXTURES, lineOf, QueuedRuns } from "./program-runs";

const FIXTURE = "fail-removed-member";
const dir = path.join(FIXTURES, FIXTURE);
const file = path.join(dir, "index.ts");
const runs = new QueuedRuns();

/** A run-time read of `member` of undefined, at its column of the line of index.ts holding `snippet`. */
function readAt(snippet: string, member: string) {
  const line = lineOf(`${FIXTURE}/index.ts`, snippet);
  const text = fs.readFileSync(file, "utf8").split("\n")[line - 1];
  return {
    kind: "error" as const,
    message: `TypeError: Cannot read properties of undefined (reading '${member}')`,
    location: { file, line, column: text.indexOf(member) + 1 },
  };
}

describe("a member its provider module no longer has, offline", function () {
  this.timeout(300_000);

  before(() => {
    runs.queueCheck(FIXTURE);
  });

  it("a read of a module's member the declarations lack is what a type-checking compile refuses", () => {
    const gone = readAt("policyArn: aws.iam.ManagedPolicies", "CloudWatchLogsFullAccess");
    expect(missingMemberCall(gone, dir)).to.deep.equal({
      expression: "aws.iam.ManagedPolicies",
      kind: "member",
    });
    // Declared through `export * from "../types/enums/iam"` (a constant) and `export * from
    // "./principals"` (a namespace): the same words at these lines would claim nothing.
    const enumRead = readAt("export const basic", "AWSLambdaBasicExecutionRole");
    expect(missingMemberCall(enumRead, dir)).to.equal(undefined);
    const namespaceRead = readAt("export const lambda", "LambdaPrincipal");
    expect(missingMemberCall(namespaceRead, dir)).to.equal(undefined);
  });

  it("the check reports the compiler's error at the program's line, as `pulumi preview` does", async () => {
    const e = await runs.check(FIXTURE).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).to.be.instanceOf(ProgramError);
    const failure = e as ProgramError;
    expect(failure.message).to.match(/TS2551: Property 'ManagedPolicies' does not exist/);
    expect(failure.message).to.contain("Did you mean 'ManagedPolicy'?");
    expect(failure.location?.file).to.equal(file);
    expect(failure.location?.line).to.equal(
      lineOf(`${FIXTURE}/index.ts`, "policyArn: aws.iam.ManagedPolicies"),
    );
  });
});
