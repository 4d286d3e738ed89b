// The config reads that failed, recorded where the program made them (tools/lib/engine/
// config-sites.js): every failed read of a key is recorded, so the report can name the last one,
// the read that stopped the program (an earlier one may have been caught), and a program that
// retries in a loop writes a bounded number of records.
import { expect } from "chai";
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
