// The code cache's folder (tools/lib/engine/code-cache.js): each entry sealed with its digest, so
// a damaged one is compiled again and rewritten before V8 reads it, and the sweep that keeps the
// folder within its cap of disk blocks, once a day or as soon as a tally of what was written says.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  cacheEntry,
  cacheFolder,
  codeCache,
  makeProject,
  PRELOAD,
  run,
} from "./code-cache-fixture";

// The module itself, not a copy of its bindings: the write's rename is watched through it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs = require("fs") as typeof fs;

describe("program process: the code cache's folder", function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = makeProject();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("an entry with a changed byte is compiled from source and written again, never read by V8", () => {
    // V8 does not check a cached payload in release builds: a changed byte crashed the process
    // (SIGSEGV or SIGTRAP in CodeSerializer::Deserialize). Each entry is sealed with its digest.
    const cache = path.join(dir, "cache-damaged");
    const plain = run(dir);
    run(dir, cache);
    const files = fs.readdirSync(cache).filter((f) => f.endsWith(".v8"));
    expect(files).to.have.length(2);
    const damaged = new Map<string, Buffer>();
    for (const f of files) {
      const bytes = fs.readFileSync(path.join(cache, f));
      bytes[Math.floor(bytes.length / 2)] ^= 0xff;
      fs.writeFileSync(path.join(cache, f), bytes);
      damaged.set(f, bytes);
    }
    const env = { ...process.env, OFFLINE_CODE_CACHE: cache };
    const res = spawnSync(process.execPath, ["-r", PRELOAD, "main.js"], { cwd: dir, env });
    expect(res.signal, res.stderr.toString()).to.equal(null);
    expect(res.status, res.stderr.toString()).to.equal(0);
    expect(JSON.parse(res.stdout.toString("utf8"))).to.deep.equal(plain);
    for (const [f, bytes] of damaged) {
      const now = fs.readFileSync(path.join(cache, f));
      expect(now.equals(bytes), `${f} written again`).to.equal(false);
      expect(cacheFolder().unseal(now), `${f} sealed`).to.not.equal(undefined);
    }
    expect(run(dir, cache)).to.deep.equal(plain);
  });

  it("a sweep, once a day, removes entries unused for 30 days, then the oldest over the cap of disk blocks", () => {
    const { sweepCodeCache } = codeCache();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "code-cache-sweep-"));
    try {
      const now = Date.now();
      const entry = (name: string, daysAgo: number, bytes: number) =>
        cacheEntry(dir, name, now - daysAgo * 86_400_000, bytes);
      entry("stale.v8", 40, 10);
      entry("old.v8", 20, 100);
      // A 100-byte entry takes a whole block of disk: the cap counts blocks, not lengths.
      const block = entry("recent.v8", 2, 100);
      expect(block).to.be.greaterThan(100);
      entry("new.v8", 0, 100);
      entry("left.v8.123.tmp", 31, 5);
      fs.writeFileSync(path.join(dir, "notes.txt"), "not an entry");
      // Three blocks are over a cap of 2.5 blocks (their lengths, 300 bytes, are not).
      expect(sweepCodeCache(dir, { now, maxBytes: 2.5 * block })).to.equal(3);
      expect(fs.readdirSync(dir).sort()).to.deep.equal([
        ".swept",
        ".written",
        "new.v8",
        "notes.txt",
        "recent.v8",
      ]);
      // The tally starts from what is left: one byte per 4 KB of the two entries' disk blocks
      // together, rounded up, whatever the file system's block size (a 512-byte inline entry,
      // 4 KB blocks, 64 KB clusters). Swept less than a day ago, and the tally is within the
      // cap: the folder is not even listed (listed, a target of 0 would remove both).
      const left = ["new.v8", "recent.v8"].map((f) => fs.statSync(path.join(dir, f)).blocks * 512);
      const tallied = fs.statSync(path.join(dir, ".written")).size;
      expect(tallied).to.equal(Math.ceil((left[0] + left[1]) / 4096));
      const tally = tallied * 4096;
      expect(sweepCodeCache(dir, { now, maxBytes: tally, targetBytes: 0 })).to.equal(0);
      expect(sweepCodeCache(dir, { now: now + 86_400_001, maxBytes: 0 })).to.equal(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an entry another process removes while the folder is listed is left out, not the end of the sweep", () => {
    // The two unit-test processes of `npm test`, and checkouts sharing node_modules, sweep and
    // trim the same folders: an entry listed, then removed by the other process before its
    // `stat`, is a dangling link here (its `stat` fails with ENOENT just the same).
    const { sweepCodeCache } = codeCache();
    const { keepNewest } = cacheFolder();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "code-cache-gone-"));
    try {
      const now = Date.now();
      const entry = (name: string, minutesAgo: number) =>
        cacheEntry(dir, name, now - minutesAgo * 60_000);
      const gone = () =>
        fs.symlinkSync(path.join(dir, "removed-meanwhile"), path.join(dir, "gone.v8"));
      gone();
      entry("a.v8", 3);
      entry("b.v8", 2);
      const block = entry("c.v8", 1);
      expect(sweepCodeCache(dir, { now, maxBytes: 2.5 * block, targetBytes: 2 * block })).to.equal(
        1,
      );
      expect(
        fs
          .readdirSync(dir)
          .filter((f) => f !== "gone.v8" && f.endsWith(".v8"))
          .sort(),
      ).to.deep.equal(["b.v8", "c.v8"]);
      keepNewest(dir, 1, ".v8");
      expect(
        fs
          .readdirSync(dir)
          .filter((f) => f.endsWith(".v8"))
          .sort(),
      ).to.deep.equal(["c.v8", "gone.v8"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an entry is written whole under a temporary name of its own, and a failed write leaves none", () => {
    const { writeEntry } = cacheFolder();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cache-entry-"));
    try {
      // Two writes of one entry, each renamed from a temporary file of its own beside the entry:
      // `.<name>.<process id>.<random>.tmp`, so two writers sharing a process id do not share it.
      const renamed: string[] = [];
      const rename = nodeFs.renameSync;
      nodeFs.renameSync = (from: fs.PathLike, to: fs.PathLike) => {
        renamed.push(String(from));
        rename(from, to);
      };
      try {
        writeEntry(path.join(dir, "sub", "a.v8"), "first");
        writeEntry(path.join(dir, "sub", "a.v8"), "kept");
      } finally {
        nodeFs.renameSync = rename;
      }
      expect(renamed).to.have.length(2);
      expect(renamed[0]).to.not.equal(renamed[1]);
      for (const tmp of renamed) {
        expect(path.dirname(tmp)).to.equal(path.join(dir, "sub"));
        expect(path.basename(tmp)).to.match(
          new RegExp(`^\\.a\\.v8\\.${process.pid}\\.[0-9a-f]{12}\\.tmp$`),
        );
      }
      expect(fs.readFileSync(path.join(dir, "sub", "a.v8"), "utf8")).to.equal("kept");
      // A folder where the entry should go: the rename fails, and the temporary file goes too.
      fs.mkdirSync(path.join(dir, "sub", "b.v8", "inside"), { recursive: true });
      expect(() => writeEntry(path.join(dir, "sub", "b.v8"), "lost")).to.throw();
      expect(fs.readdirSync(path.join(dir, "sub")).sort()).to.deep.equal(["a.v8", "b.v8"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a folder swept today is swept again once what was written since passes the cap", () => {
    const { sweepCodeCache } = codeCache();
    const cache = path.join(dir, "cache-tally");
    fs.mkdirSync(cache);
    const now = Date.now();
    expect(sweepCodeCache(cache, { now })).to.equal(0);
    const tally = () => fs.statSync(path.join(cache, ".written")).size * 4096;
    expect(tally()).to.equal(0);
    run(dir, cache); // writes two entries, and counts them
    const written = fs
      .readdirSync(cache)
      .filter((f) => f.endsWith(".v8"))
      .reduce((sum, f) => sum + fs.statSync(path.join(cache, f)).blocks * 512, 0);
    expect(tally()).to.be.at.least(written);
    expect(sweepCodeCache(cache, { now, maxBytes: tally() })).to.equal(0);
    expect(sweepCodeCache(cache, { now, maxBytes: tally() - 1, targetBytes: 0 })).to.equal(2);
    expect(tally(), "the tally starts again from what is left").to.equal(0);
    // A folder swept today before tallies were kept is swept at once, which starts its tally.
    expect(sweepCodeCache(cache, { now })).to.equal(0);
    fs.rmSync(path.join(cache, ".written"));
    fs.writeFileSync(path.join(cache, "kept.v8"), "x");
    expect(sweepCodeCache(cache, { now, maxBytes: 1, targetBytes: 0 })).to.equal(1);
    expect(tally()).to.equal(0);
  });
});
