// Writing the files of a throwaway program, package or checkout for the tools' specs: one file or a
// tree of them under a folder, the folders between made as needed.
import * as fs from "fs";
import * as path from "path";

/** Writes `text` to `file` (a path relative to `dir`), making its folders; returns its full path. */
export function writeFile(dir: string, file: string, text = ""): string {
  const full = path.join(dir, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  return full;
}

/** Writes each of `files` (path relative to `dir` → text) under `dir`; returns `dir`. */
export function writeFiles(dir: string, files: Readonly<Record<string, string>>): string {
  for (const [file, text] of Object.entries(files)) writeFile(dir, file, text);
  return dir;
}
