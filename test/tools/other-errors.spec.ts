// The errors a failed run logs after the one it is reported at: each named by its first line, cut
// to a readable length. A cut must not end inside a word: "--invoke-answers" cut to
// "--invoke-answer" names a flag that does not exist.
import { expect } from "chai";
import { moreErrors } from "../../tools/lib/engine/other-errors";

/** The offline engine's message for an SSM parameter it cannot read (tools/lib/engine). */
function unanswered(name: string): string {
  return (
    "the offline check cannot answer the invoke aws:ssm/getParameter:getParameter (the value of " +
    `SSM parameter "${name}" cannot be known offline): supply its result in a JSON file passed ` +
    'with --invoke-answers <file.json>, e.g. { "aws:ssm/getParameter:getParameter": { ...result... } }'
  );
}

describe("the other errors of a failed run", () => {
  it("a long first line is cut at a word and marked, never inside a flag's name", () => {
    const reported = unanswered("/app/dev/config/project-name");
    const others = [
      { message: unanswered("/app/dev/config/efs-performance-mode") },
      { message: unanswered("/app/dev/network/vpc-id") },
    ];
    const text = moreErrors(others, reported);
    expect(text).to.match(/^ \(and 2 more error\(s\): /);
    const named = text
      .replace(/^ \(and 2 more error\(s\): /, "")
      .replace(/\)$/, "")
      .split("; ");
    expect(named).to.have.length(2);
    for (const line of named) {
      expect(line.length).to.be.at.most(242);
      expect(line).to.match(/ …$/);
      // Every word the cut kept is a whole word of the message.
      const words = line.replace(/ …$/, "").split(" ");
      expect(
        unanswered("/app/dev/config/efs-performance-mode")
          .split(" ")
          .concat(unanswered("/app/dev/network/vpc-id").split(" ")),
      ).to.include.members(words);
    }
    expect(text).not.to.contain("--invoke-answer;");
    expect(text).to.contain('SSM parameter "/app/dev/config/efs-performance-mode"');
  });

  it("a first line that fits is named whole, with where it arose", () => {
    const text = moreErrors(
      [{ message: "Duplicate resource URN 'bucket'\n  at stack", at: "index.ts:12" }],
      "first failure",
    );
    expect(text).to.equal(
      " (and 1 more error(s): Duplicate resource URN 'bucket' (at index.ts:12))",
    );
  });
});
