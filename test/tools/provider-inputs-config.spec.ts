// The config key a refused input may come from (tools/check/provider-refusals.ts): only keys the
// program read in the run, whose value as the program receives it is the refused one, each with
// where its value came from (stack file line, Pulumi.yaml default, --config) and the line that
// read it; one key is told to change there, several are listed without that advice.
import { expect } from "chai";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import { refusedAcrossPhases } from "../../tools/lib/provider-checks";
import {
  configKeysOf,
  configReadsOf,
  describeProviderRefusals,
  ProviderInputError,
  RefusalConfig,
} from "../../tools/check/provider-refusals";
import { COMPLIANT } from "./provider-inputs-cases";
import { LOAD_BALANCERS } from "./provider-inputs-cases-balancers";

const STACK_FILE = "/srv/app/Pulumi.dev.yaml";
const READ_AT = { file: "/srv/app/index.ts", line: 12, column: 5 };

/** A stack whose keys hold the refused 4001 in every way a key can, all read by the program. */
const CONFIG: RefusalConfig = {
  values: {
    "app:idleTimeout": "4001",
    "app:token": "4001",
    "app:enabled": "true",
    "app:name": "web",
  },
  sources: {
    "app:idleTimeout": { from: "stack", file: STACK_FILE, line: 3 },
    "app:token": { from: "stack", file: STACK_FILE, line: 4 },
    "app:enabled": { from: "stack", file: STACK_FILE, line: 5 },
    "app:name": { from: "stack", file: STACK_FILE, line: 6 },
  },
  secretKeys: ["app:token"],
  reads: new Map([
    ["app:idleTimeout", READ_AT],
    ["app:token", undefined],
    ["app:enabled", undefined],
    ["app:name", undefined],
  ]),
};

const LB = LOAD_BALANCERS[0];

function refused(inputs: Record<string, unknown>, name = "web") {
  const meta = { stack: "dev", project: "app", outputs: {} };
  const r = handBuiltResource(LB, name, { ...COMPLIANT[LB], ...inputs }, meta);
  return refusedAcrossPhases([{ phase: "preview", resources: [r] }]);
}

/** CONFIG with `key` added: its value, source and whether the program read it. */
function withKey(
  key: string,
  value: string,
  source: RefusalConfig["sources"][string],
  read = true,
): RefusalConfig {
  const reads = new Map(CONFIG.reads);
  if (read && !reads.has(key)) reads.set(key, undefined);
  return {
    ...CONFIG,
    values: { ...CONFIG.values, [key]: value },
    sources: { ...CONFIG.sources, [key]: source },
    reads,
  };
}

const text = (
  config: RefusalConfig | undefined,
  inputs: Record<string, unknown> = { idleTimeout: 4001 },
) => describeProviderRefusals(new ProviderInputError("dev", refused(inputs), config));

