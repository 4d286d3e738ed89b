// The controls a policy mirrors, one constructor per source, so a policy lists them in a line:
// `references: [checkov("CKV_AWS_20"), trivy("AWS-0092"), fsbp("S3.2")]`.
import type { ControlReference } from "./define";

const control =
  (source: ControlReference["source"]) =>
  (id: string): ControlReference => ({ source, id });

/** Pulumi's AWSGuard pack. */
export const awsGuard = control("AWSGuard");
/** Pulumi's compliance-policies. */
export const compliancePolicies = control("compliance-policies");
/** cdk-nag's rule packs (AwsSolutions-*, and the NIST/HIPAA/PCI rules by name). */
export const cdkNag = control("cdk-nag");
export const checkov = control("Checkov");
export const kics = control("KICS");
export const trivy = control("Trivy");
/** AWS Security Hub, Foundational Security Best Practices. */
export const fsbp = control("Security Hub FSBP");
/** An AWS documentation page or statement, where no scanner has the rule. */
export const awsDocs = control("AWS docs");
