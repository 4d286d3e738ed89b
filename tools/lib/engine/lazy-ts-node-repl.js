// ts-node's REPL, loaded when something reads it instead of with ts-node. ts-node 10's `dist/index.js`
// requires `./repl` at its top only to re-export `createRepl` through a getter (TypeStrong/ts-node
// `src/index.ts`), and that file loads Node's `repl` module with its readline and domain machinery:
// about 20-30 ms of CPU in every process that registers ts-node (the program's language host, the
// policy pack's process), none of which starts a REPL.
//
// For that file only, `./repl` is a stand-in module that loads the real one the first time anything
// reads it (./lazy-tracing-deps.js, `moduleStandIn`), so `require("ts-node").createRepl` is the real
// function; `ts-node`'s own command line (`dist/bin.js`) and every other module get the real one.
"use strict";
const path = require("path");
const { deferRequires } = require("./defer-require");
const { moduleStandIn } = require("./lazy-tracing-deps");

const TS_NODE_INDEX = path.join("ts-node", "dist", "index.js");

let installed = false;

/** From now on, ts-node's dist/index.js gets a stand-in for its `./repl` that loads on first use. */
function deferTsNodeRepl() {
  if (installed) return;
  installed = true;
  deferRequires(TS_NODE_INDEX, new Set(["./repl"]), moduleStandIn);
}

module.exports = { deferTsNodeRepl };
