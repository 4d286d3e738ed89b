// Private networking for one environment: a VPC with public, compute and data subnets per AZ, no
// path to the internet from the private tiers (no NAT gateway, no default route), VPC endpoints
// so private workloads still reach S3, ECR and CloudWatch Logs, stateless network ACLs that keep
// return traffic working, and flow logs to a KMS-encrypted log group.
//
// Every security-relevant resource is an explicit `@pulumi/aws` resource (no awsx.ec2.Vpc: awsx v3
// components are remote, so their routes and rules would be invisible to tests and policies).
// Design notes and the reasoning behind the NACL rules: docs/decisions/network.md.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Cidr, contains, overlaps, parseCidr } from "./cidr";
import { LOG_RETENTION_DAYS, Tier, TIERS } from "./config";
import { keyAliasName, TagsOf } from "./context";
import { cloudWatchLogsGrant, EncryptionKey } from "./kms-key";

/** Interface endpoints an ECS Fargate service in subnets without internet access needs. */
export const FARGATE_BASELINE_ENDPOINTS: readonly string[] = ["ecr.api", "ecr.dkr", "logs"];

/**
 * Actions the S3 gateway endpoint allows on the account's own buckets: object reads and writes,
 * multipart uploads, listing. Administrative calls (bucket policies, encryption settings) come from
 * the deployer outside the VPC and are not needed from inside it.
 */
export const S3_OWN_BUCKET_ACTIONS: readonly string[] = [
  "s3:GetObject",
  "s3:GetObjectVersion",
  "s3:PutObject",
  "s3:DeleteObject",
  "s3:AbortMultipartUpload",
  "s3:ListMultipartUploadParts",
  "s3:ListBucket",
  "s3:ListBucketMultipartUploads",
  "s3:GetBucketLocation",
];

/** One extra inbound NACL rule another layer needs on a private tier (TCP). */
export interface NaclIngress {
  readonly tier: "compute" | "data";
  /** TCP port opened on the tier. */
  readonly port: number;
  /** Source range. Outside the VPC, the matching outbound return rule is added too. */
  readonly cidrBlock: string;
}

/** Private networking for one environment. */
export interface NetworkArgs {
  /** IPv4 range of the VPC, e.g. "10.20.0.0/16". */
  readonly cidrBlock: string;
  /** Subnet CIDRs per tier, one per availability zone, in AZ order; public and compute have the AZ count as length, data at least as many (Redshift Serverless needs 3 AZs) (validated by config, re-checked here with a clear error). */
  readonly subnetCidrs: {
    readonly public: readonly string[];
    readonly compute: readonly string[];
    readonly data: readonly string[];
  };
  /** Interface endpoint services (short names as in com.amazonaws.<region>.<name>). Defaults to the Fargate baseline ["ecr.api", "ecr.dkr", "logs"]; other layers pass extra ones (e.g. "secretsmanager", "ssm", "ssmmessages", "ec2messages", "sts"). Duplicates are ignored. */
  readonly interfaceEndpoints?: readonly string[];
  /** Where interface endpoints get network interfaces: "all-azs" (default) or "single-az" (cheaper, for staging; one AZ failure cuts private AWS access). */
  readonly endpointPlacement?: "all-azs" | "single-az";
  /** Retention of the flow-log group in days (a CloudWatch-allowed value). Defaults to 365. */
  readonly flowLogRetentionDays?: number;
  /** Protect data-bearing resources (the flow-log key and group). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
  /** TCP ports the load balancer (public subnets) opens on the compute tier. Defaults to [8080]. */
  readonly computeIngressPorts?: readonly number[];
  /** TCP ports of data-tier services the compute tier opens (Redshift: 5439). Defaults to [5439]. */
  readonly dataIngressPorts?: readonly number[];
  /** Also open the data ports to the public tier (the opt-in bastion mode). Defaults to false. */
  readonly dataIngressFromPublic?: boolean;
  /** Extra inbound NACL rules for the private tiers (e.g. SSH from a connect endpoint). Defaults to none. */
  readonly additionalNaclIngress?: readonly NaclIngress[];
  /** Extra outbound NACL rules for the private tiers (TCP `port` to `cidrBlock`, e.g. a peered VPC's server); replies come back on the ephemeral range the tiers already admit. Defaults to none. */
  readonly additionalNaclEgress?: readonly NaclIngress[];
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
}

/** An inbound or outbound NACL rule, before it becomes a resource. */
interface AclRule {
  readonly egress: boolean;
  readonly action: "allow" | "deny";
  readonly protocol: "tcp" | "icmp";
  readonly cidrBlock: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly icmpType?: number;
  readonly icmpCode?: number;
  /** What the rule is for (kept for readers and tests; names use the rule number). */
  readonly label: string;
  /** Evaluation order; lower first. */
  readonly ruleNumber: number;
}

