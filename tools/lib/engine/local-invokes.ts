// Data sources that compute on the machine that runs `pulumi preview` rather than ask a cloud, so
// an offline engine answers them as their provider would.
//
// `kubernetes:yaml:decode`: how @pulumi/kubernetes's `yaml.ConfigFile`, `yaml.ConfigGroup` and
// `helm.v2.Chart` turn manifests into objects (its yaml/yaml.js, `yamlLoadAll`). The provider only
// parses the text, every document of it, and gives namespaced objects without a namespace the
// `defaultNamespace` it is passed (pulumi-kubernetes, provider/pkg/provider/invoke_decode_yaml.go).
//
// `archive:index/getFile:getFile` (@pulumi/archive, bridged from Terraform's `archive_file`): zips
// its sources and writes the archive to `outputPath` while the program runs. "The archive is built
// during the pulumi preview, so you must persist the archive through to the pulumi up"
// (pulumi.com/registry/packages/archive, getFile); programs then hand that path to a
// `FileArchive`, which the engine reads. Relative paths are the provider's: the engine starts a
// provider in the program's working directory (pulumi/pulumi,
// sdk/go/common/resource/plugin/plugin.go, `ExecPlugin`: `cmd.Dir = pwd`).
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import * as yaml from "js-yaml";
import { writeAtomically } from "../write-atomically";
import { containsUnknown, UNKNOWN } from "./wire";

const GET_FILE = "archive:index/getFile:getFile";
const DECODE_YAML = "kubernetes:yaml:decode";

/** The tokens answered here. */
export const LOCAL_INVOKES: readonly string[] = [GET_FILE, DECODE_YAML];

/**
 * Kinds of the core API groups that live outside namespaces (Kubernetes API reference, each
 * kind's "Namespaced" column in `kubectl api-resources`): they keep no `defaultNamespace`.
 */
const CLUSTER_SCOPED = new Set([
  "APIService",
  "CertificateSigningRequest",
  "ClusterRole",
  "ClusterRoleBinding",
  "CSIDriver",
  "CSINode",
  "CustomResourceDefinition",
  "IngressClass",
  "MutatingWebhookConfiguration",
  "Namespace",
  "Node",
  "PersistentVolume",
  "PriorityClass",
  "RuntimeClass",
  "StorageClass",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "ValidatingWebhookConfiguration",
  "VolumeAttachment",
]);

/** Every document of a manifest, as the provider's decoder returns them. */
function decodeYaml(args: Record<string, any>): Record<string, any> {
  if (containsUnknown(args)) return { result: UNKNOWN };
  // Documents without a kind or an apiVersion (empty ones, comments) are skipped.
  const docs = yaml
    .loadAll(String(args.text ?? ""))
    .filter((d: any) => d && typeof d === "object" && d.kind && d.apiVersion);
  const ns = typeof args.defaultNamespace === "string" ? args.defaultNamespace : "";
  // A kind the provider cannot place is assumed namespaced, as it assumes.
  const result = docs.map((d: any) => {
    if (!ns || CLUSTER_SCOPED.has(d.kind)) return d;
    if (d.metadata?.namespace) return d;
    return { ...d, metadata: { ...d.metadata, namespace: ns } };
  });
  return { result };
}

interface Entry {
  readonly name: string;
  readonly data: Buffer;
  readonly mode: number;
}

/**
 * The result of a local data source, computed in `dir` (the program's working directory); throws
 * with the provider's reason when its arguments cannot be archived.
 */
export function localInvoke(
  token: string,
  args: Record<string, any>,
  dir: string,
): Record<string, any> {
  if (token === DECODE_YAML) return decodeYaml(args);
  if (token !== GET_FILE) throw new Error(`${token} is not a local data source`);
  const outputs = [
    "id",
    "outputBase64sha256",
    "outputBase64sha512",
    "outputMd5",
    "outputSha",
    "outputSha256",
    "outputSha512",
    "outputSize",
  ];
  // An argument unknown at preview (an output of a resource yet to be created) leaves every
  // checksum unknown; the archive is built once it is known.
  if (containsUnknown(args))
    return { ...args, ...Object.fromEntries(outputs.map((k) => [k, UNKNOWN])) };
  if (args.type !== "zip") {
    throw new Error(
      `archive type ${JSON.stringify(args.type)} is not built offline (only "zip" is)`,
    );
  }
  if (typeof args.outputPath !== "string") throw new Error("outputPath is required");
  const mode =
    typeof args.outputFileMode === "string" ? parseInt(args.outputFileMode, 8) : undefined;
  const zip = zipOf(entriesOf(args, dir).map((e) => ({ ...e, mode: mode ?? e.mode })));
  const out = path.resolve(dir, args.outputPath);
  // Both phases of a check run at once and build the same archive: each writes its own file and
  // renames it into place, so neither ever sees the other's half-written zip.
  writeAtomically(out, zip);
  const digest = (alg: string, enc: "hex" | "base64") => createHash(alg).update(zip).digest(enc);
  return {
    ...args,
    id: digest("sha1", "hex"),
    outputBase64sha256: digest("sha256", "base64"),
    outputBase64sha512: digest("sha512", "base64"),
    outputMd5: digest("md5", "hex"),
    outputSha: digest("sha1", "hex"),
    outputSha256: digest("sha256", "hex"),
    outputSha512: digest("sha512", "hex"),
    outputSize: zip.length,
  };
}