describe("provider inputs: the config key a refused value may come from", () => {
  it("names the one key read that holds the value, where it is set and where it was read", () => {
    const [r] = refused({ idleTimeout: 4001 });
    expect(configKeysOf(r, CONFIG)).to.deep.equal(["app:idleTimeout"]);
    // Right after the value it is about; never the secret key that holds the same text.
    expect(text(CONFIG)).to.include(
      "    idleTimeout = 4001\n" +
        "    may come from config key app:idleTimeout (/srv/app/Pulumi.dev.yaml:3, read at " +
        "/srv/app/index.ts:12): if so, change it there\n",
    );
  });

  it("names a key read whose value is a deployment tool's unsubstituted placeholder that the refused name holds", () => {
    // An Octopus Deploy stack file kept as a template: `#{lbName}` reaches the name as is.
    const octopus = withKey("app:lbName", "#{lbName}", {
      from: "stack",
      file: STACK_FILE,
      line: 7,
    });
    const out = text(octopus, { name: "#{lbName}-web" });
    expect(out).to.include(
      '    holds "#{lbName}" of config key app:lbName (/srv/app/Pulumi.dev.yaml:7): an Octopus ' +
        "Deploy variable reference (#{...}) that was never substituted; give the value the " +
        "deployment tool would (--config app:lbName=<value>)\n",
    );
    // The refused value is the placeholder itself: that key matches the value whole too, but gets
    // the placeholder's advice only, never "change it there" beside it.
    const exact = text(octopus, { name: "#{lbName}" });
    expect(exact).to.include('    holds "#{lbName}" of config key app:lbName');
    expect(exact).to.not.include("may come from config key app:lbName");
    expect(exact).to.not.include("if so, change it there");
    // A name that does not hold it, or a key the program never read: no such line.
    expect(text(octopus, { name: "web_1" })).to.not.include("holds ");
    const unread = withKey(
      "app:lbName",
      "#{lbName}",
      { from: "stack", file: STACK_FILE, line: 7 },
      false,
    );
    expect(text(unread, { name: "#{lbName}-web" })).to.not.include("holds ");
  });

  it("never names a key the program did not read, however its value reads", () => {
    const unread = withKey(
      "app:other",
      "4001",
      { from: "stack", file: STACK_FILE, line: 9 },
      false,
    );
    const [r] = refused({ idleTimeout: 4001 });
    expect(configKeysOf(r, unread)).to.deep.equal(["app:idleTimeout"]);
    const none: RefusalConfig = { ...unread, reads: new Map() };
    expect(configKeysOf(r, none)).to.deep.equal([]);
    expect(text(none)).to.not.include("may come from");
  });

  it("lists every key read that holds the value, without telling which to change", () => {
    const two = withKey("app:retries", "4001.0", { from: "--config" });
    const [r] = refused({ idleTimeout: 4001 });
    // A number matches the digits that read as it, as the program's getNumber reads them.
    expect(configKeysOf(r, two)).to.deep.equal(["app:idleTimeout", "app:retries"]);
    const out = text(two);
    expect(out).to.include(
      "    may come from config key app:idleTimeout (/srv/app/Pulumi.dev.yaml:3, read at " +
        "/srv/app/index.ts:12) or app:retries (--config of this run): each holds this value\n",
    );
    expect(out).to.not.include("change it there");
  });

  it("says where a Pulumi.yaml default or a --config value was set, not the stack file", () => {
    const project = { from: "project", file: "/srv/app/Pulumi.yaml", line: 7, kind: "default" };
    const fromDefault = withKey("app:idleTimeout", "4001", project as never);
    expect(text(fromDefault)).to.include(
      "may come from config key app:idleTimeout (default in /srv/app/Pulumi.yaml:7, read at " +
        "/srv/app/index.ts:12)",
    );
    const fromFlag = withKey("app:idleTimeout", "4001", { from: "--config" });
    expect(text(fromFlag)).to.include(
      "may come from config key app:idleTimeout (--config of this run, read at /srv/app/index.ts:12)",
    );
  });

  it("matches a string value exactly, as the program receives it", () => {
    const padded = withKey("app:idleTimeout", " 4001", { from: "stack", file: STACK_FILE });
    const [n] = refused({ idleTimeout: 4001 });
    // A number: " 4001" is 4001 to the SDK's getNumber (parseFloat), so it may be the source.
    expect(configKeysOf(n, padded)).to.deep.equal(["app:idleTimeout"]);
    const [s] = refused({ name: "web!" });
    expect(s.prop).to.equal("name");
    expect(configKeysOf(s, withKey("app:name", "web! ", { from: "--config" }))).to.deep.equal([]);
    expect(configKeysOf(s, withKey("app:name", "web!", { from: "--config" }))).to.deep.equal([
      "app:name",
    ]);
  });

  it("names none when no key holds the value, for an auto-name, or without the config", () => {
    const [other] = refused({ idleTimeout: 4002 });
    expect(configKeysOf(other, CONFIG)).to.deep.equal([]);
    expect(text(CONFIG, { idleTimeout: 4002 })).to.not.include("may come from");
    expect(text(undefined)).to.not.include("may come from");
    // A logical name that is also a config value: the name Pulumi makes is not the config's.
    const [autoNamed] = refused({ name: undefined }, "web_lb");
    expect(autoNamed.autoNamed).to.equal(true);
    const named = withKey("app:n", String(autoNamed.value), { from: "--config" });
    expect(configKeysOf(autoNamed, named)).to.deep.equal([]);
  });

  it("finds a value inside an object or list the program read with getObject/requireObject, by its --path", () => {
    const settings = JSON.stringify({
      lb: [{ idleTimeout: 4001, name: "web" }],
      "odd.name": { limit: "4001" },
      flags: [true, 4002],
    });
    const objects = withKey("app:settings", settings, { from: "stack", file: STACK_FILE, line: 8 });
    const [r] = refused({ idleTimeout: 4001 });
    expect(configKeysOf(r, objects)).to.deep.equal([
      "app:idleTimeout",
      "app:settings.lb[0].idleTimeout",
      'app:settings["odd.name"].limit',
    ]);
    const only = {
      ...objects,
      values: {
        ...objects.values,
        "app:settings": JSON.stringify({ lb: [{ idleTimeout: 4001 }] }),
      },
      reads: new Map([["app:settings", READ_AT]]),
    };
    expect(text(only)).to.include(
      "    idleTimeout = 4001\n" +
        "    may come from config key app:settings.lb[0].idleTimeout (/srv/app/Pulumi.dev.yaml:8, " +
        "read at /srv/app/index.ts:12): if so, change it there\n",
    );
    // A string leaf matches exactly; a boolean leaf, another number, or an unread key never.
    const [s] = refused({ name: "web!" });
    const named = withKey("app:names", JSON.stringify(["web", { n: "web!" }]), {
      from: "--config",
    });
    expect(configKeysOf(s, named)).to.deep.equal(["app:names[1].n"]);
    expect(configKeysOf(refused({ idleTimeout: 4002 })[0], only)).to.deep.equal([]);
    expect(configKeysOf(r, { ...objects, reads: new Map() })).to.deep.equal([]);
  });

  it("never searches a secret object, nor text that only looks like JSON", () => {
    const secret = {
      ...withKey("app:db", JSON.stringify({ port: 4001 }), { from: "stack", file: STACK_FILE }),
      secretKeys: ["app:db", "app:token"],
    };
    const [r] = refused({ idleTimeout: 4001 });
    expect(configKeysOf(r, secret)).to.deep.equal(["app:idleTimeout"]);
    const broken = withKey("app:raw", '{"port": 4001', { from: "stack", file: STACK_FILE });
    expect(configKeysOf(r, broken)).to.deep.equal(["app:idleTimeout"]);
  });

  it("gathers the keys read in every phase, the first line known for each", () => {
    const at = { file: "/srv/app/index.ts", line: 3, column: 1 };
    const reads = configReadsOf([
      { configReads: new Map([["app:a", undefined]]) },
      {
        configReads: new Map([
          ["app:a", at],
          ["app:b", undefined],
        ]),
      },
      {},
    ]);
    expect([...reads]).to.deep.equal([
      ["app:a", at],
      ["app:b", undefined],
    ]);
  });
});
