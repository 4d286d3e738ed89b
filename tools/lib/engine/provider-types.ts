// A custom resource whose type token the AWS provider does not serve (a typo in a hand-written
// `new pulumi.CustomResource("aws:s3/bucket:Buckett", ...)`, a token copied from another major)
// stops `pulumi preview`: the engine sends the registration to the provider's Check, and the
// Terraform bridge answers "unrecognized resource type (Check): <type>" for a token it has no
// resource for (pulumi/pulumi-terraform-bridge, pkg/tfbridge/provider.go, `Check`). Offline the
// fake AWS would answer it like any unmodeled type and the run would go on, so the engine refuses
// it as the provider does. A token is served when the program's own @pulumi/aws declares it (the
// class of `<module>/<name>.js` carries it as `__pulumiType`, whatever that package's version) or
// the provider schema the check models does (data/aws-types.json): only a token neither knows is
// refused, so no type of another major is refused by mistake.
import * as fs from "fs";
import * as path from "path";
import { allTypes } from "../fake-aws/schema";
import { resolvePackageJson } from "./versions";
import { nearest } from "../edit-distance";

const TOKEN = /^aws:([A-Za-z0-9]+)\/([A-Za-z0-9]+):([A-Za-z0-9]+)$/;

/** The directory of the @pulumi/aws a program loads, or undefined (cached per program folder). */
const packageDirs = new Map<string, string | undefined>();
function awsPackageDir(programDir: string | undefined): string | undefined {
  if (programDir === undefined) return undefined;
  if (!packageDirs.has(programDir)) {
    const pj = resolvePackageJson("@pulumi/aws", programDir);
    packageDirs.set(programDir, pj && path.dirname(pj));
  }
  return packageDirs.get(programDir);
}

/** Whether the installed @pulumi/aws declares the type (its class file names the token). */
function declaredBy(dir: string, type: string): boolean {
  const m = TOKEN.exec(type);
  if (!m) return false;
  const file = path.join(dir, m[1] === "index" ? "" : m[1], `${m[2]}.js`);
  try {
    const text = fs.readFileSync(file, "utf8");
    return text.includes(`'${type}'`) || text.includes(`"${type}"`);
  } catch {
    return false;
  }
}

/** The served token nearest to a refused one, when it is close (a typo, a case slip). */
function nearestAwsType(type: string): string | undefined {
  const limit = Math.max(3, Math.floor(type.length / 8));
  return nearest(
    type,
    allTypes(),
    () => limit,
    (s) => s.toLowerCase(),
  );
}

const verdicts = new Map<string, string | undefined>();
let modeled: Set<string> | undefined;

/**
 * The error the AWS provider's Check gives a custom resource of a type it does not serve, with the
 * nearest served type; undefined for a served type or another package's.
 */
export function unrecognizedAwsType(type: string, programDir?: string): string | undefined {
  if (!type.startsWith("aws:")) return undefined;
  const key = `${programDir ?? ""}\0${type}`;
  if (verdicts.has(key)) return verdicts.get(key);
  const dir = awsPackageDir(programDir);
  modeled ??= new Set(allTypes());
  const served = modeled.has(type) || (dir !== undefined && declaredBy(dir, type));
  let verdict: string | undefined;
  if (!served) {
    const near = nearestAwsType(type);
    verdict =
      `unrecognized resource type (Check): ${type}: the aws provider has no resource of that ` +
      "type, so `pulumi preview` stops at this registration" +
      (near ? `; did you mean ${near}?` : "");
  }
  verdicts.set(key, verdict);
  return verdict;
}
