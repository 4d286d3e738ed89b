// A JavaScript program that calls a member its provider package does not have (a typo,
// `new aws.ec2.SecurityGroupp(...)`, or a class of another major) fails with
// `TypeError: aws.ec2.SecurityGroupp is not a constructor` under `pulumi preview` too (and a
// module the package does not have, `new aws.opsworks.Stack(...)` on aws 7, with `Cannot read
// properties of undefined (reading 'Stack')`, where the line names the module): no compile
// checks JavaScript. (A TypeScript program is compiled again type-checked instead, as the language
// host compiles it: ./runtime-type-errors.ts.) The hint names the package the program bound to
// that name and the nearest member the package declares, read from its declaration files
// (`export declare const SecurityGroup: ...` in `@pulumi/aws/ec2/index.d.ts`), without loading it.
import * as path from "path";
import { nearest } from "../edit-distance";
import {
  boundPackage,
  installedPackage,
  missingMemberOf,
  moduleMembers,
  TYPESCRIPT_FILE,
} from "./runtime-type-errors";
import { readSource } from "./program-sources";

/**
 * For `TypeError: <name>.<path> is not a constructor|function` thrown at `location` in a JavaScript
 * file: the member's package, and the nearest member it declares; "" when it cannot be told. The
 * package is looked up as the program found it: from the file, the program's directory, then the
 * packages the check lends a program that installed none (`fallbackModulesDir`, whose
 * `node_modules` the program's NODE_PATH names: ./language-host.ts).
 */
export function missingMemberHint(
  message: string,
  location: { readonly file: string; readonly line?: number; readonly column?: number } | undefined,
  pwd: string,
  fallbackModulesDir?: string,
): string {
  const m = missingMemberOf(message, location, pwd, fallbackModulesDir);
  if (!m || !location || TYPESCRIPT_FILE.test(location.file)) return "";
  const members = m.members.slice(0, -1);
  const missing = m.members[m.members.length - 1];
  const source = readSource(location.file);
  if (source === undefined) return "";
  const pkg = boundPackage(source, m.root);
  if (!pkg || pkg.startsWith(".")) return "";
  const found = installedPackage(pkg, [path.dirname(location.file), pwd], fallbackModulesDir);
  if (!found) return "";
  const dts = path.join(found.dir, ...members, "index.d.ts");
  // With what the module re-exports (`export * from "../types/enums/iam"`); nothing is claimed of
  // a module whose re-exports cannot all be read.
  const declared = moduleMembers(dts);
  if (!declared || declared.includes(missing)) return "";
  const best = nearest(
    missing,
    declared,
    (c) => Math.max(2, Math.floor(c.length / 4)),
    (s) => s.toLowerCase(),
  );
  const version = found.version ? ` ${found.version}` : "";
  const owner = [m.root, ...members].join(".");
  return (
    `\n${pkg}${version} declares no \`${missing}\` in \`${owner}\`` +
    (best ? `: did you mean \`${owner}.${best}\`?` : ".") +
    " JavaScript is not type-checked, so `pulumi preview` fails the same way at this line"
  );
}
