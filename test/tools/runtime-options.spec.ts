// Pulumi.yaml `runtime.options` as the language host reads them, `nodeargs` above all: the host
// splits it with google/shlex, so quotes, escapes and comments mean what they mean there, and a
// string it cannot split stops the run before Node starts.
import { expect } from "chai";
import {
  hostOptions,
  programNodeOptions,
  splitNodeArgs,
} from "../../tools/lib/engine/runtime-options";

describe("runtime options as the language host reads them", () => {
  it("splits nodeargs on whitespace, as before, for the common flags", () => {
    expect(splitNodeArgs("--max-old-space-size=4096")).to.deep.equal(["--max-old-space-size=4096"]);
    expect(splitNodeArgs("  --require ./preload.js\t--import tsx\n")).to.deep.equal([
      "--require",
      "./preload.js",
      "--import",
      "tsx",
    ]);
    expect(splitNodeArgs("")).to.deep.equal([]);
  });

  it("removes quotes and keeps what they enclose as one word", () => {
    expect(splitNodeArgs("--require './preload.js'")).to.deep.equal(["--require", "./preload.js"]);
    expect(splitNodeArgs('--require "./my preload.js"')).to.deep.equal([
      "--require",
      "./my preload.js",
    ]);
    expect(splitNodeArgs('--title="a b"c')).to.deep.equal(["--title=a bc"]);
    expect(splitNodeArgs("--x '' y")).to.deep.equal(["--x", "", "y"]);
    expect(splitNodeArgs(`'a\\b "c"'`)).to.deep.equal([`a\\b "c"`]);
  });

  it("takes the character after a backslash literally, in double quotes too", () => {
    expect(splitNodeArgs("a\\ b")).to.deep.equal(["a b"]);
    expect(splitNodeArgs('"a\\"b\\\\c\\n"')).to.deep.equal(['a"b\\cn']);
  });

  it("skips a comment that starts a word, and keeps # inside a word", () => {
    expect(splitNodeArgs("--max-old-space-size=4096 # more memory")).to.deep.equal([
      "--max-old-space-size=4096",
    ]);
    expect(splitNodeArgs("# off\n--enable-source-maps")).to.deep.equal(["--enable-source-maps"]);
    expect(splitNodeArgs("--conditions=a#b")).to.deep.equal(["--conditions=a#b"]);
  });

  it("fails as the host fails on an unclosed quote or a trailing backslash", () => {
    expect(() => splitNodeArgs("--require './preload.js")).to.throw(
      "EOF found when expecting closing quote",
    );
    expect(() => splitNodeArgs('--require "x')).to.throw("EOF found when expecting closing quote");
    expect(() => splitNodeArgs("--require x\\")).to.throw("EOF found after escape character");
  });

  it("checks the option types as parseOptions does", () => {
    expect(hostOptions({})).to.deep.equal({ typescript: true, tsconfig: undefined, nodeargs: [] });
    expect(hostOptions({ typescript: false, nodeargs: "--require './a b.js'" })).to.deep.equal({
      typescript: false,
      tsconfig: undefined,
      nodeargs: ["--require", "./a b.js"],
    });
    expect(() => hostOptions({ typescript: "no" })).to.throw("typescript option must be a boolean");
    expect(() => hostOptions({ nodeargs: ["--x"] })).to.throw("nodeargs option must be a string");
  });

  it("passes the user's NODE_OPTIONS on after the check's preload, as the host passes its environment", () => {
    expect(programNodeOptions("/p/preload.js", undefined)).to.equal('--require "/p/preload.js"');
    expect(programNodeOptions("/p/preload.js", "  ")).to.equal('--require "/p/preload.js"');
    expect(
      programNodeOptions("/p/preload.js", "--require ./trace.js --max-old-space-size=4096"),
    ).to.equal('--require "/p/preload.js" --require ./trace.js --max-old-space-size=4096');
  });
});
