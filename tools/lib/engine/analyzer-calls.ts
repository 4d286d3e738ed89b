// The calls of one engine run to the policy pack's process (./analyzer.ts drives the runs):
// ConfigureStack, Remediate and Analyze per registration, AnalyzeStack at the end, each cancelled
// by the run's watchdog, and the diagnostics they return in the form the engine reports them
// (pulumi/pulumi analyzer_plugin.go `convertDiagnostics`, step_generator.go
// `continueStepsFromImport`, `AnalyzeResources`).
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import type { RecordedResource } from "../recorder";
import type { AnalyzeContext, PolicyDiagnostic } from "./analyzer-types";
import { defaultRootStackUrn, engineProperties, RequestBuilder } from "./marshal";
import { AnalyzerError, PackProcess, PackProject } from "./pack-process";
import { grpc } from "./proto";
import { AnalyzerInfo, AnalyzerPolicyInfo, level, rpcMessage, SEVERITIES } from "./protocol";

export class PackCalls {
  /** Runs in progress. */
  busy = 0;
  private readonly inflight = new Set<{ cancel(): void }>();
  private timedOut = false;
  private readonly byName: ReadonlyMap<string, AnalyzerPolicyInfo>;

  constructor(
    private readonly pack: PackProcess,
    private readonly project: PackProject,
    info: AnalyzerInfo,
    private readonly analyzeTimeoutMs: number,
  ) {
    this.byName = new Map(info.policies.map((p) => [p.name, p]));
  }

  /**
   * Starts a run and its watchdog: calls carry no deadline of their own. A run analyzed while its
   * program runs starts with `watchNow` false and calls `watch` once the program has ended, so
   * the time limit measures the pack's answers, not how long the program took; until then its
   * calls are answered or fail on their own.
   */
  startRun(watchNow = true): { watch(): void; done(): void } {
    this.busy++;
    // One watchdog for the whole run: calls carry no deadline of their own (the engine sets none,
    // and a timer per call costs more than the call on a large stack).
    this.timedOut = false;
    let watchdog: NodeJS.Timeout | undefined;
    const watch = () => {
      watchdog ??= setTimeout(() => {
        this.timedOut = true;
        for (const c of this.inflight) c.cancel();
      }, this.analyzeTimeoutMs);
    };
    if (watchNow) watch();
    return {
      watch,
      done: () => {
        clearTimeout(watchdog);
        this.busy--;
      },
    };
  }

  /** ConfigureStack, which starts a run (an evaluation, for the pack). */
  async configureStack(ctx: AnalyzeContext): Promise<void> {
    const cfg = new analyzerpb.AnalyzerStackConfigureRequest();
    cfg.setStack(ctx.stack);
    cfg.setProject(ctx.project);
    cfg.setOrganization(ctx.organization ?? "");
    cfg.setDryRun(ctx.dryRun);
    for (const [k, v] of Object.entries(ctx.tags ?? {})) cfg.getTagsMap().set(k, v);
    for (const [k, v] of Object.entries(ctx.config ?? {})) cfg.getConfigMap().set(k, v);
    cfg.setConfigSecretKeysList([...(ctx.configSecretKeys ?? [])]);
    await this.call("configureStack", cfg).catch((e) => {
      // "If the analyzer doesn't implement StackConfigure, that's fine."
      if (e?.code !== grpc.status.UNIMPLEMENTED) throw this.failure("configuring the stack", e);
    });
  }

  /** AnalyzeStack with every resource, then the run's diagnostics: per registration, then the stack's. */
  async finishRun(
    ctx: AnalyzeContext,
    resources: readonly RecordedResource[],
    perResource: readonly PolicyDiagnostic[][],
  ): Promise<PolicyDiagnostic[]> {
    const stackReq = new RequestBuilder(resources).analyzeStackRequest();
    const resp = await this.call<analyzerpb.AnalyzeStackRequest, analyzerpb.AnalyzeResponse>(
      "analyzeStack",
      stackReq,
    ).catch((e) => {
      if (e?.code === grpc.status.UNIMPLEMENTED) return undefined;
      throw this.failure("failed to analyze resources", e);
    });
    const urns = new Set(resources.map((r) => r.urn));
    const root = defaultRootStackUrn(ctx.stack, ctx.project);
    const stackDiagnostics = (resp?.getDiagnosticsList() ?? []).map((d) =>
      this.diagnostic(d, d.getUrn() && urns.has(d.getUrn()) ? d.getUrn() : root),
    );
    return [...perResource.flat(), ...stackDiagnostics];
  }

