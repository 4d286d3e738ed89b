// Where a failed invoke, or a failed registration, came from in the program. The preload records
// the program's line of each invoke token's first call (./child-preload.js, item 2); an invoke a
// library makes later, inside a callback, has none, and is placed at the line that made the
// resource it was made for: its options' parent, else the one component known to make it.
import type { SourceLocation } from "./language-host";
import type { OfflineEngine } from "./monitor";

/** The resource a library made an invoke for (its parent), when no line of the program asked. */
export type Invoker = { readonly type: string; readonly name: string };

/**
 * Components known to make an invoke later, inside a callback, without passing themselves as its
 * parent, by the token they invoke: @pulumi/kubernetes before 4 renders a `helm.v3.Chart` with
 * `kubernetes:helm:template` and options that name no parent (helm/v3/helm.js, `invokeOpts`).
 */
const INVOKING_COMPONENTS: Record<string, string> = {
  "kubernetes:helm:template": "kubernetes:helm.sh/v3:Chart",
};

/**
 * Where the program asked for invoke `token`: its own line, else the line that made the resource
 * a library invoked it for (the invoke's parent, or the one component known to make it).
 */
export function invokeSite(
  engine: OfflineEngine,
  token: string,
  site: SourceLocation | undefined,
  invokers: ReadonlyMap<string, Invoker> | undefined,
): SourceLocation | undefined {
  if (site) return site;
  const invoker = invokers?.get(token);
  const by = invoker
    ? engine.resources.find((r) => r.type === invoker.type && r.name === invoker.name)
    : engine.resources.find((r) => r.type === INVOKING_COMPONENTS[token]);
  return sourceOfUrn(engine, by?.urn);
}

/** Where the program registered the resource at `urn` (the SDK's source position). */
export function sourceOfUrn(
  engine: OfflineEngine,
  urn: string | undefined,
): SourceLocation | undefined {
  const src = urn ? engine.resources.find((r) => r.urn === urn)?.source : undefined;
  if (!src) return undefined;
  const file = src.uri.startsWith("file://") ? new URL(src.uri).pathname : src.uri;
  return { file, line: src.line, column: src.column };
}
