// How wide an IP range may be before AWS counts it as public: the one threshold the pack uses both
// for `aws:SourceIp` conditions in resource policies (./conditions.ts) and for the sources and
// destinations of security-group rules, NACL entries, routes and EKS endpoint ranges
// (./network/ports.ts).
//
// AWS's definition (S3 User Guide, "Blocking public access to your Amazon S3 storage", section
// "The meaning of 'public'"): "Bucket policies that grant access conditioned on the aws:SourceIp
// condition key with very broad IP ranges (for example, 0.0.0.0/1) are evaluated as 'public.' This
// includes values broader than /8 for IPv4 and /32 for IPv6."

/** IP address family of a range. */
export type IpFamily = "ipv4" | "ipv6";

/** The shortest prefix length AWS does not count as public (S3 User Guide, quoted above). */
export const PUBLIC_PREFIX_LIMIT: Readonly<Record<IpFamily, number>> = { ipv4: 8, ipv6: 32 };

/** The family of an address as written: IPv6 if it has a colon. */
export function ipFamily(address: string): IpFamily {
  return address.includes(":") ? "ipv6" : "ipv4";
}

/** True when a range of `prefix` bits is broader than AWS's public limit for its family. */
export function broaderThanPublicLimit(family: IpFamily, prefix: number): boolean {
  return prefix < PUBLIC_PREFIX_LIMIT[family];
}
