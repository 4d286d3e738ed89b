// What a program computes or runs on the machine of `pulumi preview` / `pulumi up` rather than
// asks a cloud: @pulumi/archive's getFile, which builds its zip while the program runs, and
// @pulumi/kubernetes's manifest decoding (both answered offline as their providers answer them,
// tools/lib/engine/local-invokes.ts), and a dependency that
// runs a CLI once an output is known (docker-classic's image builds), which the apply phase of an
// offline run cannot do.
import { expect } from "chai";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { localInvoke } from "../../tools/lib/engine/local-invokes";
import { UNKNOWN } from "../../tools/lib/engine/wire";
import {
  byName,
  checkProgram,
  copyOf,
  findings,
  FIXTURES,
  lineOf,
  SCRATCH,
  stackOutputs,
} from "./program-runs";

const GET_FILE = "archive:index/getFile:getFile";

/** The entries of a zip, read back from its central directory (PKWARE APPNOTE 4.3.12). */
function unzip(zip: Buffer): { name: string; mode: number; data: string }[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const packed = zip.subarray(
      local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28),
    );
    const data = zlib.inflateRawSync(packed.subarray(0, zip.readUInt32LE(at + 20))).toString();
    out.push({ name, mode: (zip.readUInt32LE(at + 38) >>> 16) & 0o777, data });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

describe("what a program computes on the deploying machine, offline", function () {
  this.timeout(300_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("archive.getFile builds its zip at outputPath during the preview, and the function's sourceCodeHash is its checksum", async () => {
    const dir = copyOf("archive-getfile");
    dirs.push(dir);
    const r = await checkProgram(dir);
    const zip = fs.readFileSync(path.join(dir, "build", "handler.zip"));
    const entries = unzip(zip);
    expect(entries.map((e) => e.name)).to.deep.equal(["index.js"]); // README.md is excluded
    expect(entries[0].data).to.equal(
      fs.readFileSync(path.join(dir, "handler", "index.js"), "utf8"),
    );
    const fn = byName(r, "aws:lambda/function:Function", "handler");
    expect(fn.inputs.sourceCodeHash).to.equal(createHash("sha256").update(zip).digest("base64"));
  });

  it("the same sources make the same archive: fixed timestamps, outputFileMode applied", () => {
    const dir = fs.mkdtempSync(path.join(SCRATCH, "archive-unit-"));
    dirs.push(dir);
    const args = {
      type: "zip",
      sourceContent: "print('hi')",
      sourceContentFilename: "main.py",
      outputPath: "out/a.zip",
      outputFileMode: "0755",
    };
    const first = localInvoke(GET_FILE, args, dir);
    const second = localInvoke(GET_FILE, { ...args, outputPath: "out/b.zip" }, dir);
    expect(first.outputSha256).to.equal(second.outputSha256);
    const zip = fs.readFileSync(path.join(dir, "out", "a.zip"));
    expect(first.outputSize).to.equal(zip.length);
    expect(first.id).to.equal(createHash("sha1").update(zip).digest("hex"));
    expect(first.outputMd5).to.equal(createHash("md5").update(zip).digest("hex"));
    expect(unzip(zip)).to.deep.equal([{ name: "main.py", mode: 0o755, data: "print('hi')" }]);
    const many = localInvoke(
      GET_FILE,
      {
        type: "zip",
        sources: [
          { content: "a", filename: "a.txt" },
          { content: "b", filename: "dir/b.txt" },
        ],
        outputPath: "out/c.zip",
      },
      dir,
    );
    const entries = unzip(fs.readFileSync(path.join(dir, many.outputPath)));
    expect(entries.map((e) => [e.name, e.data])).to.deep.equal([
      ["a.txt", "a"],
      ["dir/b.txt", "b"],
    ]);
  });

  it("archive.getFile refuses what its provider refuses, and waits for unknown arguments", () => {
    const dir = fs.mkdtempSync(path.join(SCRATCH, "archive-unit-"));
    dirs.push(dir);
    expect(() =>
      localInvoke(GET_FILE, { type: "zip", sourceFile: "./nope.js", outputPath: "x.zip" }, dir),
    ).to.throw("could not archive missing file: ./nope.js");
    expect(() =>
      localInvoke(
        GET_FILE,
        { type: "zip", sourceFile: "a", sourceDir: "b", outputPath: "x.zip" },
        dir,
      ),
    ).to.throw("one and only one of");
    expect(() =>
      localInvoke(GET_FILE, { type: "tar.gz", sourceDir: ".", outputPath: "x.tgz" }, dir),
    ).to.throw('archive type "tar.gz" is not built offline');
    const unknown = localInvoke(
      GET_FILE,
      { type: "zip", sourceContent: UNKNOWN, sourceContentFilename: "f", outputPath: "u.zip" },
      dir,
    );
    expect(unknown.outputBase64sha256).to.equal(UNKNOWN);
    expect(fs.existsSync(path.join(dir, "u.zip"))).to.equal(false);
  });

  it("a Kubernetes manifest decodes as the provider decodes it: every object, empty documents skipped, the default namespace on namespaced kinds", async () => {
    const r = await checkProgram(path.join(FIXTURES, "k8s-yaml-manifest"));
    expect(stackOutputs(r).objects).to.deep.equal([
      "Deployment/apps/web",
      "Service/edge/web",
      "ClusterRole//web-reader",
    ]);
    expect(r.unjudged.map((u) => u.type)).to.include.members([
      "kubernetes:apps/v1:Deployment",
      "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
    ]);
    // The AWS resources next to the manifest are judged as usual.
    expect(findings(r, "ecr-repository-kms-cmk", "web")).to.have.length(1);
    expect(localInvoke("kubernetes:yaml:decode", { text: "---\n# none\n" }, SCRATCH)).to.deep.equal(
      {
        result: [],
      },
    );
  });

  it("a dependency's CLI that fails once outputs are known (no Docker daemon): its result is unknown at apply and the failure named", async () => {
    const dir = copyOf("apply-tool-unavailable");
    dirs.push(dir);
    fs.cpSync(path.join(dir, "package"), path.join(dir, "node_modules", "image-builder"), {
      recursive: true,
    });
    const r = await checkProgram(dir, { phases: ["preview", "apply"] });
    const note = r.configNotes.find((n) => n.startsWith("the apply phase left unknown"));
    expect(note, "the failure is named").to.contain("Cannot connect to the Docker daemon");
    // Placed at the resource the CLI's error names, as `pulumi up` reports it.
    const line = lineOf("apply-tool-unavailable/index.ts", 'new aws.ecr.Repository("app"');
    expect(note).to.contain(`(index.ts:${line})`);
    // The error the dependency logged on the repository before it threw is that failure's.
    expect(r.phases.map((p) => p.phase)).to.deep.equal(["preview", "apply"]);
    expect(findings(r, "ecr-repository-tag-immutability", "app")).to.have.length(1);
    expect(stackOutputs(r).image).to.equal(UNKNOWN);
  });
});
