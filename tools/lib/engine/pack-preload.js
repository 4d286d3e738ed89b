// Preloaded (`node -r`) into the policy pack's own process by the offline check's analyzer, before
// `@pulumi/pulumi/cmd/run-policy-pack` starts. Each thing it does is switched on by an environment
// variable, and none changes what the pack loads or answers:
//
// POLICY_PACK_EXIT_WITH_PARENT=1: the process exits when its standard input closes, i.e. when the
// process that started it is gone (even killed), so no pack process outlives the check.
//
// POLICY_PACK_SHARE_DECODED=1: the SDK's analyzer server (@pulumi/policy 1.21, server.js) decodes
// a resource's properties again for every policy: `deserializeProperties(req.getProperties())`,
// which starts with `Struct.toJavaScript()`. That decoding is kept per message here, so it is done
// once per resource. Safe because deserialize.js only reads the decoded object and builds its own
// copy for each policy, which is what the policy gets, as before. Only for the verified version.
//
// POLICY_PACK_SHARE_ENCODED=1: for every resource, the SDK's Analyze answers one "not applicable"
// entry per policy of another type (server.js, `pushNotApplicable`: the policy's name and
// "Policy only applies to resources of type '<type>'"): on a stack of 10,000 resources, some 1.5
// million entries per run, each written by google-protobuf's encoder character by character. The
// bytes of each (policy, reason) pair are kept here and written again for the next entry with the
// same pair, so every answer has exactly the bytes it had (checked by test/tools/pack-preload.spec.ts).
// Only for the verified version and message shape.
//
// POLICY_PACK_COMPILE_CACHE=<dir>: a compile cache for the pack's TypeScript. The runner registers ts-node with `typeCheck: true`
// (cmd/run-policy-pack/run.js), exactly as `pulumi preview` does; type-checking the pack costs
// seconds. This hook keeps that load, and makes a repeated one cheap without changing its result:
//
// - cold: ts-node is registered with the runner's own options and compiles (and type-checks) every
//   file as usual; the output of each file is recorded. Once the pack has loaded completely (it
//   prints its port), the outputs are stored under a fingerprint of everything the type-check
//   depended on: every source and JSON file of the pack folder, the tsconfig files it extends,
//   the lock files of the folders above it, the ts-node options the runner passed, and the versions
//   of TypeScript and ts-node.
// - warm: with the same fingerprint, and every recorded file (also those outside the pack folder)
//   unchanged, the recorded output is used instead of compiling again. Any other file (one the
//   cold load never compiled) still goes through ts-node's type-checked compile.
//
// The same folder keeps V8's code cache of the modules the pack loads from node_modules and of its
// rules' compiled outputs (./code-cache.js), and the bytes of the pack's `GetAnalyzerInfo` answer,
// keyed by everything the SDK builds it from (./analyzer-info-cache.js): an unchanged pack answers
// with the same bytes without building and encoding them again.
//
// A load that fails (a type error) stores nothing, so it fails the same way every time. The cache
// never makes a load fail: any error of its own leaves ts-node as the runner registered it.
//
// Always: the packages the SDK needs only to package a callback function (npm's arborist and what
// it loads), which no policy pack does, load on first use instead of with the SDK
// (./lazy-closure-deps.js), and so does ts-node's REPL (./lazy-ts-node-repl.js).
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

require("./lazy-closure-deps").deferClosurePackages();
require("./lazy-ts-node-repl").deferTsNodeRepl();
// OFFLINE_CHECK_TRACE (./trace.js): when the pack's process started and the CPU it used.
const trace = require("./trace");
const cacheFolder = require("./cache-folder");
const { lockFiles, packSources } = require("./pack-files");
if (trace.tracing) {
  trace.traceStart("pack");
  process.on("exit", () => trace.traceEvent("pack", "exit"));
}

const CACHE_DIR = process.env.POLICY_PACK_COMPILE_CACHE;
const FORMAT = 1;
/**
 * Entries kept per cache directory (one per recent fingerprint). Every pack under one node_modules
 * shares the folder: the project's pack, the test fixtures' packs, and the pack of each checkout
 * or branch that links the same node_modules. With too few, they evict each other, and a pack
 * that loses its entry is type-checked again on its next start (about 4 s instead of 1).
 */
const KEEP = 16;

function sha(text) {
  return crypto.createHash("sha256").update(text).digest("hex");
}

