// The engine side of a Pulumi program run, offline: a gRPC ResourceMonitor and Engine server that
// the program's own language host (`@pulumi/pulumi/cmd/run`) connects to, exactly as it connects
// to the Pulumi CLI's engine. It answers every registration, read and invoke from the fake AWS
// (`./answers.ts`) and records what the engine would know of each resource: inputs as sent (wire
// form), parent, provider, dependencies, property dependencies, options and source position.
//
// Mirrored from the Pulumi engine (pulumi/pulumi `pkg/resource/deploy/source_eval.go`, the
// resource monitor): URNs (`resource.NewURN`: the parent's qualified type joined by `$`, the root
// stack left out), default providers per package (`default_<version>`, inputs from the package's
// config), "Duplicate resource URN" failures, output values in custom resources' inputs
// downgraded to plain values (`plugin.UnmarshalProperties` without `KeepOutputValues`),
// `additionalSecretOutputs` applied to the returned state, `pulumi:pulumi:getResource` answered
// from registered state. At preview a resource being created reports its inputs (with the name
// the provider's Check fills in, ./preview-names.ts) and an unknown id; in the apply phase it
// reports every output the fake AWS derives. Components (local ones register their own outputs)
// return no state; remote components (served by a provider plugin, e.g. awsx v3) cannot be
// constructed offline: their children stay unseen and their outputs unknown, but for those the
// apply phase derives from their inputs (child references answered through `getResource`).
import * as grpc from "@grpc/grpc-js";
import * as fs from "fs";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import * as resrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { js, type EngineResource, type LogEntry, type MonitorOptions } from "./monitor-options";
import { registrationDependencies } from "./monitor-options";
import { defaultProvider, readRecord, requestOptions } from "./registration";
import { providerAccount, withProviderRegion } from "./provider-settings";
import { nearestComponentSource, programSource } from "./registration-sources";
import { assetProblems } from "./registration-assets";
import { unrecognizedAwsType } from "./provider-types";
import { engineService, monitorService } from "./services";
import { Transforms } from "./transforms";
import { RemoteComponents } from "./remote-components";
import { unknownSources } from "./unknown-sources";
import { recordInputs } from "./recorded-inputs";
import { kubernetesNamed, previewAutoName } from "./preview-names";
import { InvokeNotAnsweredError } from "../fake-aws";
import { localInvoke, LOCAL_INVOKES } from "./local-invokes";
import { ownResourceInvoke } from "./own-resources";
import { STACK_REFERENCE_TYPE, stackReferenceState } from "./stack-references";
import { aliasUrns, checkProviderRegion, ROOT_STACK_TYPE, urnOf } from "./urns";
import { isSecret, markSecret, plainValue, secret, UNKNOWN } from "./wire";

export { ROOT_STACK_TYPE } from "./urns";

export { js } from "./monitor-options";
export type { EngineResource, LogEntry, MonitorOptions } from "./monitor-options";

export class OfflineEngine {
  readonly resources: EngineResource[] = [];
  readonly logs: LogEntry[] = [];
  /** The root stack registered its outputs: the program's main function settled. */
  stackOutputsRegistered = false;
  /** The language host signalled a clean shutdown (`SignalAndWaitForShutdown`). */
  shutdownSignalled = false;
  /** Remote components whose children the engine cannot see offline. */
  get remoteComponents(): EngineResource[] {
    return this.remote.list;
  }
  /** Called when the language host registers the root stack: the program's own code starts. */
  onProgramStart?: () => void;
  /** Called with each registration (not reads) once the engine has recorded it. */
  onRegistered?: (r: EngineResource) => void;
  /** Invokes answered, by token (for the report and `--invoke-answers` hints). */
  readonly invokes = new Map<string, number>();
  /** Invokes nothing answered, by token: the failure lists them all for one `--invoke-answers`. */
  readonly unanswered = new Set<string>();
  /** The arguments of the calls of each unanswered token (the first 20), to tell them apart. */
  readonly unansweredArgs = new Map<string, Record<string, unknown>[]>();
  private readonly byUrn = new Map<string, EngineResource>();
  /** Remote components: their refusals, apply-phase outputs and children (./remote-components.ts). */
  private readonly remote: RemoteComponents;
  /** The program's resource transforms, run before each registration (./transforms.ts). */
  readonly transforms = new Transforms((urn) => this.byUrn.get(urn)?.parent);
  private readonly ids = new Map<string, string>();
  private readonly defaultProviders = new Map<string, string>();
  private readonly packages = new Map<string, { name: string; version: string }>();
  private readonly server = new grpc.Server({
    "grpc.max_receive_message_length": 400 * 1024 * 1024,
    "grpc.max_send_message_length": 400 * 1024 * 1024,
  });
  /** The root stack's URN, once the language host has registered it. */
  rootUrn = "";