  async analyzeOne(
    builder: RequestBuilder,
    r: RecordedResource,
    remediating: boolean,
  ): Promise<PolicyDiagnostic[]> {
    const out: PolicyDiagnostic[] = [];
    let inputs: Record<string, unknown> | undefined;
    if (remediating) {
      // The SDK's Remediate does nothing unless a policy runs at level `remediate`: only then is
      // the round trip made.
      const resp = await this.call<analyzerpb.AnalyzeRequest, analyzerpb.RemediateResponse>(
        "remediate",
        builder.analyzeRequest(r),
      ).catch((e) => {
        if (e?.code === grpc.status.UNIMPLEMENTED) return undefined;
        throw this.failure("failed to run remediation", e);
      });
      for (const rem of resp?.getRemediationsList() ?? []) {
        if (rem.getDiagnostic()) {
          out.push({
            ...this.diagnosticBase(
              rem.getPolicyname(),
              rem.getPolicypackname(),
              rem.getPolicypackversion(),
            ),
            description: rem.getDescription(),
            message: rem.getDiagnostic(),
            enforcementLevel: "advisory",
            urn: r.urn,
          });
        } else if (rem.getProperties()) {
          // The transformed inputs replace the old ones for the analysis that follows.
          inputs = engineProperties(rem.getProperties()!.toJavaScript() as Record<string, unknown>);
        }
      }
    }
    const resp = await this.call<analyzerpb.AnalyzeRequest, analyzerpb.AnalyzeResponse>(
      "analyze",
      builder.analyzeRequest(r, inputs),
    ).catch((e) => {
      throw this.failure("failed to run policy", e);
    });
    for (const d of resp.getDiagnosticsList()) out.push(this.diagnostic(d, r.urn));
    return out;
  }

  private diagnosticBase(policyName: string, packName: string, packVersion: string) {
    const p = this.byName.get(policyName);
    return {
      policyName,
      policyPackName: packName,
      // "The version from PulumiPolicy.yaml is used, if set, over the version from the diagnostic."
      policyPackVersion: this.project.version ?? packVersion,
      severity: p?.severity,
      remediationSteps: p?.remediationSteps || undefined,
    };
  }

  diagnostic(d: analyzerpb.AnalyzeDiagnostic, urn: string): PolicyDiagnostic {
    let l = level(d.getEnforcementlevel());
    if (l === "remediate") l = "mandatory";
    const base = this.diagnosticBase(
      d.getPolicyname(),
      d.getPolicypackname(),
      d.getPolicypackversion(),
    );
    return {
      ...base,
      description: d.getDescription(),
      message: d.getMessage(),
      enforcementLevel: l,
      urn,
      severity: SEVERITIES[d.getSeverity()] ?? base.severity,
    };
  }

  private failure(what: string, e: any): AnalyzerError {
    if (this.timedOut) {
      return new AnalyzerError(
        `${what}: the policy pack did not answer within ${Math.round(this.analyzeTimeoutMs / 1000)} s`,
        this.pack.output,
      );
    }
    const why = this.pack.alive
      ? rpcMessage(e)
      : `the policy pack process exited (${rpcMessage(e)})`;
    return new AnalyzerError(`${what}: ${why}`, this.pack.alive ? [] : this.pack.output);
  }

  /** A call of the current run, cancelled by its watchdog. */
  private call<Req, Res>(method: string, req: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      const fn = (this.pack.client as any)[method] as (
        req: Req,
        cb: (err: Error | null, res: Res) => void,
      ) => { cancel(): void };
      const call = fn.call(this.pack.client, req, (err, res) => {
        this.inflight.delete(call);
        if (err) reject(err);
        else resolve(res);
      });
      this.inflight.add(call);
    });
  }
}
