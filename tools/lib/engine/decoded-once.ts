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

/** Entries older than this many days are removed when another is written. */
const KEEP_DAYS = 30;

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
    return v8.deserialize(fs.readFileSync(file)) as T;
  } catch {
    // not kept yet, or unreadable: decode
  }
  const value = decode(bytes);
  try {
    fs.mkdirSync(dir, { recursive: true });
    sweep(dir);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, v8.serialize(value));
    fs.renameSync(tmp, file);
  } catch {
    // a read-only folder costs speed, nothing else
  }
  return value;
}

function sweep(dir: string): void {
  const old = Date.now() - KEEP_DAYS * 24 * 60 * 60 * 1000;
  for (const name of fs.readdirSync(dir)) {
    const f = path.join(dir, name);
    if (fs.statSync(f).mtimeMs < old) fs.rmSync(f, { force: true });
  }
}