  /** The program's directory as its stack frames name it (symbolic links resolved). */
  private readonly programDir?: string;

  constructor(private readonly opts: MonitorOptions) {
    if (opts.programDir !== undefined) this.programDir = fs.realpathSync(opts.programDir);
    this.remote = new RemoteComponents(opts.answers, opts.phase, this.byUrn);
    this.server.addService(resrpc.ResourceMonitorService, monitorService(this) as any);
    this.server.addService(engrpc.EngineService, engineService(this) as any);
  }

  /** Starts serving on a free loopback port; returns `host:port`. */
  listen(): Promise<string> {
    return new Promise((resolve, reject) =>
      this.server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, port) =>
        e ? reject(e) : resolve(`127.0.0.1:${port}`),
      ),
    );
  }

  close(): void {
    this.transforms.close();
    this.server.forceShutdown();
  }

  private urnOf(parent: string, type: string, name: string): string {
    return urnOf(this.opts.stack, this.opts.project, parent, type, name);
  }

  /** The engine's default provider for a package, registered on first use. */
  private defaultProviderFor(type: string, version: string, packageRef: string): string {
    const pkg = this.packages.get(packageRef)?.name ?? type.split(":")[0];
    const ver = this.packages.get(packageRef)?.version ?? version;
    const key = `${pkg}@${ver}`;
    let ref = this.defaultProviders.get(key);
    if (ref) return ref;
    const provider = defaultProvider(
      this.opts.stack,
      this.opts.project,
      pkg,
      ver,
      this.opts.config,
    );
    checkProviderRegion(provider.type, provider.inputs, `config ${pkg}:region`);
    const id = this.opts.phase === "preview" ? UNKNOWN : this.opts.answers.providerId(provider.urn);
    ref = `${provider.urn}::${id}`;
    this.defaultProviders.set(key, ref);
    this.add(provider);
    return ref;
  }

  private add(r: EngineResource): void {
    this.resources.push(r);
    this.byUrn.set(r.urn, r);
    if (!r.external) this.onRegistered?.(r);
  }

  registerResource(req: resproto.RegisterResourceRequest): resproto.RegisterResourceResponse {
    const type = req.getType();
    const name = req.getName();
    const parent = req.getParent();
    const custom = req.getCustom();
    const remote = req.getRemote();
    const urn = this.urnOf(parent, type, name);
    if (this.byUrn.has(urn)) {
      throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
    }
    // The stand-ins of failures the apply phase left unknown (./apply-unknowns.js) and of secrets
    // read typed (./secret-config-reads.js) are no resources: kept apart, per property, to name
    // where an unknown came from.
    const { deps, propertyDependencies, leftUnknownRefs } = registrationDependencies(req);
    const recorded = recordInputs(js(req.getObject()), custom && !remote, deps, this.opts.opaque);
    const { sent, inputs, opaque } = recorded;
    checkProviderRegion(type, plainValue(sent), `provider ${name}`);
    const dirs = [this.opts.programPwd, this.opts.programDir].filter((d) => d !== undefined);
    const files = assetProblems(
      name,
      sent,
      dirs,
      this.opts.phase === "apply",
      propertyDependencies,
      (u) => this.byUrn.get(u),
    );
    if (files.error) throw new Error(files.error);
    for (const message of files.warnings) this.log({ severity: "warning", urn, message });
    // A class of a provider SDK sends its package's version and a token that version serves;
    // a hand-made `pulumi.CustomResource` sends none, and its token may be one no provider has.
    const handMade = custom && !remote && !req.getVersion();
    const unrecognized = handMade ? unrecognizedAwsType(type, this.programDir) : undefined;
    if (unrecognized) throw new Error(unrecognized);
    let provider: string | undefined = req.getProvider() || undefined;
    if (custom && !provider && !type.startsWith("pulumi:providers:")) {
      provider = this.defaultProviderFor(type, req.getVersion(), req.getPackageref());
    }
    const r: EngineResource = {
      urn,
      type,
      name,
      custom,
      remote,
      parent: parent || undefined,
      provider,
      inputs,
      outputs: {},
      dependencies: [...deps],
      propertyDependencies,
      options: requestOptions(
        req,
        aliasUrns(req, type, name, parent, this.opts.stack, this.opts.project),
      ),
      source: programSource(
        req,
        this.programDir,
        nearestComponentSource(parent, this.byUrn, this.programDir),
      ),
      ...(recorded.opaquePaths.length > 0
        ? { opaquePaths: recorded.opaquePaths, opaqueValues: recorded.opaqueValues }
        : {}),
      ...(Object.keys(leftUnknownRefs).length > 0 ? { leftUnknownRefs } : {}),
    };
    this.transforms.registered(urn, req);
    if (type === ROOT_STACK_TYPE && !parent) {
      this.rootUrn = urn;
      this.onProgramStart?.();
    }
    const resp = new resproto.RegisterResourceResponse();
    resp.setUrn(urn);
    if (!custom) {
      // A local component registers its own outputs; a remote one's plugin never runs offline
      // (./remote-components.ts). Its inputs are judged in the apply phase (as a resource's
      // are): say why one is unknown even then.
      if (remote && this.opts.phase === "apply")
        r.unknownSources = unknownSources(r, opaque, this.byUrn, this.resources);
      resp.setObject(Struct.fromJavaScript(remote ? this.remote.register(req, r) : r.outputs));
      this.add(r);
      return resp;
    }
    // The program gets what a provider would answer for what it sent; policies see the recording.
    const { id, state, modeled } = this.stateOf(r, sent, req.getImportid());
    r.outputs = opaque ? recordInputs(state, false, deps, this.opts.opaque).inputs : state;
    if (modeled === false) r.unmodeled = true;
    this.ids.set(urn, id);
    if (this.opts.phase === "apply")
      r.unknownSources = unknownSources(r, opaque, this.byUrn, this.resources);
    this.add(r);
    resp.setId(id === UNKNOWN ? "" : id);
    resp.setObject(Struct.fromJavaScript(state));
    return resp;
  }

  /** Id and state the engine reports for a custom resource being created (or imported). */
  private stateOf(
    r: EngineResource,
    sent: Record<string, any>,
    importId: string,
  ): { id: string; state: Record<string, any>; modeled?: false } {
    if (this.opts.phase === "preview" && !importId) {
      const named = previewAutoName(this.opts.answers, this.stateArgs(r, sent), sent);
      return { id: UNKNOWN, state: { ...sent, ...named } };
    }
    const answer = this.opts.answers.resourceState(
      { ...this.stateArgs(r, sent), id: importId || undefined },
      this.opts.phase,
    );
    // The provider echoes the inputs it was given (secrets stay secret) and adds what it computes;
    // what its read after create takes from the API wins (secret when the input was).
    const state: Record<string, any> = { ...answer.state, ...sent };
    // A Kubernetes object's name the provider fills in sits inside the `metadata` the program sent.
    if (r.type.startsWith("kubernetes:")) Object.assign(state, kubernetesNamed(sent, answer.state));
    for (const [k, v] of Object.entries(answer.readBack ?? {}))
      state[k] = isSecret(sent[k]) ? secret(v) : v;
    markSecret(state, r.options.additionalSecretOutputs);
    return { id: importId || answer.id, state, modeled: answer.modeled };
  }

  private stateArgs(r: EngineResource, sent: Record<string, any>) {
    return {
      type: r.type,
      name: r.name,
      inputs: withProviderRegion(this.byUrn, r.type, plainValue(sent), r.provider),
      accountId: providerAccount(this.byUrn, r.type, r.provider),
    };
  }

  readResource(req: resproto.ReadResourceRequest): resproto.ReadResourceResponse {
    const type = req.getType();
    const name = req.getName();
    const parent = req.getParent();
    const urn = this.urnOf(parent, type, name);
    const inputs = js(req.getProperties());
    let state: Record<string, any>;
    if (type === STACK_REFERENCE_TYPE) {
      state = stackReferenceState(this.opts.answers, String(inputs.name ?? name));
    } else {
      state = {
        ...this.opts.answers.resourceState(
          {
            type,
            name,
            inputs: plainValue(inputs),
            id: req.getId(),
            accountId: providerAccount(this.byUrn, type, req.getProvider() || undefined),
          },
          "apply",
        ).state,
      };
    }
    markSecret(state, req.getAdditionalsecretoutputsList());
    this.add(
      readRecord(req, {
        urn,
        provider:
          req.getProvider() ||
          (type === STACK_REFERENCE_TYPE
            ? undefined
            : this.defaultProviderFor(type, req.getVersion(), req.getPackageref())),
        inputs,
        outputs: state,
        source: programSource(req, this.programDir),
      }),
    );
    const resp = new resproto.ReadResourceResponse();
    resp.setUrn(urn);
    resp.setProperties(Struct.fromJavaScript(state));
    return resp;
  }

  invoke(req: resproto.ResourceInvokeRequest): provproto.InvokeResponse {
    const token = req.getTok();
    const args = plainValue(js(req.getArgs()));
    let result: Record<string, any>;
    if (token === "pulumi:pulumi:getResource") {
      const urn = String(args.urn),
        r = this.byUrn.get(urn),
        id = r && this.ids.get(urn);
      const found = r ? { urn, id: id && id !== UNKNOWN ? id : "", state: r.outputs } : undefined;
      const child = found ?? this.remote.child(urn);
      if (!child) throw new Error(`unknown resource ${urn}`);
      result = child;
    } else {
      const provider = req.getProvider() || undefined;
      const own = ownResourceInvoke(
        token,
        args,
        this.resources,
        this.ids,
        this.opts.answers,
        this.remote.made,
      );
      try {
        result =
          own ??
          this.opts.answers.invoke(
            token,
            withProviderRegion(this.byUrn, token, args, provider),
            providerAccount(this.byUrn, token, provider),
          );
      } catch (e) {
        const dir = this.opts.programPwd ?? this.opts.programDir;
        if (!(e instanceof InvokeNotAnsweredError)) throw e;
        if (!LOCAL_INVOKES.includes(token) || dir === undefined) {
          this.unanswered.add(token);
          const asked = this.unansweredArgs.get(token) ?? [];
          if (asked.length < 20) this.unansweredArgs.set(token, [...asked, args]);
          throw e;
        }
        result = localInvoke(token, args, dir);
      }
    }
    this.invokes.set(token, (this.invokes.get(token) ?? 0) + 1);
    const resp = new provproto.InvokeResponse();
    resp.setReturn(Struct.fromJavaScript(result));
    return resp;
  }

  /** RegisterResourceOutputs: a component's outputs; the root stack's mark the program's end. */
  registerOutputs(req: resproto.RegisterResourceOutputsRequest): void {
    const r = this.byUrn.get(req.getUrn());
    if (r && !r.custom) r.outputs = js(req.getOutputs());
    if (req.getUrn() === this.rootUrn) this.stackOutputsRegistered = true;
  }

  /** RegisterPackage (parameterized providers): a reference the registrations then name. */
  registerPackage(req: resproto.RegisterPackageRequest): resproto.RegisterPackageResponse {
    const ref = `package-${this.packages.size + 1}`;
    const param = req.getParameterization();
    this.packages.set(ref, {
      name: param?.getName() || req.getName(),
      version: param?.getVersion() || req.getVersion(),
    });
    const resp = new resproto.RegisterPackageResponse();
    resp.setRef(ref);
    return resp;
  }

  signalShutdown(): void {
    this.shutdownSignalled = true;
  }

  log(entry: LogEntry): void {
    this.logs.push(entry);
  }

  get rootResource(): string {
    return this.rootUrn;
  }

  set rootResource(urn: string) {
    this.rootUrn = urn;
  }
}