const ANYWHERE = "0.0.0.0/0";
/**
 * Ephemeral (client) ports. VPC docs, "Network ACLs" > "Ephemeral ports": Linux kernels use
 * 32768-61000, Elastic Load Balancing and Lambda 1024-65535, Windows 49152-65535; "to cover the
 * different types of clients ... you can open ephemeral ports 1024-65535. However, you can also
 * add rules to the ACL to deny traffic on any malicious ports within that range ... place the deny
 * rules earlier in the table".
 */
const EPHEMERAL = { from: 1024, to: 65535 };
const RDP_PORT = 3389;
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

interface Checked {
  readonly vpc: Cidr;
  /** AZs the subnets span (the data tier may span more than the public and compute tiers). */
  readonly azCount: number;
  readonly endpoints: string[];
}

/** Validates the arguments the type system cannot; throws one error listing every problem. */
function validate(name: string, args: NetworkArgs): Checked {
  const problems: string[] = [];
  const vpc = parseOrReport(args.cidrBlock, `cidrBlock "${args.cidrBlock}"`, problems);
  if (vpc && (vpc.prefix < 16 || vpc.prefix > 28)) {
    problems.push(`cidrBlock: "${args.cidrBlock}" must be between /16 and /28 (the VPC limits)`);
  }

  const lengths = TIERS.map((t) => args.subnetCidrs[t].length);
  const azCount = lengths[0];
  // The data tier may span more AZs than the others: Redshift Serverless with enhanced VPC
  // routing needs subnets in 3 AZs (Redshift docs, "Considerations when using Amazon Redshift
  // Serverless") while the paid parts (endpoints, tasks) follow the stack's AZ count.
  const zoneCount = Math.max(...lengths);
  if (lengths[1] !== azCount || lengths[2] < azCount || azCount === 0) {
    problems.push(
      `subnetCidrs: public and compute need one CIDR per availability zone, the same count in each, and data at least as many; got ` +
        TIERS.map((t, i) => `${t}: ${lengths[i]}`).join(", "),
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
  (args.additionalNaclIngress ?? []).forEach((r, i) => {
    checkPort(r.port, `additionalNaclIngress[${i}].port`, problems);
    const c = parseOrReport(
      r.cidrBlock,
      `additionalNaclIngress[${i}].cidrBlock "${r.cidrBlock}"`,
      problems,
    );
    if (c && c.prefix === 0) problems.push(`additionalNaclIngress[${i}]: 0.0.0.0/0 is not allowed`);
  });
  (args.additionalNaclEgress ?? []).forEach((r, i) => {
    checkPort(r.port, `additionalNaclEgress[${i}].port`, problems);
    const c = parseOrReport(
      r.cidrBlock,
      `additionalNaclEgress[${i}].cidrBlock "${r.cidrBlock}"`,
      problems,
    );
    if (c && c.prefix === 0) problems.push(`additionalNaclEgress[${i}]: 0.0.0.0/0 is not allowed`);
  });
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
  if (problems.length > 0 || !vpc) {
    throw new Error(`Network ${name}: invalid arguments:\n  - ${problems.join("\n  - ")}`);
  }
  return { vpc, azCount: zoneCount, endpoints };
}

/** NACL rules of one private tier, numbered in evaluation order. */
interface TierAcl {
  readonly inbound: AclRule[];
  readonly outbound: AclRule[];
}

type Unnumbered = Omit<AclRule, "ruleNumber">;

function tcp(
  egress: boolean,
  cidrBlock: string,
  from: number,
  to: number,
  label: string,
): Unnumbered {
  return { egress, action: "allow", protocol: "tcp", cidrBlock, fromPort: from, toPort: to, label };
}

/** Numbers rules in steps of 10 from `start`, so each band can grow without renumbering others. */
function band(start: number, rules: Unnumbered[]): AclRule[] {
  return rules.map((r, i) => ({ ...r, ruleNumber: start + i * 10 }));
}

/**
 * The private tiers' NACL rules. NACLs are stateless: every allowed request needs its reply
 * allowed in the other direction. Reasoning in docs/decisions/network.md; in short:
 * - Inbound service ports only from the tier that calls them (ALB in public subnets -> compute
 *   app ports; compute -> data ports), and 443 from the VPC to the interface endpoints (whose
 *   security group narrows it to the compute and data subnets).
 * - Replies to the tier's own requests come back to its ephemeral ports. S3 answers through the
 *   gateway endpoint from S3's public addresses (the `com.amazonaws.<region>.s3` prefix list), and
 *   a NACL rule takes only a CIDR, never a prefix list (EC2 API CreateNetworkAclEntry: CidrBlock or
 *   Ipv6CidrBlock), so the reply rule must be 0.0.0.0/0 on 1024-65535. It is safe because nothing
 *   outside the VPC can route to these subnets (no internet or NAT route, no public addresses),
 *   and deny rules placed before it close the tier's service ports and RDP to everything the
 *   allow rules did not name.
 * - Outbound 443 to 0.0.0.0/0 (S3's public ranges and the endpoints), the service ports of the
 *   next tier, and replies to VPC clients on their ephemeral ports (ELB uses 1024-65535).
 * - ICMP "fragmentation needed" (type 3, code 4) both ways, for path MTU discovery (VPC docs,
 *   "Network ACLs" > "Path MTU Discovery").
 * DNS to the Route 53 Resolver and the instance metadata service are never filtered by NACLs
 * (VPC docs, "Network ACL basics").
 */
function tierAcl(
  tier: "compute" | "data",
  vpcCidr: string,
  cidrs: NetworkArgs["subnetCidrs"],
  args: NetworkArgs,
  vpc: Cidr,
): TierAcl {
  const appPorts = [...new Set(args.computeIngressPorts ?? [8080])];
  const dataPorts = [...new Set(args.dataIngressPorts ?? [5439])];
  const extra = (args.additionalNaclIngress ?? []).filter((r) => r.tier === tier);

  const allows: Unnumbered[] = [];
  const served: number[] = [];
  if (tier === "compute") {
    for (const p of appPorts) {
      cidrs.public.forEach((c, i) => allows.push(tcp(false, c, p, p, `app${p}-public${i}`)));
      served.push(p);
    }
    // Interface endpoints live in the compute subnets.
    allows.push(tcp(false, vpcCidr, 443, 443, "https-vpc"));
    served.push(443);
  } else {
    const sources = [
      ...cidrs.compute.map((c, i) => ({ c, label: `compute${i}` })),
      ...(args.dataIngressFromPublic
        ? cidrs.public.map((c, i) => ({ c, label: `public${i}` }))
        : []),
    ];
    for (const p of dataPorts) {
      for (const s of sources) allows.push(tcp(false, s.c, p, p, `data${p}-${s.label}`));
      served.push(p);
    }
  }
  extra.forEach((r, i) => {
    allows.push(tcp(false, r.cidrBlock, r.port, r.port, `extra${i}-${r.port}`));
    served.push(r.port);
  });

  const denied = [...new Set([...served, RDP_PORT])]
    .filter((p) => p >= EPHEMERAL.from && p <= EPHEMERAL.to)
    .sort((a, b) => a - b);
  const denies: Unnumbered[] = denied.map((p) => ({
    ...tcp(false, ANYWHERE, p, p, `deny${p}`),
    action: "deny" as const,
  }));
  const icmp = (egress: boolean): Unnumbered => ({
    egress,
    action: "allow",
    protocol: "icmp",
    cidrBlock: ANYWHERE,
    icmpType: 3,
    icmpCode: 4,
    label: "pmtud",
  });
  // Bands: allows 100-490, denies 500-890, replies 900, path MTU 990 (at most 20 rules fit).
  const inbound = [
    ...band(100, allows),
    ...band(500, denies),
    ...band(900, [tcp(false, ANYWHERE, EPHEMERAL.from, EPHEMERAL.to, "replies")]),
    ...band(990, [icmp(false)]),
  ];

  const nextTier: Unnumbered[] = [];
  if (tier === "compute") {
    for (const p of dataPorts) {
      cidrs.data.forEach((c, i) => nextTier.push(tcp(true, c, p, p, `data${p}-data${i}`)));
    }
  }
  // After the data ports, so turning them on does not renumber (replace) the existing rules.
  (args.additionalNaclEgress ?? [])
    .filter((r) => r.tier === tier)
    .forEach((r, i) =>
      nextTier.push(tcp(true, r.cidrBlock, r.port, r.port, `extra-out${i}-${r.port}`)),
    );
  const outside = [...new Set(extra.map((r) => r.cidrBlock))].filter((c) => {
    const parsed = parseCidr(c);
    return typeof parsed !== "string" && !contains(vpc, parsed);
  });
  // Bands: https 100, next tier 200-490, replies 500-890, path MTU 990.
  const outbound = [
    ...band(100, [tcp(true, ANYWHERE, 443, 443, "https")]),
    ...band(200, nextTier),
    ...band(500, [
      tcp(true, vpcCidr, EPHEMERAL.from, EPHEMERAL.to, "replies-vpc"),
      ...outside.map((c, i) => tcp(true, c, EPHEMERAL.from, EPHEMERAL.to, `replies-extra${i}`)),
    ]),
    ...band(990, [icmp(true)]),
  ];
  return { inbound, outbound };
}

/**
 * The i-th AZ name, or a clear error when the region offers fewer AZs than the subnet lists
 * need (the engine reports it as the program's failure).
 */
export function azNameAt(
  network: string,
  names: readonly string[],
  i: number,
  azCount: number,
): string {
  if (names.length < azCount) {
    throw new Error(
      `Network ${network}: subnetCidrs has ${azCount} subnets per tier but the region offers ` +
        `${names.length} availability zones (${names.join(", ")})`,
    );
  }
  return names[i];
}

/** What `vpcFlowLogs` needs. */
export interface VpcFlowLogsArgs {
  readonly vpcId: pulumi.Input<string>;
  /** Name of the log group to create. */
  readonly groupName: pulumi.Input<string>;
  /** The group's ARN built from its name (not the group's output), so the key can grant on it first. */
  readonly groupArn: pulumi.Input<string>;
  /** Key that encrypts the group (it must grant CloudWatch Logs on `groupArn`). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Retention of the group in days (a CloudWatch-allowed value). */
  readonly retentionInDays: number;
  /** Protect and retain the group (prod). */
  readonly protect: boolean;
  readonly accountId: pulumi.Input<string>;
  readonly partition: pulumi.Input<string>;
  readonly region: pulumi.Input<string>;
  /** The caller's tags builder (Name `<name>-<role>`). */
  readonly tags: TagsOf;
}

/**
 * VPC flow logs of ALL traffic to a KMS-encrypted log group with retention: the group, the role
 * VPC Flow Logs assumes, its write policy and the flow log, as children of `parent` named
 * `${name}-flow-logs`, `-flow-logs-role`, `-flow-logs-policy`, `-flow-log`.
 */
export function vpcFlowLogs(
  parent: pulumi.Resource,
  name: string,
  args: VpcFlowLogsArgs,
): { logGroup: aws.cloudwatch.LogGroup; role: aws.iam.Role; flowLog: aws.ec2.FlowLog } {
  const opts = { parent };
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-flow-logs`,
    {
      name: args.groupName,
      retentionInDays: args.retentionInDays,
      kmsKeyId: args.kmsKeyArn,
      tags: args.tags("flow-logs"),
    },
    args.protect ? { parent, protect: true, retainOnDelete: true } : { parent },
  );
  // VPC docs, "IAM role for publishing flow logs to CloudWatch Logs": trust
  // vpc-flow-logs.amazonaws.com, with aws:SourceAccount and aws:SourceArn (the flow log's ARN,
  // `arn:aws:ec2:<region>:<account>:vpc-flow-log/<id>`; the id is unknown before creation, so a
  // wildcard) against the confused deputy problem.
  const role = new aws.iam.Role(
    `${name}-flow-logs-role`,
    {
      description: `Lets VPC Flow Logs write ${name}'s flow logs to their log group`,
      assumeRolePolicy: aws.iam.getPolicyDocumentOutput(
        {
          statements: [
            {
              sid: "TrustVpcFlowLogs",
              effect: "Allow",
              principals: [{ type: "Service", identifiers: ["vpc-flow-logs.amazonaws.com"] }],
              actions: ["sts:AssumeRole"],
              conditions: [
                { test: "StringEquals", variable: "aws:SourceAccount", values: [args.accountId] },
                {
                  test: "ArnLike",
                  variable: "aws:SourceArn",
                  values: [
                    pulumi.interpolate`arn:${args.partition}:ec2:${args.region}:${args.accountId}:vpc-flow-log/*`,
                  ],
                },
              ],
            },
          ],
        },
        opts,
      ).json,
      tags: args.tags("flow-logs-role"),
    },
    opts,
  );
  // Same doc: the role needs CreateLogStream, PutLogEvents, DescribeLogStreams (and
  // DescribeLogGroups) — here on this one group and its streams only. CreateLogGroup is left
  // out: the group exists.
  const rolePolicy = new aws.iam.RolePolicy(
    `${name}-flow-logs-policy`,
    {
      role: role.id,
      policy: aws.iam.getPolicyDocumentOutput(
        {
          statements: [
            {
              sid: "WriteFlowLogGroup",
              effect: "Allow",
              actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
              // The ARN built from the name, so the document is known at preview already.
              resources: [args.groupArn, pulumi.interpolate`${args.groupArn}:*`],
            },
            {
              // Resource "*": logs:DescribeLogGroups supports no resource-level permission
              // (Service Authorization Reference, CloudWatch Logs actions table).
              sid: "DescribeLogGroups",
              effect: "Allow",
              actions: ["logs:DescribeLogGroups"],
              resources: ["*"],
            },
          ],
        },
        opts,
      ).json,
    },
    opts,
  );
  const flowLog = new aws.ec2.FlowLog(
    `${name}-flow-log`,
    {
      vpcId: args.vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      tags: args.tags("flow-log"),
    },
    { parent, dependsOn: [rolePolicy] },
  );
  return { logGroup, role, flowLog };
}

