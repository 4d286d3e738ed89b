// The policy pack's compile cache (tools/lib/engine/pack-preload.js): ts-node's outputs recorded
// by a type-checked load and served to the next one, the pack's GetAnalyzerInfo answer kept sealed
// by its digest (tools/lib/engine/analyzer-info-cache.js) and V8's code cache next to them.
import { expect } from "chai";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { Analyzer, AnalyzerError } from "../../tools/lib/engine/analyzer";
import { contextOf, rejection } from "../analyzer";
import { res } from "../policy/fixture";

const ROOT = path.resolve(__dirname, "..", "..");
const FIXTURE_PACKS = path.join(ROOT, "test", "fixtures", "policy-packs");

describe("policy pack analyzer: compile cache (tools/lib/engine/pack-preload.js)", function () {
  this.timeout(120_000);

  let dir: string;
  let cache: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tiny-pack-"));
    cache = path.join(dir, ".cache");
    for (const f of fs.readdirSync(path.join(FIXTURE_PACKS, "tiny"))) {
      fs.copyFileSync(path.join(FIXTURE_PACKS, "tiny", f), path.join(dir, f));
    }
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const topic = () => res("aws:sns/topic:Topic", "x", { name: "x" });
  const messages = async (analyzer: Analyzer) =>
    (await analyzer.analyze(contextOf([topic()]), [topic()])).map((d) => d.message);

  it("a type-checked load fills it; a later load with the same sources is served from it; close stops the process", async () => {
    const cold = await Analyzer.start({ packDir: dir, compileCache: cache });
    expect(await messages(cold)).to.deep.equal([
      "Every topic has a name.\ntiny fixture: the topic's name does not start with 't-'",
    ]);
    await cold.close();
    const entries = fs.readdirSync(cache).filter((f) => f.endsWith(".json"));
    expect(entries).to.have.length(1);
    // The pack's GetAnalyzerInfo answer is kept too (sealed by its SHA-256 digest): a kept
    // answer resealed with another description is what the warm load answers with.
    const kept = path.join(cache, "analyzer-info-bytes");
    const [bin] = fs.readdirSync(kept).filter((f) => f.endsWith(".bin"));
    const answer = analyzerpb.AnalyzerInfo.deserializeBinary(
      fs.readFileSync(path.join(kept, bin)).subarray(32),
    );
    answer.getPoliciesList()[0].setDescription("Served from the kept answer.");
    const bytes = Buffer.from(answer.serializeBinary());
    const digest = crypto.createHash("sha256").update(bytes).digest();
    fs.writeFileSync(path.join(kept, bin), Buffer.concat([digest, bytes]));
    // Next to the outputs, V8's code cache of what the pack loaded from node_modules.
    expect(fs.readdirSync(path.join(cache, "v8")).length).to.be.greaterThan(10);
    // What a warm load runs is the recorded output: change it, and the pack says so.
    const file = path.join(cache, entries[0]);
    const entry = JSON.parse(fs.readFileSync(file, "utf8"));
    const index = Object.keys(entry.files).find((f) => f.endsWith("index.ts"))!;
    entry.files[index].output = entry.files[index].output.replace(
      'const NOTE = "tiny fixture"',
      'const NOTE = "served from the cache"',
    );
    fs.writeFileSync(file, JSON.stringify(entry));
    // Written long ago: serving it marks it used, so newer entries of other checkouts do not
    // push it out of the 16 kept.
    const longAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(file, longAgo, longAgo);
    const warmStarted = Date.now();
    const warm = await Analyzer.start({ packDir: dir, compileCache: cache });
    expect(fs.statSync(file).mtimeMs, "served entry marked used").to.be.at.least(
      warmStarted - 1000,
    );
    expect(await messages(warm)).to.deep.equal([
      "Every topic has a name.\nserved from the cache: the topic's name does not start with 't-'",
    ]);
    expect(warm.info.policies[0].description).to.equal("Served from the kept answer.");
    // Closing stops the pack's process.
    const pid = (warm as unknown as { pack: { child: { pid: number } } }).pack.child.pid;
    expect(() => process.kill(pid, 0)).to.not.throw();
    await warm.close();
    expect(() => process.kill(pid, 0)).to.throw();
  });

  it("a changed source is type-checked again, and a type error fails the load (nothing is stored)", async () => {
    const source = path.join(dir, "index.ts");
    fs.writeFileSync(
      source,
      fs
        .readFileSync(source, "utf8")
        .replace('const NOTE = "tiny fixture";', "const NOTE: number = 'x';"),
    );
    const e = (await rejection(
      Analyzer.start({ packDir: dir, compileCache: cache }),
    )) as AnalyzerError;
    expect(e.output.join("\n")).to.contain("TS2322");
    expect(fs.readdirSync(cache).filter((f) => f.endsWith(".json"))).to.have.length(1);
  });
});
