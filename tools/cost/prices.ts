// The one price table of the cost estimate: every unit price per region, each with the page it
// comes from and how sure it is, and every resource type that costs nothing by itself, with the
// reason. Prices are list prices in USD, on-demand, without free tiers, taxes or discounts.
//
// Status of a price:
// - "verified": an AWS page (stored copy) states this price for this region (or for every region).
// - "secondary": a dated third-party page states it, citing AWS; the AWS page itself was not seen.
// - "unverified": the value as AWS published it to our knowledge, NOT confirmed in any source we
//   could consult when the table was taken. Reports mark every line that uses one.
// Refresh: open each source, update `usd`, `status` and the source's `asOf`, then TAKEN_ON.

import { SourceId } from "./sources";

export { SOURCES } from "./sources";
export type { Source, SourceId } from "./sources";
export { FREE_TYPES } from "./free-types";

/** The day the table was assembled from the sources below. */
export const TAKEN_ON = "2026-11-22";
export const CURRENCY = "USD";
/** Hours in a billing month, as AWS's calculator counts them. */
export const HOURS_PER_MONTH = 730;

export type PriceStatus = "verified" | "secondary" | "unverified";

export interface Price {
  readonly usd: number;
  /** What one unit is, e.g. "per hour", "per GB-month". */
  readonly unit: string;
  readonly source: SourceId;
  readonly status: PriceStatus;
  readonly note?: string;
}

/** Price keys every region entry should define; an absent key is reported where it is needed. */
export type PriceTable = Readonly<Record<string, Price>>;

function p(usd: number, unit: string, source: SourceId, status: PriceStatus, note?: string): Price {
  return note ? { usd, unit, source, status, note } : { usd, unit, source, status };
}

/** Prices that are the same in every commercial region (per their AWS pages). */
const GLOBAL: PriceTable = {
  "ipv4.hour": p(
    0.005,
    "per public IPv4 address-hour",
    "aws-ipv4-blog",
    "secondary",
    "charged since 2024-02-01 for every AWS-provided public IPv4 address, in use or idle; rate from doit.com and cloudburn.io guides",
  ),
  "kms.keyMonth": p(
    1,
    "per customer-managed key-month",
    "aws-kms",
    "verified",
    "each automatic rotation adds $1/month for the first two rotations, then no more (May 2024 change, per the KMS guide); this table counts the first year",
  ),
  "kms.requests10k": p(
    0.03,
    "per 10,000 symmetric requests",
    "kms-guide",
    "secondary",
    "20,000 requests/month free across regions (not deducted here)",
  ),
  "waf.aclMonth": p(
    5,
    "per web ACL-month",
    "waf-guide",
    "secondary",
    "WAF prices are the same in every Region (AWS WAF blog)",
  ),
  "waf.ruleMonth": p(
    1,
    "per rule or rule group-month",
    "waf-guide",
    "secondary",
    "an AWS managed rule group counts as one rule; Bot Control / Fraud Control cost extra",
  ),
  "waf.requestsMillion": p(
    0.6,
    "per million requests inspected",
    "waf-guide",
    "secondary",
    "up to 1,500 WCU per web ACL; above that each 500 WCU adds $0.20 per million",
  ),
  "codepipeline.v2ActionMinute": p(
    0.002,
    "per action execution minute (V2)",
    "aws-codepipeline",
    "verified",
    "100 free action minutes per account per month (not deducted); manual approvals are not charged",
  ),
  "codepipeline.v1PipelineMonth": p(
    1,
    "per active V1 pipeline-month",
    "aws-codepipeline",
    "verified",
  ),
  "codecommit.userMonth": p(
    1,
    "per active user-month beyond 5 free users",
    "aws-codecommit",
    "unverified",
  ),
  "cloudfront.gbEurope": p(
    0.085,
    "per GB to viewers in Europe (first 10 TB)",
    "aws-cloudfront",
    "unverified",
    "CloudFront is priced by edge location, not by the stack's region; 1 TB and 10 M requests a month are free (not deducted)",
  ),
  "cloudfront.https10k": p(
    0.012,
    "per 10,000 HTTPS requests (Europe)",
    "aws-cloudfront",
    "unverified",
  ),
  "secretsmanager.secretMonth": p(0.4, "per secret-month", "aws-secretsmanager", "unverified"),
};

