// A wildcard in an action's service prefix (`*:PassRole`, `s*:Get*`): iam-no-wildcard-actions
// reports it as it reports `*`, but says what it is: the pattern matches the actions of every
// service whose prefix it fits (IAM User Guide, "IAM JSON policy elements: Action"), not every
// action of every service, and on all resources it is not full administrator access.
import { expect } from "chai";
import { of, roleWith } from "../fixtures/iam";

const ROLE_ARN = "arn:aws:iam::123456789012:role/app-runtime";
const QUEUE_ARN = "arn:aws:sqs:eu-west-1:123456789012:jobs";

describe("iam-no-wildcard-actions: a wildcard in the service prefix", () => {
  for (const [action, resource] of [
    ["*:PassRole", ROLE_ARN],
    ["s*:Get*", QUEUE_ARN],
    ["s*:Get*", "*"],
  ]) {
    it(`reports "${action}" on ${resource} as a wildcard prefix, not as every action of every service`, async () => {
      const f = await of("iam-no-wildcard-actions", [
        roleWith({ Effect: "Allow", Action: action, Resource: resource }),
      ]);
      const service = action.split(":")[0];
      expect(f).to.deep.equal([
        `iam-no-wildcard-actions: inline policy "subject" statement 1: Action "${action}" has a wildcard in its service prefix: it matches actions of several services (every service whose prefix fits "${service}").`,
      ]);
    });
  }

  it('keeps "*:*" on all resources as every action of every service: full administrator access', async () => {
    const f = await of("iam-no-wildcard-actions", [
      roleWith({ Effect: "Allow", Action: "*:*", Resource: "*" }),
    ]);
    expect(f).to.deep.equal([
      'iam-no-wildcard-actions: inline policy "subject" statement 1: Action "*:*" grants every action of every service on all resources: full administrator access.',
    ]);
  });
});
