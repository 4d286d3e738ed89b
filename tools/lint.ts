// `npm run lint`: ESLint, then Prettier's check, over the whole project.
//
// ESLint here is type-aware (typescript-eslint's no-floating-promises, Pulumi's Output rules), so
// it builds the whole TypeScript program, about 20 s of CPU, and ESLint's own `--cache` would be
// unsound: it re-lints only the files that changed, yet a change to one file can change another
// file's findings (a function that now returns a Promise makes its callers' floating promises).
// So the cache here is all or nothing: a fingerprint of every input (the content of every file of
// the project that git does not ignore, tracked or not, and the installed packages' lock file) is
// kept after a clean run, and a run with the same fingerprint is known to find nothing again.
// Any change anywhere lints everything. Without git, or with LINT_NO_CACHE set, it always lints.
//
// Prettier keeps its own cache, per file and by content (sound: a file's format depends on the
// file alone and the options, which key the cache).
import { execFileSync, spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const CACHE = path.join(ROOT, ".cache", "lint");
const FINGERPRINT = path.join(CACHE, "eslint-clean.sha256");

/** Every input of the lint, hashed; undefined when the project's files cannot be listed. */
export function fingerprint(root: string): string | undefined {
  let listed: string;
  try {
    listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return undefined;
  }
  const hash = crypto.createHash("sha256");
  const files = [...new Set(listed.split("\0").filter(Boolean))].sort();
  const installed = path.join("node_modules", ".package-lock.json");
  for (const file of [...files, installed]) {
    let content: Buffer;
    try {
      content = fs.readFileSync(path.join(root, file));
    } catch {
      content = Buffer.from("(missing)"); // listed but deleted, not yet staged
    }
    hash.update(`${file}\0${content.length}\0`).update(content);
  }
  hash.update(`node ${process.version}`);
  return hash.digest("hex");
}

function run(bin: string, args: string[]): number {
  const file = path.join(ROOT, "node_modules", ".bin", bin);
  const r = spawnSync(file, args, { cwd: ROOT, stdio: "inherit" });
  if (r.error) {
    process.stderr.write(`lint: could not start ${bin}: ${r.error.message}\n`);
    return 2;
  }
  return r.status ?? 1;
}

function eslint(): number {
  const useCache = !process.env.LINT_NO_CACHE;
  const before = useCache ? fingerprint(ROOT) : undefined;
  if (before && fs.existsSync(FINGERPRINT) && fs.readFileSync(FINGERPRINT, "utf8") === before) {
    process.stdout.write("eslint: no input changed since its last clean run, nothing to lint\n");
    return 0;
  }
  const code = run("eslint", ["."]);
  // Kept only when nothing changed during the run, so the fingerprint is of what was linted.
  if (code === 0 && before && fingerprint(ROOT) === before) {
    try {
      fs.mkdirSync(CACHE, { recursive: true });
      fs.writeFileSync(FINGERPRINT, before);
    } catch {
      // best effort: the next run lints again
    }
  }
  return code;
}

function main(): void {
  const code = eslint();
  if (code !== 0) {
    process.exitCode = code;
    return;
  }
  const cacheLocation = path.join(".cache", "prettier", "cache.json");
  process.exitCode = run("prettier", [
    "--check",
    "--cache",
    "--cache-location",
    cacheLocation,
    ".",
  ]);
}

if (require.main === module) main();
