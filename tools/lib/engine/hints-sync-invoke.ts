// A program written for @pulumi/pulumi 1.x, whose data source functions (`aws.getRegion()`,
// `aws.getAvailabilityZones()`) answered synchronously, run on 2.0 or later, where they return a
// Promise: a field read straight off the call is undefined (JavaScript), or a type error
// (TypeScript, "Property 'names' does not exist on type 'Promise<GetAvailabilityZonesResult>'").
//
// How 1.x answered them: `runtime/invoke.js` sent the request through two named pipes the CLI's
// language host opened (PULUMI_NODEJS_SYNC, `invoke_req` / `invoke_res`, read with fs.readSync),
// else blocked on the asynchronous call with the native `deasync` module (`utils.promiseResult`).
// Pulumi 2.0 removed both ("Remove synchronous invokes", the 2.0 migration guide; pulumi/pulumi
// #3693): every invoke returns a Promise, `{ async: false }` included. A 1.x SDK cannot run on a
// current Node.js at all (its native grpc module, node-engines.ts), so such a program fails
// under `pulumi preview` the same way on any SDK it can run on.
import * as path from "path";
import { codeOnly, sourceLines } from "./program-sources";

const UPGRADE =
  "data source functions answer synchronously only in @pulumi/pulumi 1.x; from 2.0 on they return " +
  "a Promise (synchronous invokes were removed, pulumi/pulumi#3693, `{ async: false }` included), " +
  "so `pulumi preview` fails the same way. Read the result with `await` in an async main, or " +
  "pass it to `pulumi.output(...)`, or call the Output form where the provider SDK has it";

/** `get<Name>` → the Output form the provider SDKs generate beside it (`get<Name>Output`). */
const outputForm = (call: string) => `\`${call}Output(...)\``;

const escaped = (name: string) => name.replace(/\$/g, "\\$");

/**
 * Whether `name` is bound in the file by a require or import of a provider SDK
 * (`@pulumi/<provider>`): only its `get…` functions are data sources. `@pulumi/pulumi`'s own
 * (`config.getObject`) and the program's modules (`require("./settings").getSettings()`) are not.
 */
function providerModule(file: string, name: string): boolean {
  const pkg = `["']@pulumi/(?!pulumi["'])[\\w.-]+["']`;
  const id = escaped(name);
  return new RegExp(
    `\\b(?:(?:const|let|var)\\s+${id}\\s*=\\s*require\\(\\s*${pkg}\\s*\\)` +
      `|import\\s+(?:\\*\\s+as\\s+)?${id}\\s+from\\s*${pkg}` +
      `|import\\s+${id}\\s*=\\s*require\\(\\s*${pkg}\\s*\\))`,
  ).test(codeOnly(sourceLines(file).join("\n")));
}

/** `aws.ec2.getVpc` → whether its first name is a provider SDK's module in the file. */
const throughProvider = (file: string, call: string) => providerModule(file, call.split(".")[0]);

/**
 * The call `get<Name>` as the file writes it through a provider SDK's module (`aws.ec2.getVpc`):
 * TypeScript's message names only the result type (`Promise<GetVpcResult>`).
 */
function modulePath(file: string, name: string): string | undefined {
  const calls = new RegExp(`((?:[A-Za-z_$][\\w$]*\\.)+)${escaped(name)}\\s*\\(`, "g");
  const code = codeOnly(sourceLines(file).join("\n"), true);
  for (const m of code.matchAll(calls)) {
    if (throughProvider(file, m[1])) return `${m[1]}${name}`;
  }
  return undefined;
}

/**
 * Whether every mention of `name` in the code between its declaration and the failing read is a
 * field read (`name.x`, `name?.x`). Any other mention may bind the name again (a callback's
 * parameter, `zones.then((zones) => zones.zoneIDs)`, a function's, a new declaration) or hand the
 * value elsewhere; rather than resolve scopes, the hint then says nothing.
 */
function onlyFieldReads(code: string, name: string): boolean {
  const other = new RegExp(`(?<![\\w$.])${escaped(name)}(?![\\w$])(?!\\s*\\??\\.)`);
  return !other.test(codeOnly(code, true));
}

