// ECS and EKS clusters: the name validators the provider runs at preview. Pulumi names a cluster
// left unnamed from its logical name (`<logical name>-<7 hex digits>`), so a logical name with a
// `.` or a space is refused as a name the program gives would be. Each entry names the provider
// file that declares it.
import type { InputRule } from "./rule";
import { all, goQuote, lenBetween, matches, Validator } from "./validators";

const ECS_CLUSTER = "aws:ecs/cluster:Cluster";
const EKS_CLUSTER = "aws:eks/cluster:Cluster";

/**
 * `validClusterName` of the EKS package: 1 to 100 characters, a letter or digit first, then letters,
 * digits, `_` and `-`, in the provider's words.
 */
const eksClusterName: Validator = (v, k) => {
  if (typeof v !== "string") return [];
  const out: string[] = [];
  const n = Buffer.byteLength(v, "utf8");
  if (n < 1 || n > 100)
    out.push(`${goQuote(k)} length must be between 1-100 characters: ${goQuote(v)}`);
  const pattern = "^[0-9A-Za-z][0-9A-Za-z_-]*$";
  if (!new RegExp(pattern).test(v))
    out.push(`${goQuote(k)} doesn't comply with restrictions (${goQuote(pattern)}): ${goQuote(v)}`);
  return out;
};

export const CLUSTER_RULES: readonly InputRule[] = [
  {
    type: ECS_CLUSTER,
    prop: "name",
    attr: "name",
    // validateClusterName of the ECS package.
    validate: all(
      lenBetween(1, 255),
      matches(
        /^[0-9A-Za-z_-]+$/,
        "The cluster name must consist of alphanumerics, hyphens, and underscores.",
      ),
    ),
    fix:
      "letters, digits, - and _ only, at most 255 characters (a logical name Pulumi turns into " +
      "the name too)",
    source: "internal/service/ecs/validate.go",
  },
  {
    type: EKS_CLUSTER,
    prop: "name",
    attr: "name",
    validate: eksClusterName,
    fix:
      "a letter or digit, then letters, digits, - and _, at most 100 characters (a logical name " +
      "Pulumi turns into the name too)",
    source: "internal/service/eks/validate.go",
  },
];
