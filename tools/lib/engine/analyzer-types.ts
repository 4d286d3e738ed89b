// What the analyzer (./analyzer.ts) is started with, what each run tells it about the stack, and
// the diagnostics it answers with.

export interface AnalyzerOptions {
  /** The policy pack folder (PulumiPolicy.yaml, package.json, its dependencies installed). */
  readonly packDir: string;
  /** Policy config in the form of a `--policy-pack-config` file's JSON (applied after the file). */
  readonly config?: Record<string, unknown>;
  /** A `--policy-pack-config` file. */
  readonly configFile?: string;
  /**
   * Compile cache for the pack's TypeScript (./pack-preload.js): a directory, true for the default
   * (`node_modules/.cache/policy-pack-compile` next to the pack), false to type-check every load.
   */
  readonly compileCache?: boolean | string;
  /**
   * Decode each resource's properties once per request instead of once per policy, in the pack's
   * process (./pack-preload.js; same values for every policy). Default true.
   */
  readonly shareDecoded?: boolean;
  /**
   * Encode each (policy, reason) of the SDK's not-applicable entries once instead of once per
   * entry, in the pack's process (./pack-preload.js; the answers keep their bytes). Default true.
   */
  readonly shareEncoded?: boolean;
  /** How long the pack may take to load (default 180 s). */
  readonly startTimeoutMs?: number;
  /** Analyze calls in flight at once (default 32). */
  readonly concurrency?: number;
  /** Address of an engine server, passed on as the CLI does; none by default. */
  readonly engineAddress?: string;
  /** Cancels a start still under way: the pack process is stopped and `start` rejects. */
  readonly signal?: AbortSignal;
  /** How long one `analyze` may take before its calls are cancelled (default 20 min). */
  readonly analyzeTimeoutMs?: number;
}

export interface AnalyzeContext {
  readonly project: string;
  readonly stack: string;
  readonly organization?: string;
  readonly dryRun: boolean;
  readonly tags?: Readonly<Record<string, string>>;
  /** Stack config, `<namespace>:<key>` → value (secrets decrypted), as the engine sends it. */
  readonly config?: Readonly<Record<string, string>>;
  /** Config keys whose values are secrets. */
  readonly configSecretKeys?: readonly string[];
}

export interface PolicyDiagnostic {
  readonly policyName: string;
  readonly policyPackName: string;
  readonly policyPackVersion: string;
  readonly description: string;
  readonly message: string;
  readonly enforcementLevel: "advisory" | "mandatory" | "remediate" | "disabled";
  readonly urn: string;
  readonly severity?: string;
  /** The policy's remediation steps (from GetAnalyzerInfo), for reports. */
  readonly remediationSteps?: string;
}
