// A stand-in package layout under the scratch folder, for the specs of the engine's lazy loaders
// (lazy-closure-deps, lazy-tracing-deps): files under its node_modules and beside it, required
// from there, and removed with every module loaded from it.
import * as fs from "fs";
import * as path from "path";
import { SCRATCH } from "./program-runs";
import { writeFiles } from "./files";

export interface StandInPackages {
  /** The folder holding `node_modules` and the top-level files. */
  readonly dir: string;
  /** `require` of a file relative to the folder. */
  req(file: string): any;
  /** Forgets every module loaded from the folder and removes it. */
  remove(): void;
}

/**
 * Writes `modules` (path under node_modules → text) and `top` (path → text) into a new folder
 * named after `prefix`.
 */
export function standInPackages(
  prefix: string,
  modules: Readonly<Record<string, string>>,
  top: Readonly<Record<string, string>>,
): StandInPackages {
  fs.mkdirSync(SCRATCH, { recursive: true });
  const dir = fs.mkdtempSync(path.join(SCRATCH, prefix));
  writeFiles(dir, {
    ...Object.fromEntries(Object.entries(modules).map(([f, t]) => [`node_modules/${f}`, t])),
    ...top,
  });
  return {
    dir,
    req: (file) => require(path.join(dir, file)), // eslint-disable-line @typescript-eslint/no-require-imports
    remove() {
      for (const id of Object.keys(require.cache)) if (id.startsWith(dir)) delete require.cache[id];
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
