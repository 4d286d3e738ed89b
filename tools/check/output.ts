// Where the check writes its report (`--output`), checked before anything runs, and how: a
// temporary file renamed over the destination once the report is complete.
import * as fs from "fs";
import * as path from "path";
import { unusablePath } from "./inputs";
import { shownPath, UsageError } from "./project";

/** An input of the check that `--output` must never name. */
export interface CheckInput {
  readonly file: string;
  /** For messages: "the stack file of prod", "the policy config" … */
  readonly what: string;
}

/** Writes `text` to `file` only once it is complete: a temporary file, then a rename. */

/** Extensions and names of the files a program is made of (never a report's destination). */
export const PROGRAM_FILE =
  /\.(?:[cm]?[jt]sx?)$|^package(?:-lock)?\.json$|^tsconfig.*\.json$|^Pulumi(?:\..+)?\.ya?ml$/;

/**
 * `--output`, checked before anything runs: its directory exists and is writable; it is not a
 * directory, device, FIFO or socket; it is none of the check's inputs (compared by device and
 * inode, so a symbolic or hard link to an input counts); and it names no program file in the
 * program's directory. The report is then written to a temporary file and renamed over it.
 */
export function checkOutput(
  arg: string,
  inputs: readonly CheckInput[],
  programDir: string,
): string {
  const out = path.resolve(arg);
  const dir = path.dirname(out);
  let dirStat: fs.Stats;
  try {
    dirStat = fs.statSync(dir);
  } catch (e) {
    throw new UsageError(`--output ${arg}: directory ${shownPath(dir)} ${unusablePath(dir, e)}`);
  }
  if (!dirStat.isDirectory()) {
    throw new UsageError(`--output ${arg}: ${shownPath(dir)} is not a directory`);
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new UsageError(`--output ${arg}: directory ${shownPath(dir)} is not writable`);
  }
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(out);
  } catch (e) {
    // A new file (or a dangling link, which the rename replaces); a loop of links is refused.
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new UsageError(`--output ${arg} ${unusablePath(out, e)}: give the report's file name`);
    }
    stat = undefined;
  }
  if (stat?.isDirectory()) {
    throw new UsageError(`--output ${arg} is a directory: give the report's file name`);
  }
  if (stat && !stat.isFile()) {
    throw new UsageError(
      `--output ${arg} is not a regular file (a device, FIFO or socket): give the report's file name`,
    );
  }
  if (stat) {
    for (const input of inputs) {
      let s: fs.Stats;
      try {
        s = fs.statSync(input.file);
      } catch {
        continue;
      }
      if (s.dev === stat.dev && s.ino === stat.ino) {
        throw new UsageError(
          `--output ${arg} is ${input.what} ${shownPath(input.file)}: the check never overwrites its inputs`,
        );
      }
    }
  }
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const inProgram = path.relative(real(programDir), path.join(real(dir), path.basename(out)));
  if (!inProgram.startsWith("..") && !path.isAbsolute(inProgram)) {
    if (PROGRAM_FILE.test(path.basename(out))) {
      throw new UsageError(
        `--output ${arg} names a program file (${path.basename(out)}) in the program's directory: give the report another name`,
      );
    }
  }
  if (stat) {
    try {
      fs.accessSync(out, fs.constants.W_OK);
    } catch {
      throw new UsageError(`--output ${arg} is not writable`);
    }
  }
  return out;
}