/**
 * The VPC `${name}-vpc` (DNS support and hostnames on: required for interface endpoints' private
 * DNS names, PrivateLink docs, "Private DNS": enableDnsSupport and enableDnsHostnames must be true)
 * and its default security group `${name}-default-sg` adopted with no rules at all (the provider
 * removes every rule it finds): that group allows all traffic between its members, so nothing may
 * use it by accident.
 */
export function vpcWithEmptyDefaultSecurityGroup(
  parent: pulumi.Resource,
  name: string,
  cidrBlock: string,
  tags: TagsOf,
): aws.ec2.Vpc {
  const vpc = new aws.ec2.Vpc(
    `${name}-vpc`,
    {
      cidrBlock,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      instanceTenancy: "default",
      tags: tags("vpc"),
    },
    { parent },
  );
  new aws.ec2.DefaultSecurityGroup(
    `${name}-default-sg`,
    { vpcId: vpc.id, tags: tags("default-sg") },
    { parent },
  );
  return vpc;
}

/**
 * The VPC's main route table serves every subnet without an explicit association. This points it
 * at an empty table (local route only), so a subnet added later, outside the component, starts
 * isolated instead of inheriting anyone's routes.
 */
export function isolatedMainRouteTable(
  parent: pulumi.Resource,
  name: string,
  vpcId: pulumi.Input<string>,
  tags: TagsOf,
): aws.ec2.RouteTable {
  const mainRt = new aws.ec2.RouteTable(
    `${name}-main-rt`,
    { vpcId, tags: tags("main-rt", { purpose: "isolated-fallback" }) },
    { parent },
  );
  new aws.ec2.MainRouteTableAssociation(
    `${name}-main-rt-association`,
    { vpcId, routeTableId: mainRt.id },
    { parent },
  );
  return mainRt;
}

