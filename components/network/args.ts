// The Network's arguments and their validation (every problem at once, before anything registers).
import * as pulumi from "@pulumi/pulumi";
import { Cidr, contains, overlaps, parseCidr } from "../cidr";
import { invalidArguments } from "../context";
import type { NetworkSettings } from "../network.keys";
import { LOG_RETENTION_DAYS } from "../stack.keys";
import type { AclArgs } from "./acl";
import { TIERS } from "./plan";

/** Interface endpoints an ECS Fargate service in subnets without internet access needs. */
export const FARGATE_BASELINE_ENDPOINTS: readonly string[] = ["ecr.api", "ecr.dkr", "logs"];

/**
 * Private networking for one environment. The VPC range, the subnets per tier and the endpoint
 * placement are the network section's settings (components/network.keys.ts): public and compute
 * one subnet per AZ, data at least as many (Redshift Serverless needs 3 subnets, in 3 AZs except in
 * us-west-1: `dataTierZoneCount`); re-checked here with a clear error.
 */
export interface NetworkArgs
  extends
    Pick<NetworkSettings, "cidrBlock" | "subnetCidrs">,
    Partial<Pick<NetworkSettings, "endpointPlacement">>,
    AclArgs {
  /** Interface endpoint services (short names as in com.amazonaws.<region>.<name>). Defaults to the Fargate baseline ["ecr.api", "ecr.dkr", "logs"]; other layers pass extra ones (e.g. "secretsmanager", "ssm", "ssmmessages", "ec2messages", "sts"). Duplicates are ignored. */
  readonly interfaceEndpoints?: readonly string[];
  /** Retention of the flow-log group in days (a CloudWatch-allowed value). Defaults to 365. */
  readonly flowLogRetentionDays?: number;
  /** Protect data-bearing resources (the flow-log key and group). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
  /** Rules per NACL direction the account allows (AWS default quota 20, adjustable to 40). Defaults to 20. */
  readonly naclRuleQuota?: number;
  /**
   * Buckets outside the account whose objects workloads may read (s3:GetObject on `<arn>/*`)
   * through the S3 gateway endpoint, e.g. the Amazon Linux 2023 repositories
   * `arn:aws:s3:::al2023-repos-<region>-de612dc2`. Defaults to none.
   */
  readonly s3EndpointExtraBucketArns?: readonly pulumi.Input<string>[];
  /** S3 actions allowed on the account's own buckets through the gateway endpoint. Defaults to S3_OWN_BUCKET_ACTIONS. */
  readonly s3EndpointOwnBucketActions?: readonly string[];
  /** Extra CIDRs (besides the compute and data subnets) allowed to reach the interface endpoints on 443. Defaults to none. */
  readonly additionalEndpointClientCidrs?: readonly string[];
  /** Endpoint policy documents (JSON) replacing the built-in ones, by service short name. */
  readonly interfaceEndpointPolicies?: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * Name of the flow-log group; unique per account and region. Defaults to
   * `/<project>/<name>/vpc-flow-logs` (give the component a stack-specific name).
   */
  readonly flowLogGroupName?: string;
  /** Extra tags on the public route table, e.g. a written waiver when a layer opts into a public host. Defaults to none. */
  readonly publicRouteTableTags?: Readonly<Record<string, string>>;
  /**
   * AZs the data subnets go in, round-robin: data subnet i in AZ i modulo this count. From the
   * public and compute tiers' count up to one per data subnet, the default. Fewer than the data
   * subnets only where a service takes subnets that share zones (Redshift Serverless in us-west-1:
   * `dataTierZoneCount` of components/analytics.keys.ts).
   */
  readonly dataTierZoneCount?: number;
}

const SERVICE_NAME = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)*$/;

function parseOrReport(text: string, where: string, problems: string[]): Cidr | undefined {
  const c = parseCidr(text);
  if (typeof c === "string") {
    problems.push(`${where}: ${c}`);
    return undefined;
  }
  return c;
}

function checkPort(p: number, where: string, problems: string[]): void {
  if (!Number.isInteger(p) || p < 1 || p > 65535) {
    problems.push(`${where}: ${p} is not a TCP port (an integer from 1 to 65535)`);
  }
}

/** What validation finds out: the VPC range, the AZs the subnets span, the endpoint services. */
export interface Checked {
  readonly vpc: Cidr;
  /** AZs the subnets span (the data tier may span more than the public and compute tiers). */
  readonly azCount: number;
  /** AZs the data subnets span, round-robin (`dataTierZoneCount`). */
  readonly dataZones: number;
  readonly endpoints: string[];
}

