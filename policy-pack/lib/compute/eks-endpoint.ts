// Who can reach an EKS cluster's Kubernetes API endpoint, read the same way wherever its settings
// appear: an aws.eks.Cluster's (or aws-native's) `vpcConfig`, and the arguments of @pulumi/eks's
// Cluster, which pulumi-eks passes through unchanged (nodejs/eks/cluster.ts, `createCore`).
import { asList, flagValue } from "../values";
import { isInternetWide } from "../network/ports";

/**
 * The ranges through which the public API endpoint is open to every address: none when the endpoint
 * is off (`endpointPublicAccess: false`); EKS's default when `publicAccessCidrs` is left out or
 * empty (EKS API reference, VpcConfigRequest: endpointPublicAccess "The default value for this
 * parameter is true", publicAccessCidrs "The default value is 0.0.0.0/0", and ::/0 for IPv6
 * clusters); else the listed ranges that are internet-wide (isInternetWide: a /0 of any address
 * such as 0.0.1.0/0, and any range broader than AWS's public limit, /8 for IPv4 and /32 for IPv6),
 * judged by prefix length as the security-group rules are. `settings`: the `vpcConfig`, or the component's
 * arguments.
 */
export function eksEndpointOpenTo(
  settings:
    { readonly endpointPublicAccess?: unknown; readonly publicAccessCidrs?: unknown } | undefined,
): string[] {
  // Read in this order, the ranges only when the endpoint is on: an unknown list behind an endpoint
  // that is off is no reason to stop.
  if (flagValue(settings?.endpointPublicAccess) === false) return [];
  const cidrs = asList<string>(settings?.publicAccessCidrs);
  return cidrs.length === 0 ? ["0.0.0.0/0 (the default)"] : cidrs.filter((c) => isInternetWide(c));
}
