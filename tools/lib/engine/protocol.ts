// The analyzer protocol's calls other than the per-stack ones, and the conversions of its messages
// (see ./analyzer.ts for what is mirrored from the engine).
import type { EnforcementLevel, Severity } from "@pulumi/policy";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { decodedOnce } from "./decoded-once";
import { AnalyzerError, PackProcess, PackProject } from "./pack-process";
import type { PolicyPackConfig } from "./policy-config";
import { emptypb, grpc, structpb } from "./proto";

export interface AnalyzerPolicyInfo {
  readonly name: string;
  readonly displayName?: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly type: "resource" | "stack" | "unknown";
  readonly severity?: Severity;
  readonly remediationSteps?: string;
  readonly url?: string;
  readonly tags: readonly string[];
  /** As the engine holds it: the pack's schema with `enforcementLevel` added. */
  readonly configSchema?: {
    readonly properties: Record<string, any>;
    readonly required?: readonly string[];
  };
}

export interface AnalyzerInfo {
  readonly name: string;
  readonly version: string;
  readonly displayName?: string;
  readonly description?: string;
  readonly supportsConfig: boolean;
  /** In the pack's order. */
  readonly policies: readonly AnalyzerPolicyInfo[];
  readonly initialConfig: PolicyPackConfig;
}