/**
 * Prices the table gives the same value in both regions it covers, written once (all unverified
 * today). No claim for other regions: a region added later checks each of these on its own page.
 */
const EU_WEST_1_AND_US_EAST_1: PriceTable = {
  "cw.metricMonth": p(
    0.3,
    "per custom metric-month (first 10,000)",
    "aws-cloudwatch",
    "unverified",
  ),
  "cw.alarmMonth": p(0.1, "per standard-resolution alarm-month", "aws-cloudwatch", "unverified"),
  "s3.standardGbMonth": p(0.023, "per GB-month, S3 Standard (first 50 TB)", "aws-s3", "unverified"),
  "s3.put1k": p(0.005, "per 1,000 PUT/COPY/POST/LIST requests", "aws-s3", "unverified"),
  "s3.get1k": p(0.0004, "per 1,000 GET requests", "aws-s3", "unverified"),
  "ecr.storageGbMonth": p(0.1, "per GB-month of images", "aws-ecr", "unverified"),
  "redshift.storageGbMonth": p(
    0.024,
    "per GB-month of Redshift managed storage",
    "aws-redshift",
    "unverified",
  ),
  "codebuild.ARM_CONTAINER.BUILD_GENERAL1_SMALL.minute": p(
    0.0034,
    "per build minute",
    "aws-codebuild",
    "unverified",
  ),
  "codebuild.ARM_CONTAINER.BUILD_GENERAL1_LARGE.minute": p(
    0.0136,
    "per build minute",
    "aws-codebuild",
    "unverified",
  ),
  "transfer.internetOutGb": p(
    0.09,
    "per GB out to the internet (first 10 TB; 100 GB/month free, not deducted)",
    "aws-ec2-transfer",
    "unverified",
  ),
};

/** Per-region prices. A region absent here is reported, never priced as zero. */
export const REGION_PRICES: Readonly<
  Record<string, { readonly name: string; readonly prices: PriceTable }>
