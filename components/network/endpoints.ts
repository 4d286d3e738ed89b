// The network's VPC endpoints: the free S3 gateway endpoint with a data-perimeter policy, and the
// interface endpoints (one security group, 443 from the private subnets) with policies that admit
// only this account's principals and resources where the service supports endpoint policies.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TagsOf } from "../naming";
import type { NetworkArgs } from "./args";
import { checkEndpointZones, endpointSubnets } from "./plan";

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

/** What the endpoint builders share with the Network that calls them. */
export interface EndpointScope {
  readonly name: string;
  readonly parent: { readonly parent: pulumi.Resource };
  readonly tags: TagsOf;
  readonly vpcId: pulumi.Output<string>;
  readonly region: pulumi.Output<string>;
  readonly partition: pulumi.Output<string>;
  readonly accountId: pulumi.Output<string>;
}

/**
 * The S3 gateway endpoint `${name}-s3-endpoint` (free) on the private route tables, and the
 * regional S3 prefix list id other layers open 443 to.
 */
export function s3GatewayEndpoint(
  s: EndpointScope,
  routeTableIds: pulumi.Input<string>[],
  ownBucketActions: NetworkArgs["s3EndpointOwnBucketActions"],
  extraBucketArns: NetworkArgs["s3EndpointExtraBucketArns"],
): pulumi.Output<string> {
  const s3Policy = aws.iam.getPolicyDocumentOutput(
    {
      statements: [
        {
          // Data perimeter: only principals of this account, only buckets of this account.
          sid: "OwnAccountBuckets",
          effect: "Allow",
          principals: [{ type: "*", identifiers: ["*"] }],
          actions: [...(ownBucketActions ?? S3_OWN_BUCKET_ACTIONS)],
          resources: [
            pulumi.interpolate`arn:${s.partition}:s3:::*`,
            pulumi.interpolate`arn:${s.partition}:s3:::*/*`,
          ],
          conditions: [
            { test: "StringEquals", variable: "aws:PrincipalAccount", values: [s.accountId] },
            { test: "StringEquals", variable: "aws:ResourceAccount", values: [s.accountId] },
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
            pulumi.interpolate`arn:${s.partition}:s3:::prod-${s.region}-starport-layer-bucket/*`,
          ],
        },
        ...((extraBucketArns ?? []).length > 0
          ? [
              {
                // AWS-owned package repositories are read anonymously (no principal account).
                sid: "ReadOnlyExtraBuckets",
                effect: "Allow",
                principals: [{ type: "*", identifiers: ["*"] }],
                actions: ["s3:GetObject"],
                resources: (extraBucketArns ?? []).map((a) => pulumi.interpolate`${a}/*`),
              },
            ]
          : []),
      ],
    },
    s.parent,
  );
  new aws.ec2.VpcEndpoint(
    `${s.name}-s3-endpoint`,
    {
      vpcId: s.vpcId,
      serviceName: pulumi.interpolate`com.amazonaws.${s.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds,
      policy: s3Policy.json,
      tags: s.tags("s3-endpoint"),
    },
    s.parent,
  );
  // Known at preview (an invoke), unlike the endpoint's own prefixListId output: lets other
  // layers' security groups allow 443 to S3 by prefix list.
  return aws.ec2.getPrefixListOutput(
    { name: pulumi.interpolate`com.amazonaws.${s.region}.s3` },
    s.parent,
  ).id;
}

/**
 * The interface endpoints `${name}-<service>-endpoint` in the compute subnets (or the first one,
 * "single-az"), whose zones must offer the service (`checkEndpointZones`), behind the security group `${name}-endpoints-sg` that admits 443 from the compute
 * and data subnets (and `additionalEndpointClientCidrs`) only. Returns the group.
 */
export function interfaceEndpoints(
  s: EndpointScope,
  args: NetworkArgs,
  services: readonly string[],
  compute: {
    readonly subnetIds: pulumi.Output<string>[];
    /** The zone name of each compute subnet, in the same order. */
    readonly zoneNames: pulumi.Output<string>[];
    /** The AZ ID of each compute subnet, in the same order. */
    readonly zoneIds: pulumi.Output<string>[];
  },
): aws.ec2.SecurityGroup {
  const placement = args.endpointPlacement ?? "all-azs";
  const endpointSg = new aws.ec2.SecurityGroup(
    `${s.name}-endpoints-sg`,
    {
      vpcId: s.vpcId,
      description: "Interface VPC endpoints: HTTPS from the compute and data subnets only",
      // No egress rule: the provider removes AWS's default allow-all egress rule; endpoint
      // network interfaces only answer connections, and security groups are stateful.
      tags: s.tags("endpoints-sg"),
    },
    s.parent,
  );
  const clients = [
    ...args.subnetCidrs.compute.map((c, i) => ({ c, label: `compute-${i}` })),
    ...args.subnetCidrs.data.map((c, i) => ({ c, label: `data-${i}` })),
    ...(args.additionalEndpointClientCidrs ?? []).map((c, i) => ({ c, label: `extra-${i}` })),
  ];
  for (const { c, label } of clients) {
    new aws.vpc.SecurityGroupIngressRule(
      `${s.name}-endpoints-sg-in-${label}`,
      {
        securityGroupId: endpointSg.id,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: c,
        description: `HTTPS to VPC endpoints from ${label}`,
        tags: s.tags(`endpoints-sg-in-${label}`),
      },
      s.parent,
    );
  }
  // Each endpoint's subnets must be in zones its service is offered in: checked at preview
  // against EC2's answer (`checkEndpointZones`), and each subnet id waits for the check.
  const checkedSubnets = (service: string): pulumi.Output<string>[] => {
    const offered = aws.ec2.getVpcEndpointServiceOutput(
      { service, serviceType: "Interface" },
      s.parent,
    );
    const checked = pulumi
      .all([
        offered.serviceName,
        offered.availabilityZones,
        pulumi.all(compute.zoneNames),
        pulumi.all(compute.zoneIds),
      ])
      .apply(([serviceName, zones, names, ids]) =>
        checkEndpointZones(
          s.name,
          serviceName,
          placement,
          names.map((name, i) => ({ name, id: ids[i] })),
          zones ?? [],
        ),
      );
    return endpointSubnets(placement, compute.subnetIds).map((id) =>
      pulumi.all([checked, id]).apply(([, v]) => v),
    );
  };
  const thisAccount = [
    { test: "StringEquals", variable: "aws:PrincipalAccount", values: [s.accountId] },
  ];
  const anyone = [{ type: "*", identifiers: ["*"] }];
  const ownRepositories = pulumi.interpolate`arn:${s.partition}:ecr:${s.region}:${s.accountId}:repository/*`;
  const ownLogGroups = pulumi.interpolate`arn:${s.partition}:logs:${s.region}:${s.accountId}:log-group:*`;
  const builtInPolicy = (service: string): pulumi.Output<string> | undefined => {
    const doc = (statements: aws.types.input.iam.GetPolicyDocumentStatementArgs[]) =>
      aws.iam.getPolicyDocumentOutput({ statements }, s.parent).json;
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
  for (const service of services) {
    new aws.ec2.VpcEndpoint(
      `${s.name}-${service.replace(/\./g, "-")}-endpoint`,
      {
        vpcId: s.vpcId,
        serviceName: pulumi.interpolate`com.amazonaws.${s.region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        ipAddressType: "ipv4",
        subnetIds: checkedSubnets(service),
        securityGroupIds: [endpointSg.id],
        policy: args.interfaceEndpointPolicies?.[service] ?? builtInPolicy(service),
        tags: s.tags(`${service}-endpoint`),
      },
      s.parent,
    );
  }
  return endpointSg;
}
