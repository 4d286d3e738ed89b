// Where a failed invoke, or a failed registration, came from in the program. The preload records
// the program's line of each invoke token's first call (./child-preload.js, item 2); an invoke a
// library makes later, inside a callback, has none, and is placed at the line that made the
// resource it was made for: its options' parent (of several, the one whose arguments went
// unanswered), else the one component known to make it. A run with several unanswered invokes lists
// them all with their lines.
import * as path from "path";
import { fileURLToPath } from "url";
import type { SourceLocation } from "./language-host";
import type { OfflineEngine } from "./monitor";
import { argsMatch } from "../fake-aws/answers";

/**
 * The resource a library made an invoke for (its parent), when no line of the program asked, with
 * the call's arguments given as plain data (a partial match of what the engine received).
 */
export type Invoker = {
  readonly type: string;
  readonly name: string;
  readonly args?: Readonly<Record<string, unknown>>;
};

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
 * a library invoked it for. Of several such resources (two charts), the one whose call went
 * unanswered, by its arguments; with no parent to go by, the one component known to make it, and
 * no line when the program made several (nothing says which one's call failed).
 */
export function invokeSite(
  engine: OfflineEngine,
  token: string,
  site: SourceLocation | undefined,
  invokers: ReadonlyMap<string, readonly Invoker[]> | undefined,
): SourceLocation | undefined {
  if (site) return site;
  const recorded = invokers?.get(token) ?? [];
  if (recorded.length === 0) {
    const made = engine.resources.filter((r) => r.type === INVOKING_COMPONENTS[token]);
    return made.length === 1 ? sourceOfUrn(engine, made[0].urn) : undefined;
  }
  const asked = engine.unansweredArgs.get(token) ?? [];
  const matching = recorded.filter(
    (i) => i.args === undefined || asked.some((a) => argsMatch(i.args!, a)),
  );
  const by = new Set((matching.length ? matching : recorded).map((i) => `${i.type}\0${i.name}`));
  if (by.size !== 1) return undefined;
  const [type, name] = [...by][0].split("\0");
  return sourceOfUrn(engine, engine.resources.find((r) => r.type === type && r.name === name)?.urn);
}

/** Where the program registered the resource at `urn` (the SDK's source position). */
export function sourceOfUrn(
  engine: OfflineEngine,
  urn: string | undefined,
): SourceLocation | undefined {
  const src = urn ? engine.resources.find((r) => r.urn === urn)?.source : undefined;
  if (!src) return undefined;
  const file = src.uri.startsWith("file://") ? fileURLToPath(src.uri) : src.uri;
  return { file, line: src.line, column: src.column };
}

/** An invoke token with where the program asked for it (`aws:ec2/getAmi:getAmi (index.ts:7)`). */
export function tokenAt(
  token: string,
  sites: ReadonlyMap<string, SourceLocation>,
  pwd: string,
): string {
  const site = sites.get(token);
  return site ? `${token} (${path.relative(pwd, site.file) || site.file}:${site.line})` : token;
}

/**
 * Every invoke the run asked for and could not answer, with where the program asked, when there
 * are several: invokes run concurrently, so the first failure hides the others, and one answers
 * file (`--invoke-answers`, keyed by token) can answer them all at once.
 */
export function unansweredInvokesHint(
  unanswered: ReadonlySet<string>,
  sites: ReadonlyMap<string, SourceLocation>,
  pwd: string,
): string {
  if (unanswered.size < 2) return "";
  const listed = [...unanswered].map((token) => tokenAt(token, sites, pwd));
  return (
    `\nthe run asked for ${unanswered.size} invokes the check cannot answer: ` +
    `${listed.join(", ")}; one --invoke-answers file can answer them all (a program that ` +
    "catches an invoke's failure needs no answer for it; invokes whose arguments come from " +
    "these answers may show up on the next run)"
  );
}
