// The gRPC faces of the offline engine: the ResourceMonitor and Engine services a language host
// calls, wired to the engine's handlers (./monitor.ts). Features the engine serves are answered
// from `SupportsFeature` and `GetDeploymentInfo` as the Pulumi engine answers them; those it does
// not (invoke transforms, resource and error hooks) are refused, and the SDK then says the feature
// is unavailable.
import * as grpc from "@grpc/grpc-js";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import type { Callback } from "@pulumi/pulumi/proto/callback_pb";
import type { LogEntry, OfflineEngine } from "./monitor";

/**
 * Features of the engine the SDK asks about: by name through `SupportsFeature` (older SDKs), and as
 * `ResourceMonitorFeature` numbers (proto/pulumi/resource.proto) in `GetDeploymentInfo`, which newer
 * SDKs ask first and then take as the whole list.
 */
const F = resproto.ResourceMonitorFeature;
const FEATURES = new Map<string, number>([
  ["secrets", F.RESOURCE_MONITOR_FEATURE_SECRETS],
  ["resourceReferences", F.RESOURCE_MONITOR_FEATURE_RESOURCE_REFERENCES],
  ["outputValues", F.RESOURCE_MONITOR_FEATURE_OUTPUT_VALUES],
  ["aliasSpecs", F.RESOURCE_MONITOR_FEATURE_ALIAS_SPECS],
  ["deletedWith", F.RESOURCE_MONITOR_FEATURE_DELETED_WITH],
  ["replaceWith", F.RESOURCE_MONITOR_FEATURE_REPLACE_WITH],
  ["transforms", F.RESOURCE_MONITOR_FEATURE_TRANSFORMS],
  ["parameterization", F.RESOURCE_MONITOR_FEATURE_PARAMETERIZATION],
]);
/**
 * Features only `GetDeploymentInfo` advertises. State migrations (the `stateMigrations` resource
 * option; RESOURCE_MONITOR_FEATURE_STATE_MIGRATIONS = 16, newer than the proto of this project's
 * SDK): an SDK that asks finds no support otherwise and stops the program with "The Pulumi CLI
 * does not support state migrations". The engine runs a resource's migrations only on the state
 * a stack already has (pulumi/pulumi#24328); the offline check runs every stack as a new one, so
 * there is nothing to migrate and the callbacks are never called, as for a first `pulumi up`.
 */
const DEPLOYMENT_ONLY_FEATURES = [16];

const SEVERITIES: readonly LogEntry["severity"][] = ["debug", "info", "warning", "error"];

type Call<T> = grpc.ServerUnaryCall<T, unknown>;

function fail(callback: grpc.sendUnaryData<any>, message: string, code = grpc.status.UNKNOWN) {
  callback({ code, details: message, message } as grpc.ServiceError, null);
}

/** A unary handler that answers with `fn`'s result, or with its error's message. */
function unary<T>(fn: (req: T) => unknown) {
  return (call: Call<T>, callback: grpc.sendUnaryData<any>) => {
    try {
      callback(null, fn(call.request));
    } catch (e) {
      fail(callback, (e as Error).message);
    }
  };
}

function unsupported(what: string) {
  return (_call: unknown, callback: grpc.sendUnaryData<any>) =>
    fail(callback, `${what} is not supported offline`, grpc.status.UNIMPLEMENTED);
}

export function monitorService(engine: OfflineEngine) {
  return {
    supportsFeature: unary((req: resproto.SupportsFeatureRequest) => {
      const resp = new resproto.SupportsFeatureResponse();
      resp.setHassupport(FEATURES.has(req.getId()));
      return resp;
    }),
    // Only the features, the one field SDKs read from it (runtime/settings.js awaitFeatureSupport);
    // the project, stack and config reach the program from the language host, as before.
    getDeploymentInfo: unary(() => {
      const info = new resproto.DeploymentInfo();
      info.setSupportedfeaturesList([...FEATURES.values(), ...DEPLOYMENT_ONLY_FEATURES]);
      return info;
    }),
    // The program's transforms run first (each a call back into the program), then the engine
    // registers what they returned.
    registerResource: (
      call: Call<resproto.RegisterResourceRequest>,
      callback: grpc.sendUnaryData<any>,
    ) => {
      engine.transforms.apply(call.request).then(
        (req) => unary(() => engine.registerResource(req))(call, callback),
        // A transform that threw answers with its message as the error's details.
        (e: grpc.ServiceError) => fail(callback, e.details || e.message),
      );
    },
    registerResourceOutputs: unary((req: resproto.RegisterResourceOutputsRequest) => {
      engine.registerOutputs(req);
      return new Empty();
    }),
    readResource: unary((req: resproto.ReadResourceRequest) => engine.readResource(req)),
    invoke: unary((req: resproto.ResourceInvokeRequest) => engine.invoke(req)),
    registerPackage: unary((req: resproto.RegisterPackageRequest) => engine.registerPackage(req)),
    signalAndWaitForShutdown: unary(() => {
      engine.signalShutdown();
      return new Empty();
    }),
    call: (call: Call<resproto.ResourceCallRequest>, callback: grpc.sendUnaryData<any>) =>
      fail(
        callback,
        `the method call ${call.request.getTok()} on a remote component cannot be answered offline`,
      ),
    streamInvoke: unsupported("StreamInvoke"),
    registerStackTransform: unary((req: Callback) => {
      engine.transforms.registerStackTransform(req);
      return new Empty();
    }),
    registerStackInvokeTransform: unsupported("RegisterStackInvokeTransform"),
    registerResourceHook: unsupported("RegisterResourceHook"),
    registerErrorHook: unsupported("RegisterErrorHook"),
  };
}

export function engineService(engine: OfflineEngine) {
  return {
    log: (call: Call<engproto.LogRequest>, callback: grpc.sendUnaryData<any>) => {
      const req = call.request;
      engine.log({
        severity: SEVERITIES[req.getSeverity()] ?? "info",
        message: req.getMessage(),
        urn: req.getUrn() || undefined,
      });
      callback(null, new Empty());
    },
    getRootResource: (_call: unknown, callback: grpc.sendUnaryData<any>) => {
      const resp = new engproto.GetRootResourceResponse();
      resp.setUrn(engine.rootResource);
      callback(null, resp);
    },
    setRootResource: (call: Call<engproto.SetRootResourceRequest>, cb: grpc.sendUnaryData<any>) => {
      engine.rootResource = call.request.getUrn();
      cb(null, new engproto.SetRootResourceResponse());
    },
    startDebugging: (_call: unknown, callback: grpc.sendUnaryData<any>) =>
      callback(null, new Empty()),
    requirePulumiVersion: (_call: unknown, callback: grpc.sendUnaryData<any>) =>
      callback(null, new Empty()),
  };
}
