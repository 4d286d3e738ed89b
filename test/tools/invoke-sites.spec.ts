// Where a failed invoke a library made for the program is placed (tools/lib/engine/invoke-sites.ts):
// the program's own line when it asked; else the line that made the resource the call was made
// for, told apart by the call's arguments when several resources made one; else the one component
// known to make it, and no line when several could have.
import { expect } from "chai";
import { invokeSite, sourceOfUrn, type Invoker } from "../../tools/lib/engine/invoke-sites";
import type { OfflineEngine } from "../../tools/lib/engine/monitor";

const TOKEN = "kubernetes:helm:template";
const CHART = "kubernetes:helm.sh/v3:Chart";
const opts = (chart: string) => ({ jsonOpts: JSON.stringify({ chart }) });

/** An engine that saw these charts made at these lines and the calls of `unanswered` go unanswered. */
function engine(charts: Record<string, number>, unanswered: Record<string, unknown>[]) {
  const resources = Object.entries(charts).map(([name, line]) => ({
    type: CHART,
    name,
    urn: `urn:pulumi:dev::p::${CHART}::${name}`,
    source: { uri: "file:///p/index.ts", line, column: 1 },
  }));
  return { resources, unansweredArgs: new Map([[TOKEN, unanswered]]) } as unknown as OfflineEngine;
}

const invokers = (...list: Invoker[]) => new Map([[TOKEN, list]]);
const lineOf = (e: OfflineEngine, i?: Map<string, Invoker[]>) =>
  invokeSite(e, TOKEN, undefined, i)?.line;

describe("the line a library's failed invoke is reported at", () => {
  it("the program's own line when it asked", () => {
    const site = { file: "/p/index.ts", line: 3, column: 5 };
    expect(invokeSite(engine({ a: 7 }, []), TOKEN, site, undefined)).to.equal(site);
  });

  it("with parents: the chart whose arguments went unanswered, of several", () => {
    const both = invokers(
      { type: CHART, name: "grafana", args: opts("grafana") },
      { type: CHART, name: "monitoring", args: opts("kube-prometheus-stack") },
    );
    const e = engine({ grafana: 7, monitoring: 8 }, [opts("kube-prometheus-stack")]);
    expect(lineOf(e, both)).to.equal(8);
    expect(lineOf(engine({ grafana: 7, monitoring: 8 }, [opts("grafana")]), both)).to.equal(7);
    // Both unanswered, or arguments that match neither: no chart can be named.
    const all = engine({ grafana: 7, monitoring: 8 }, [
      opts("grafana"),
      opts("kube-prometheus-stack"),
    ]);
    expect(lineOf(all, both)).to.equal(undefined);
    expect(lineOf(engine({ grafana: 7, monitoring: 8 }, [opts("loki")]), both)).to.equal(undefined);
    // Arguments left out (too long to record) match any call.
    const one = invokers({ type: CHART, name: "monitoring" });
    expect(lineOf(e, one)).to.equal(8);
  });

  it("without a parent: the one chart known to make the call, none of several", () => {
    expect(lineOf(engine({ monitoring: 8 }, [opts("kube-prometheus-stack")]))).to.equal(8);
    expect(lineOf(engine({ grafana: 7, monitoring: 8 }, [opts("grafana")]))).to.equal(undefined);
  });
});

describe("where a resource was registered, from the SDK's source position", () => {
  it("names the file of a percent-encoded URL (a checkout whose path holds a space)", () => {
    // The SDK makes the URI with url.pathToFileURL: the file is that URL's path, decoded.
    const urn = "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b";
    const source = { uri: "file:///ci/my%20work/index.ts", line: 4, column: 2 };
    const e = { resources: [{ urn, source }] } as unknown as OfflineEngine;
    expect(sourceOfUrn(e, urn)).to.deep.equal({ file: "/ci/my work/index.ts", line: 4, column: 2 });
  });
});