/** tsconfig.json of the folder and every file its `extends` names (relative paths). */
function tsconfigChain(file, out = []) {
  if (!fs.existsSync(file) || out.includes(file)) return out;
  out.push(file);
  let parsed;
  try {
    // tsconfig allows comments and trailing commas; TypeScript's own parser reads them.
    parsed = require(
      require.resolve("typescript", { paths: [path.dirname(file)] }),
    ).parseConfigFileTextToJson(file, fs.readFileSync(file, "utf8")).config;
  } catch {
    return out;
  }
  for (const ext of [].concat(parsed?.extends ?? [])) {
    if (typeof ext !== "string" || !ext.startsWith(".")) continue;
    const target = path.resolve(path.dirname(file), ext);
    tsconfigChain(target.endsWith(".json") ? target : `${target}.json`, out);
  }
  return out;
}

function fingerprint(service, opts) {
  const cwd = process.cwd();
  const files = [
    ...new Set([
      ...packSources(cwd),
      ...tsconfigChain(path.join(cwd, "tsconfig.json")),
      ...lockFiles(cwd),
    ]),
  ].sort();
  const h = crypto.createHash("sha256");
  h.update(JSON.stringify({ FORMAT, cwd, opts, ts: service.ts.version, tsNode: VERSION }));
  for (const f of files) h.update(`\0${f}\0${sha(fs.readFileSync(f))}`);
  return h.digest("hex");
}

let VERSION = "";

function readEntry(file) {
  try {
    const entry = JSON.parse(fs.readFileSync(file, "utf8"));
    // Every recorded file must be unchanged (files outside the pack folder included).
    for (const [name, f] of Object.entries(entry.files)) {
      if (sha(fs.readFileSync(name, "utf8")) !== f.hash) return undefined;
    }
    return entry;
  } catch {
    return undefined;
  }
}

function writeEntry(file, files) {
  cacheFolder.writeEntry(file, JSON.stringify({ files }));
  cacheFolder.keepNewest(path.dirname(file), KEEP, ".json");
}

/** Source maps of served outputs, for stack traces, through ts-node's own source-map-support. */
function serveSourceMaps(tsnodeDir, files) {
  const support = require(require.resolve("@cspotcode/source-map-support", { paths: [tsnodeDir] }));
  support.install({
    environment: "node",
    retrieveFile(p) {
      return files[p.replace(/\\/g, "/")]?.output ?? files[p]?.output ?? "";
    },
  });
}

function attach(service, opts, tsnodeDir) {
  const entryFile = path.join(CACHE_DIR, `${fingerprint(service, opts)}.json`);
  const compile = service.compile.bind(service);
  const entry = fs.existsSync(entryFile) ? readEntry(entryFile) : undefined;
  if (entry) {
    cacheFolder.markUsed(entryFile); // in use: trimmed last
    serveSourceMaps(tsnodeDir, entry.files);
    service.compile = (code, fileName, lineOffset) => {
      const hit = entry.files[fileName];
      if (hit && hit.hash === sha(code)) return hit.output;
      return compile(code, fileName, lineOffset);
    };
    return;
  }
  const recorded = {};
  service.compile = (code, fileName, lineOffset) => {
    const output = compile(code, fileName, lineOffset);
    recorded[fileName] = { hash: sha(code), output };
    return output;
  };
  // The server prints its port once the whole pack has loaded: store the outputs then.
  const write = process.stdout.write;
  process.stdout.write = function (chunk, ...rest) {
    process.stdout.write = write;
    if (/^\d+\s*$/.test(String(chunk))) {
      try {
        writeEntry(entryFile, recorded);
      } catch {
        // a cache that cannot be written is no cache
      }
    }
    return write.call(this, chunk, ...rest);
  };
}

function install() {
  let tsnodePath;
  try {
    // ts-node as `@pulumi/pulumi/tsutils` resolves it: from @pulumi/pulumi's own folder.
    const sdk = path.dirname(
      require.resolve("@pulumi/pulumi/package.json", { paths: [process.cwd()] }),
    );
    tsnodePath = require.resolve("ts-node", { paths: [sdk] });
  } catch {
    return; // the runner falls back to its vendored ts-node: left as it is
  }
  const tsnode = require(tsnodePath);
  VERSION = tsnode.VERSION;
  const register = tsnode.register;
  tsnode.register = function (opts) {
    const service = register.call(this, opts);
    try {
      attach(service, opts, path.dirname(tsnodePath));
    } catch {
      // the cache must never change the load
    }
    return service;
  };
}

