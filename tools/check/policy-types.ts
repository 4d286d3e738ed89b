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
import { keepNewest, markUsed, writeEntry } from "../lib/engine/cache-folder";
import { lockFiles, packSources } from "../lib/engine/pack-files";

export type PolicyTypes = ReadonlyMap<string, readonly string[]>;

/** Bumped when what an entry holds changes. */
const FORMAT = 1;
/** Entries kept (one per recent fingerprint: checkouts and branches that share the folder). */
const KEEP = 16;

/** The fingerprint of what the pack's catalogue is read from. */
function packFingerprint(packDir: string): string {
  const dir = path.resolve(packDir);
  const h = crypto.createHash("sha256").update(`${FORMAT}\0${process.versions.node}\0`);
  const hashFile = (file: string, name: string) =>
    h.update(`\0${name}\0`).update(fs.readFileSync(file)).update("\0");
  for (const file of packSources(dir)) hashFile(file, path.relative(dir, file));
  for (const file of lockFiles(dir)) hashFile(file, file);
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

function storeEntry(file: string, types: PolicyTypes): void {
  try {
    writeEntry(file, JSON.stringify([...types]));
    keepNewest(path.dirname(file), KEEP, ".json");
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
  if (hit) {
    markUsed(file); // in use: trimmed last
    return hit;
  }
  const types = await read();
  storeEntry(file, types);
  return types;
}