/**
 * StackReference's `getOutputSync` / `requireOutputSync`, 1.x's synchronous reads of another
 * stack's output, went with synchronous invokes in 2.0 ("the StackReference operations
 * getOutputSync and requireOutputSync are no longer supported", pulumi/docs migrating-2.0;
 * pulumi/pulumi#4462): JavaScript's "is not a function", TypeScript's TS2339 on StackReference.
 */
function stackReferenceSyncHint(message: string): string {
  const m =
    /^TypeError: (?:[\w$.]+\.)?(getOutputSync|requireOutputSync) is not a function/.exec(message) ??
    /Property '(getOutputSync|requireOutputSync)' does not exist on type 'StackReference'/.exec(
      message,
    );
  if (!m) return "";
  const output = m[1].replace(/Sync$/, "");
  return (
    `\nStackReference.${m[1]} read another stack's output synchronously only in @pulumi/pulumi ` +
    "1.x; 2.0 removed it with synchronous invokes, so `pulumi preview` fails the same way. Use " +
    `\`${output}(...)\`, an Output to pass to resources or \`apply\`, or \`await ` +
    "getOutputDetails(...)` in an async main for the value itself"
  );
}

/**
 * The hint for a field read off a data source call's result as if it were the result: TypeScript's
 * TS2339 on a `Promise<Get…Result>`, or JavaScript's "Cannot read properties of undefined" where
 * the object read is a `get…()` call or a variable holding one without `await`.
 */
export function syncInvokeHint(
  message: string,
  location: { readonly file: string; readonly line?: number; readonly column?: number } | undefined,
): string {
  const reference = stackReferenceSyncHint(message);
  if (reference) return reference;
  const ts = /Property '(\w+)' does not exist on type 'Promise<(Get\w+Result)>'/.exec(message);
  if (ts) {
    const name = ts[2].replace(/^Get/, "get").replace(/Result$/, "");
    const call = (location && modulePath(location.file, name)) ?? name;
    return `\n${ts[1]} is read off the Promise ${call}() returns: ${UPGRADE}, ${outputForm(call)}`;
  }
  const js = /^TypeError: Cannot read properties of undefined \(reading '[^']+'\)/.exec(message);
  if (!js || !location?.line || !location.column) return "";
  const lines = sourceLines(location.file);
  const text = lines[location.line - 1];
  if (text === undefined) return "";
  const before = text.slice(0, location.column - 1).replace(/\??\.\s*$/, "");
  // `aws.getRegion().name.toUpperCase()`: the field after the call is the undefined one.
  const direct = /((?:[A-Za-z_$][\w$]*\.)+(get[A-Z][\w$]*))\([^()]*\)\.([A-Za-z_$][\w$]*)$/.exec(
    before,
  );
  if (direct && throughProvider(location.file, direct[1])) {
    return `\n${direct[3]} is read off the Promise ${direct[1]}() returns: ${UPGRADE}, ${outputForm(direct[1])}`;
  }
  // `zones.names.map(...)` where `const zones = aws.getAvailabilityZones(...)` has no await. Only
  // a call through a provider SDK's module (`aws.`, `aws.ec2.`) counts.
  const held = /(?:^|[^\w$.])([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)$/.exec(before);
  if (!held) return "";
  const readAt = before.length - held[1].length - held[2].length - 1;
  const declared = new RegExp(
    `\\b(?:const|let|var)\\s+${escaped(held[1])}\\s*=\\s*((?:[A-Za-z_$][\\w$]*\\.)+get[A-Z][\\w$]*)\\(`,
  );
  for (let i = location.line - 1; i >= 0; i--) {
    const d = declared.exec(lines[i]);
    if (!d) continue;
    if (!throughProvider(location.file, d[1])) return "";
    const after = d.index + d[0].length;
    const between =
      i === location.line - 1
        ? before.slice(after, readAt)
        : [
            lines[i].slice(after),
            ...lines.slice(i + 1, location.line - 1),
            before.slice(0, readAt),
          ].join("\n");
    if (!onlyFieldReads(between, held[1])) return "";
    const where = `${path.basename(location.file)}:${i + 1}`;
    return (
      `\n${held[1]} holds what ${d[1]}() returns (${where}), a Promise, so ${held[1]}.${held[2]} ` +
      `is undefined: ${UPGRADE}, ${outputForm(d[1])}`
    );
  }
  return "";
}
