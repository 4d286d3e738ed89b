// Custom timeouts as the engine reads them: the SDK sends the program's duration strings and the
// engine parses them with Go's time.ParseDuration into the seconds policies see (createSeconds …).
import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { customTimeoutSeconds } from "../../tools/lib/engine/registration";
import { findOne, recordComponent } from "../helpers";

describe("custom timeouts", () => {
  it("parses what Go's time.ParseDuration parses (its own test table), in seconds", () => {
    const cases: [string, number][] = [
      ["0", 0],
      ["-0", 0],
      ["5s", 5],
      ["1478s", 1478],
      ["-5s", -5],
      ["+5s", 5],
      ["5.6s", 5.6],
      ["5.s", 5],
      [".5s", 0.5],
      ["13ms", 0.013],
      ["12\u00b5s", 12e-6],
      ["12\u03bcs", 12e-6],
      ["11us", 11e-6],
      ["15m", 900],
      ["16h", 57600],
      ["3h30m", 12600],
      ["10.5s4m", 250.5],
      ["-2m3.4s", -123.4],
      ["40m", 2400],
    ];
    for (const [text, seconds] of cases) {
      expect(customTimeoutSeconds(text), text).to.be.closeTo(seconds, 1e-9);
    }
  });

  it("reads unset as 0 and refuses what Go refuses (a day unit, a bare number, no digits)", () => {
    expect(customTimeoutSeconds("")).to.equal(0);
    for (const text of ["1d", "3", "-", "s", ".", "-.", ".s", "+.s", "5 m", "5M"]) {
      expect(customTimeoutSeconds(text), text).to.equal(undefined);
    }
  });

  it("records a resource's custom timeouts in seconds, and one the engine would refuse as unset", async () => {
    const rec = await recordComponent(() => {
      new aws.sns.Topic("timed", {}, { customTimeouts: { create: "40m", update: "1h30m" } });
      new aws.sns.Topic("bad", {}, { customTimeouts: { delete: "2d" } });
    });
    expect(findOne(rec, "aws:sns/topic:Topic", "timed").options.customTimeouts).to.deep.equal({
      createSeconds: 2400,
      updateSeconds: 5400,
      deleteSeconds: 0,
    });
    expect(findOne(rec, "aws:sns/topic:Topic", "bad").options.customTimeouts).to.deep.equal({
      createSeconds: 0,
      updateSeconds: 0,
      deleteSeconds: 0,
    });
  });
});
