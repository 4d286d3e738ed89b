// Lint skips ESLint only when no input changed since its last clean run (tools/lint.ts): the
// fingerprint must move with any file git does not ignore, tracked or not, and with the installed
// packages, and be absent where the files cannot be listed (then lint always runs).
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fingerprint } from "../../tools/lint";
import { writeFile } from "./files";

describe("lint: the fingerprint of its inputs", () => {
  let dir: string;
  const write = (file: string, text: string) => writeFile(dir, file, text);
  // Each case's folder is a checkout of its own or none at all, wherever the temporary folder is:
  // git looks no higher than the temporary folder (which may lie inside a checkout, as CI sets
  // TMPDIR within its workspace) and takes no repository from the environment (a git hook that
  // runs the tests sets GIT_DIR). https://git-scm.com/docs/git#Documentation/git.txt-GITCEILINGDIRECTORIES
  const GIT_ENV = ["GIT_CEILING_DIRECTORIES", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"];
  const saved = new Map(GIT_ENV.map((k) => [k, process.env[k]]));
  before(() => {
    for (const k of GIT_ENV) delete process.env[k];
    process.env.GIT_CEILING_DIRECTORIES = os.tmpdir();
  });
  after(() => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lint-fp-"));
    execFileSync("git", ["init", "-q"], { cwd: dir });
    write(".gitignore", "ignored/\nnode_modules/\n");
    write("a.ts", "export const a = 1;\n");
    execFileSync("git", ["add", "."], { cwd: dir });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is stable while nothing changes", () => {
    expect(fingerprint(dir)).to.be.a("string").and.equal(fingerprint(dir));
  });

  it("moves with a tracked file's content, a new untracked file, a deleted tracked file and the installed packages", () => {
    const changes: (() => void)[] = [
      () => write("a.ts", "export const a = 2;\n"),
      () => write("b.ts", "export const b = 1;\n"),
      () => fs.rmSync(path.join(dir, "a.ts")),
      () => write("node_modules/.package-lock.json", "{}"),
    ];
    const seen = new Set([fingerprint(dir)]);
    for (const change of changes) {
      change();
      const now = fingerprint(dir);
      expect(seen.has(now), `after ${change.toString()}`).to.equal(false);
      seen.add(now);
    }
  });

  it("ignores what git ignores", () => {
    const before = fingerprint(dir);
    write("ignored/x.ts", "export const x = 1;\n");
    expect(fingerprint(dir)).to.equal(before);
  });

  it("is absent outside a git checkout, so lint always runs there", () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), "lint-fp-plain-"));
    try {
      expect(fingerprint(plain)).to.equal(undefined);
    } finally {
      fs.rmSync(plain, { recursive: true, force: true });
    }
  });
});
