// The public entry point: an internet-facing Application Load Balancer in the public subnets,
// HTTPS when a certificate is configured (HTTP then only redirects), access logs, invalid-header
// dropping and desync mitigation, and a security group open only on 80/443 to the allowed CIDRs.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { allowListProblems } from "./cidr";
import { Builder, builder, invalidArguments } from "./context";
import { SecureBucket } from "./bucket";
import { logicalNameWithin } from "./naming";
import type { PolicyStatement } from "./iam/policy-document";

/**
 * Regions that deliver ALB access logs from a regional Elastic Load Balancing account (ALB docs,
 * "Enable access logs", step 2: Regions available before August 2022 grant the ELB account of the
 * Region; newer Regions grant the service principal logdelivery.elasticloadbalancing.amazonaws.com).
 */
const ELB_ACCOUNT_REGIONS = new Set([
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "af-south-1",
  "ap-east-1",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ca-central-1",
  "eu-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-south-1",
  "eu-north-1",
  "me-south-1",
  "sa-east-1",
  "us-gov-west-1",
  "us-gov-east-1",
]);

/**
 * Longest name of a load balancer or target group (ELB API, CreateLoadBalancer and
 * CreateTargetGroup, `Name`: "a maximum of 32 characters"). Both are auto-named from their logical
 * names, which therefore stay short enough for any stack name (see `logicalNameWithin`).
 */
export const ELB_NAME_MAX_LENGTH = 32;

/**
 * The logical name of the load balancer itself: within 32 characters, and never starting with
 * "internal-", which CreateLoadBalancer refuses in a name ("must not begin with internal-"), as a
 * stack named "internal…" would otherwise spell it.
 */
export function loadBalancerLogicalName(name: string): string {
  return logicalNameWithin(name.startsWith("internal-") ? `lb-${name}` : name, ELB_NAME_MAX_LENGTH);
}

/**
 * TLS policy of the HTTPS listener: TLS 1.3 and 1.2 only, TLS 1.2 restricted to AEAD (GCM) ECDHE
 * ciphers ("Res"), hybrid post-quantum ML-KEM key exchange for clients that offer it ("PQ"),
 * classical key exchange for the others. ELB docs, "Security policies for your Application Load
 * Balancer" (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html):
 * the console's default, and "AWS recommends implementing the new post-quantum TLS (PQ-TLS) based
 * security policy ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"; a listener created through the API
 * without one gets ELBSecurityPolicy-2016-08 (TLS 1.0+). Replaces ELBSecurityPolicy-TLS13-1-2-2021-06
 * (still offered), in place: the listener is updated, not replaced.
 */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09";

/**
 * Fewest subnets (one per AZ) an Application Load Balancer is created with. ELB API Reference,
 * CreateLoadBalancer `Subnets`: "[Application Load Balancers] You must specify subnets from at
 * least two Availability Zones"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html).
 */
export const ALB_MIN_SUBNETS = 2;

/**
 * Seconds a connection may carry no data before the load balancer closes it (the ALB's
 * `idle_timeout.timeout_seconds`, 60 by default). Once a request has arrived, the target must
 * start its answer within this, or the client gets 504 ("the target didn't respond before the
 * idle timeout period elapsed": AWS Knowledge Center, "eks-http-504-errors"). The app answers an
 * upload after at most S3_CALLS_AFTER_BODY calls of S3_TIMEOUT_MS each (app/src/app.ts,
 * `answerAfterBodyMs`), waits for an upload's next bytes for UPLOAD_IDLE_TIMEOUT_MS, and keeps
 * idle connections open longer than this (fastify's 72 s keep-alive; "set the keep-alive timeout
 * to a value greater than the load balancer's idle timeout": AWS Knowledge Center,
 * "504-error-classic"): test/components/runtime-app.spec.ts holds the task's values to it.
 */
export const ALB_IDLE_TIMEOUT_SECONDS = 60;

