// A decoding kept on disk, keyed by the bytes decoded: the policy pack's `GetAnalyzerInfo` answer
// (every policy with its config schema, some 350 KB for this project's pack) is the same on every
// start of an unchanged pack, and decoding it with the generated protobuf classes costs the check
// 150-200 ms of CPU while the programs run. An entry holds what `decode` made of exactly these
// bytes with exactly this decoding (`fingerprint` names the code and versions it depends on), kept
// with V8's serializer, which gives back the same values, `undefined` properties and key order
// included. A decoding that throws is not kept; an unreadable or unwritable folder costs speed only.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as v8 from "v8";
import { keepNewest, markUsed, writeEntry } from "./cache-folder";

/**
 * When an entry is written, the others not used for this many days are removed, then the least
 * recently used beyond `KEEP_ENTRIES` (each edit of a pack makes a new one, of a few hundred KB).
 */
const KEEP_DAYS = 30;
const KEEP_ENTRIES = 32;

export function decodedOnce<T>(
  bytes: Uint8Array,
  dir: string | undefined,
  fingerprint: string,
  decode: (bytes: Uint8Array) => T,
): T {
  if (!dir) return decode(bytes);
  const key = createHash("sha256")
    .update(`${process.versions.v8}\0${fingerprint}\0`)
    .update(bytes)
    .digest("hex");
  const file = path.join(dir, `${key}.v8`);
  try {
    const value = v8.deserialize(fs.readFileSync(file)) as T;
    markUsed(file); // in use: swept last
    return value;
  } catch {
    // not kept yet, or unreadable: decode
  }
  const value = decode(bytes);
  try {
    writeEntry(file, v8.serialize(value));
    keepNewest(dir, KEEP_ENTRIES, ".v8", KEEP_DAYS);
  } catch {
    // a read-only folder costs speed, nothing else
  }
  return value;
}
