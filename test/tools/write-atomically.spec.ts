// Writing a file whole or not at all (tools/lib/write-atomically.js): the folder is made when it
// is missing, and each write goes through a temporary file of its own, so two writers of one file
// (two processes sharing a folder, both phases of a check) never rename each other's half-written
// one. Replacing and failed writes: hostile-input.spec.ts.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeAtomically } from "../../tools/lib/write-atomically";
// The module object itself (the one the writer calls into), not TypeScript's read-only namespace.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs: typeof fs = require("fs");

describe("writing a file whole or not at all", () => {
  let dir: string;
  const { writeFileSync } = nodeFs;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "write-atomically-"));
  });
  afterEach(() => {
    nodeFs.writeFileSync = writeFileSync;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Records the file each write of the module writes first (its temporary file). */
  function recordWrites(during?: (tmp: string) => void): string[] {
    const written: string[] = [];
    nodeFs.writeFileSync = ((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      written.push(String(file));
      during?.(String(file));
      return (writeFileSync as (...a: unknown[]) => void)(file, ...rest);
    }) as typeof fs.writeFileSync;
    return written;
  }

  it("makes the folders the file goes in when they are missing", () => {
    const file = path.join(dir, "a", "b", "report.json");
    writeAtomically(file, "{}");
    expect(fs.readFileSync(file, "utf8")).to.equal("{}");
    expect(fs.readdirSync(path.join(dir, "a", "b"))).to.deep.equal(["report.json"]);
  });

  it("writes each time through a temporary file of its own beside the file", () => {
    const file = path.join(dir, "report.txt");
    const written = recordWrites();
    writeAtomically(file, "one");
    writeAtomically(file, "two");
    expect(written).to.have.length(2);
    expect(written[0]).to.not.equal(written[1]);
    for (const tmp of written) {
      expect(path.dirname(tmp)).to.equal(dir);
      expect(path.basename(tmp)).to.match(
        new RegExp(`^\\.report\\.txt\\.${process.pid}\\.[0-9a-f]{12}\\.tmp$`),
      );
    }
    expect(fs.readdirSync(dir)).to.deep.equal(["report.txt"]);
    expect(fs.readFileSync(file, "utf8")).to.equal("two");
  });

  it("keeps two writers of one file apart: neither renames the other's temporary file", () => {
    const file = path.join(dir, "entry.bin");
    let nested = false;
    // A second writer of the same file in this very process (same process id), started as the
    // first is about to write its temporary file. Here the second finishes (writes and renames)
    // before the first writes at all, so a temporary name made of the process id alone would go
    // unnoticed by the file's content and the folder's listing (the first would write the same
    // name again and rename it in place): only the two distinct temporary names below tell it.
    const written = recordWrites(() => {
      if (nested) return;
      nested = true;
      writeAtomically(file, "second");
    });
    writeAtomically(file, "first");
    expect(written).to.have.length(2);
    expect(new Set(written).size).to.equal(2);
    expect(fs.readFileSync(file, "utf8")).to.equal("first");
    expect(fs.readdirSync(dir)).to.deep.equal(["entry.bin"]);
  });
});
