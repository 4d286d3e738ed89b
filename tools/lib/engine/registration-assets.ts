// Whether the file assets and archives a registration names exist, as the Pulumi engine checks
// when it hashes them, and which of the missing ones a local command of the stack makes before
// `pulumi up` reads them.
import * as fs from "fs";
import * as path from "path";
import { ARCHIVE_SIG, ASSET_SIG, SIG_KEY } from "./wire";

/** A file asset or archive of a registration whose path exists nowhere the program could mean. */
export interface MissingFile {
  /** The registration's own property it is under: the key of its property dependencies. */
  readonly property: string;
  /** The path as the program gave it. */
  readonly path: string;
  /** The engine's message, keyed by the innermost property as the engine's is. */
  readonly message: string;
}

/**
 * Every file asset or archive of a registration's inputs whose path exists nowhere the program
 * could mean (`dirs`), in the order of the inputs. The Pulumi engine hashes every asset and
 * archive when it unmarshals a registration (`ComputeAssetHashes`), so a missing path fails the
 * registration at preview: `failed to compute archive hash for "code": couldn't read archive path
 * ...` (pkg/resource/plugin/rpc.go, sdk/go/common/resource/archive.go, asset.go). Contents are not
 * read and hashes not computed.
 */
export function missingAssetFiles(
  inputs: Record<string, unknown>,
  dirs: readonly string[],
): MissingFile[] {
  const exists = (p: string) =>
    path.isAbsolute(p) ? fs.existsSync(p) : dirs.some((d) => fs.existsSync(path.resolve(d, p)));
  const found: MissingFile[] = [];
  const visit = (v: unknown, key: string, property: string): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x, key, property);
      return;
    }
    if (!v || typeof v !== "object") return;
    const o = v as Record<string, unknown>;
    const sig = o[SIG_KEY];
    const file = typeof o.path === "string" ? o.path : undefined;
    if (sig === ASSET_SIG && file !== undefined && !exists(file)) {
      const message = `failed to compute asset hash for "${key}": open ${file}: no such file or directory`;
      found.push({ property, path: file, message });
    } else if (sig === ARCHIVE_SIG && file !== undefined && !exists(file)) {
      const message =
        `failed to compute archive hash for "${key}": couldn't read archive path ` +
        `'${file}': stat ${file}: no such file or directory`;
      found.push({ property, path: file, message });
    } else if (sig === ARCHIVE_SIG && o.assets && typeof o.assets === "object") {
      // An archive's members are hashed with it, under the property's key.
      for (const member of Object.values(o.assets as Record<string, unknown>)) {
        visit(member, key, property);
      }
    } else if (sig === undefined) {
      for (const [k, x] of Object.entries(o)) visit(x, k, property);
    }
  };
  for (const [k, v] of Object.entries(inputs)) visit(v, k, k);
  return found;
}

/** The type token of the Pulumi command provider's local command (@pulumi/command `local.Command`). */
const LOCAL_COMMAND = "command:local:Command";

/** What the check knows of a resource of the stack: its type and recorded inputs. */
type Known = { readonly type: string; readonly inputs: Record<string, unknown> } | undefined;

/**
 * How local command `inputs` can make `file`, or undefined when it cannot: the file lies under
 * the command's `dir` (where it runs: @pulumi/command local.Command, "dir"), or its `create` or
 * `update` text names the file, by its path or its file name.
 */
function howCommandMakes(
  inputs: Record<string, unknown>,
  file: string,
  dirs: readonly string[],
): string | undefined {
  const resolved = (p: string) => (path.isAbsolute(p) ? [p] : dirs.map((d) => path.resolve(d, p)));
  const targets = resolved(file);
  if (typeof inputs.dir === "string" && inputs.dir !== "") {
    const under = resolved(inputs.dir).some((d) =>
      targets.some((t) => {
        const rel = path.relative(d, t);
        return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
      }),
    );
    if (under) return `it runs in ${inputs.dir}`;
  }
  const bare = file.replace(/^\.[\\/]/, "").replace(/[\\/]+$/, "");
  const names = [bare, path.basename(bare)].filter((n) => n !== "" && n !== "." && n !== "..");
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  for (const field of ["create", "update"]) {
    const text = inputs[field];
    if (typeof text !== "string") continue;
    // A name is a word of the command: bounded by a space, quote, '=', a path separator or ';&|)'.
    const named = names.some((n) =>
      new RegExp(`(?:^|[\\s'"=/\\\\])${escape(n)}(?=$|[\\s'";&|)/\\\\])`).test(text),
    );
    if (named) return `its ${field} names it`;
  }
  return undefined;
}

/**
 * The local command of the stack that makes a missing file, as URN and how, if any. A program
 * that builds a Lambda bundle with a command and makes the archive from its output
 * (`code: build.stdout.apply(() => new pulumi.asset.FileArchive("./dist/lambda.zip"))`) names the
 * file only once the command ran: at `pulumi preview` that output is unknown, so no archive is
 * sent; at `pulumi up` the engine runs the command before the program's callback makes the
 * archive. Only a command the file's property is built from counts: a command the resource only
 * `dependsOn` leaves the archive named at preview too, which hashes it before any command ran
 * (`pulumi up` previews first), so the file must exist then. And only a command that can make the
 * file: one that reads a git revision cannot.
 */
export function commandMakingFile(
  file: MissingFile,
  propertyDependencies: Readonly<Record<string, readonly string[]>>,
  resourceOf: (urn: string) => Known,
  dirs: readonly string[],
): { urn: string; how: string } | undefined {
  for (const urn of propertyDependencies[file.property] ?? []) {
    const r = resourceOf(urn);
    if (r?.type !== LOCAL_COMMAND) continue;
    const how = howCommandMakes(r.inputs, file.path, dirs);
    if (how) return { urn, how };
  }
  return undefined;
}

/**
 * What a registration's missing files mean: the engine's error for the first that no local
 * command makes, and a warning for each that one makes. In the preview phase every missing file
 * fails, as `pulumi preview` hashes it; only the apply phase, where offline no command runs while
 * `pulumi up` runs them first, takes a file as its command's product.
 */
export function assetProblems(
  name: string,
  inputs: Record<string, unknown>,
  dirs: readonly string[],
  apply: boolean,
  propertyDependencies: Readonly<Record<string, readonly string[]>>,
  resourceOf: (urn: string) => Known,
): { error?: string; warnings: string[] } {
  const warnings: string[] = [];
  for (const file of dirs.length > 0 ? missingAssetFiles(inputs, dirs) : []) {
    const made = apply
      ? commandMakingFile(file, propertyDependencies, resourceOf, dirs)
      : undefined;
    if (!made) return { error: file.message, warnings: [] };
    warnings.push(
      `${name}: ${file.path} does not exist, but the program names it only once the command ` +
        `${made.urn.split("::").pop()} has run (its "${file.property}" is built from that ` +
        `command's output, and ${made.how}): \`pulumi up\` runs the command first, an offline ` +
        "run runs none, so the file is taken as what the command makes",
    );
  }
  return { warnings };
}
