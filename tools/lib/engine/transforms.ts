// Resource transforms as the Pulumi engine runs them: the program registers callbacks (a stack
// transform with `pulumi.runtime.registerResourceTransform`, or a resource's `transforms` option)
// on a callback server of its own, and the engine calls them for every registration before it
// computes anything else; what they return replaces the resource's inputs and options.
//
// Mirrored from pulumi/pulumi pkg/resource/deploy/source_eval.go, `RegisterResource`: first the
// resource's own transforms, then those of its parent, its parent's parent and so on up the chain,
// then every stack transform in the order they were registered; each gets the type, name, custom
// flag, parent URN, the properties and the options (TransformResourceOptions) the previous one
// returned. A resource's own transforms are remembered under its URN for its children.
// `wrapTransformCallback`: each call is `Callbacks.Invoke` on the callback's target with its token
// and a serialized TransformRequest; the answer is a serialized TransformResponse.
//
// Where it differs: the registration keeps the property dependencies the program sent. The engine
// rebuilds them from the output values of the transformed properties when the resource has
// transforms of its own; the SDK answers a transform with plain values, so the engine's rebuilt
// map is mostly empty there, and this one names more dependencies, never fewer.
import * as grpc from "@grpc/grpc-js";
import * as callbackproto from "@pulumi/pulumi/proto/callback_pb";
import * as callbackrpc from "@pulumi/pulumi/proto/callback_grpc_pb";
import * as aliasproto from "@pulumi/pulumi/proto/alias_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";

import { withoutStandIns } from "./monitor-options";

type Callback = callbackproto.Callback;

/** The options of a registration as a transform sees them. */
function optionsOf(req: resproto.RegisterResourceRequest): resproto.TransformResourceOptions {
  const o = new resproto.TransformResourceOptions();
  o.setDependsOnList(withoutStandIns(req.getDependenciesList()));
  o.setProtect(req.getProtect() ?? false);
  o.setIgnoreChangesList(req.getIgnorechangesList());
  o.setReplaceOnChangesList(req.getReplaceonchangesList());
  o.setVersion(req.getVersion());
  const aliases = req.getAliasurnsList().map((urn) => {
    const a = new aliasproto.Alias();
    a.setUrn(urn);
    return a;
  });
  o.setAliasesList([...aliases, ...req.getAliasesList()]);
  o.setProvider(req.getProvider());
  req.getProvidersMap().forEach((v, k) => o.getProvidersMap().set(k, v));
  const timeouts = req.getCustomtimeouts();
  if (timeouts) o.setCustomTimeouts(timeouts);
  o.setPluginDownloadUrl(req.getPlugindownloadurl());
  o.setRetainOnDelete(req.getRetainondelete() ?? false);
  o.setDeletedWith(req.getDeletedwith());
  if (req.getDeletebeforereplacedefined() || req.getDeletebeforereplace()) {
    o.setDeleteBeforeReplace(req.getDeletebeforereplace());
  }
  o.setAdditionalSecretOutputsList(req.getAdditionalsecretoutputsList());
  return o;
}

/** The registration with the inputs and options a transform returned. */
function applyResponse(
  req: resproto.RegisterResourceRequest,
  resp: resproto.TransformResponse,
): resproto.RegisterResourceRequest {
  const out = req.clone();
  out.setObject(resp.getProperties());
  const o = resp.getOptions();
  if (!o) return out;
  out.setDependenciesList(o.getDependsOnList());
  out.setProtect(o.getProtect() ?? false);
  out.setIgnorechangesList(o.getIgnoreChangesList());
  out.setReplaceonchangesList(o.getReplaceOnChangesList());
  out.setVersion(o.getVersion());
  out.setAliasurnsList([]);
  out.setAliasesList(o.getAliasesList());
  out.setProvider(o.getProvider());
  out.getProvidersMap().clear();
  o.getProvidersMap().forEach((v, k) => out.getProvidersMap().set(k, v));
  out.setCustomtimeouts(o.getCustomTimeouts());
  out.setPlugindownloadurl(o.getPluginDownloadUrl());
  out.setRetainondelete(o.getRetainOnDelete() ?? false);
  out.setDeletedwith(o.getDeletedWith());
  out.setDeletebeforereplace(o.getDeleteBeforeReplace() ?? false);
  out.setDeletebeforereplacedefined(o.getDeleteBeforeReplace() !== undefined);
  out.setAdditionalsecretoutputsList(o.getAdditionalSecretOutputsList());
  return out;
}

/** The program's transforms: stack-wide ones and those each resource passes to its children. */
export class Transforms {
  private readonly stack: Callback[] = [];
  private readonly ofResource = new Map<string, Callback[]>();
  private readonly clients = new Map<string, callbackrpc.CallbacksClient>();

  /** `parentOf`: the parent URN of a registered resource, if any. */
  constructor(private readonly parentOf: (urn: string) => string | undefined) {}

  registerStackTransform(callback: Callback): void {
    this.stack.push(callback);
  }

  /** Remembers a registered resource's own transforms, which also apply to its children. */
  registered(urn: string, req: resproto.RegisterResourceRequest): void {
    const own = req.getTransformsList();
    if (own.length > 0) this.ofResource.set(urn, own);
  }

  /** The registration after every transform that applies to it, in the engine's order. */
  async apply(req: resproto.RegisterResourceRequest): Promise<resproto.RegisterResourceRequest> {
    const chain = [...req.getTransformsList()];
    for (let p = req.getParent() || undefined; p; p = this.parentOf(p)) {
      chain.push(...(this.ofResource.get(p) ?? []));
    }
    chain.push(...this.stack);
    let current = req;
    for (const callback of chain) {
      const resp = await this.call(callback, current);
      current = applyResponse(current, resp);
    }
    return current;
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }

  private async call(
    callback: Callback,
    req: resproto.RegisterResourceRequest,
  ): Promise<resproto.TransformResponse> {
    const request = new resproto.TransformRequest();
    request.setType(req.getType());
    request.setName(req.getName());
    request.setCustom(req.getCustom());
    request.setParent(req.getParent());
    request.setProperties(req.getObject());
    request.setOptions(optionsOf(req));
    const invoke = new callbackproto.CallbackInvokeRequest();
    invoke.setToken(callback.getToken());
    invoke.setRequest(request.serializeBinary());
    let client = this.clients.get(callback.getTarget());
    if (!client) {
      client = new callbackrpc.CallbacksClient(
        callback.getTarget(),
        grpc.credentials.createInsecure(),
      );
      this.clients.set(callback.getTarget(), client);
    }
    const answer = await new Promise<callbackproto.CallbackInvokeResponse>((resolve, reject) =>
      client.invoke(invoke, (err, resp) => (err ? reject(err) : resolve(resp))),
    );
    return resproto.TransformResponse.deserializeBinary(answer.getResponse_asU8());
  }
}
