// The check keeps each policy's resource types between runs (tools/check/policy-types.ts), so a
// run does not load every rule in its own process: a kept entry must be used only while the pack
// is unchanged, and must read back exactly what the rules gave.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cachedPolicyTypes, PolicyTypes } from "../../tools/check/policy-types";

const TYPES: PolicyTypes = new Map([
  ["s3-bucket-public-access-blocked", ["aws:s3/bucket:Bucket"]],
  ["iam-no-wildcard", []],
]);

function makePack(): { pack: string; cache: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-types-"));
  const pack = path.join(dir, "pack");
  fs.mkdirSync(path.join(pack, "policies"), { recursive: true });
  fs.writeFileSync(path.join(pack, "package.json"), '{ "name": "pack" }');
  fs.writeFileSync(path.join(pack, "policies", "s3.ts"), "export const a = 1;\n");
  fs.writeFileSync(path.join(dir, "package-lock.json"), '{ "lockfileVersion": 3 }');
  return { pack, cache: path.join(dir, "cache") };
}

/** A reader that counts how often the rules were loaded. */
function reader(types: PolicyTypes = TYPES) {
  const calls = { n: 0 };
  return {
    calls,
    read: async () => {
      calls.n++;
      return types;
    },
  };
}

describe("check: the policies' resource types kept between runs", () => {
  it("reads the rules once, then answers the same types from the cache", async () => {
    const { pack, cache } = makePack();
    const r = reader();
    const first = await cachedPolicyTypes(pack, cache, r.read);
    const second = await cachedPolicyTypes(pack, cache, r.read);
    expect(r.calls.n).to.equal(1);
    expect([...second]).to.deep.equal([...TYPES]);
    expect([...first]).to.deep.equal([...TYPES]);
  });

  it("an entry in use is kept over newer ones, however long ago it was written", async () => {
    // Checkouts and branches sharing node_modules each write entries of their own: an entry read
    // on every run must not be the first to go when 16 newer ones have been written.
    const { pack, cache } = makePack();
    const rule = path.join(pack, "policies", "s3.ts");
    const r = reader();
    await cachedPolicyTypes(pack, cache, r.read);
    const [inUse] = fs.readdirSync(path.join(cache, "policy-types"));
    const longAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(path.join(cache, "policy-types", inUse), longAgo, longAgo);
    const otherPack = async (i: number) => {
      fs.writeFileSync(rule, `export const a = ${i + 100};\n`);
      await cachedPolicyTypes(pack, cache, r.read);
      fs.writeFileSync(rule, "export const a = 1;\n");
    };
    for (let i = 0; i < 15; i++) await otherPack(i);
    await cachedPolicyTypes(pack, cache, r.read); // a run of the pack in use: served, marked used
    await otherPack(15); // the 17th entry: the oldest of the others goes
    expect(r.calls.n).to.equal(17);
    await cachedPolicyTypes(pack, cache, r.read);
    expect(r.calls.n, "the entry in use was still there").to.equal(17);
    expect(fs.readdirSync(path.join(cache, "policy-types"))).to.have.length(16);
  });

  it("reads the rules again when a rule file, a new file or the lock file changes", async () => {
    const { pack, cache } = makePack();
    const r = reader();
    await cachedPolicyTypes(pack, cache, r.read);
    fs.writeFileSync(path.join(pack, "policies", "s3.ts"), "export const a = 2;\n");
    await cachedPolicyTypes(pack, cache, r.read);
    fs.writeFileSync(path.join(pack, "policies", "kms.ts"), "export const b = 1;\n");
    await cachedPolicyTypes(pack, cache, r.read);
    fs.writeFileSync(path.join(path.dirname(pack), "package-lock.json"), '{ "v": 2 }');
    await cachedPolicyTypes(pack, cache, r.read);
    expect(r.calls.n).to.equal(4);
  });

  it("ignores what the pack's node_modules and hidden folders hold", async () => {
    const { pack, cache } = makePack();
    const r = reader();
    await cachedPolicyTypes(pack, cache, r.read);
    for (const dir of ["node_modules", ".git"]) {
      fs.mkdirSync(path.join(pack, dir), { recursive: true });
      fs.writeFileSync(path.join(pack, dir, "x.js"), "1");
    }
    await cachedPolicyTypes(pack, cache, r.read);
    expect(r.calls.n).to.equal(1);
  });

  it("reads the rules again over a damaged entry, and without a cache folder every time", async () => {
    const { pack, cache } = makePack();
    const r = reader();
    await cachedPolicyTypes(pack, cache, r.read);
    const dir = path.join(cache, "policy-types");
    for (const f of fs.readdirSync(dir)) fs.writeFileSync(path.join(dir, f), '[["x", [1]]]');
    const types = await cachedPolicyTypes(pack, cache, r.read);
    expect([...types]).to.deep.equal([...TYPES]);
    await cachedPolicyTypes(pack, undefined, r.read);
    await cachedPolicyTypes(pack, undefined, r.read);
    expect(r.calls.n).to.equal(4);
  });
});