/** The public route table (tier "public") with its one 0.0.0.0/0 route, to the internet gateway. */
export function publicRouteTable(
  parent: pulumi.Resource,
  name: string,
  args: {
    readonly vpcId: pulumi.Input<string>;
    readonly internetGatewayId: pulumi.Input<string>;
    readonly tags: TagsOf;
    /** Extra tags of the table (e.g. waivers). Defaults to none. */
    readonly extraTags?: Record<string, string>;
  },
): aws.ec2.RouteTable {
  const rt = new aws.ec2.RouteTable(
    `${name}-public-rt`,
    {
      vpcId: args.vpcId,
      tags: args.tags("public-rt", { ...(args.extraTags ?? {}), tier: "public" }),
    },
    { parent },
  );
  new aws.ec2.Route(
    `${name}-public-default-route`,
    { routeTableId: rt.id, destinationCidrBlock: ANYWHERE, gatewayId: args.internetGatewayId },
    { parent },
  );
  return rt;
}

export class Network extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  public readonly vpcCidr: pulumi.Output<string>;
  public readonly azNames: pulumi.Output<string>[];
  public readonly publicSubnetIds: pulumi.Output<string>[];
  public readonly computeSubnetIds: pulumi.Output<string>[];
  public readonly dataSubnetIds: pulumi.Output<string>[];
  public readonly publicRouteTableId: pulumi.Output<string>;
  public readonly computeRouteTableIds: pulumi.Output<string>[];
  public readonly dataRouteTableIds: pulumi.Output<string>[];
  public readonly endpointSecurityGroupId: pulumi.Output<string>;
  public readonly s3PrefixListId: pulumi.Output<string>;
  public readonly flowLogGroupName: pulumi.Output<string>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validated before anything registers: invalid arguments create no resource at all.
    const { vpc: vpcRange, azCount, endpoints } = validate(name, args);
    super("platform:network:Network", name, {}, opts);
    const protect = args.protect ?? false;
    const placement = args.endpointPlacement ?? "all-azs";
    const parent = { parent: this };
    const tags = (role: string, extra: Record<string, string> = {}) => ({
      ...args.tags,
      ...extra,
      Name: `${name}-${role}`,
    });

    const region = aws.getRegionOutput({}, parent).region;
    const partition = aws.getPartitionOutput({}, parent).partition;
    const accountId = aws.getCallerIdentityOutput({}, parent).accountId;
    // Only zones that need no opt-in: Local Zones lack most services (VPC endpoints included).
    const azs = aws.getAvailabilityZonesOutput(
      { state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] },
      parent,
    );
    this.azNames = Array.from({ length: azCount }, (_, i) =>
      azs.names.apply((names) => azNameAt(name, names, i, azCount)),
    );

    const vpc = vpcWithEmptyDefaultSecurityGroup(this, name, args.cidrBlock, tags);

    // ---- Subnets: mapPublicIpOnLaunch off everywhere (the ALB gets its own addresses). ----
    const subnets = {} as Record<Tier, aws.ec2.Subnet[]>;
    for (const tier of TIERS) {
      subnets[tier] = args.subnetCidrs[tier].map(
        (cidr, i) =>
          new aws.ec2.Subnet(
            `${name}-${tier}-${i}`,
            {
              vpcId: vpc.id,
              cidrBlock: cidr,
              availabilityZone: this.azNames[i],
              mapPublicIpOnLaunch: false,
              tags: tags(`${tier}-${i}`, { tier }),
            },
            parent,
          ),
      );
    }

    // ---- Routing. Only the public table reaches the internet gateway. ----
    const igw = new aws.ec2.InternetGateway(
      `${name}-igw`,
      { vpcId: vpc.id, tags: tags("igw") },
      parent,
    );
    const publicRt = publicRouteTable(this, name, {
      vpcId: vpc.id,
      internetGatewayId: igw.id,
      tags,
      extraTags: args.publicRouteTableTags,
    });
    // One table per AZ and private tier, with no route but `local` and the S3 endpoint's prefix
    // list: no 0.0.0.0/0 or ::/0 route, and no NAT gateway exists.
    const privateRts = (tier: "compute" | "data") =>
      subnets[tier].map(
        (_, i) =>
          new aws.ec2.RouteTable(
            `${name}-${tier}-rt-${i}`,
            { vpcId: vpc.id, tags: tags(`${tier}-rt-${i}`, { tier }) },
            parent,
          ),
      );
    const computeRts = privateRts("compute");
    const dataRts = privateRts("data");
    // Every subnet here is associated explicitly; the main table only catches later ones.
    isolatedMainRouteTable(this, name, vpc.id, tags);
    const associate = (tier: Tier, tables: (i: number) => aws.ec2.RouteTable) =>
      subnets[tier].forEach(
        (s, i) =>
          new aws.ec2.RouteTableAssociation(
            `${name}-${tier}-rta-${i}`,
            { subnetId: s.id, routeTableId: tables(i).id },
            parent,
          ),
      );
    associate("public", () => publicRt);
    associate("compute", (i) => computeRts[i]);
    associate("data", (i) => dataRts[i]);

    // ---- S3 gateway endpoint (free) on every private route table. ----
    const s3Policy = aws.iam.getPolicyDocumentOutput(
      {
        statements: [
          {
            // Data perimeter: only principals of this account, only buckets of this account.
            sid: "OwnAccountBuckets",
            effect: "Allow",
            principals: [{ type: "*", identifiers: ["*"] }],
            actions: [...(args.s3EndpointOwnBucketActions ?? S3_OWN_BUCKET_ACTIONS)],
            resources: [
              pulumi.interpolate`arn:${partition}:s3:::*`,
              pulumi.interpolate`arn:${partition}:s3:::*/*`,
            ],
            conditions: [
              { test: "StringEquals", variable: "aws:PrincipalAccount", values: [accountId] },
              { test: "StringEquals", variable: "aws:ResourceAccount", values: [accountId] },
            ],
          },
          {
            // ECR docs, "Amazon ECR interface VPC endpoints" > S3 gateway endpoint: image layers
            // are served from `arn:aws:s3:::prod-<region>-starport-layer-bucket/*`, through
            // presigned URLs signed by an ECR service account, so no account condition fits here:
            // the statement is limited to reading objects of that one AWS-owned bucket.
            sid: "EcrImageLayers",
            effect: "Allow",
            principals: [{ type: "*", identifiers: ["*"] }],
            actions: ["s3:GetObject"],
            resources: [
              pulumi.interpolate`arn:${partition}:s3:::prod-${region}-starport-layer-bucket/*`,
            ],
          },
          ...((args.s3EndpointExtraBucketArns ?? []).length > 0
            ? [
                {
                  // AWS-owned package repositories are read anonymously (no principal account).
                  sid: "ReadOnlyExtraBuckets",
                  effect: "Allow",
                  principals: [{ type: "*", identifiers: ["*"] }],
                  actions: ["s3:GetObject"],
                  resources: (args.s3EndpointExtraBucketArns ?? []).map(
                    (a) => pulumi.interpolate`${a}/*`,
                  ),
                },
              ]
            : []),
        ],
      },
      parent,
    );
    new aws.ec2.VpcEndpoint(
      `${name}-s3-endpoint`,
      {
        vpcId: vpc.id,
        serviceName: pulumi.interpolate`com.amazonaws.${region}.s3`,
        vpcEndpointType: "Gateway",
        routeTableIds: [...computeRts, ...dataRts].map((rt) => rt.id),
        policy: s3Policy.json,
        tags: tags("s3-endpoint"),
      },
      parent,
    );
    // Known at preview (an invoke), unlike the endpoint's own prefixListId output: lets other
    // layers' security groups allow 443 to S3 by prefix list.
    this.s3PrefixListId = aws.ec2.getPrefixListOutput(
      { name: pulumi.interpolate`com.amazonaws.${region}.s3` },
      parent,
    ).id;

    // ---- Interface endpoints: one security group, 443 in from the compute and data subnets. ----
    const endpointSg = new aws.ec2.SecurityGroup(
      `${name}-endpoints-sg`,
      {
        vpcId: vpc.id,
        description: "Interface VPC endpoints: HTTPS from the compute and data subnets only",
        // No egress rule: the provider removes AWS's default allow-all egress rule; endpoint
        // network interfaces only answer connections, and security groups are stateful.
        tags: tags("endpoints-sg"),
      },
      parent,
    );
    const clients = [
      ...args.subnetCidrs.compute.map((c, i) => ({ c, label: `compute-${i}` })),
      ...args.subnetCidrs.data.map((c, i) => ({ c, label: `data-${i}` })),
      ...(args.additionalEndpointClientCidrs ?? []).map((c, i) => ({ c, label: `extra-${i}` })),
    ];
    for (const { c, label } of clients) {
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-endpoints-sg-in-${label}`,
        {
          securityGroupId: endpointSg.id,
          ipProtocol: "tcp",
          fromPort: 443,
          toPort: 443,
          cidrIpv4: c,
          description: `HTTPS to VPC endpoints from ${label}`,
          tags: tags(`endpoints-sg-in-${label}`),
        },
        parent,
      );
    }
    const endpointSubnets = (
      placement === "single-az" ? subnets.compute.slice(0, 1) : subnets.compute
    ).map((s) => s.id);
    const thisAccount = [
      { test: "StringEquals", variable: "aws:PrincipalAccount", values: [accountId] },
    ];
    const anyone = [{ type: "*", identifiers: ["*"] }];
    const ownRepositories = pulumi.interpolate`arn:${partition}:ecr:${region}:${accountId}:repository/*`;
    const ownLogGroups = pulumi.interpolate`arn:${partition}:logs:${region}:${accountId}:log-group:*`;
    const builtInPolicy = (service: string): pulumi.Output<string> | undefined => {
      const doc = (statements: aws.types.input.iam.GetPolicyDocumentStatementArgs[]) =>
        aws.iam.getPolicyDocumentOutput({ statements }, parent).json;
      switch (service) {
        case "ecr.api":
        case "ecr.dkr":
          // ECR docs, "Amazon ECR interface VPC endpoints": endpoint policies are supported;
          // pulls need ecr:GetAuthorizationToken (no resource-level permission, Service
          // Authorization Reference) and BatchGetImage / GetDownloadUrlForLayer /
          // BatchCheckLayerAvailability on the repository. Only pulls, only this account's
          // principals and repositories: pushes happen from the pipeline, outside the VPC.
          return doc([
            {
              sid: "AuthorizationToken",
              effect: "Allow",
              principals: anyone,
              actions: ["ecr:GetAuthorizationToken"],
              resources: ["*"],
              conditions: thisAccount,
            },
            {
              sid: "PullOwnRepositories",
              effect: "Allow",
              principals: anyone,
              actions: [
                "ecr:BatchGetImage",
                "ecr:GetDownloadUrlForLayer",
                "ecr:BatchCheckLayerAvailability",
              ],
              resources: [ownRepositories],
              conditions: thisAccount,
            },
          ]);
        case "logs":
          // CloudWatch Logs docs, "Using CloudWatch Logs with interface VPC endpoints": endpoint
          // policies are supported. Workloads only write (awslogs driver: CreateLogStream,
          // PutLogEvents) into this account's log groups; reading happens outside the VPC.
          return doc([
            {
              sid: "WriteOwnLogGroups",
              effect: "Allow",
              principals: anyone,
              actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
              resources: [ownLogGroups],
              conditions: thisAccount,
            },
          ]);
        case "secretsmanager":
        case "ssm":
        case "kms":
        case "sts":
          // Services documented to support endpoint policies: only this account's principals.
          // (STS: AssumeRoleWithWebIdentity is unauthenticated and would be refused; not used.)
          return doc([
            {
              sid: "OwnAccountPrincipals",
              effect: "Allow",
              principals: anyone,
              actions: [`${service}:*`],
              resources: ["*"],
              conditions: thisAccount,
            },
          ]);
        default:
          // Other services keep AWS's default (full access) policy until a tightened one is
          // verified for them; pass one through interfaceEndpointPolicies. PrivateLink docs,
          // "Control access to VPC endpoints using endpoint policies": not every service supports
          // endpoint policies (see VpcEndpointPolicySupported in DescribeVpcEndpointServices).
          return undefined;
      }
    };
    for (const service of endpoints) {
      new aws.ec2.VpcEndpoint(
        `${name}-${service.replace(/\./g, "-")}-endpoint`,
        {
          vpcId: vpc.id,
          serviceName: pulumi.interpolate`com.amazonaws.${region}.${service}`,
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          ipAddressType: "ipv4",
          subnetIds: endpointSubnets,
          securityGroupIds: [endpointSg.id],
          policy: args.interfaceEndpointPolicies?.[service] ?? builtInPolicy(service),
          tags: tags(`${service}-endpoint`),
        },
        parent,
      );
    }

    // ---- Network ACLs for the private tiers (the public tier keeps the VPC's default NACL). ----
    const quota = args.naclRuleQuota ?? 20;
    for (const tier of ["compute", "data"] as const) {
      const rules = tierAcl(tier, args.cidrBlock, args.subnetCidrs, args, vpcRange);
      for (const [dir, list] of [
        ["inbound", rules.inbound],
        ["outbound", rules.outbound],
      ] as const) {
        if (list.length > quota) {
          throw new Error(
            `Network ${name}: the ${tier} NACL needs ${list.length} ${dir} rules, more than the ` +
              `quota of ${quota} (raise "Rules per network ACL" in Service Quotas and pass naclRuleQuota, ` +
              `or use fewer AZs or ports)`,
          );
        }
      }
      const acl = new aws.ec2.NetworkAcl(
        `${name}-${tier}-nacl`,
        { vpcId: vpc.id, tags: tags(`${tier}-nacl`, { tier }) },
        parent,
      );
      for (const r of [...rules.inbound, ...rules.outbound]) {
        // Named by direction and number, the rule's identity in AWS: a changed rule is replaced
        // in place, deleted first because two entries cannot share a number.
        new aws.ec2.NetworkAclRule(
          `${name}-${tier}-nacl-${r.egress ? "out" : "in"}-${r.ruleNumber}`,
          {
            networkAclId: acl.id,
            ruleNumber: r.ruleNumber,
            egress: r.egress,
            protocol: r.protocol,
            ruleAction: r.action,
            cidrBlock: r.cidrBlock,
            fromPort: r.fromPort,
            toPort: r.toPort,
            icmpType: r.icmpType,
            icmpCode: r.icmpCode,
          },
          { parent: this, deleteBeforeReplace: true },
        );
      }
      subnets[tier].forEach(
        (s, i) =>
          new aws.ec2.NetworkAclAssociation(
            `${name}-${tier}-nacl-association-${i}`,
            { networkAclId: acl.id, subnetId: s.id },
            parent,
          ),
      );
    }

    // ---- Flow logs: ALL traffic, to a KMS-encrypted log group with retention. ----
    const logGroupName = args.flowLogGroupName ?? `/${pulumi.getProject()}/${name}/vpc-flow-logs`;
    // Built from the name (not the group's ARN output): the key must exist before the group.
    const logGroupArn = pulumi.interpolate`arn:${partition}:logs:${region}:${accountId}:log-group:${logGroupName}`;
    const key = new EncryptionKey(
      `${name}-flow-logs-key`,
      {
        description: `Encrypts the VPC flow logs of ${name}`,
        grants: [cloudWatchLogsGrant(logGroupArn, { parent: this })],
        // Per project and stack: `alias/<name>` alone would collide between projects in one account.
        aliasName: keyAliasName(`${name}-flow-logs`),
        protect,
        tags: args.tags,
      },
      parent,
    );
    const { logGroup } = vpcFlowLogs(this, name, {
      vpcId: vpc.id,
      groupName: logGroupName,
      groupArn: logGroupArn,
      kmsKeyArn: key.keyArn,
      retentionInDays: args.flowLogRetentionDays ?? 365,
      protect,
      accountId,
      partition,
      region,
      tags,
    });

    this.vpcId = vpc.id;
    this.vpcCidr = vpc.cidrBlock;
    this.publicSubnetIds = subnets.public.map((s) => s.id);
    this.computeSubnetIds = subnets.compute.map((s) => s.id);
    this.dataSubnetIds = subnets.data.map((s) => s.id);
    this.publicRouteTableId = publicRt.id;
    this.computeRouteTableIds = computeRts.map((rt) => rt.id);
    this.dataRouteTableIds = dataRts.map((rt) => rt.id);
    this.endpointSecurityGroupId = endpointSg.id;
    this.flowLogGroupName = logGroup.name;
    this.registerOutputs({
      vpcId: this.vpcId,
      vpcCidr: this.vpcCidr,
      azNames: this.azNames,
      publicSubnetIds: this.publicSubnetIds,
      computeSubnetIds: this.computeSubnetIds,
      dataSubnetIds: this.dataSubnetIds,
      publicRouteTableId: this.publicRouteTableId,
      computeRouteTableIds: this.computeRouteTableIds,
      dataRouteTableIds: this.dataRouteTableIds,
      endpointSecurityGroupId: this.endpointSecurityGroupId,
      s3PrefixListId: this.s3PrefixListId,
      flowLogGroupName: this.flowLogGroupName,
    });
  }
}
