// The records the program's preload appends to OFFLINE_INVOKE_SITES, one JSON line each
// (./child-preload.js and the preloads it loads): the program's call sites by token, its network use,
// interval timers, the invokes a library made for a resource, config reads, `isDryRun()` calls, what the apply
// phase left unknown and the failure that stopped it (./apply-unknowns.js).
import * as fs from "fs";
import type { SourceLocation } from "./language-host";
import { CONFIG_READ_PREFIX, CONFIG_SITE_PREFIX } from "./config-site";
import { NETWORK_SITE, type NetworkUse } from "./hints-network";
import type { Invoker } from "./invoke-sites";
import {
  APPLY_STOPPED_SITE,
  APPLY_UNKNOWN_SITE,
  applyUnknownOf,
  type ApplyUnknown,
} from "./left-unknown";
import { UNDECRYPTABLE_READ_PREFIX } from "./secret-config-reads";

export type Site = SourceLocation & { readonly code?: unknown };

/**
 * A typed read of a `secure:` key the check cannot decrypt (./secret-config-reads.js): the getter,
 * and `unknown` for a secret getter's unknown Output (a plain getter's read is refused).
 */
export interface UndecryptableRead {
  readonly key: string;
  readonly getter: string;
  readonly unknown?: true;
  /** Not a read: an `apply` of the program on an Output built from it, whose callback never ran. */
  readonly callback?: true;
  readonly location?: SourceLocation;
}

/** The call site ./dry-run-sites.js records where code outside the SDK asks `isDryRun()`. */
const DRY_RUN_SITE = "isDryRun";

/** Where code outside the SDK asked `isDryRun()`; `via`, a library's file that made the call. */
export type DryRunSite = SourceLocation & { readonly via?: string };

/** Interval timers the program started and never cleared. */
export type Interval = SourceLocation & { readonly ms: number };

/** Every record of the sites file, sorted by kind; a torn line is skipped. */
export function readSites(file: string): {
  sites: Map<string, Site>;
  intervals: Interval[];
  network: NetworkUse[];
  invokers: Map<string, Invoker[]>;
  configReads: Map<string, SourceLocation | undefined>;
  dryRun: DryRunSite[];
  applyUnknown: ApplyUnknown[];
  /**
   * The first error that ended the program outside any `apply`, when it failed on what an offline
   * run lacks (or threw in place of such a failure, which it caught); null when that error had no
   * such cause; undefined when none was recorded.
   */
  applyStopped: ApplyUnknown | null | undefined;
  undecryptableReads: UndecryptableRead[];
} {
  const sites = new Map<string, Site>();
  const intervals = new Map<number, Interval>();
  const network: NetworkUse[] = [];
  const invokers = new Map<string, Invoker[]>();
  const configReads = new Map<string, SourceLocation | undefined>();
  const dryRun: DryRunSite[] = [];
  const applyUnknown: ApplyUnknown[] = [];
  let applyStopped: ApplyUnknown | null | undefined;
  const undecryptableReads: UndecryptableRead[] = [];
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  for (const line of text.split("\n")) {
    if (!line) continue;
    try {
      const s = JSON.parse(line);
      if (s.token === NETWORK_SITE) {
        network.push({ host: s.host, port: s.port, via: s.via, file: s.file, line: s.line });
      } else if (s.token === DRY_RUN_SITE) {
        const via = typeof s.via === "string" ? { via: s.via } : {};
        dryRun.push({ file: s.file, line: s.line, column: s.column, ...via });
      } else if (s.token === APPLY_UNKNOWN_SITE) {
        applyUnknown.push(applyUnknownOf(s));
      } else if (s.token === APPLY_STOPPED_SITE) {
        // Only the first is written; a cause is an invoke's token, `command` or `network`.
        const offline = typeof s.invoke === "string" || s.command === true || s.network === true;
        if (applyStopped === undefined) applyStopped = offline ? applyUnknownOf(s) : null;
      } else if (typeof s.token === "string" && s.token.startsWith(UNDECRYPTABLE_READ_PREFIX)) {
        undecryptableReads.push({
          key: s.token.slice(UNDECRYPTABLE_READ_PREFIX.length),
          getter: String(s.getter),
          ...(s.unknown === true ? { unknown: true as const } : {}),
          ...(s.callback === true ? { callback: true as const } : {}),
          ...(typeof s.file === "string"
            ? { location: { file: s.file, line: s.line, column: s.column } }
            : {}),
        });
      } else if (s.token === "setInterval") {
        intervals.set(s.id, { file: s.file, line: s.line, column: s.column, ms: s.ms });
      } else if (s.file === undefined && typeof s.resourceType === "string") {
        const invoker = { type: s.resourceType, name: s.resourceName, args: s.args };
        invokers.set(s.token, [...(invokers.get(s.token) ?? []), invoker]);
      } else if (typeof s.token === "string" && s.token.startsWith(CONFIG_READ_PREFIX)) {
        const key = s.token.slice(CONFIG_READ_PREFIX.length);
        const at =
          typeof s.file === "string" ? { file: s.file, line: s.line, column: s.column } : undefined;
        if (!configReads.get(key)) configReads.set(key, at);
      } else if (s.token === "clearInterval") {
        intervals.delete(s.id);
      } else if (!sites.has(s.token) || s.token.startsWith(CONFIG_SITE_PREFIX))
        sites.set(s.token, { file: s.file, line: s.line, column: s.column, code: s.code });
    } catch {
      // a torn line: ignore
    }
  }
  return {
    sites,
    intervals: [...intervals.values()],
    network,
    invokers,
    configReads,
    dryRun,
    applyUnknown,
    applyStopped,
    undecryptableReads,
  };
}