/**
 * The longest a request takes to arrive at the app: Node cuts one still arriving after the app's
 * REQUEST_TIMEOUT_MS (120 s), checked every REQUEST_TIMEOUT_CHECK_MS (30 s; app/src/app.ts).
 */
export const REQUEST_ARRIVAL_SECONDS = 150;

/**
 * How long the load balancer lets a stopping task finish its requests: as long as it can keep
 * one. A request arrives within REQUEST_ARRIVAL_SECONDS, and its answer must start within the
 * idle timeout after that, or the load balancer ends it with a 504 itself, so 150 + 60 = 210 s.
 * An upload the app still works on after that (its S3 calls, up to 4 x S3_TIMEOUT_MS) has lost
 * its client already: a longer delay would only keep the task. ECS sends SIGTERM only once the
 * target is drained (ECS best practices guide, "Load balancer connection draining": "Do not set
 * the value to 5 seconds when you have a service with long-lived requests, such as slow file
 * uploads"), and a request still running when the delay ends is cut with a 5xx for the client
 * (ELB docs, "Edit target group attributes", Deregistration delay: 0 to 3600 s). A task with no
 * request in flight and no open connection is released at once, so the delay lengthens only
 * stops that would otherwise cut a request.
 */
export const DEREGISTRATION_DELAY_SECONDS = REQUEST_ARRIVAL_SECONDS + ALB_IDLE_TIMEOUT_SECONDS;

export interface PublicLoadBalancerArgs {
  readonly vpcId: pulumi.Input<string>;
  /** Public subnets, one per AZ: at least ALB_MIN_SUBNETS (validated). */
  readonly publicSubnetIds: pulumi.Input<string>[];
  /** Region of the stack (decides how ALB log delivery is granted). */
  readonly region: string;
  /** ACM certificate for HTTPS. Without one the listener serves plain HTTP (staging only). */
  readonly certificateArn?: string;
  /** CIDRs allowed in on 80/443. */
  readonly allowedCidrs: readonly string[];
  /** Port of the targets (the app's container port). */
  readonly targetPort: number;
  /** Health check path of the targets. Defaults to "/healthz". */
  readonly healthCheckPath?: string;
  /** Deletion protection on the ALB and protection of the log bucket. Defaults to false. */
  readonly protect?: boolean;
  /** Days of access logs kept. Defaults to 90. */
  readonly logRetentionDays?: number;
  /**
   * What the load balancer waits for: the VPC's internet gateway (the Network's
   * `internetAccess`), without which ELB refuses an internet-facing load balancer ("InvalidSubnet:
   * VPC … has no internet gateway"). Defaults to none (a VPC whose gateway already exists).
   */
  readonly internetAccess?: readonly pulumi.Resource[];
  readonly tags: Record<string, string>;
}

/** What the builders of a load balancer share: its scope and arguments, and whether it serves HTTPS. */
type Build = Builder<PublicLoadBalancerArgs, { readonly https: boolean }>;

/** Refused here, before anything registers, rather than by AWS after the rest was created. */
function validateArgs(name: string, args: PublicLoadBalancerArgs): void {
  const problems = allowListProblems(
    args.allowedCidrs,
    args.certificateArn === undefined ? 1 : 2,
  ).map((p) => `allowedCidrs: ${p}`);
  if (args.publicSubnetIds.length < ALB_MIN_SUBNETS) {
    problems.push(
      `publicSubnetIds: ${args.publicSubnetIds.length} subnet(s); an Application Load Balancer needs subnets in at least ${ALB_MIN_SUBNETS} availability zones (one per AZ)`,
    );
  }
  invalidArguments("PublicLoadBalancer", name, problems);
}

