// Custom timeouts as the engine reads them: the SDK sends the program's duration strings and the
// engine parses each that is set with Go's time.ParseDuration into the seconds policies see
// (createSeconds …), refusing the registration when Go cannot parse one. The parser's cases are
// Go's own (go/src/time/time_test.go, `parseDurationTests` and `parseDurationErrorTests`).
import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { goDurationSeconds, parseGoDuration } from "../../tools/lib/engine/go-duration";
import { findOne, recordComponent } from "../helpers";
import { failsAtLine, QueuedRuns } from "./program-runs";

const NS = 1n;
const US = 1_000n * NS;
const MS = 1_000n * US;
const S = 1_000n * MS;
const M = 60n * S;
const H = 60n * M;
const MAX = (1n << 63n) - 1n;
const MIN = -(1n << 63n);

describe("Go durations, as the engine parses custom timeouts", () => {
  it("reads what Go's time.ParseDuration reads, to the nanosecond (its own test table)", () => {
    const cases: [string, bigint][] = [
      ["0", 0n],
      ["5s", 5n * S],
      ["1478s", 1478n * S],
      ["-5s", -5n * S],
      ["+5s", 5n * S],
      ["-0", 0n],
      ["+0", 0n],
      ["5.0s", 5n * S],
      ["5.6s", 5n * S + 600n * MS],
      ["5.s", 5n * S],
      [".5s", 500n * MS],
      ["1.004s", S + 4n * MS],
      ["100.00100s", 100n * S + MS],
      ["10ns", 10n * NS],
      ["11us", 11n * US],
      ["12\u00b5s", 12n * US],
      ["12\u03bcs", 12n * US],
      ["13ms", 13n * MS],
      ["15m", 15n * M],
      ["16h", 16n * H],
      ["3h30m", 3n * H + 30n * M],
      ["10.5s4m", 4n * M + 10n * S + 500n * MS],
      ["-2m3.4s", -(2n * M + 3n * S + 400n * MS)],
      ["1h2m3s4ms5us6ns", H + 2n * M + 3n * S + 4n * MS + 5n * US + 6n * NS],
      ["39h9m14.425s", 39n * H + 9n * M + 14n * S + 425n * MS],
      ["52763797000ns", 52763797000n],
      // More than nine digits after the point: summed in whole nanoseconds, the rest dropped.
      ["0.3333333333333333333h", 20n * M],
      ["1.0000000001s", S],
      ["9007199254740993ns", (1n << 53n) + 1n],
      // The largest durations an int64 of nanoseconds holds, and a fraction past uint64's digits.
      ["9223372036854775807ns", MAX],
      ["9223372036854775.807us", MAX],
      ["9223372036s854ms775us807ns", MAX],
      ["2562047h47m16.854775807s", MAX],
      ["-9223372036854775808ns", MIN],
      ["-2562047h47m16.854775808s", MIN],
      ["0.100000000000000000000h", 6n * M],
      ["0.830103483285477580700h", 49n * M + 48n * S + 372539827n * NS],
      ["40m", 40n * M],
    ];
    for (const [text, nanoseconds] of cases) {
      expect(parseGoDuration(text), text).to.equal(nanoseconds);
    }
  });

  it("refuses what Go refuses: no unit, an unknown one (days), no digits, overflow", () => {
    const refused = [
      "",
      "3",
      "-",
      "s",
      ".",
      "-.",
      ".s",
      "+.s",
      "1d",
      "5 m",
      "5M",
      "\ufffd",
      "9223372036854775810ns",
      "9223372036854775808ns",
      "-9223372036854775809ns",
      "9223372036854776us",
      "3000000h",
      "2562048h",
      "2562047h47m16.854775808s",
      "9223372036854775.808us",
      "9223372036854ms775us808ns",
    ];
    for (const text of refused) expect(parseGoDuration(text), text).to.equal(undefined);
  });

  it("gives seconds as Go's Duration.Seconds does", () => {
    expect(goDurationSeconds(40n * M)).to.equal(2400);
    expect(goDurationSeconds(-(2n * M + 3n * S + 400n * MS))).to.equal(-123.4);
    expect(goDurationSeconds(12n * US)).to.equal(12e-6);
    expect(goDurationSeconds(MAX)).to.equal(9223372036 + 0.854775807);
  });
});

describe("custom timeouts of a registration", function () {
  this.timeout(300_000);
  const runs = new QueuedRuns();
  before(() => runs.queueRun("fail-custom-timeout"));

  it("records each set timeout in seconds and an unset one as 0", async () => {
    const rec = await recordComponent(() => {
      new aws.sns.Topic("timed", {}, { customTimeouts: { create: "40m", update: "1h30m" } });
    });
    expect(findOne(rec, "aws:sns/topic:Topic", "timed").options.customTimeouts).to.deep.equal({
      createSeconds: 2400,
      updateSeconds: 5400,
      deleteSeconds: 0,
    });
  });

  it("fails a registration whose timeout Go cannot parse, with the engine's message", async () => {
    let failure: unknown;
    try {
      await recordComponent(() => {
        new aws.sns.Topic("daily", {}, { customTimeouts: { delete: "2d" } });
      });
    } catch (e) {
      failure = e;
    }
    expect(String(failure)).to.contain(
      "failed to register new resource daily [aws:sns/topic:Topic]: unable to parse customTimeout Value 2d",
    );
  });

  it("stops the program's run at the resource's line, as `pulumi preview` does", async () => {
    const f = await failsAtLine(
      runs,
      "fail-custom-timeout",
      "new aws.dynamodb.Table(",
      "unable to parse customTimeout Value 1d",
    );
    expect(f.kind).to.equal("error");
  });
});
