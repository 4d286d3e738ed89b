// Instance types, their processor architecture and the Amazon Linux 2023 image that matches it
// (pure: the config reader checks instance types with it too).

/** SSM public parameters with the latest Amazon Linux 2023 AMIs (AL2023 docs, "Launching AL2023 using the SSM parameter"). */
export const AL2023_AMI_PARAMETERS = {
  arm64: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
  x86_64: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
} as const;

/** A processor architecture an Amazon Linux 2023 AMI exists for. */
export type Arch = keyof typeof AL2023_AMI_PARAMETERS;

/**
 * SSM public parameter with the latest Amazon Linux 2023 AMI for arm64 (Graviton). AL2023 docs
 * ("Launching AL2023 using the SSM parameter"): /aws/service/ami-amazon-linux-latest/
 * al2023-ami-kernel-default-<arch>.
 */
export const AL2023_ARM64_AMI_PARAMETER = AL2023_AMI_PARAMETERS.arm64;

/** Default OS user of Amazon Linux. */
export const OS_USER = "ec2-user";

/** Instance types with an arm64 (Graviton) processor, matching the arm64 AMI: t4g.nano, m7g.large, c6gn.medium ... */
export const GRAVITON_INSTANCE_TYPE = /^[a-z]+\d+g[a-z]*\.[a-z0-9]+$/;

/** The architecture of an instance type: arm64 for Graviton types, else x86_64. */
export function archOf(instanceType: string): Arch {
  return GRAVITON_INSTANCE_TYPE.test(instanceType) ? "arm64" : "x86_64";
}
