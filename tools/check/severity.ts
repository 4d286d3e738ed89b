// The policy severities, most severe first (CrossGuard's `Severity`, without a dependency on the
// policy SDK, so argument parsing stays fast).
export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type SeverityName = (typeof SEVERITIES)[number];