export const LEVEL_NAMES: Record<number, EnforcementLevel> = {
  [analyzerpb.EnforcementLevel.ADVISORY]: "advisory",
  [analyzerpb.EnforcementLevel.MANDATORY]: "mandatory",
  [analyzerpb.EnforcementLevel.REMEDIATE]: "remediate",
  [analyzerpb.EnforcementLevel.DISABLED]: "disabled",
};
const LEVEL_CODES: Record<EnforcementLevel, analyzerpb.EnforcementLevel> = {
  advisory: analyzerpb.EnforcementLevel.ADVISORY,
  mandatory: analyzerpb.EnforcementLevel.MANDATORY,
  remediate: analyzerpb.EnforcementLevel.REMEDIATE,
  disabled: analyzerpb.EnforcementLevel.DISABLED,
};
export const SEVERITIES: Record<number, Severity | undefined> = {
  [analyzerpb.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
  [analyzerpb.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
  [analyzerpb.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
  [analyzerpb.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

export function level(code: number): EnforcementLevel {
  const l = LEVEL_NAMES[code];
  if (!l) throw new AnalyzerError(`invalid enforcement level ${code}`);
  return l;
}

type Unary<Req, Res> = (
  req: Req,
  metadata: InstanceType<typeof grpc.Metadata>,
  options: { deadline: number },
  cb: (err: (Error & { code?: number; details?: string }) | null, res: Res) => void,
) => unknown;

export function rpcMessage(e: any): string {
  return e?.details || e?.message || String(e);
}

export function unary<Req, Res>(
  pack: PackProcess,
  method: string,
  req: Req,
  timeoutMs: number,
): Promise<Res> {
  const fn = (pack.client as any)[method] as Unary<Req, Res>;
  return new Promise<Res>((resolve, reject) =>
    fn.call(
      pack.client,
      req,
      new grpc.Metadata(),
      { deadline: Date.now() + timeoutMs },
      (err, res) => (err ? reject(err) : resolve(res)),
    ),
  );
}

/** `analyzer.Configure`: the reconciled config of every policy. */
export async function configure(
  pack: PackProcess,
  info: AnalyzerInfo,
  config: PolicyPackConfig,
  where: string,
): Promise<void> {
  if (Object.keys(config).length === 0) return; // "returning early, no config specified"
  const req = new analyzerpb.ConfigureAnalyzerRequest();
  const map = req.getPolicyconfigMap();
  for (const [name, c] of Object.entries(config)) {
    if (!c.enforcementLevel) {
      throw new AnalyzerError(
        `configuring policy pack "${info.name}" at "${where}": invalid enforcement level ""`,
      );
    }
    const pc = new analyzerpb.PolicyConfig();
    pc.setEnforcementlevel(LEVEL_CODES[c.enforcementLevel]);
    pc.setProperties(structpb.Struct.fromJavaScript((c.properties ?? {}) as any));
    map.set(name, pc);
  }
  await unary(pack, "configure", req, 30_000).catch((e) => {
    throw new AnalyzerError(
      `configuring policy pack "${info.name}" at "${where}": ${rpcMessage(e)}`,
      pack.output,
    );
  });
}

export async function handshake(pack: PackProcess, project: PackProject, engineAddress: string) {
  const req = new analyzerpb.AnalyzerHandshakeRequest();
  req.setEngineAddress(engineAddress);
  req.setRootDirectory(project.dir);
  req.setProgramDirectory(project.dir);
  await unary(pack, "handshake", req, 30_000).catch((e) => {
    // "If the provider doesn't implement Handshake, that's fine."
    if (e?.code === grpc.status.UNIMPLEMENTED) return;
    throw new AnalyzerError(
      `policy pack "${project.dir}" failed to start: failed to handshake with '${pack.bin}': ${rpcMessage(e)}`,
      pack.output,
    );
  });
}

/**
 * What this file makes of a `GetAnalyzerInfo` answer depends on its own code, the SDK's generated
 * classes and the protobuf runtime they use: all three name the decodings kept on disk
 * (./decoded-once.ts).
 */
const INFO_DECODING = ((): string | undefined => {
  let own: string;
  try {
    own = fs.readFileSync(__filename, "utf8");
  } catch {
    return undefined; // code not readable: nothing is kept
  }
  const sdkPackage = require.resolve("@pulumi/pulumi/package.json");
  const version = (file: string): string => JSON.parse(fs.readFileSync(file, "utf8")).version;
  const protobuf = require.resolve("google-protobuf/package.json", {
    paths: [path.dirname(sdkPackage)],
  });
  return createHash("sha256")
    .update(`${version(sdkPackage)}\0${version(protobuf)}\0${own}`)
    .digest("hex");
})();

/**
 * `analyzer.GetAnalyzerInfo`. The answer arrives as its bytes (./proto.ts); an unchanged pack's
 * decoding is read back from `cacheDir` when given.
 */
export async function getAnalyzerInfo(
  pack: PackProcess,
  project: PackProject,
  cacheDir?: string,
): Promise<AnalyzerInfo> {
  const bytes = await unary<any, Uint8Array>(
    pack,
    "getAnalyzerInfo",
    new emptypb.Empty(),
    30_000,
  ).catch((e) => {
    throw new AnalyzerError(`policy pack "${project.dir}": ${rpcMessage(e)}`, pack.output);
  });
  const info = INFO_DECODING
    ? decodedOnce(bytes, cacheDir, INFO_DECODING, decodeAnalyzerInfo)
    : decodeAnalyzerInfo(bytes);
  return {
    ...info,
    version: project.version ?? info.version,
    description: info.description || project.description,
  };
}

/** `GetAnalyzerInfo` bytes as the engine reads them (before the pack project's own version and description). */
export function decodeAnalyzerInfo(bytes: Uint8Array): AnalyzerInfo {
  const resp = analyzerpb.AnalyzerInfo.deserializeBinary(bytes);
  const supportsConfig = resp.getSupportsconfig();
  const policies: AnalyzerPolicyInfo[] = resp.getPoliciesList().map((p) => {
    let configSchema: AnalyzerPolicyInfo["configSchema"];
    if (supportsConfig) {
      const s = p.getConfigschema();
      configSchema = {
        properties: {
          ...((s?.getProperties()?.toJavaScript() as Record<string, any>) ?? {}),
          enforcementLevel: {
            type: "string",
            enum: ["advisory", "mandatory", "remediate", "disabled"],
          },
        },
        required: s?.getRequiredList().length ? s.getRequiredList() : undefined,
      };
    }
    const type = p.getPolicyType();
    return {
      name: p.getName(),
      displayName: p.getDisplayname() || undefined,
      description: p.getDescription(),
      enforcementLevel: level(p.getEnforcementlevel()),
      type:
        type === analyzerpb.PolicyType.POLICY_TYPE_RESOURCE
          ? "resource"
          : type === analyzerpb.PolicyType.POLICY_TYPE_STACK
            ? "stack"
            : "unknown",
      severity: SEVERITIES[p.getSeverity()],
      remediationSteps: p.getRemediationSteps() || undefined,
      url: p.getUrl() || undefined,
      tags: p.getTagsList(),
      configSchema,
    };
  });
  const initialConfig: PolicyPackConfig = {};
  resp.getInitialconfigMap().forEach((v, k) => {
    const props = v.getProperties()?.toJavaScript();
    initialConfig[k] = {
      enforcementLevel: level(v.getEnforcementlevel()),
      ...(props ? { properties: props as Record<string, unknown> } : {}),
    };
  });
  return {
    name: resp.getName(),
    version: resp.getVersion(),
    displayName: resp.getDisplayname() || undefined,
    description: resp.getDescription(),
    supportsConfig,
    policies,
    initialConfig,
  };
}