> = {
  "eu-west-1": {
    name: "Europe (Ireland)",
    prices: {
      ...GLOBAL,
      ...EU_WEST_1_AND_US_EAST_1,
      "alb.hour": p(0.0252, "per ALB-hour", "alb-calculator", "secondary"),
      "alb.lcuHour": p(
        0.008,
        "per LCU-hour",
        "aws-elb",
        "unverified",
        "us-east-1 is $0.008 per several 2026 guides; Ireland believed equal",
      ),
      "vpce.interfaceAzHour": p(
        0.011,
        "per interface endpoint per AZ-hour",
        "aws-privatelink",
        "unverified",
        "us-east-1 is $0.01 (PrivateLink analysis, 2026-05)",
      ),
      "vpce.gb": p(
        0.01,
        "per GB processed (first PB in the Region)",
        "aws-privatelink",
        "verified",
        "tiered: next 4 PB $0.006, above 5 PB $0.004",
      ),
      "nat.hour": p(
        0.048,
        "per NAT gateway-hour",
        "nat-2026",
        "secondary",
        "guide gives Europe (Ireland, Frankfurt, London) as ~$0.048-$0.052",
      ),
      "nat.gb": p(0.048, "per GB processed by a NAT gateway", "nat-2026", "secondary"),
      "fargate.x86.vcpuHour": p(
        0.04048,
        "per vCPU-hour (Linux/x86)",
        "aws-fargate",
        "unverified",
        "us-east-1 rate per the 2026 Fargate guide; Ireland believed equal",
      ),
      "fargate.x86.gbHour": p(0.004445, "per GB-hour (Linux/x86)", "aws-fargate", "unverified"),
      "fargate.arm.vcpuHour": p(0.03238, "per vCPU-hour (Linux/ARM)", "aws-fargate", "unverified"),
      "fargate.arm.gbHour": p(0.00356, "per GB-hour (Linux/ARM)", "aws-fargate", "unverified"),
      "logs.ingestGb": p(
        0.57,
        "per GB ingested (standard class)",
        "aws-cloudwatch",
        "unverified",
        "us-east-1 is $0.50 (logs guide, 2026-06); vended logs (flow, WAF) are at most this rate",
      ),
      "logs.storeGbMonth": p(0.03, "per GB-month archived", "aws-cloudwatch", "unverified"),
      "logs.vendedS3Gb": p(
        0.25,
        "per GB of vended logs delivered to S3 (first 10 TB)",
        "aws-cloudwatch",
        "unverified",
      ),
      "ec2.t4g.nano.hour": p(0.0046, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "ec2.t4g.micro.hour": p(0.0092, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "ec2.t4g.small.hour": p(0.0184, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "ec2.t3.nano.hour": p(0.0057, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "ec2.t3.micro.hour": p(0.0114, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "ec2.t3.small.hour": p(0.0228, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "ec2.t3.medium.hour": p(0.0456, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "ec2.t3.large.hour": p(0.0912, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "ec2.t4g.medium.hour": p(0.0368, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "ec2.t4g.large.hour": p(0.0736, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "aurora.acuHour": p(
        0.13,
        "per Aurora Serverless v2 ACU-hour (Aurora Standard)",
        "aws-rds-aurora",
        "unverified",
        "us-east-1 is $0.12",
      ),
      "aurora.storageGbMonth": p(
        0.11,
        "per GB-month of Aurora storage (Aurora Standard)",
        "aws-rds-aurora",
        "unverified",
      ),
      "aurora.ioMillion": p(
        0.22,
        "per million I/O requests (Aurora Standard)",
        "aws-rds-aurora",
        "unverified",
      ),
      "backup.warmGbMonth": p(
        0.055,
        "per GB-month of AWS Backup warm storage (S3 backups; Aurora snapshots cost less)",
        "aws-backup",
        "unverified",
      ),
      "ebs.gp3GbMonth": p(0.088, "per GB-month (gp3)", "aws-ebs", "unverified"),
      "ebs.gp2GbMonth": p(0.11, "per GB-month (gp2)", "aws-ebs", "unverified"),
      "redshift.rpuHour": p(
        0.375,
        "per RPU-hour (Serverless, billed per second while queries run)",
        "aws-redshift",
        "unverified",
        "the 4-RPU launch blog gives $1.50/hour at 4 RPUs ($0.375/RPU-hour) without naming a Region",
      ),
      "codebuild.LINUX_CONTAINER.BUILD_GENERAL1_SMALL.minute": p(
        0.005,
        "per build minute",
        "codebuild-guide",
        "unverified",
        "us-east-1 rate per the 2026 guide; first 100 minutes/month free (not deducted)",
      ),
      "codebuild.LINUX_CONTAINER.BUILD_GENERAL1_MEDIUM.minute": p(
        0.01,
        "per build minute",
        "codebuild-guide",
        "unverified",
      ),
      "codebuild.LINUX_CONTAINER.BUILD_GENERAL1_LARGE.minute": p(
        0.02,
        "per build minute",
        "codebuild-guide",
        "unverified",
      ),
    },
  },
  "us-east-1": {
    name: "US East (N. Virginia)",
    prices: {
      ...GLOBAL,
      ...EU_WEST_1_AND_US_EAST_1,
      "alb.hour": p(0.0225, "per ALB-hour", "alb-calculator", "secondary"),
      "alb.lcuHour": p(
        0.008,
        "per LCU-hour",
        "aws-elb",
        "secondary",
        "per the 2026 ELB guides (cloudforecast, darcy-it)",
      ),
      "vpce.interfaceAzHour": p(
        0.01,
        "per interface endpoint per AZ-hour",
        "privatelink-analysis",
        "secondary",
      ),
      "vpce.gb": p(
        0.01,
        "per GB processed (first PB in the Region)",
        "aws-privatelink",
        "verified",
      ),
      "nat.hour": p(0.045, "per NAT gateway-hour", "nat-calculator", "secondary"),
      "nat.gb": p(0.045, "per GB processed by a NAT gateway", "nat-calculator", "secondary"),
      "fargate.x86.vcpuHour": p(0.04048, "per vCPU-hour (Linux/x86)", "fargate-guide", "secondary"),
      "fargate.x86.gbHour": p(0.004445, "per GB-hour (Linux/x86)", "fargate-guide", "secondary"),
      "fargate.arm.vcpuHour": p(0.03238, "per vCPU-hour (Linux/ARM)", "fargate-guide", "secondary"),
      "fargate.arm.gbHour": p(0.00356, "per GB-hour (Linux/ARM)", "fargate-guide", "secondary"),
      "logs.ingestGb": p(0.5, "per GB ingested (standard class)", "logs-guide", "secondary"),
      "logs.storeGbMonth": p(0.03, "per GB-month archived", "logs-guide", "secondary"),
      "logs.vendedS3Gb": p(
        0.25,
        "per GB of vended logs delivered to S3 (first 10 TB)",
        "logs-guide",
        "secondary",
      ),
      "ec2.t4g.nano.hour": p(0.0042, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "ec2.t4g.micro.hour": p(0.0084, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "ec2.t4g.small.hour": p(0.0168, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "ec2.t3.nano.hour": p(0.0052, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "ec2.t3.micro.hour": p(0.0104, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "ec2.t3.small.hour": p(0.0208, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "ec2.t3.medium.hour": p(0.0416, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "ec2.t3.large.hour": p(0.0832, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "ec2.t4g.medium.hour": p(0.0336, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "ec2.t4g.large.hour": p(0.0672, "per instance-hour (Linux)", "aws-ec2", "unverified"),
      "aurora.acuHour": p(
        0.12,
        "per Aurora Serverless v2 ACU-hour (Aurora Standard)",
        "aws-rds-aurora",
        "unverified",
      ),
      "aurora.storageGbMonth": p(
        0.1,
        "per GB-month of Aurora storage (Aurora Standard)",
        "aws-rds-aurora",
        "unverified",
      ),
      "aurora.ioMillion": p(
        0.2,
        "per million I/O requests (Aurora Standard)",
        "aws-rds-aurora",
        "unverified",
      ),
      "backup.warmGbMonth": p(
        0.05,
        "per GB-month of AWS Backup warm storage (S3 backups; Aurora snapshots cost less)",
        "aws-backup",
        "unverified",
      ),
      "ebs.gp3GbMonth": p(0.08, "per GB-month (gp3)", "aws-ebs", "unverified"),
      "ebs.gp2GbMonth": p(0.1, "per GB-month (gp2)", "aws-ebs", "unverified"),
      "redshift.rpuHour": p(
        0.375,
        "per RPU-hour (Serverless, billed per second while queries run)",
        "redshift-4rpu-blog",
        "secondary",
        "$1.50/hour at 4 RPUs",
      ),
      "codebuild.LINUX_CONTAINER.BUILD_GENERAL1_SMALL.minute": p(
        0.005,
        "per build minute",
        "codebuild-guide",
        "secondary",
        "first 100 minutes/month free (not deducted)",
      ),
      "codebuild.LINUX_CONTAINER.BUILD_GENERAL1_MEDIUM.minute": p(
        0.01,
        "per build minute",
        "codebuild-guide",
        "secondary",
      ),
      "codebuild.LINUX_CONTAINER.BUILD_GENERAL1_LARGE.minute": p(
        0.02,
        "per build minute",
        "codebuild-guide",
        "secondary",
      ),
    },
  },
};
