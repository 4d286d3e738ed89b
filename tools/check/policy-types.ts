// The resource types each policy of the pack applies to, which the check counts checks with and
// names unjudged packages by. They come from the pack's own catalogue (`policyCatalog`), which
// only loading every rule gives: the policy SDK and through it all of `@pulumi/pulumi` (its
// TypeScript compiler and npm's arborist among them), about a second of this process's start.
// The pack's process loads the same rules anyway, so the check keeps what it read on disk, under
// a fingerprint of everything the catalogue can depend on: every source file of the pack folder
// (the pack imports nothing from outside it but packages) and the lock files of the folders above
// it (the packages' versions). A changed rule, a new policy or another package version is another
// fingerprint, read from the rules again; an unreadable or damaged entry is read again too.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

export type PolicyTypes = ReadonlyMap<string, readonly string[]>;

/** Bumped when what an entry holds changes. */
const FORMAT = 1;
const SOURCE_EXTENSIONS = new Set([".ts", ".tsx", ".mts", ".cts", ".js", ".cjs", ".mjs", ".json"]);
const LOCK_FILES = ["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml"];
/** Entries kept (one per recent fingerprint: checkouts and branches that share the folder). */
const KEEP = 16;

/** Every source file of `dir`, node_modules and hidden folders left out, in a stable order. */
function sourceFiles(dir: string, out: string[] = []): string[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (SOURCE_EXTENSIONS.has(path.extname(entry.name))) out.push(full);
  }
  return out;
}

/** The fingerprint of what the pack's catalogue is read from. */
function packFingerprint(packDir: string): string {
  const dir = path.resolve(packDir);
  const h = crypto.createHash("sha256").update(`${FORMAT}\0${process.versions.node}\0`);
  const hashFile = (file: string, name: string) =>
    h.update(`\0${name}\0`).update(fs.readFileSync(file)).update("\0");
  for (const file of sourceFiles(dir)) hashFile(file, path.relative(dir, file));
  for (let d = dir; ; d = path.dirname(d)) {
    for (const name of LOCK_FILES) {
      const file = path.join(d, name);
      if (fs.existsSync(file)) hashFile(file, file);
    }
    if (path.dirname(d) === d) break;
  }
  return h.digest("hex");
}

function readEntry(file: string): PolicyTypes | undefined {
  try {
    const entry: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    if (!Array.isArray(entry)) return undefined;
    const map = new Map<string, readonly string[]>();
    for (const item of entry) {
      const [name, types] = item as [unknown, unknown];
      if (typeof name !== "string" || !Array.isArray(types)) return undefined;
      if (!types.every((t) => typeof t === "string")) return undefined;
      map.set(name, types as string[]);
    }
    return map;
  } catch {
    return undefined;
  }
}

function writeEntry(file: string, types: PolicyTypes): void {
  try {
    const dir = path.dirname(file);
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify([...types]));
    fs.renameSync(tmp, file);
    const entries = fs
      .readdirSync(dir)
      .filter((n) => n.endsWith(".json"))
      .map((n) => ({ f: path.join(dir, n), t: fs.statSync(path.join(dir, n)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const { f } of entries.slice(KEEP)) fs.rmSync(f, { force: true });
  } catch {
    // a cache that cannot be written costs the next run a second, nothing else
  }
}

/**
 * Each policy's resource types, from `cacheDir` when the pack is unchanged since a run stored
 * them, else from `read` (which loads the rules), then stored. Without a cache folder, `read`.
 */
export async function cachedPolicyTypes(
  packDir: string,
  cacheDir: string | undefined,
  read: () => Promise<PolicyTypes>,
): Promise<PolicyTypes> {
  if (!cacheDir) return read();
  let file: string | undefined;
  try {
    file = path.join(cacheDir, "policy-types", `${packFingerprint(packDir)}.json`);
  } catch {
    return read(); // a pack folder that cannot be listed is read as it is
  }
  const hit = readEntry(file);
  if (hit) return hit;
  const types = await read();
  writeEntry(file, types);
  return types;
}
