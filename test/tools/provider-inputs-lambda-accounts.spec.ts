// The account ids of a Lambda permission (tools/lib/provider-checks/rules-lambda-accounts.ts):
// what is refused is in provider-inputs-cases-lambda-accounts.ts (run by provider-inputs.spec.ts);
// here, who refuses it, and the accounts and principals both let through.
import { expect } from "chai";
import { refusalsWith } from "./provider-inputs-refusals";

const PERMISSION = "aws:lambda/permission:Permission";

describe("provider inputs: a Lambda permission's account ids", () => {
  it("the provider refuses a sourceAccount at preview, AWS an account principal at up", () => {
    const [source] = refusalsWith(PERMISSION, { sourceAccount: "9012345678" });
    expect([source.by, source.source]).to.deep.equal([
      "provider",
      "hashicorp/terraform-provider-aws internal/service/lambda/permission.go",
    ]);
    const [principal] = refusalsWith(PERMISSION, { principal: "9012345678" });
    expect([principal.by, principal.source]).to.deep.equal([
      "aws",
      "https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html",
    ]);
  });

  it("lets 12-digit accounts, service principals, * and role ARNs through", () => {
    for (const sourceAccount of ["123456789012", "012345678901"])
      expect(refusalsWith(PERMISSION, { sourceAccount }), sourceAccount).to.deep.equal([]);
    for (const principal of [
      "123456789012",
      "s3.amazonaws.com",
      "logs.eu-west-1.amazonaws.com",
      "*",
      "arn:aws:iam::444455556666:role/example",
      "arn:aws:iam::444455556666:root",
      "arn:aws-cn:iam::444455556666:root",
    ])
      expect(refusalsWith(PERMISSION, { principal }), principal).to.deep.equal([]);
  });
});
