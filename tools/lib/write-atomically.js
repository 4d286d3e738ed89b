// Writing a file whole or not at all, for the tools' outputs (docs, reports) and the check's
// cache entries alike. Plain JavaScript: the program's and the policy pack's preloads require it
// (through ./engine/cache-folder.js) before any TypeScript loader is installed.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

/**
 * Writes `data` to `file` only once it is complete, creating its folder: a temporary file beside
 * it, then a rename (atomic within a folder, rename(2)), so an interrupted run (Ctrl-C, a full
 * disk) leaves the old file or the new one, never half of one, and a reader never sees half of
 * one. The temporary file's name is this writer's alone (`.<name>.<pid>.<random>.tmp`): a process
 * id is not (processes of two containers sharing a folder, worker threads, both phases of a
 * check), and two writers of one temporary file could rename the other's half-written one. A
 * write that fails leaves no temporary file behind and throws its error.
 * @param {string} file
 * @param {string | NodeJS.ArrayBufferView} data
 */
function writeAtomically(file, data) {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const unique = `${process.pid}.${crypto.randomBytes(6).toString("hex")}`;
  const tmp = path.join(dir, `.${path.basename(file)}.${unique}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

module.exports = { writeAtomically };
