// What a program run takes and gives back: ./language-host.ts `runProgram` runs the program
// once (one stack, one phase) through its own language host and returns a `ProgramRun`.
import type { EngineAnswers, Phase } from "./answers";
import type { DryRunSite } from "./diagnose";
import type { LeftUnknown } from "./left-unknown";
import type { EngineResource, LogEntry } from "./monitor";
import type { UndecryptableRead } from "./sites-file";

export interface ProgramRunOptions {
  /** Where Pulumi.yaml is (the root directory). */
  readonly rootDir: string;
  readonly project: string;
  /** Pulumi.yaml `main`, if any. */
  readonly main?: string;
  /** Pulumi.yaml `runtime.options`. */
  readonly runtimeOptions?: Readonly<Record<string, unknown>>;
  readonly stack: string;
  readonly organization?: string;
  /** Full config keys → values as strings (structured values as JSON). */
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys: readonly string[];
  readonly phase: Phase;
  readonly answers: EngineAnswers;
  /** Placeholder strings that stand for values unknown offline (undecryptable secrets). */
  readonly opaque?: readonly string[];
  /**
   * The `secure:` keys the check cannot decrypt (full key → the value the program gets): their
   * typed reads give an unknown or a recorded stand-in (./secret-config-reads.js).
   */
  readonly undecryptable?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Type-check the program as `pulumi preview` does by default (slow). */
  readonly typeCheck?: boolean;
  /** A directory whose node_modules serve programs that have none of their own. */
  readonly fallbackModulesDir: string;
  /** Where transpiled TypeScript is cached between runs (none: no cache). */
  readonly cacheDir?: string;
  /** Called with each registration as the engine records it (the policies judge it meanwhile). */
  readonly onRegistered?: (r: EngineResource) => void;
  /** Stops the program's language host when aborted (its run is then of no use to the caller). */
  readonly signal?: AbortSignal;
  /** Called once the program's process is started (the caller may load what it needs later). */
  readonly onSpawned?: () => void;
}

/** Where a failure points in the program's own files. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface ProgramFailure {
  readonly kind: "error" | "timeout" | "early-exit" | "never-finished" | "setup";
  readonly message: string;
  readonly location?: SourceLocation;
  /** The program's error as the language host reported it (stack included). */
  readonly detail?: string;
  /** The error the run is reported at, the first it logged (stack included); detail has all. */
  readonly reported?: string;
  /** True when the program logged that error itself (`pulumi.log.error` from its own code). */
  readonly loggedByProgram?: boolean;
  /** True when the program itself logged one of the errors after it (`pulumi.log.error`). */
  readonly laterLoggedByProgram?: boolean;
}

export interface SdkInfo {
  /** The language host script that ran the program. */
  readonly runPath: string;
  readonly version: string;
  /** False when the program has no `@pulumi/pulumi` of its own and ran with the check's. */
  readonly own: boolean;
}

export interface ProgramRun {
  readonly phase: Phase;
  readonly resources: EngineResource[];
  readonly remoteComponents: EngineResource[];
  readonly logs: LogEntry[];
  /** What the program wrote to stdout and stderr (the last lines, when there were many). */
  readonly output: string[];
  readonly invokes: ReadonlyMap<string, number>;
  /** Invokes nothing answered (`token (file:line)`), whether or not the program caught it. */
  readonly unanswered: string[];
  readonly sdk: SdkInfo;
  /** Version skew between the program's dependencies and the check's (./versions.ts). */
  readonly versionWarnings: string[];
  readonly failure?: ProgramFailure;
  readonly ms: number;
  /**
   * The config keys the program read a value of (full keys), each with the program's line that
   * first read it when there is one (./config-sites.js).
   */
  readonly configReads: ReadonlyMap<string, SourceLocation | undefined>;
  /** Where code outside the SDK asked `isDryRun()` (always true here: ./dry-run-sites.js). */
  readonly dryRunAsked: readonly DryRunSite[];
  /** Pulumi CLI queries the check answered itself (`call (file:line)`: ./automation-guard.js). */
  readonly cliAnswered: readonly string[];
  /**
   * Apply phase: `apply` callbacks that failed on what an offline run lacks, their results left
   * unknown as at preview (./apply-unknowns.js).
   */
  readonly leftUnknown: readonly LeftUnknown[];
  /**
   * Apply phase, a run that failed: what an offline run lacks that the error ending it failed on,
   * outside any `apply` (an invoke nothing answers, a command that cannot run, a host it cannot
   * reach; ./apply-stopped.js `recordStop`), placed in the program. Undefined for any other error
   * (the program's own, a provider's validation).
   */
  readonly stoppedAt?: LeftUnknown;
  /** Typed reads of `secure:` keys the check cannot decrypt (./secret-config-reads.js). */
  readonly undecryptableReads: readonly UndecryptableRead[];
}
