// The policy pack's `GetAnalyzerInfo` answer, kept on disk by the pack's preload (./pack-preload.js)
// and written again, byte for byte, on the next start of an unchanged pack. The policy SDK builds
// that answer from every policy's metadata (@pulumi/policy 1.21, protoutil.js `makeAnalyzerInfo`:
// a `PolicyInfo` per policy, each config schema through `Struct.fromJavaScript`) and the gRPC
// server then encodes it: for this project's 378 policies, some 350 KB that cost the pack's
// process 0.2-0.5 s of CPU on every start, the same bytes each time.
//
// The key is everything `makeAnalyzerInfo` reads, written out exactly: the pack's name, version
// and enforcement level, the `PolicyPack` arguments with every policy (a function is noted as one:
// it decides whether a policy is a resource or a stack policy), the initial config, and the versions
// of the policy SDK, the Pulumi SDK and google-protobuf. The inputs are read as they are when the
// engine asks, not when the pack loads, so a pack that builds its metadata from the environment or
// a file gets a new key when they change. A value the key could not tell apart from another one (an
// accessor, a class instance, a Map, a symbol key, a non-finite number, an array hole) makes the
// answer uncached: built and encoded by the SDK as always.
//
// On a hit the answer is a fresh `AnalyzerInfo` whose `serializeBinary` returns the kept bytes:
// the server only hands it to gRPC, which encodes it with that method
// (`@pulumi/pulumi/proto/analyzer_grpc_pb.js`, `serialize_pulumirpc_AnalyzerInfo`).
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");
const cacheFolder = require("./cache-folder");

/** Bumped when what a key covers changes. */
const FORMAT = 2;
/** Answers kept per folder: one per recent pack and config (each edit of a pack makes one). */
const KEEP = 16;

/**
 * An exact text of `value`, or `undefined` when `value` holds anything a plain-data text cannot
 * tell apart from something else.
 */
function exactText(value) {
  const out = [];
  const seen = new Set();
  const walk = (v) => {
    if (v === null || typeof v === "boolean" || typeof v === "string") {
      out.push(JSON.stringify(v));
      return true;
    }
    if (v === undefined) return (out.push("u"), true);
    if (typeof v === "function") return (out.push("f"), true);
    if (typeof v === "number") {
      if (!Number.isFinite(v)) return false;
      return (out.push(Object.is(v, -0) ? "-0" : JSON.stringify(v)), true);
    }
    if (typeof v !== "object" || seen.has(v)) return false;
    // A Proxy may answer `get` otherwise than its descriptors say: not keyable.
    if (require("util").types.isProxy(v)) return false;
    seen.add(v);
    const proto = Object.getPrototypeOf(v);
    const isArray = Array.isArray(v) && proto === Array.prototype;
    if (!isArray && proto !== Object.prototype && proto !== null) return false;
    if (Object.getOwnPropertySymbols(v).length > 0) return false;
    const names = Object.getOwnPropertyNames(v);
    out.push(isArray ? "[" : "{");
    for (const name of names) {
      if (isArray && name === "length") continue;
      const d = Object.getOwnPropertyDescriptor(v, name);
      if (!d || !("value" in d) || !d.enumerable) return false;
      out.push(JSON.stringify(name), ":");
      if (!walk(d.value)) return false;
      out.push(",");
    }
    if (isArray && names.length - 1 !== v.length) return false; // holes
    out.push(isArray ? "]" : "}");
    seen.delete(v);
    return true;
  };
  return walk(value) ? out.join("") : undefined;
}

/**
 * The key of one `makeAnalyzerInfo(name, version, level, args, initialConfig)` call, or
 * `undefined` when its inputs cannot be keyed exactly. `versions` names the code that builds and
 * encodes the answer.
 */
function analyzerInfoKey(versions, callArgs) {
  const text = exactText([FORMAT, versions, ...callArgs]);
  return text === undefined ? undefined : crypto.createHash("sha256").update(text).digest("hex");
}

/** An answer that encodes as `bytes`. */
function keptAnswer(AnalyzerInfo, bytes) {
  const info = new AnalyzerInfo();
  info.serializeBinary = () => new Uint8Array(bytes);
  return info;
}

/**
 * `makeAnalyzerInfo` answering from the folder `dir` when it kept the bytes of the same inputs,
 * and keeping the bytes of every answer it builds. Any error of the cache leaves the SDK's answer.
 */
function cachedAnalyzerInfo(make, AnalyzerInfo, dir, versions) {
  return function makeAnalyzerInfo(...callArgs) {
    let file;
    try {
      const key = analyzerInfoKey(versions, callArgs);
      if (key !== undefined) file = path.join(dir, `${key}.bin`);
    } catch {
      // not keyable: built as always
    }
    if (file === undefined) return make.apply(this, callArgs);
    try {
      // undefined when the file is damaged: built again and rewritten
      const bytes = cacheFolder.unseal(fs.readFileSync(file));
      if (bytes !== undefined) {
        cacheFolder.markUsed(file); // in use: trimmed last
        return keptAnswer(AnalyzerInfo, bytes);
      }
    } catch {
      // not kept yet
    }
    const info = make.apply(this, callArgs);
    const bytes = info.serializeBinary();
    info.serializeBinary = () => bytes; // encoded once
    try {
      cacheFolder.writeEntry(file, cacheFolder.seal(bytes));
      cacheFolder.keepNewest(dir, KEEP, ".bin");
    } catch {
      // a read-only folder costs speed, nothing else
    }
    return info;
  };
}

/**
 * Installs the cache in the policy SDK the pack in the working directory loads, keeping answers
 * in `dir`, once that SDK's protoutil.js has loaded (nothing is loaded earlier than the pack loads
 * it). Only for @pulumi/policy 1.21, whose server calls `makeAnalyzerInfo` through the module's
 * exports.
 */
function installAnalyzerInfoCache(dir) {
  let protoutilFile, pbFile, versions;
  try {
    const from = { paths: [process.cwd()] };
    const policyDir = path.dirname(require.resolve("@pulumi/policy/package.json", from));
    const version = (d) =>
      JSON.parse(fs.readFileSync(path.join(d, "package.json"), "utf8")).version;
    if (!/^v?1\.21\./.test(version(policyDir))) return;
    const at = { paths: [policyDir] };
    protoutilFile = require.resolve("@pulumi/policy/protoutil", from);
    pbFile = require.resolve("@pulumi/pulumi/proto/analyzer_pb", at);
    const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", at));
    const jspbDir = path.dirname(
      require.resolve("google-protobuf/package.json", { paths: [path.dirname(pbFile)] }),
    );
    versions = [policyDir, version(policyDir), sdkDir, version(sdkDir), version(jspbDir)];
  } catch {
    return; // not the verified SDK layout: built as the SDK builds it
  }
  const loadJs = Module._extensions[".js"];
  Module._extensions[".js"] = function (module, filename) {
    loadJs.call(this, module, filename);
    if (filename !== protoutilFile) return;
    try {
      const protoutil = module.exports;
      protoutil.makeAnalyzerInfo = cachedAnalyzerInfo(
        protoutil.makeAnalyzerInfo,
        require(pbFile).AnalyzerInfo,
        dir,
        versions,
      );
    } catch {
      // built as the SDK builds it
    }
  };
}

module.exports = { analyzerInfoKey, cachedAnalyzerInfo, installAnalyzerInfoCache };
