// Records, for the report, each host outside this machine the program's process connects to (the
// program itself or a dependency: @pulumi/eks before 3.0, a Node.js component until then, reads
// the certificate of https://oidc.eks.<region>.amazonaws.com while the program runs, to fill an
// OIDC provider's thumbprint, cluster.ts `getIssuerCAThumbprint`). `pulumi preview` runs where the network is; an
// offline check has none, and when the program then fails, the error a dependency raises after
// its retries seldom says why. Every TCP connection, TLS and HTTP included, goes through
// `net.Socket.prototype.connect` (node:net; `tls.connect` and the HTTP agents create sockets and
// call it), so that one method is wrapped: the arguments are passed on untouched, and the record
// (token `network`: host, port, the package whose frame is nearest the call, the program's line
// if the call came from its own code) is written once per host and port. Connections to this
// machine (the engine's gRPC endpoint, a Docker socket) are not recorded.
"use strict";
const net = require("net");
const path = require("path");
const { callerSites } = require("./caller-stack");

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
const LOCAL = /^(?:localhost|127\.\d+\.\d+\.\d+|::1|\[::1\]|0\.0\.0\.0|::)$/i;

/** The package (`name` or `@scope/name`) of the first file under node_modules in `files`. */
function packageOf(files) {
  for (const file of files) {
    const at = typeof file === "string" ? file.lastIndexOf(NODE_MODULES) : -1;
    if (at === -1 || file === __filename) continue;
    const parts = file.slice(at + NODE_MODULES.length).split(path.sep);
    return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  return undefined;
}

/**
 * The JavaScript files of the calling frames, as V8 records them: the text of a stack goes through
 * the SDK's source maps, which name a package's TypeScript sources without the package's folder
 * (`node_modules/@pulumi/cert-thumprint.ts`).
 */
function callerFiles() {
  return callerSites(callerFiles, 40, (f) => f.getFileName());
}

/** Host and port of `socket.connect(...)`'s arguments, as node:net normalizes them. */
function target(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first && typeof first === "object") {
    if (first.path) return undefined; // a local (Unix) socket, as node:net decides (`!!path`)
    return { host: first.host ?? "localhost", port: first.port };
  }
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first)))
    return { host: typeof args[1] === "string" ? args[1] : "localhost", port: first };
  return undefined; // a path: a local socket
}

/**
 * Wraps `net.Socket.prototype.connect`; `append(record)` writes a record, `programFrame(stack)`
 * finds the program's own frame in a stack (both from ./child-preload.js).
 */
function recordNetwork(append, programFrame) {
  const connect = net.Socket.prototype.connect;
  const seen = new Set();
  net.Socket.prototype.connect = function (...args) {
    try {
      const t = target(args);
      const key = t && `${t.host}:${t.port}`;
      if (t && !LOCAL.test(String(t.host)) && !seen.has(key)) {
        seen.add(key);
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 40;
        const stack = String(new Error().stack)
          .split("\n")
          .filter((l) => !l.includes(__filename))
          .join("\n");
        Error.stackTraceLimit = limit;
        append({
          token: "network",
          host: String(t.host),
          port: Number(t.port) || String(t.port),
          via: packageOf(callerFiles()),
          ...(programFrame(stack) ?? {}),
        });
      }
    } catch {
      // recording is best effort; the connection goes ahead as asked
    }
    return connect.apply(this, args);
  };
}

module.exports = { recordNetwork, packageOf, target };
