// The IAM Resource glob matcher (policy-pack/lib/iam/arn-globs.ts) on ARN formats of the Service
// Authorization Reference: whether a glob can name a resource of a format (globsIntersect) and
// whether it names every resource of it (globCovers), with IAM's wildcard rules (IAM User Guide,
// reference_policies_elements_resource, "Using wildcards in resource ARNs").
import { expect } from "chai";
import {
  formatElements,
  globCovers,
  globElements,
  globsIntersect,
} from "../../../policy-pack/lib/iam/arn-globs";

const GROUP = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}";
const STREAM = `${GROUP}:log-stream:\${LogStreamName}`;
const LOGS = [GROUP, STREAM];
const USER = "arn:${Partition}:iam::${Account}:user/${UserNameWithPath}";
const FUNCTION = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}";
const ALIAS = `${FUNCTION}:\${Alias}`;
const LAMBDA = [FUNCTION, ALIAS];
const OBJECT = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";

const meets = (glob: string, format: string, siblings: string[]): boolean =>
  globsIntersect(globElements(glob), formatElements(format, siblings));
const covers = (glob: string, format: string, siblings: string[]): boolean =>
  globCovers(globElements(glob), formatElements(format, siblings));

describe("IAM Resource globs against ARN formats", () => {
  it("a * that ends the region or account segment spans colons; one inside a segment does not", () => {
    // "If the * wildcard is the last character of a resource ARN segment, it can expand to match
    // beyond the colon boundaries."
    expect(meets("arn:aws:logs:*:*:log-stream:*", STREAM, LOGS)).to.equal(true);
    expect(covers("arn:aws:logs:*:*:log-stream:*", STREAM, LOGS)).to.equal(true);
    expect(meets("arn:aws:logs:us-east-1:1*2:log-stream:*", STREAM, LOGS)).to.equal(false);
    // The region * spans instead: the group is then named `1x2`.
    expect(meets("arn:aws:logs:*:1*2:log-stream:*", STREAM, LOGS)).to.equal(true);
    expect(meets("arn:aws:logs:us-*-1:123456789012:log-stream:*", STREAM, LOGS)).to.equal(false);
  });
  it("a spanning * ends at a colon between segments of the format, not at one inside a name", () => {
    expect(meets("arn:aws:iam::*:mfa/*", USER, [USER])).to.equal(false);
    expect(meets("arn:aws:iam::*:user/*", USER, [USER])).to.equal(true);
    // A resource part split by colons holds no name with a colon: no layer glob reads as an alias.
    expect(meets("arn:aws:lambda:*:123456789012:layer:*", ALIAS, LAMBDA)).to.equal(false);
    expect(meets("arn:aws:lambda:*:123456789012:function:*:*", ALIAS, LAMBDA)).to.equal(true);
  });
  it("a function name holds no colon (the alias format goes on with one); an object key may", () => {
    expect(meets("arn:aws:lambda:*:*:function:*:*", FUNCTION, LAMBDA)).to.equal(false);
    expect(meets("arn:aws:s3:::*:*", OBJECT, [OBJECT])).to.equal(true);
  });
  it("covers: every identifying value must fall to a wildcard; a policy variable or a literal is one value", () => {
    expect(covers("arn:aws:s3:::*/*", OBJECT, [OBJECT])).to.equal(true);
    expect(covers("arn:aws:s3:::*", OBJECT, [OBJECT])).to.equal(true);
    expect(covers("arn:aws:s3:::b/*", OBJECT, [OBJECT])).to.equal(false);
    expect(covers("arn:aws:s3:::*/a*", OBJECT, [OBJECT])).to.equal(false);
    expect(covers("arn:aws:iam::123456789012:user/*", USER, [USER])).to.equal(true);
    expect(covers("arn:aws:iam::*:user/${aws:username}", USER, [USER])).to.equal(false);
    // A * inside the account segment holds no colon, so it cannot stand for the group.
    expect(covers("arn:aws:logs:us-east-1:1*2:log-stream:*", STREAM, LOGS)).to.equal(false);
    expect(covers("arn:aws:logs:*:*:log-group:g:log-stream:*", STREAM, LOGS)).to.equal(false);
  });
  it("covers: a name has one character or more, so a run of wildcards with a * takes it whole", () => {
    for (const glob of ["*?", "?*", "*??", "???*", "*?*", "*/*?", "*?/*?", "*?/*"]) {
      expect(covers(`arn:aws:s3:::${glob}`, OBJECT, [OBJECT]), glob).to.equal(true);
    }
    expect(covers("arn:aws:iam::*:user/*?", USER, [USER])).to.equal(true);
    // ? alone is one character; a literal or a policy variable is not every name.
    for (const glob of ["?/*", "??/*", "*-*", "*/?", "*/${aws:username}"]) {
      expect(covers(`arn:aws:s3:::${glob}`, OBJECT, [OBJECT]), glob).to.equal(false);
    }
  });
  it("covers exactly (a NotResource entry): a run that misses names shorter than its ? count does not", () => {
    const exactly = (glob: string): boolean =>
      globCovers(globElements(glob), formatElements(USER, [USER]), true);
    expect(exactly("arn:aws:iam::*:user/*?")).to.equal(true);
    expect(exactly("arn:aws:iam::*:user/?*")).to.equal(true);
    expect(exactly("arn:aws:iam::*:user/??*")).to.equal(false);
    expect(covers("arn:aws:iam::*:user/??*", USER, [USER])).to.equal(true);
  });
});
