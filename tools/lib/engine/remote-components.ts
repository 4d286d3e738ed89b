// The engine's side of remote components (served by a provider plugin, `remote: true`, e.g. awsx
// v3 or eks 3+) for ./monitor.ts. Their plugin never runs offline, so their children stay unseen:
// inputs the plugin refuses fail the registration, as the plugin would in either phase
// (./remote-refusals.ts); in the apply phase the component reports the outputs and child
// references that follow from its inputs (./remote-outputs.ts, ./remote-references.ts), the rest
// stay unknown, and the children those references name are answered through `getResource`.
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import type { EngineAnswers, RemoteAt } from "./answers";
import type { ChildState } from "./remote-references";
import type { EngineResource, MonitorOptions } from "./monitor-options";
import { providerAccount, withProviderRegion } from "./provider-settings";
import { plainValue } from "./wire";

export class RemoteComponents {
  /** Remote components whose children the engine cannot see offline, in registration order. */
  readonly list: EngineResource[] = [];
  /** Children of remote components their references point at, by URN (./remote-references.ts). */
  private readonly children = new Map<string, ChildState>();

  constructor(
    private readonly answers: EngineAnswers,
    private readonly phase: MonitorOptions["phase"],
    private readonly byUrn: ReadonlyMap<string, EngineResource>,
  ) {}

  /**
   * Registers remote component `r` (from request `req`, not yet added to the engine's resources):
   * throws the plugin's refusal of its inputs, else returns the outputs the engine answers with
   * (and records them on `r` in the apply phase).
   */
  register(req: resproto.RegisterResourceRequest, r: EngineResource): Record<string, unknown> {
    const inputs = plainValue(r.inputs);
    const at = this.where(req);
    const refused = this.answers.remoteRefusal?.(r.type, r.name, inputs, at);
    if (refused) throw new Error(refused);
    this.list.push(r);
    if (this.phase !== "apply") return r.outputs;
    r.outputs = this.answers.remoteOutputs?.(r.type, r.name, inputs, at) ?? {};
    const refs = this.answers.remoteReferences?.(r.urn, r.type, r.name, inputs, at);
    for (const c of refs?.children ?? []) this.children.set(c.urn, c);
    return { ...r.outputs, ...refs?.outputs };
  }

  /** Every child made so far (apply phase), for lookups of the program's own resources. */
  get made(): readonly ChildState[] {
    return [...this.children.values()];
  }

  /** The state of a child a remote component's reference names, for `getResource`. */
  child(urn: string): ChildState | undefined {
    return this.children.get(urn);
  }

  /**
   * Where the component's AWS children run, under the `aws` provider the program gives it, if
   * any, and its package's version as registered.
   */
  private where(req: resproto.RegisterResourceRequest): RemoteAt {
    const aws = req.getProvidersMap().get("aws") || undefined;
    return {
      region: withProviderRegion(this.byUrn, "aws:", {}, aws).region,
      accountId: providerAccount(this.byUrn, "aws:", aws),
      version: req.getVersion() || undefined,
    };
  }
}
