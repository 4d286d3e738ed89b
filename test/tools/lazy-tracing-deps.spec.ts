// The language host's OpenTelemetry packages load when it starts tracing
// (tools/lib/engine/lazy-tracing-deps.js), shown on a stand-in SDK layout under the scratch folder:
// a `cmd/run/tracing.js` compiled as the SDK's is (plain `require` at its top, the packages read
// only in `start()`) and two packages that count their loads; and on the installed SDK's own file,
// whose `start()` still sets up a real tracer provider.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";
import { deferTracingPackages } from "../../tools/lib/engine/lazy-tracing-deps";
import { StandInPackages, standInPackages } from "./stand-in-packages";

const TRACING = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const resources_1 = require("@opentelemetry/resources");
const sdk_trace_node_1 = require("@opentelemetry/sdk-trace-node");
function start(url) {
    const resource = new resources_1.Resource({ url });
    return new sdk_trace_node_1.NodeTracerProvider({ resource });
}
exports.start = start;
exports.modules = () => ({ resources: resources_1, node: sdk_trace_node_1 });
`;

const RESOURCES = `"use strict";
globalThis.__lazyTracingLoads.push("@opentelemetry/resources");
class Resource { constructor(attributes) { this.attributes = attributes; } }
exports.Resource = Resource;
exports.version = "1.0.0";
`;

const TRACE_NODE = `"use strict";
globalThis.__lazyTracingLoads.push("@opentelemetry/sdk-trace-node");
class NodeTracerProvider { constructor(config) { this.config = config; } }
exports.NodeTracerProvider = NodeTracerProvider;
`;

describe("the language host's tracing packages, loaded when tracing starts", () => {
  const loads: string[] = [];
  let pkgs: StandInPackages;
  const req = (file: string) => pkgs.req(file);

  before(() => {
    (globalThis as any).__lazyTracingLoads = loads;
    pkgs = standInPackages(
      "lazy-tracing-",
      {
        "@pulumi/pulumi/cmd/run/tracing.js": TRACING,
        "@opentelemetry/resources/package.json": '{"name":"@opentelemetry/resources"}',
        "@opentelemetry/resources/index.js": RESOURCES,
        "@opentelemetry/sdk-trace-node/package.json": '{"name":"@opentelemetry/sdk-trace-node"}',
        "@opentelemetry/sdk-trace-node/index.js": TRACE_NODE,
      },
      { "other.js": 'module.exports = require("@opentelemetry/resources");\n' },
    );
    deferTracingPackages();
  });

  after(() => {
    delete (globalThis as any).__lazyTracingLoads;
    pkgs.remove();
  });

  it("loads no package with tracing.js, each on its first use, once, and answers as it", () => {
    const tracing = req("node_modules/@pulumi/pulumi/cmd/run/tracing.js");
    expect(loads).to.deep.equal([]);

    const provider = tracing.start("http://127.0.0.1:9411/api/v2/spans");
    expect(loads).to.deep.equal(["@opentelemetry/resources", "@opentelemetry/sdk-trace-node"]);
    const realNode = req("node_modules/@opentelemetry/sdk-trace-node/index.js");
    const realResources = req("node_modules/@opentelemetry/resources/index.js");
    expect(provider).to.be.an.instanceOf(realNode.NodeTracerProvider);
    expect(provider.config.resource).to.be.an.instanceOf(realResources.Resource);
    expect(provider.config.resource.attributes).to.deep.equal({
      url: "http://127.0.0.1:9411/api/v2/spans",
    });

    // Every way of looking at the module gives what the real one gives.
    const { resources } = tracing.modules();
    expect(Object.keys(resources)).to.deep.equal(Object.keys(realResources));
    expect("version" in resources).to.equal(true);
    expect(resources.version).to.equal("1.0.0");
    expect({ ...resources }).to.deep.equal({ ...realResources });

    tracing.start("again");
    expect(loads).to.have.length(2);
  });

  it("gives any other module the real package", () => {
    const other = req("other.js");
    expect(other).to.equal(req("node_modules/@opentelemetry/resources/index.js"));
  });

  it("leaves the installed SDK's tracing.js unloaded until start(), which sets up a real provider", () => {
    const script = `
      require(${JSON.stringify(require.resolve("../../tools/lib/engine/lazy-tracing-deps"))}).deferTracingPackages();
      const loaded = () => Object.keys(require.cache).filter((k) =>
        /@opentelemetry[\\\\/](resources|sdk-trace-base|sdk-trace-node|exporter-zipkin|instrumentation)/.test(k)).length;
      const tracing = require("@pulumi/pulumi/cmd/run/tracing.js");
      const before = loaded();
      tracing.newSpan("unstarted").end();
      const afterSpan = loaded();
      tracing.start("http://127.0.0.1:9/api/v2/spans");
      const provider = require("@opentelemetry/api").trace.getTracerProvider().getDelegate();
      console.log(JSON.stringify({ before, afterSpan, after: loaded(), provider: provider.constructor.name }));
      process.exit(0);`;
    const run = spawnSync(process.execPath, ["-e", script], {
      cwd: path.resolve(__dirname, "../.."),
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status, run.stderr).to.equal(0);
    const seen = JSON.parse(run.stdout);
    expect(seen.before).to.equal(0);
    expect(seen.afterSpan).to.equal(0);
    expect(seen.after).to.be.greaterThan(10);
    expect(seen.provider).to.equal("NodeTracerProvider");
  });
});