/** Validates the arguments the type system cannot; throws one error listing every problem. */
export function validateArgs(name: string, args: NetworkArgs): Checked {
  const problems: string[] = [];
  const vpc = parseOrReport(args.cidrBlock, `cidrBlock "${args.cidrBlock}"`, problems);
  if (vpc && (vpc.prefix < 16 || vpc.prefix > 28)) {
    problems.push(`cidrBlock: "${args.cidrBlock}" must be between /16 and /28 (the VPC limits)`);
  }

  const lengths = TIERS.map((t) => args.subnetCidrs[t].length);
  const azCount = lengths[0];
  // The data tier may span more AZs than the others: Redshift Serverless with enhanced VPC
  // routing needs subnets in 3 AZs, in us-west-1 3 subnets in 2 AZs (Redshift docs,
  // "Considerations when using Amazon Redshift Serverless") while the paid parts (endpoints,
  // tasks) follow the stack's AZ count.
  const dataZones = args.dataTierZoneCount ?? lengths[2];
  const zoneCount = Math.max(azCount, dataZones);
  if (lengths[1] !== azCount || lengths[2] < azCount || azCount === 0) {
    problems.push(
      `subnetCidrs: public and compute need one CIDR per availability zone, the same count in each, and data at least as many; got ` +
        TIERS.map((t, i) => `${t}: ${lengths[i]}`).join(", "),
    );
  }
  if (
    args.dataTierZoneCount !== undefined &&
    (!Number.isInteger(dataZones) || dataZones < azCount || dataZones > lengths[2])
  ) {
    problems.push(
      `dataTierZoneCount: ${dataZones} must be a whole number from the public and compute tiers' ${azCount} AZs to the ${lengths[2]} data subnets`,
    );
  }
  const all: { where: string; text: string; cidr: Cidr }[] = [];
  for (const tier of TIERS) {
    args.subnetCidrs[tier].forEach((text, i) => {
      const where = `subnetCidrs.${tier}[${i}]`;
      const c = parseOrReport(text, `${where} "${text}"`, problems);
      if (!c) return;
      if (c.prefix > 28)
        problems.push(`${where}: "${text}" is smaller than /28, the smallest subnet`);
      if (vpc && !contains(vpc, c))
        problems.push(`${where}: "${text}" is outside cidrBlock ${args.cidrBlock}`);
      for (const other of all) {
        if (overlaps(other.cidr, c))
          problems.push(`${where}: "${text}" overlaps ${other.where} "${other.text}"`);
      }
      all.push({ where, text, cidr: c });
    });
  }

  const endpoints = [...new Set(args.interfaceEndpoints ?? FARGATE_BASELINE_ENDPOINTS)];
  for (const e of endpoints) {
    if (!SERVICE_NAME.test(e)) {
      problems.push(`interfaceEndpoints: "${e}" is not a service short name like "ecr.api"`);
    } else if (e === "s3" || e === "dynamodb") {
      problems.push(
        `interfaceEndpoints: "${e}" is served by a gateway endpoint (S3's is built in)`,
      );
    }
  }
  for (const key of Object.keys(args.interfaceEndpointPolicies ?? {})) {
    if (!endpoints.includes(key)) {
      problems.push(`interfaceEndpointPolicies: "${key}" is not one of the interface endpoints`);
    }
  }
  const placement = args.endpointPlacement ?? "all-azs";
  if (placement !== "all-azs" && placement !== "single-az") {
    problems.push(`endpointPlacement: "${String(placement)}" must be "all-azs" or "single-az"`);
  }
  const retention = args.flowLogRetentionDays ?? 365;
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(retention)) {
    problems.push(
      `flowLogRetentionDays: ${retention} is not a CloudWatch Logs retention (${LOG_RETENTION_DAYS.join(", ")})`,
    );
  }
  (args.computeIngressPorts ?? []).forEach((p, i) =>
    checkPort(p, `computeIngressPorts[${i}]`, problems),
  );
  (args.dataIngressPorts ?? []).forEach((p, i) => checkPort(p, `dataIngressPorts[${i}]`, problems));
  for (const key of ["additionalNaclIngress", "additionalNaclEgress"] as const) {
    (args[key] ?? []).forEach((r, i) => {
      checkPort(r.port, `${key}[${i}].port`, problems);
      const c = parseOrReport(r.cidrBlock, `${key}[${i}].cidrBlock "${r.cidrBlock}"`, problems);
      if (c && c.prefix === 0) problems.push(`${key}[${i}]: 0.0.0.0/0 is not allowed`);
    });
  }
  (args.additionalEndpointClientCidrs ?? []).forEach((text, i) => {
    const c = parseOrReport(text, `additionalEndpointClientCidrs[${i}] "${text}"`, problems);
    if (c && vpc && !contains(vpc, c)) {
      problems.push(
        `additionalEndpointClientCidrs[${i}]: "${text}" is outside cidrBlock ${args.cidrBlock}`,
      );
    }
  });
  (args.s3EndpointExtraBucketArns ?? []).forEach((arn, i) => {
    if (typeof arn === "string" && !/^arn:aws[a-z-]*:s3:::[^/]+$/.test(arn)) {
      problems.push(
        `s3EndpointExtraBucketArns[${i}]: "${arn}" is not a bucket ARN (arn:aws:s3:::name)`,
      );
    }
  });
  for (const a of args.s3EndpointOwnBucketActions ?? []) {
    if (!/^s3:[A-Za-z]+$/.test(a))
      problems.push(`s3EndpointOwnBucketActions: "${a}" is not one S3 action`);
  }
  if (args.flowLogGroupName !== undefined && !/^[\w\-./#]{1,512}$/.test(args.flowLogGroupName)) {
    problems.push(`flowLogGroupName: "${args.flowLogGroupName}" is not a valid log group name`);
  }
  invalidArguments("Network", name, problems);
  return { vpc: vpc!, azCount: zoneCount, dataZones, endpoints };
}
