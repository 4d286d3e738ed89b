// The rule-spec helpers (./rule-spec.ts): compliance() and ruleSpec() name the spec file and line
// that called them in what they evaluate (a replay failure) and in a failing Compliance test, not
// a generic label; ruleSpec() refuses an empty Noncompliance table.
import { expect } from "chai";
import type { Suite, Test } from "mocha";
import { COGNITO_USER_POOL } from "../../policy-pack/lib/types";
import { rejection } from "../analyzer";
import { res, violationsOf } from "./fixture";
import { STRONG_PASSWORD_POLICY } from "./fixtures/identity";
import { compliance, ruleSpec } from "./rule-spec";

const RULE = "cognito-user-pool-password-policy";
/** Whether the fixtures below are broken (a minimum length of 6), for the failure cases. */
let broken = false;
const pool = () =>
  res(COGNITO_USER_POOL, "pool", {
    passwordPolicy: { ...STRONG_PASSWORD_POLICY, minimumLength: broken ? 6 : 12 },
  });

/** This spec's place as the helpers name it: its file from the repository's root, and a line. */
const HERE = /^test\/policy\/rule-spec\.spec\.ts:\d+$/;

/** The spec place a Compliance failure names (`<policy> (<place>)`), or undefined. */
function placeIn(message: string): string | undefined {
  return new RegExp(`${RULE} \\(([^()]+)\\)`).exec(message)?.[1];
}

/**
 * Runs a test a helper registered, with the fixture broken; returns its failure. The test runs from
 * the microtask queue, as mocha runs it: no frame of this spec is on the stack then, so the place
 * it names is the one its helper took when called.
 */
async function failureOf(test: Test): Promise<Error> {
  broken = true;
  try {
    return await rejection(Promise.resolve().then(test.fn as () => Promise<void>));
  } finally {
    broken = false;
  }
}

/** The one test of the block titled `title` among `suite`'s blocks. */
function onlyTest(suite: Suite, title: string): Test {
  const block = suite.suites.find((s) => s.title === title);
  expect(block, `a ${title} block`).to.not.equal(undefined);
  expect(block!.tests).to.have.length(1);
  return block!.tests[0];
}

describe("rule-spec: compliance()", function (this: Suite) {
  compliance("the untouched pool passes", RULE, () => [pool()]);
  const registered = onlyTest(this, "Compliance");

  it("a failing Compliance test names the spec line that called compliance()", async () => {
    const failure = await failureOf(registered);
    expect(placeIn(failure.message)).to.match(HERE);
  });
});

describe("rule-spec: ruleSpec()", function (this: Suite) {
  ruleSpec(RULE, ["the untouched pool passes", () => [pool()]], {
    "a minimum length of 6": async (name) => {
      broken = true;
      try {
        expect(await violationsOf(name, [pool()])).to.deep.equal([
          "pool: passwordPolicy.minimumLength is 6 (at least 8).",
        ]);
      } finally {
        broken = false;
      }
    },
  });
  const spec = this.suites.find((s) => s.title === RULE)!;

  it("a Noncompliance block with one test per entry, then the Compliance block", () => {
    expect(spec.suites.map((s) => s.title)).to.deep.equal(["Noncompliance", "Compliance"]);
    expect(spec.suites[0].tests.map((t) => t.title)).to.deep.equal(["a minimum length of 6"]);
  });
  it("a failing Compliance test names the spec line that called ruleSpec()", async () => {
    const failure = await failureOf(onlyTest(spec, "Compliance"));
    expect(placeIn(failure.message)).to.match(HERE);
  });
  it("an empty Noncompliance table throws, naming the spec line and the way out", () => {
    const call = () => ruleSpec(RULE, ["passes", () => [pool()]], {});
    expect(call).to.throw(
      /^ruleSpec\("cognito-user-pool-password-policy"\) at test\/policy\/rule-spec\.spec\.ts:\d+: the Noncompliance table is empty\. .*or call compliance\(\) for a Compliance block alone\.$/,
    );
  });
});