if (CACHE_DIR) {
  // The pack's dependencies (the SDK, the policy SDK, ts-node, TypeScript) and its rules' compiled
  // outputs compile from V8's code cache kept next to the outputs (./code-cache.js); what a module
  // sees of its loading is unchanged but for the frames below one running as it loads.
  require("./code-cache").installCodeCache(path.join(CACHE_DIR, "v8"));
  install();
  require("./analyzer-info-cache").installAnalyzerInfoCache(
    path.join(CACHE_DIR, "analyzer-info-bytes"),
  );
}

function shareDecodedProperties() {
  try {
    const policyDir = path.dirname(
      require.resolve("@pulumi/policy/package.json", { paths: [process.cwd()] }),
    );
    if (!/^v?1\.21\./.test(require(path.join(policyDir, "package.json")).version)) return;
    const pb = require(require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [policyDir] }));
    for (const cls of [pb.AnalyzeRequest, pb.AnalyzerResource, pb.AnalyzerProviderResource]) {
      const get = cls.prototype.getProperties;
      cls.prototype.getProperties = function () {
        const struct = get.call(this);
        if (struct && !Object.prototype.hasOwnProperty.call(struct, "toJavaScript")) {
          const toJavaScript = struct.toJavaScript;
          let decoded;
          struct.toJavaScript = function () {
            if (decoded === undefined) decoded = toJavaScript.call(this);
            return decoded;
          };
        }
        return struct;
      };
    }
  } catch {
    // not the verified SDK layout: decode as the SDK does
  }
}

if (process.env.POLICY_PACK_SHARE_DECODED === "1") shareDecodedProperties();

/**
 * `serializeBinaryToWriter` for `PolicyNotApplicable` (generated: `policy_name` = 1, `reason` = 2,
 * both strings) that encodes each (policy, reason) pair once and writes those bytes again for
 * every later entry, through the writer's own `writeSerializedMessage`. Undefined when the message
 * has other fields than the two it was verified with.
 */
function notApplicableEncoder(NotApplicable, BinaryWriter) {
  const fields = Object.keys(new NotApplicable().toObject());
  if (fields.length !== 2 || fields[0] !== "policyName" || fields[1] !== "reason") return undefined;
  const encode = NotApplicable.serializeBinaryToWriter;
  /**
   * Encoded entries by policy: `[reason, bytes, reason, bytes, ...]`, at most REASONS_KEPT
   * reasons each. Reasons are compared, not hashed: the SDK builds each one anew.
   */
  const encoded = new Map();
  return function (message, writer) {
    const policy = message.getPolicyName();
    const reason = message.getReason();
    let entries = encoded.get(policy);
    if (entries === undefined) encoded.set(policy, (entries = []));
    let bytes;
    for (let i = 0; i < entries.length; i += 2) {
      if (entries[i] === reason) {
        bytes = entries[i + 1];
        break;
      }
    }
    if (bytes === undefined) {
      const w = new BinaryWriter();
      encode(message, w);
      bytes = w.getResultBuffer();
      if (entries.length < 2 * REASONS_KEPT) entries.push(reason, bytes);
    }
    writer.writeSerializedMessage(bytes, 0, bytes.length);
  };
}
const REASONS_KEPT = 16;

function shareEncodedNotApplicable() {
  try {
    const policyDir = path.dirname(
      require.resolve("@pulumi/policy/package.json", { paths: [process.cwd()] }),
    );
    if (!/^v?1\.21\./.test(require(path.join(policyDir, "package.json")).version)) return;
    const pbFile = require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [policyDir] });
    const pb = require(pbFile);
    const jspb = require(require.resolve("google-protobuf", { paths: [path.dirname(pbFile)] }));
    const encoder = notApplicableEncoder(pb.PolicyNotApplicable, jspb.BinaryWriter);
    if (encoder) pb.PolicyNotApplicable.serializeBinaryToWriter = encoder;
  } catch {
    // not the verified SDK layout: encode as the SDK does
  }
}

if (process.env.POLICY_PACK_SHARE_ENCODED === "1") shareEncodedNotApplicable();

if (process.env.POLICY_PACK_EXIT_WITH_PARENT === "1") {
  process.stdin.on("end", () => process.exit(0));
  process.stdin.on("error", () => process.exit(0));
  process.stdin.resume();
  // Watching must not keep the process alive: a pack that fails to load still exits as it would.
  if (typeof process.stdin.unref === "function") process.stdin.unref();
}

module.exports = { notApplicableEncoder };
