// A program that fails after it (or a dependency) reached for the network: the preload records
// each connection to another machine (tools/lib/engine/network-sites.js) and the error names it.
// The fixture runs under plain Node with the preload, which is all the recording needs; the
// language host adds nothing to it.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readSites } from "../../tools/lib/engine/diagnose";
import { networkHint } from "../../tools/lib/engine/hints-network";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packageOf, target } = require("../../tools/lib/engine/network-sites");

const PRELOAD = path.resolve(__dirname, "../../tools/lib/engine/child-preload.js");
const FIXTURE = path.resolve(__dirname, "../fixtures/programs/fail-network-fetch");

describe("network use while the program runs", () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "network-sites-"))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("records the host and the program's line of a connection to another machine", () => {
    const sites = path.join(dir, "sites.jsonl");
    const script =
      `require("net").connect(1, "127.0.0.1").on("error", () => {});` +
      `require(${JSON.stringify(FIXTURE)}).catch((e) => console.log(e.message));`;
    const run = spawnSync(process.execPath, ["--require", PRELOAD, "-e", script], {
      env: { ...process.env, OFFLINE_INVOKE_SITES: sites, NODE_OPTIONS: "" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.stdout).to.match(/Cannot retrieve the certificate fingerprint/);
    const { network } = readSites(sites);
    // The engine's own loopback connection is not a network use.
    expect(network).to.have.length(1);
    expect(network[0]).to.include({
      host: "oidc.eks.offline-check.invalid",
      port: 443,
      file: path.join(FIXTURE, "index.js"),
      line: 10,
    });
  });

  it("names the package that connected from the JavaScript file, not a source-mapped path", () => {
    const nm = (p: string) => path.join("/app", "node_modules", ...p.split("/"));
    expect(packageOf([undefined, "node:net", nm("@pulumi/eks/cert-thumprint.js")])).to.equal(
      "@pulumi/eks",
    );
    expect(packageOf([nm("got/dist/source/core/index.js")])).to.equal("got");
    expect(packageOf(["/app/index.js"])).to.equal(undefined);
  });

  it("tells a TCP or TLS target from a local socket, as node:net decides", () => {
    expect(target([{ host: "example.org", port: 443, path: null }])).to.deep.equal({
      host: "example.org",
      port: 443,
    });
    expect(target([[{ port: 80 }, null]])).to.deep.equal({ host: "localhost", port: 80 });
    expect(target([8080, "10.0.0.1"])).to.deep.equal({ host: "10.0.0.1", port: 8080 });
    expect(target([{ path: "/var/run/docker.sock" }])).to.equal(undefined);
    expect(target(["/var/run/docker.sock"])).to.equal(undefined);
  });

  it("the hint names host, package and line, and says `pulumi preview` has the network", () => {
    const hint = networkHint(
      [
        {
          host: "oidc.eks.us-west-2.amazonaws.com",
          port: 443,
          via: "@pulumi/eks",
          file: "/prog/index.ts",
          line: 12,
        },
      ],
      "/prog",
    );
    expect(hint).to.include(
      "connected to oidc.eks.us-west-2.amazonaws.com:443 (from @pulumi/eks, called at index.ts:12)",
    );
    expect(hint).to.include("`pulumi preview` reaches these hosts");
    expect(hint).to.include("@pulumi/eks reads from the network while the program runs");
    expect(networkHint([], "/prog")).to.equal("");
  });
});