export class PublicLoadBalancer extends pulumi.ComponentResource {
  /** ARN of the load balancer (a WAF web ACL is associated with it). */
  public readonly arn: pulumi.Output<string>;
  /** The load balancer's public DNS name. */
  public readonly dnsName: pulumi.Output<string>;
  /** The load balancer's security group (80/443 from the allowed CIDRs; egress to the targets added by the caller). */
  public readonly securityGroupId: pulumi.Output<string>;
  /** The target group the service registers its tasks in. */
  public readonly targetGroupArn: pulumi.Output<string>;
  /** Identifier CloudWatch uses for the ALB (`app/<name>/<id>`), for request-based scaling. */
  public readonly arnSuffix: pulumi.Output<string>;
  /** Identifier CloudWatch uses for the target group, for request-based scaling. */
  public readonly targetGroupArnSuffix: pulumi.Output<string>;
  /** The listener that forwards to the targets (HTTPS, or HTTP without a certificate). */
  public readonly listener: aws.lb.Listener;
  /** "https" with a certificate, else "http": the scheme of the service's URL. */
  public readonly scheme: pulumi.Output<string>;

  constructor(name: string, args: PublicLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    validateArgs(name, args);
    super("platform:runtime:PublicLoadBalancer", name, {}, opts);
    const b: Build = builder(this, name, args, () => ({
      https: args.certificateArn !== undefined,
    }));
    const accountId = b.account.accountId;

    const sg = ingressSecurityGroup(b);
    const logs = accessLogBucket(b, accountId);
    const alb = new aws.lb.LoadBalancer(
      loadBalancerLogicalName(`${name}-alb`),
      {
        loadBalancerType: "application",
        internal: false,
        subnets: args.publicSubnetIds,
        securityGroups: [sg.id],
        dropInvalidHeaderFields: true,
        desyncMitigationMode: "defensive",
        enableDeletionProtection: args.protect ?? false,
        idleTimeout: ALB_IDLE_TIMEOUT_SECONDS,
        accessLogs: { bucket: logs.bucketName, prefix: "alb", enabled: true },
        tags: b.tags("alb"),
      },
      // ELB checks at creation that it may deliver access logs (the bucket's policy) and that the
      // VPC has an internet gateway.
      { ...b.parent, dependsOn: [logs.policy, ...(args.internetAccess ?? [])] },
    );
    const targets = targetGroup(b);
    this.listener = listeners(b, alb, targets);

    this.arn = alb.arn;
    this.dnsName = alb.dnsName;
    this.arnSuffix = alb.arnSuffix;
    this.securityGroupId = sg.id;
    this.targetGroupArn = targets.arn;
    this.targetGroupArnSuffix = targets.arnSuffix;
    this.scheme = pulumi.output(b.https ? "https" : "http");
    this.registerOutputs({
      arn: this.arn,
      dnsName: this.dnsName,
      securityGroupId: this.securityGroupId,
    });
  }
}

/** The load balancer's security group: 80 (and 443 with HTTPS) from each allowed CIDR, nothing else. */
function ingressSecurityGroup(b: Build): aws.ec2.SecurityGroup {
  const sg = new aws.ec2.SecurityGroup(
    `${b.name}-sg`,
    {
      vpcId: b.args.vpcId,
      description: "Internet-facing ALB: 80/443 from the allowed CIDRs only",
      tags: b.tags("sg"),
    },
    b.parent,
  );
  for (const port of b.https ? [80, 443] : [80]) {
    b.args.allowedCidrs.forEach((cidr, i) => {
      new aws.vpc.SecurityGroupIngressRule(
        `${b.name}-in-${port}-${i}`,
        {
          securityGroupId: sg.id,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          cidrIpv4: cidr,
          description: `HTTP${port === 443 ? "S" : ""} from ${cidr}`,
        },
        b.parent,
      );
    });
  }
  return sg;
}

/**
 * Who delivers ALB access logs into `prefix`: the Region's Elastic Load Balancing account, or in
 * Regions newer than August 2022 the log delivery service, limited to this account (ALB docs,
 * "Enable access logs", step 2).
 */
