// The program's info messages in a report of two phases: the program runs once per phase, so a
// message both runs log is one line of the report; what only the apply phase can say stays.
import { expect } from "chai";
import { infoOnce } from "../../tools/check/combine";

const info = (message: string) => ({ severity: "info", message });

describe("the program's info messages across phases", () => {
  it("shows a message both phases logged once, and keeps the apply phase's own", () => {
    const preview = [info("deploying environment dev"), { severity: "warning", message: "w" }];
    const apply = [
      info("deploying environment dev"),
      info("queue ready: arn:aws:sqs:us-east-1:123456789012:jobs"),
    ];
    expect(infoOnce([preview, apply])).to.deep.equal([
      "deploying environment dev",
      "queue ready: arn:aws:sqs:us-east-1:123456789012:jobs",
    ]);
  });

  it("keeps a message a phase logs more than once", () => {
    expect(infoOnce([[info("retry"), info("retry")], [info("retry")]])).to.deep.equal([
      "retry",
      "retry",
    ]);
  });
});
