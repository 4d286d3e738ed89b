// gRPC, protobuf and the analyzer protocol's stubs, as the copies the installed Pulumi SDK uses:
// the stubs check request messages by class identity, so every message is built from these.
import { createRequire } from "module";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as emptyTypes from "google-protobuf/google/protobuf/empty_pb";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";
import type { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";

const sdkRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));

export const grpc: typeof grpcTypes = sdkRequire("@grpc/grpc-js");
export const structpb: typeof structTypes = sdkRequire("google-protobuf/google/protobuf/struct_pb");
export const emptypb: typeof emptyTypes = sdkRequire("google-protobuf/google/protobuf/empty_pb");

const { BinaryReader } = sdkRequire("google-protobuf") as typeof import("google-protobuf");

/**
 * An `AnalyzeResponse` with its diagnostics only (field 2): the not-applicable entries (field 3;
 * the SDK writes one for each resource policy of another type, on every response, about 180 a
 * resource) are skipped unread. The check reports diagnostics only, so reading them costs time
 * and tells nothing.
 */
export function diagnosticsOnly(bytes: Uint8Array): analyzerpb.AnalyzeResponse {
  const msg = new analyzerpb.AnalyzeResponse();
  const reader = new BinaryReader(bytes);
  while (reader.nextField()) {
    if (reader.isEndGroup()) break;
    if (reader.getFieldNumber() === 2) {
      const d = new analyzerpb.AnalyzeDiagnostic();
      reader.readMessage(d, analyzerpb.AnalyzeDiagnostic.deserializeBinaryFromReader);
      msg.addDiagnostics(d);
    } else {
      reader.skipField();
    }
  }
  return msg;
}

/**
 * The analyzer protocol's client as the SDK's stubs define it (`AnalyzerService`), except that
 * `Analyze` and `AnalyzeStack` responses are read by `diagnosticsOnly`, and `GetAnalyzerInfo`
 * responses are handed over undecoded (`getAnalyzerInfo` in ./protocol.ts decodes them).
 */
export const AnalyzerDiagnosticsClient: typeof AnalyzerClient = (() => {
  const service = (sdkRequire("./proto/analyzer_grpc_pb") as { AnalyzerService: any })
    .AnalyzerService;
  return grpc.makeGenericClientConstructor(
    {
      ...service,
      analyze: { ...service.analyze, responseDeserialize: diagnosticsOnly },
      analyzeStack: { ...service.analyzeStack, responseDeserialize: diagnosticsOnly },
      // Handed over as its bytes: ./protocol.ts decodes it, or reads an unchanged pack's decoding.
      getAnalyzerInfo: { ...service.getAnalyzerInfo, responseDeserialize: (b: Uint8Array) => b },
    },
    "Analyzer",
  ) as unknown as typeof AnalyzerClient;
})();
