// Which resources the apply phase registered under another name than preview (a name computed
// anew in each run), against resources created inside `apply`: paired only when one resource of
// a type is missing on each side at one line and the names differ only in computed parts.
import { expect } from "chai";
import { renamedInLaterPhases } from "../../tools/check/combine";
import { looksGenerated, nameStem, namesAlike } from "../../tools/check/computed-names";
import type { EngineResource } from "../../tools/lib/engine/monitor";

const BUCKET = "aws:s3/bucket:Bucket";
const FILE = "file:///project/index.ts";

function res(name: string, line: number, type = BUCKET): EngineResource {
  return {
    urn: `urn:pulumi:dev::p::${type}::${name}`,
    type,
    name,
    custom: true,
    remote: false,
    inputs: {},
    outputs: {},
    dependencies: [],
    propertyDependencies: {},
    options: {},
    source: { uri: FILE, line, column: 1 },
  } as unknown as EngineResource;
}

const pairs = (preview: EngineResource[], apply: EngineResource[]) =>
  [...renamedInLaterPhases([{ resources: preview }, { resources: apply }]).values()].map(
    (r) => `${r.name} -> ${r.laterName}`,
  );

describe("resources named differently at apply", () => {
  it("pairs the one resource missing on each side of a line whose names differ in digits", () => {
    expect(pairs([res("logs-1733561234567", 3)], [res("logs-1733561239999", 3)])).to.deep.equal([
      "logs-1733561234567 -> logs-1733561239999",
    ]);
  });

  it("pairs names whose suffix is base 36 or mixed case (Date.now().toString(36), nanoid)", () => {
    expect(pairs([res("logs-mil2x5w3", 3)], [res("logs-mil2x9qa", 3)])).to.deep.equal([
      "logs-mil2x5w3 -> logs-mil2x9qa",
    ]);
    // Math.random().toString(36).slice(2): the length varies.
    expect(pairs([res("data-4fzyyz8k1q", 3)], [res("data-0pq7r2m", 3)])).to.have.length(1);
    expect(pairs([res("site-aB3dE9xQ_k", 3)], [res("site-Zk81PqWe_k", 3)])).to.have.length(1);
    // Glued to the name, without a separator.
    expect(pairs([res("logsmil2x5w3", 3)], [res("logsmil2x9qa", 3)])).to.have.length(1);
  });

  it("pairs names whose suffix is a URL-safe random id holding _ and - (nanoid's default alphabet)", () => {
    expect(
      pairs([res("logs-V1StGXR8_Z5jdHi6B-myT", 3)], [res("logs-Uakgb_J5m9g-0JDMbcJqL", 3)]),
    ).to.deep.equal(["logs-V1StGXR8_Z5jdHi6B-myT -> logs-Uakgb_J5m9g-0JDMbcJqL"]);
    // Separators at other places of the two ids, and an id that starts with one.
    expect(pairs([res("site-_x9Ab-Qr3t_Lm0", 3)], [res("site-Kp2-zR8_wQ1nX5", 3)])).to.have.length(
      1,
    );
    // Between written parts of the name.
    expect(
      pairs([res("app-Z5jdHi6B-myT_q-logs", 3)], [res("app-0JDM_bcJ-qLx9a-logs", 3)]),
    ).to.have.length(1);
  });

  it("does not pair names of one length whose differing parts are words, dates or short ids", () => {
    expect(namesAlike("logs-archive_2024-01", "logs-current_2025-02")).to.equal(false);
    expect(namesAlike("data-bucket-primary", "data-bucket-replica")).to.equal(false);
    expect(namesAlike("logs-aB3_x-Q", "logs-Zk8-p_W")).to.equal(false);
    expect(namesAlike("logs-V1StGXR8_Z5jdHi6B-myT", "data-Uakgb_J5m9g-0JDMbcJqL")).to.equal(false);
    expect(namesAlike("logs-V1StGXR8_Z5jdHi6B-myT", "logs-Uakgb_J5m9g-0JDMbcJqLx")).to.equal(false);
    // Written parts that differ by a letter next to the id: not an id's part.
    expect(namesAlike("logs-V1StGXR8_Z5jdHi6B-myT", "logz-Uakgb_J5m9g-0JDMbcJqL")).to.equal(false);
    // Written words joined by _ and -: set aside the separators, they would read as one id.
    expect(namesAlike("svc-orders_v2_blue", "svc-payment_v3_grn")).to.equal(false);
    expect(namesAlike("tbl-users_2024_q1-x", "tbl-order_2025_q2-x")).to.equal(false);
    expect(pairs([res("svc-orders_v2_blue", 3)], [res("svc-payment_v3_grn", 3)])).to.deep.equal([]);
  });

  it("does not pair through a shared helper line: a resource created inside apply is not the renamed one", () => {
    // const bucket = (n) => new aws.s3.Bucket(n): base, copy-N (inside apply), logs-<time>.
    const preview = [res("base", 2), res("logs-1733561234567", 2)];
    const apply = [res("base", 2), res("copy-62", 2), res("logs-1733561239999", 2)];
    expect(pairs(preview, apply)).to.deep.equal([]);
  });

  it("does not pair one on each side whose names differ in more than computed parts", () => {
    expect(
      pairs([res("base", 2), res("logs-17", 2)], [res("base", 2), res("copy-62", 2)]),
    ).to.deep.equal([]);
  });

  it("does not pair across lines or types", () => {
    expect(pairs([res("logs-1", 3)], [res("logs-2", 4)])).to.deep.equal([]);
    expect(pairs([res("logs-1", 3)], [res("logs-2", 3, "aws:sqs/queue:Queue")])).to.deep.equal([]);
  });

  it("leaves a resource both phases name alike alone", () => {
    expect(pairs([res("data", 3)], [res("data", 3)])).to.deep.equal([]);
  });

  it("reads digits, hex with a digit and long hex words as computed, other letters as the name", () => {
    expect(nameStem("logs-1733561234567")).to.equal(nameStem("logs-42"));
    expect(nameStem("data-3f9a1c")).to.equal(nameStem("data-a0"));
    expect(nameStem("cache-deadbeefcafe")).to.equal(nameStem("cache-01234567"));
    expect(nameStem("copy-62")).to.not.equal(nameStem("logs-99"));
    expect(nameStem("bucket-k3j9")).to.not.equal(nameStem("bucket-zq12"));
  });

  it("reads base-36 and mixed-case ids as generated, words with a number and camel case as names", () => {
    for (const w of ["mil2x5w3", "4fzyyz8k1q", "aB3dE9xQ", "V1StGXR8Z5jdHi6BmyT"]) {
      expect(looksGenerated(w), w).to.equal(true);
    }
    for (const w of ["k3j9", "bucket12", "Table2", "dataBucket", "LogsQueue", "logs", "LOGS"]) {
      expect(looksGenerated(w), w).to.equal(false);
    }
    expect(namesAlike("logs-mil2x5w3", "logs-mil2x9qa")).to.equal(true);
    expect(namesAlike("logs-mil2x5w3", "data-mil2x9qa")).to.equal(false);
    expect(namesAlike("logs-mil2x5w3", "logs_mil2x9qa")).to.equal(false);
    expect(namesAlike("logs-mil2x5w3-a", "logs-mil2x9qa")).to.equal(false);
    expect(namesAlike("dataBucket", "logsBucket")).to.equal(false);
    expect(namesAlike("bucket-k3j9", "bucket-zq12")).to.equal(false);
  });
});