/** The files to archive: one of content, file, directory or `sources`, as the provider requires. */
function entriesOf(a: Record<string, any>, dir: string): Entry[] {
  const given = [
    a.sourceContent !== undefined || a.sourceContentFilename !== undefined,
    a.sourceFile !== undefined,
    a.sourceDir !== undefined,
    Array.isArray(a.sources) && a.sources.length > 0,
  ].filter(Boolean).length;
  if (given !== 1) {
    throw new Error(
      "one and only one of sources, sourceContentFilename (with sourceContent), sourceFile " +
        "or sourceDir must be specified",
    );
  }
  if (a.sourceContentFilename !== undefined) {
    return [
      {
        name: String(a.sourceContentFilename),
        data: Buffer.from(String(a.sourceContent ?? "")),
        mode: 0o644,
      },
    ];
  }
  if (Array.isArray(a.sources) && a.sources.length > 0) {
    return a.sources.map((s: Record<string, any>) => ({
      name: String(s.filename),
      data: Buffer.from(String(s.content ?? "")),
      mode: 0o644,
    }));
  }
  if (a.sourceFile !== undefined) {
    const file = path.resolve(dir, String(a.sourceFile));
    if (!fs.existsSync(file))
      throw new Error(`could not archive missing file: ${String(a.sourceFile)}`);
    return [
      {
        name: path.basename(file),
        data: fs.readFileSync(file),
        mode: fs.statSync(file).mode & 0o777,
      },
    ];
  }
  const root = path.resolve(dir, String(a.sourceDir));
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    throw new Error(`could not archive missing directory: ${String(a.sourceDir)}`);
  }
  const excluded = (Array.isArray(a.excludes) ? a.excludes : []).map(String).map(globPattern);
  const out: Entry[] = [];
  const walk = (d: string): void => {
    for (const name of fs.readdirSync(d).sort()) {
      const full = path.join(d, name);
      const rel = path.relative(root, full).split(path.sep).join("/");
      if (excluded.some((re) => re.test(rel))) continue;
      const st = fs.statSync(full);
      if (st.isDirectory()) walk(full);
      else out.push({ name: rel, data: fs.readFileSync(full), mode: st.mode & 0o777 });
    }
  };
  walk(root);
  return out;
}

/** An `excludes` entry: a path relative to `sourceDir`, with `*` and `**` globs. */
function globPattern(glob: string): RegExp {
  const body = glob
    .replace(/^\.\//, "")
    .split(/(\*\*\/?|\*)/)
    .map((part) =>
      part === "**" || part === "**/"
        ? ".*"
        : part === "*"
          ? "[^/]*"
          : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^${body}(?:/.*)?$`);
}

/**
 * A deflated zip (PKWARE APPNOTE 6.3.10, sections 4.3.7, 4.3.12, 4.3.16) with a fixed timestamp,
 * so the same sources give the same archive and checksums on every run.
 */
function zipOf(entries: Entry[]): Buffer {
  const DOS_DATE = ((1981 - 1980) << 9) | (1 << 5) | 1; // 1981-01-01, 00:00
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const packed = zlib.deflateRawSync(e.data);
    const crc = zlib.crc32(e.data);
    // The fields the local header (from byte 6) and the central directory entry (from byte 8)
    // share, in the same order: flags (UTF-8 names), method (deflate), time, date, CRC-32,
    // compressed and uncompressed sizes, name length.
    const shared = (header: Buffer, at: number) => {
      header.writeUInt16LE(0x0800, at);
      header.writeUInt16LE(8, at + 2);
      header.writeUInt16LE(0, at + 4);
      header.writeUInt16LE(DOS_DATE, at + 6);
      header.writeUInt32LE(crc, at + 8);
      header.writeUInt32LE(packed.length, at + 12);
      header.writeUInt32LE(e.data.length, at + 16);
      header.writeUInt16LE(name.length, at + 20);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    shared(local, 6);
    locals.push(local, name, packed);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the external attributes carry the mode
    cd.writeUInt16LE(20, 6);
    shared(cd, 8);
    cd.writeUInt32LE(((0o100000 | e.mode) << 16) >>> 0, 38);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += local.length + name.length + packed.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}
