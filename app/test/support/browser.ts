// A headless Chromium for the end-to-end test, driven by playwright-core. Which one:
//   1. CHROMIUM_PATH, when set (it must exist);
//   2. the system's /usr/bin/chromium, when installed;
//   3. otherwise the one inside the @sparticuz/chromium package (a dev dependency), so a fresh
//      `npm ci` is all the test needs: no apt, no root, no download.
// The package decompresses its Chromium on first use into os.tmpdir() and then reuses whatever
// is at <tmpdir>/chromium, whoever put it there and whichever version it is. Here it is
// decompressed into a directory of its own per package version and user instead (in
// node_modules/.cache, or the system's temporary directory when node_modules is read-only),
// completely or not at all: into a private temporary directory, renamed into place when done.
// The binary needs NSS, NSPR and expat; where the system lacks them (a slim container image),
// the copies the package ships for Amazon Linux 2023 are put on LD_LIBRARY_PATH for the browser.
import {
  accessSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { brotliDecompressSync } from "node:zlib";
import { dirname, join } from "node:path";
import { chromium, type Browser } from "playwright-core";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/**
 * What this machine needs: no sandbox (it needs user namespaces or a setuid helper, and refuses
 * to run as root), no GPU, nothing fetched in the background (no network in CI), no first-run
 * dialogs. Playwright adds --headless and a fresh --user-data-dir (a new temporary profile for
 * each launch, removed on close).
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface ChosenChromium {
  readonly executablePath: string;
  readonly source: "CHROMIUM_PATH" | "system" | "@sparticuz/chromium";
}

export async function chooseChromium(): Promise<ChosenChromium> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured !== undefined && configured !== "") {
    if (!existsSync(configured))
      throw new Error(`CHROMIUM_PATH is set to ${configured}, which does not exist`);
    return { executablePath: configured, source: "CHROMIUM_PATH" };
  }
  if (existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, source: "system" };
  return { executablePath: await packagedChromium(), source: "@sparticuz/chromium" };
}

export async function launchChromium(): Promise<Browser> {
  const { executablePath, source } = await chooseChromium();
  let env: Record<string, string> | undefined;
  if (source === "@sparticuz/chromium" && missingLibraries(executablePath).length > 0) {
    const libraries = bundledLibraries(dirname(executablePath));
    const current = process.env.LD_LIBRARY_PATH;
    env = {
      ...(process.env as Record<string, string>),
      LD_LIBRARY_PATH: current ? `${libraries}:${current}` : libraries,
    };
    const still = missingLibraries(executablePath, env);
    if (still.length > 0)
      throw new Error(`Chromium needs libraries this system lacks: ${still.join(", ")}`);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, env });
}

/** Shared libraries `ldd` cannot find for the binary; none known when there is no ldd. */
function missingLibraries(executable: string, env: NodeJS.ProcessEnv = process.env): string[] {
  let listing: string;
  try {
    listing = execFileSync("ldd", [executable], { encoding: "utf8", env });
  } catch {
    return [];
  }
  return listing
    .split("\n")
    .filter((line) => line.includes("not found"))
    .map((line) => line.trim().split(/\s/)[0]);
}

/**
 * The libraries the package ships (bin/al2023.tar.br: NSS, NSPR, expat), unpacked next to the
 * browser once. A plain tar (POSIX ustar): 512-byte headers, then the file, padded to 512.
 */
function bundledLibraries(browserDirectory: string): string {
  const target = join(browserDirectory, "al2023");
  const libraries = join(target, "lib");
  if (existsSync(libraries)) return libraries;
  const { directory } = packageOf(require.resolve("@sparticuz/chromium"));
  const tar = brotliDecompressSync(readFileSync(join(directory, "bin", "al2023.tar.br")));
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  for (let at = 0; at + 512 <= tar.length;) {
    const field = (from: number, length: number): string =>
      tar.toString("latin1", at + from, at + from + length).replace(/\0.*$/s, "");
    const name = [field(345, 155), field(0, 100)].filter(Boolean).join("/");
    if (name === "") break;
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const type = field(156, 1);
    const path = join(partial, name);
    if (!path.startsWith(partial + "/") || name.includes(".."))
      throw new Error(`unexpected path in al2023.tar.br: ${name}`);
    if (type === "5") mkdirSync(path, { recursive: true });
    else if (type === "0" || type === "") {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, tar.subarray(at + 512, at + 512 + size), { mode: 0o755 });
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  try {
    renameSync(partial, target);
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(libraries)) throw err;
  }
  return libraries;
}

/** The packaged Chromium's path, decompressed on first use (about 2 s, 200 MB). */
async function packagedChromium(): Promise<string> {
  const { directory, version } = packageOf(require.resolve("@sparticuz/chromium"));
  const final = join(cacheDirectory(directory), `${version}-${userId()}`);
  const executable = join(final, "chromium");
  if (existsSync(executable)) return executable;

  const partial = `${final}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true, mode: 0o700 });
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = partial; // where the package decompresses to (os.tmpdir())
  try {
    const { default: packaged } = await import("@sparticuz/chromium");
    const extracted = await packaged.executablePath();
    if (extracted !== join(partial, "chromium"))
      throw new Error(`@sparticuz/chromium decompressed to ${extracted}, not ${partial}`);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  try {
    renameSync(partial, final);
  } catch (err) {
    // Another run got there first: use its copy.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(executable)) throw err;
  }
  return executable;
}

/** The package's directory and version (its package.json is not among its exports). */
function packageOf(entry: string): { directory: string; version: string } {
  for (
    let directory = dirname(entry);
    directory !== dirname(directory);
    directory = dirname(directory)
  ) {
    const manifest = join(directory, "package.json");
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, "utf8")) as {
      name?: string;
      version: string;
    };
    if (name === "@sparticuz/chromium") return { directory, version };
  }
  throw new Error(`no package.json of @sparticuz/chromium above ${entry}`);
}

/** node_modules/.cache when writable, else a directory of this user's in the temporary one. */
function cacheDirectory(packageDirectory: string): string {
  const nodeModules = dirname(dirname(packageDirectory)); // .../node_modules/@sparticuz/chromium
  const cache = join(nodeModules, ".cache", "sparticuz-chromium");
  try {
    mkdirSync(cache, { recursive: true });
    accessSync(cache, constants.W_OK);
    return cache;
  } catch {
    const fallback = join(tmpdir(), `sparticuz-chromium-${userId()}`);
    mkdirSync(fallback, { recursive: true, mode: 0o700 });
    const stat = lstatSync(fallback);
    if (!stat.isDirectory() || (process.getuid && stat.uid !== process.getuid()))
      throw new Error(`${fallback} is not a directory of this user's; remove it`);
    return fallback;
  }
}

function userId(): string {
  return process.getuid ? `uid${process.getuid()}` : "user";
}
