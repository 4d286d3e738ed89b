// What one stack of the offline check yields (its findings, counts and what it could not judge),
// the judge that evaluates a phase, the options of a stack's run, and the program failure that
// stops the check: the shapes ./run.ts, ./combine.ts and the reports share.
import type { Phase } from "../lib/engine/answers";
import type { SdkInfo, SourceLocation } from "../lib/engine/language-host";
import type { EngineResource } from "../lib/engine/monitor";
import type { PolicyReport, Violation } from "../lib/policy-runner";
import type { AutonamingByType } from "../lib/fake-aws/autonaming";
import type { EngineAnswers } from "../lib/engine/answers";
import type { Project } from "./project";
import type { ProviderInputError } from "./provider-refusals";

export type WaivedFinding = PolicyReport["waived"][number] & { readonly phase: Phase };

/** A finding, with the phase that first showed it and every phase that did. */
export type Finding = Violation & { readonly phase: Phase; readonly phases: Phase[] };

/** A check that could not be evaluated in any phase that ran. */
export interface Unevaluated {
  readonly policy: string;
  readonly enforcementLevel: string;
  readonly severity?: string;
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly reason: string;
}

export interface CheckCounts {
  /** Policy × resource pairs the pack evaluates (a policy without resource types counts once). */
  readonly checks: number;
  readonly passed: number;
  readonly failed: number;
  readonly waived: number;
  readonly unevaluated: number;
}

export interface PhaseSummary {
  readonly phase: Phase;
  readonly resources: number;
  readonly programMs: number;
  readonly policiesMs: number;
}

export interface StackResult {
  readonly project: Project;
  readonly stack: string;
  /** The stack file read, or undefined when the stack ran on the project's defaults. */
  readonly stackFile?: string;
  /**
   * What the program registered, as the first phase that ran saw it, then what only a later phase
   * registered (resources a program creates inside `apply` once an output is known).
   */
  readonly resources: EngineResource[];
  readonly phases: PhaseSummary[];
  /** Findings (mandatory and advisory), waivers and preview notes excluded. */
  readonly violations: Finding[];
  /** Checks that needed values unknown at preview and were evaluated in the apply phase. */
  readonly notes: Finding[];
  readonly waived: WaivedFinding[];
  readonly unevaluated: Unevaluated[];
  readonly counts: CheckCounts;
  /** Remote components (their children are invisible offline): the report is incomplete. */
  readonly remoteComponents: { urn: string; type: string; name: string }[];
  /**
   * Custom resources of a package no policy of the pack names (`aws-native`, `gcp`, `docker`…):
   * registered, but judged by nothing, so a PASS says nothing about them.
   */
  readonly unjudged: { urn: string; type: string; name: string }[];
  /**
   * Resources only the apply phase registered (a program creates them once an output is known,
   * inside `apply`): `pulumi up` creates them, but `pulumi preview` of a new stack never lists them.
   */
  readonly applyOnly: { urn: string; type: string; name: string }[];
  /**
   * Resources the apply phase registered under another name than preview, from the same line (a
   * name computed anew in each run, such as a timestamp): one resource each, listed and judged
   * once under the preview's URN; `applyName` is the apply phase's name.
   */
  readonly renamedAtApply: { urn: string; type: string; name: string; applyName: string }[];
  /** The program's warnings (`pulumi.log.warn`), as `pulumi preview` lists them. */
  readonly warnings: string[];
  /** What the program printed (console, info logs). */
  readonly diagnostics: string[];
  /** Where the offline run differs from a real preview of this stack (secrets, environments). */
  readonly configNotes: string[];
  readonly sdk: SdkInfo;
  readonly timings: { readonly programMs: number; readonly policiesMs: number };
  /**
   * Set (to `NOT_TYPE_CHECKED`) when the program was compiled transpile-only where `pulumi
   * preview` would have type-checked it (../lib/engine/type-check-rule.ts): a type error it
   * stops at passed here.
   */
  readonly notTypeChecked?: string;
  /**
   * Set when the program asked isDryRun() (./dry-run-note.ts): what it does when the answer is
   * false ran in neither phase (`code behind isDryRun() at index.ts:5 not run …`).
   */
  readonly dryRunSkipped?: string;
  /**
   * Inputs AWS refuses when the provider creates the resource, when no provider refusal stops the
   * check (./provider-refusals.ts): `pulumi preview` passes them, `pulumi up` would stop there.
   */
  readonly refusedAtCreate?: ProviderInputError;
}

/** The program failed in one of its runs: the check stops with exit 2 and writes no report. */
export class ProgramError extends Error {
  constructor(
    message: string,
    readonly kind: string,
    readonly location?: SourceLocation,
    readonly detail?: string,
    readonly output: string[] = [],
    readonly stack_?: string,
    readonly phase?: Phase,
    /** Version skew of the program's packages, which may be why it failed. */
    readonly versionWarnings: readonly string[] = [],
  ) {
    super(message);
    this.name = "ProgramError";
  }
}

/** The stack a judge's run is about. */
export interface JudgeContext {
  readonly project: string;
  readonly stack: string;
  readonly organization?: string;
  readonly config: Readonly<Record<string, string>>;
  readonly configSecretKeys: readonly string[];
  /** Whether the run is a preview (default true): the apply phase's is `pulumi up`'s update. */
  readonly dryRun?: boolean;
}

/**
 * What judges a phase's resources: the policy pack's own process over the analyzer protocol
 * (tools/lib/engine/analyzer.ts), or the in-process runner a differential test proves identical.
 */
export interface Judge {
  /** `pack` (the pack's process, as `pulumi preview` runs it) or `runner` (in-process). */
  readonly kind: "pack" | "runner";
  analyze(ctx: JudgeContext, resources: readonly EngineResource[]): Promise<PolicyReport>;
  /**
   * Starts judging a run while its program runs, as the engine analyzes each registration when it
   * is made (the pack's process; none for the in-process runner, which judges afterwards). The
   * report is the one `analyze` gives for the same resources.
   */
  begin?(ctx: JudgeContext): {
    add(r: EngineResource): void;
    finish(resources: readonly EngineResource[]): Promise<PolicyReport>;
    abandon(): void;
  };
  /** Effective enforcement level of every policy (after the policy config). */
  readonly levels: ReadonlyMap<string, string>;
  /** Resource types each policy applies to (empty: every resource, counted once). */
  readonly types: ReadonlyMap<string, readonly string[]>;
}

export interface CheckOptions {
  readonly project: Project;
  readonly stack: string;
  /** What the program's `pulumi.getOrganization()` returns (`--stack <org>/<stack>`). */
  readonly organization?: string;
  readonly phases: readonly Phase[];
  /** The judge, possibly still starting (the pack's process) while the program runs. */
  readonly judge: Judge | Promise<Judge>;
  /**
   * The engine's answers for the stack's region, the account when the stack pins one, and its
   * `pulumi:autonaming` (read once, for the names the fake AWS makes and the refusals alike).
   */
  readonly answers: (
    region: string,
    account?: string,
    autonaming?: AutonamingByType,
  ) => EngineAnswers;
  readonly timeoutMs: number;
  readonly typeCheck?: boolean;
  readonly fallbackModulesDir: string;
  /** `--config key=value` values for this run (see `loadStackConfig`). */
  readonly configOverrides?: Readonly<Record<string, string>>;
  /** Where the program's compiled TypeScript and V8 code caches are kept (none: no cache). */
  readonly cacheDir?: string;
  /** Notes of the caller's about this stack, reported before the config's own. */
  readonly notes?: readonly string[];
}
