// Entries of a cache folder the offline check keeps under node_modules/.cache: written whole or
// not at all (a temporary file of this writer's, renamed into place, so a reader never sees half
// an entry and concurrent writers do not mix), and the folder trimmed to the entries used last
// (an entry's modification time is when it was last written or used). Plain JavaScript: the
// policy pack's preload uses it too (./pack-preload.js, ./decoded-once.ts).
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { writeAtomically } = require("../write-atomically");

/**
 * Writes `data` to `file` atomically, creating its folder, under a temporary name of this writer's
 * alone (../write-atomically.js).
 */
const writeEntry = writeAtomically;

/** The bytes an entry keeps: a SHA-256 digest of `bytes`, then `bytes`. */
function seal(bytes) {
  const digest = crypto.createHash("sha256").update(bytes).digest();
  return Buffer.concat([digest, Buffer.from(bytes)]);
}

/**
 * The bytes `kept` (an entry's whole content, as `seal` made it) holds, or `undefined` when the
 * entry is damaged (cut short, emptied, a byte changed, or written over): its digest must match.
 * @param {Buffer} kept
 * @returns {Buffer | undefined}
 */
function unseal(kept) {
  if (kept.length < 32) return undefined;
  const bytes = kept.subarray(32);
  const digest = crypto.createHash("sha256").update(bytes).digest();
  return digest.equals(kept.subarray(0, 32)) ? bytes : undefined;
}

/**
 * Marks `file` as used now, so `keepNewest` trims it last: an entry read on every run but written
 * long ago would otherwise go first once `keep` newer ones were written (checkouts and branches
 * sharing the folder write theirs), and its next run would build it again. Best-effort.
 */
function markUsed(file) {
  try {
    const now = new Date();
    fs.utimesSync(file, now, now);
  } catch {
    // a read-only cache keeps its order, nothing else
  }
}

/**
 * `file`'s status, or `undefined` when it is gone: processes sharing a folder (the two unit-test
 * processes of `npm test`, checkouts sharing node_modules) remove entries while another lists
 * them, and an entry removed between the listing and its `stat` is simply no longer there.
 * @param {string} file
 * @returns {fs.Stats | undefined}
 */
function statIfPresent(file) {
  try {
    return fs.statSync(file);
  } catch (e) {
    if (e && e.code === "ENOENT") return undefined;
    throw e;
  }
}

/**
 * Keeps the `keep` entries of `dir` ending in `suffix` used last, and removes those not used for
 * `maxAgeDays` (when given). Entries another process removes meanwhile are left out.
 */
function keepNewest(dir, keep, suffix, maxAgeDays) {
  const old = maxAgeDays === undefined ? -Infinity : Date.now() - maxAgeDays * 24 * 60 * 60 * 1000;
  const entries = [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith(suffix)) continue;
    const file = path.join(dir, name);
    const st = statIfPresent(file);
    if (st === undefined) continue;
    const used = st.mtimeMs;
    if (used < old) fs.rmSync(file, { force: true });
    else entries.push({ file, used });
  }
  entries.sort((a, b) => b.used - a.used);
  for (const { file } of entries.slice(keep)) fs.rmSync(file, { force: true });
}

module.exports = { keepNewest, markUsed, seal, statIfPresent, unseal, writeEntry };
