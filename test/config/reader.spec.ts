// The generic config reader (components/config/reader.ts) on sections made up here: it knows no
// layer, so its behaviour is checked on its own, key kind by key kind.
import { expect } from "chai";
import { ConfigError, readConfig } from "../../components/config/reader";
import { section } from "../../components/keys";

const IDENTITY = section({
  title: "Identity",
  summary: "read first",
  keys: {
    environment: {
      key: "environment",
      kind: "string",
      oneOf: ["dev", "live"],
      required: true,
      description: "d",
      allowed: `"dev" or "live"`,
    },
  },
});

const SIZES = section({
  title: "Sizes",
  summary: "s",
  keys: {
    count: {
      key: "count",
      kind: "integer",
      min: 1,
      max: 9,
      default: 2,
      description: "d",
      allowed: "an integer from 1 to 9 (live: at least 3)",
      rules: [
        {
          environment: "live",
          text: "at least 3",
          check: (n) => (n !== undefined && n < 3 ? `live needs 3, got ${n}` : undefined),
        },
      ],
    },
    max: {
      key: "max",
      kind: "integer",
      min: 1,
      max: 99,
      derivedDefault: { text: "2 × count", value: (ctx) => (ctx.value<number>("count") ?? 1) * 2 },
      description: "d",
      check: (m, ctx) => {
        const count = ctx.value<number>("count");
        if (count !== undefined && m < count) ctx.fail("max", `${m} is below count ${count}`);
      },
    },
    ratio: { key: "ratio", kind: "number", min: 0, max: 1, description: "d" },
    on: { key: "on", kind: "boolean", default: false, description: "d" },
    names: {
      key: "names",
      kind: "strings",
      description: "d",
      appliesWhen: { text: "platform:on is true", holds: (ctx) => ctx.value<boolean>("on") },
    },
    ports: { key: "ports", kind: "integers", default: [443], description: "d" },
    region: { key: "aws:region", kind: "string", description: "d" },
  },
  rules: (v, ctx) => {
    if (v.ratio !== undefined && v.count !== undefined && v.ratio * v.count > 5) {
      ctx.fail("ratio", "is too large for count");
    }
  },
  build: (v) => ({ total: v.count + v.max, ports: v.ports }),
});

const read = (raw: Record<string, unknown>, stack?: string) =>
  readConfig(raw, [IDENTITY, SIZES], {
    namespace: "platform",
    stack,
    environment: (ctx) => (stack === "live" ? "live" : ctx.value<string>("environment")),
  });

function problems(raw: Record<string, unknown>, stack?: string): string[] {
  try {
    read(raw, stack);
  } catch (e) {
    expect(e).to.be.instanceOf(ConfigError);
    return [...(e as ConfigError).problems];
  }
  return [];
}

describe("config reader", () => {
  it("applies defaults, derived defaults and builds each section's settings", () => {
    const { settings } = read({ "platform:environment": "dev", "platform:count": "4" });
    expect(settings.Identity).to.deep.equal({ environment: "dev" });
    expect(settings.Sizes).to.deep.equal({ total: 12, ports: [443] });
  });

  it("reads values as the CLI stores them (strings, JSON lists) and as native YAML values", () => {
    const raw = {
      "platform:environment": "dev",
      "platform:count": 3,
      "platform:max": "7",
      "platform:ratio": "0.5",
      "platform:on": "true",
      "platform:names": '["a","b"]',
      "platform:ports": ["80", 8080],
    };
    expect(read(raw).settings.Sizes).to.deep.equal({ total: 10, ports: [80, 8080] });
  });

  it("reports every problem at once, each by its full key, in declaration order", () => {
    expect(
      problems({
        "platform:count": "many",
        "platform:max": 0,
        "platform:ratio": "half",
        "platform:on": "yes",
        "platform:names": "a",
        "platform:ports": ["x"],
        "platform:typo": 1,
      }),
    ).to.deep.equal([
      "platform:typo: is not a known key; known keys: environment, count, max, ratio, on, names, ports",
      `platform:environment: is required; set it to "dev" or "live"`,
      'platform:count: must be an integer, got "many"',
      "platform:max: 0 is out of range; use 1 to 99",
      'platform:ratio: must be a number, got "half"',
      'platform:on: must be true or false, got "yes"',
      'platform:names: must be a list (YAML list or JSON array), got "a"',
      'platform:ports: must be a list of integers, got ["x"]',
    ]);
  });

  it("refuses a value outside its allowed values, and drops it for later rules", () => {
    expect(problems({ "platform:environment": "prod" })).to.deep.equal([
      `platform:environment: "prod" is not allowed; use "dev" or "live"`,
    ]);
  });

  it("checks a default like a set value, against values read before it", () => {
    expect(
      problems({ "platform:environment": "dev", "platform:count": 5, "platform:max": 4 }),
    ).to.deep.equal(["platform:max: 4 is below count 5"]);
  });

  it("holds a key to its environment's rules, defaults included", () => {
    expect(problems({ "platform:environment": "live" })).to.deep.equal([
      "platform:count: live needs 3, got 2",
    ]);
    expect(problems({ "platform:environment": "live", "platform:count": 3 })).to.deep.equal([]);
    // The environment may follow the stack rather than the key.
    expect(problems({ "platform:environment": "dev" }, "live")).to.deep.equal([
      "platform:count: live needs 3, got 2",
    ]);
  });

  it("refuses a key that applies only with another setting, and runs the section's own rules", () => {
    expect(
      problems({
        "platform:environment": "dev",
        "platform:names": ["a"],
        "platform:ratio": 0.9,
        "platform:count": 9,
        "platform:max": 20,
      }),
    ).to.deep.equal([
      "platform:names: applies only when platform:on is true",
      "platform:ratio: is too large for count",
    ]);
  });

  it("leaves keys of other namespaces alone unless declared", () => {
    const { settings } = read({
      "platform:environment": "dev",
      "aws:region": "eu-west-1",
      "aws:profile": "x",
    });
    expect(settings.Sizes).to.deep.equal({ total: 6, ports: [443] });
  });

  it("builds no later section once a problem is reported, so a build may rely on every value", () => {
    const built: string[] = [];
    const later = section({
      title: "Later",
      summary: "read last",
      keys: { port: { key: "port", kind: "integer", default: 1, description: "d" } },
      rules: () => void built.push("rules"),
      build: (v) => {
        built.push("build");
        return v.port;
      },
    });
    const run = (raw: Record<string, unknown>) =>
      readConfig(raw, [IDENTITY, SIZES, later], { namespace: "platform" });
    expect(() => run({ "platform:environment": "dev", "platform:count": 0 })).to.throw(ConfigError);
    expect(built).to.deep.equal(["rules"]);
    expect(run({ "platform:environment": "dev" }).settings.Later).to.equal(1);
    expect(built).to.deep.equal(["rules", "rules", "build"]);
  });

  it("builds nothing when a section has problems, and names the problems in one error", () => {
    let error: unknown;
    try {
      read({ "platform:environment": "dev", "platform:count": 0 });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as Error).message).to.match(
      /^Invalid stack configuration \(1 problem\):\n  - platform:count: 0 is out of range/,
    );
    expect((error as Error).message).to.match(/pulumi config set <key> <value>/);
  });
});
