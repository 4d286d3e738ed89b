// The config reads that failed, recorded where the program made them (tools/lib/engine/
// config-sites.js): every failed read of a key is recorded, so the report can name the last one,
// the read that stopped the program (an earlier one may have been caught), and a program that
// retries in a loop writes a bounded number of records. The keys read with a value are recorded
// once each, so a refused input is traced only to config the program read.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readSites } from "../../tools/lib/engine/diagnose";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { recordConfigSites } = require("../../tools/lib/engine/config-sites");

class Config {
  constructor(readonly name: string) {}
  fullKey(key: string): string {
    return `${this.name}:${key}`;
  }
  requireNumber(key: string): number {
    throw new Error(`Missing required configuration variable '${this.fullKey(key)}'`);
  }
  getNumber(key: string): number {
    throw new Error(`Configuration '${this.fullKey(key)}' value 'abc' is not a valid number`);
  }
}

describe("config reads that failed, where the program made them", () => {
  const records: { token: string; line: number }[] = [];
  let line = 0;
  before(() =>
    recordConfigSites(
      { Config },
      (r: any) => records.push(r),
      () => ({ file: "index.ts", line: ++line, column: 1 }),
    ),
  );
  beforeEach(() => {
    records.length = 0;
    line = 0;
  });

  it("records each failed read of a key, the caught one and the one after it", () => {
    const cfg = new Config("p3");
    let port: number;
    try {
      port = cfg.getNumber("port");
    } catch {
      port = 80;
    }
    expect(port).to.equal(80);
    expect(() => cfg.requireNumber("port")).to.throw(
      "Missing required configuration variable 'p3:port'",
    );
    expect(records.map((r) => [r.token, r.line])).to.deep.equal([
      ["config:p3:port", 1],
      ["config:p3:port", 2],
    ]);
  });

  it("records at most twenty failed reads of one key", () => {
    const cfg = new Config("p3");
    for (let i = 0; i < 30; i++)
      expect(() => cfg.getNumber("retries")).to.throw("not a valid number");
    expect(records).to.have.length(20);
  });
});

/** A Config whose getters succeed, `require` through `get` as the SDK's do. */
class ReadConfig {
  constructor(readonly name: string) {}
  fullKey(key: string): string {
    return `${this.name}:${key}`;
  }
  get(key: string): string | undefined {
    return { size: "5", name: "web" }[key];
  }
  require(key: string): string {
    const v = this.get(key);
    if (v === undefined) throw new Error(`Missing required configuration variable '${key}'`);
    return v;
  }
}

describe("config keys the program read", () => {
  const records: { token: string; line?: number }[] = [];
  let line = 0;
  before(() =>
    recordConfigSites(
      { Config: ReadConfig },
      (r: any) => records.push(r),
      () => ({ file: "index.ts", line: ++line, column: 1 }),
    ),
  );

  it("records each key read once, at the first read, and never a key without a value", () => {
    const cfg = new ReadConfig("app");
    expect(cfg.require("size")).to.equal("5");
    expect(cfg.get("size")).to.equal("5");
    expect(cfg.get("name")).to.equal("web");
    expect(cfg.get("unset")).to.equal(undefined);
    // require → get is one read; the program's line is looked up once per key (the fake frame
    // counts the lookups), never again for a key already recorded.
    expect(records.map((r) => [r.token, r.line])).to.deep.equal([
      ["config-read:app:size", 1],
      ["config-read:app:name", 2],
    ]);
  });
});

describe("the keys read, as the check reads them back", () => {
  it("keeps each key once with the first line known, and apart from the failed reads", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "config-reads-"));
    const file = path.join(dir, "sites.jsonl");
    const at = { file: "/p/index.ts", line: 4, column: 1 };
    fs.writeFileSync(
      file,
      [
        { token: "config-read:app:a" },
        { token: "config-read:app:a", ...at },
        { token: "config-read:app:a", ...at, line: 9 },
        { token: "config:app:b", ...at },
      ]
        .map((r) => JSON.stringify(r))
        .join("\n"),
    );
    try {
      const { configReads, sites } = readSites(file);
      expect([...configReads]).to.deep.equal([["app:a", at]]);
      expect([...sites.keys()]).to.deep.equal(["config:app:b"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