function elbLogDeliveryStatement(
  b: Build,
  prefix: pulumi.Output<string>,
  accountId: pulumi.Output<string>,
): PolicyStatement {
  const elbAccount = ELB_ACCOUNT_REGIONS.has(b.args.region);
  return {
    sid: "AllowElbLogDelivery",
    effect: "Allow",
    principals: [
      elbAccount
        ? { type: "AWS", identifiers: [aws.elb.getServiceAccountOutput({}, b.parent).arn] }
        : { type: "Service", identifiers: ["logdelivery.elasticloadbalancing.amazonaws.com"] },
    ],
    actions: ["s3:PutObject"],
    resources: [prefix],
    ...(elbAccount
      ? {}
      : {
          conditions: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] },
          ],
        }),
  };
}

/**
 * The access-log bucket. ALB docs ("Enable access logs"): the only server-side encryption the log
 * bucket may use is SSE-S3.
 */
function accessLogBucket(b: Build, accountId: pulumi.Output<string>): SecureBucket {
  return new SecureBucket(
    `${b.name}-logs`,
    {
      encryption: {
        kind: "sse-s3",
        reason:
          "ALB access logs support only SSE-S3 (ELB docs, Enable access logs: bucket requirements)",
      },
      expirationDays: b.args.logRetentionDays ?? 90,
      disposableBecause:
        "ALB access logs for troubleshooting: they expire after the retention period and nothing reads their events",
      accessLogs: {
        notLoggedBecause:
          "Holds only the access logs of the ALB: logging it would log the log delivery itself",
      },
      policyStatements: (arn) => [
        elbLogDeliveryStatement(
          b,
          pulumi.interpolate`${arn}/alb/AWSLogs/${accountId}/*`,
          accountId,
        ),
      ],
      protect: b.args.protect,
      tags: b.args.tags,
    },
    b.parent,
  );
}

/** The targets: the app's tasks by IP, health-checked on `healthCheckPath`. */
function targetGroup(b: Build): aws.lb.TargetGroup {
  return new aws.lb.TargetGroup(
    logicalNameWithin(`${b.name}-tg`, ELB_NAME_MAX_LENGTH),
    {
      vpcId: b.args.vpcId,
      targetType: "ip",
      port: b.args.targetPort,
      protocol: "HTTP",
      deregistrationDelay: DEREGISTRATION_DELAY_SECONDS,
      healthCheck: {
        path: b.args.healthCheckPath ?? "/healthz",
        matcher: "200",
        interval: 15,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
      },
      tags: b.tags("tg"),
    },
    b.parent,
  );
}

/**
 * The listeners; returns the one that forwards to the targets. With a certificate: HTTPS on 443
 * (`TLS_POLICY`) and HTTP on 80 only redirecting to it. Without (staging): plain HTTP, reported by
 * the pack as an advisory finding.
 */
function listeners(
  b: Build,
  alb: aws.lb.LoadBalancer,
  targets: aws.lb.TargetGroup,
): aws.lb.Listener {
  const forward = [{ type: "forward", targetGroupArn: targets.arn }];
  if (!b.https) {
    return new aws.lb.Listener(
      `${b.name}-http`,
      {
        loadBalancerArn: alb.arn,
        port: 80,
        protocol: "HTTP",
        defaultActions: forward,
        tags: b.tags("http"),
      },
      b.parent,
    );
  }
  const https = new aws.lb.Listener(
    `${b.name}-https`,
    {
      loadBalancerArn: alb.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: TLS_POLICY,
      certificateArn: b.args.certificateArn,
      defaultActions: forward,
      tags: b.tags("https"),
    },
    b.parent,
  );
  new aws.lb.Listener(
    `${b.name}-http`,
    {
      loadBalancerArn: alb.arn,
      port: 80,
      protocol: "HTTP",
      defaultActions: [
        { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
      ],
      tags: b.tags("http"),
    },
    b.parent,
  );
  return https;
}
