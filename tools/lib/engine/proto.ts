// gRPC, protobuf and the analyzer protocol's stubs, as the copies the installed Pulumi SDK uses:
// the stubs check request messages by class identity, so every message is built from these.
import { createRequire } from "module";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as emptyTypes from "google-protobuf/google/protobuf/empty_pb";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";
import type { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";

const sdkRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));

export const grpc: typeof grpcTypes = sdkRequire("@grpc/grpc-js");
export const structpb: typeof structTypes = sdkRequire("google-protobuf/google/protobuf/struct_pb");
export const emptypb: typeof emptyTypes = sdkRequire("google-protobuf/google/protobuf/empty_pb");
export const analyzerrpc: { AnalyzerClient: typeof AnalyzerClient } = sdkRequire(
  "./proto/analyzer_grpc_pb",
);
