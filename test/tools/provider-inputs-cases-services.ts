// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: ECS services, Step Functions activities, SES configuration sets and
// domain identities, AWS Batch compute environments, job queues and job definitions, VPCs and
// subnets. Each bound is met by the compliant resource and crossed by one broken case.

const ROLE = "arn:aws:iam::123456789012:role/batch";
const ECS_SERVICE = "aws:ecs/service:Service";
const ACTIVITY = "aws:sfn/activity:Activity";
const CONFIGURATION_SET = "aws:ses/configurationSet:ConfigurationSet";
const COMPUTE = "aws:batch/computeEnvironment:ComputeEnvironment";
const QUEUE = "aws:batch/jobQueue:JobQueue";
const DEFINITION = "aws:batch/jobDefinition:JobDefinition";
const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";

export const SERVICES_COMPLIANT: Record<string, Record<string, unknown>> = {
  [ECS_SERVICE]: {
    name: "web",
    launchType: "FARGATE",
    schedulingStrategy: "REPLICA",
    propagateTags: "SERVICE",
    deploymentController: { type: "CODE_DEPLOY" },
    orderedPlacementStrategies: [{ type: "binpack", field: "memory" }],
    placementConstraints: [{ type: "distinctInstance" }],
    healthCheckGracePeriodSeconds: 2147483647,
    loadBalancers: [
      {
        containerName: "web",
        containerPort: 65536,
        targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1",
      },
    ],
    serviceRegistries: {
      registryArn: "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-1",
      port: 0,
    },
  },
  [ACTIVITY]: {
    name: "a".repeat(80),
    encryptionConfiguration: {
      type: "CUSTOMER_MANAGED_KMS_KEY",
      kmsDataKeyReusePeriodSeconds: 60,
    },
  },
  [CONFIGURATION_SET]: {
    name: "c".repeat(64),
    deliveryOptions: { tlsPolicy: "Require" },
    trackingOptions: { customRedirectDomain: "track.example.com" },
  },
  "aws:ses/domainIdentity:DomainIdentity": { domain: "mail.example.com" },
  [COMPUTE]: {
    name: `C${"e".repeat(127)}`,
    type: "managed",
    state: "ENABLED",
    serviceRole: ROLE,
    computeResources: {
      type: "FARGATE_SPOT",
      maxVcpus: 16,
      subnets: ["subnet-1"],
      instanceRole: "arn:aws:iam::123456789012:instance-profile/ecs",
      spotIamFleetRole: ROLE,
    },
    eksConfiguration: {
      eksClusterArn: "arn:aws:eks:us-east-1:123456789012:cluster/jobs",
      kubernetesNamespace: "jobs",
    },
    updatePolicy: { jobExecutionTimeoutMinutes: 360 },
  },
  [QUEUE]: {
    name: `q${"_".repeat(127)}`,
    state: "disabled",
    priority: 1,
    jobStateTimeLimitActions: [
      { action: "CANCEL", maxTimeSeconds: 600, reason: "stuck", state: "RUNNABLE" },
      { action: "CANCEL", maxTimeSeconds: 86400, reason: "stuck", state: "RUNNABLE" },
    ],
  },
  [DEFINITION]: {
    name: "9-job_definition",
    type: "container",
    platformCapabilities: ["FARGATE", "EC2"],
    containerProperties: "{}",
    retryStrategy: { attempts: 10 },
    timeout: { attemptDurationSeconds: 60 },
  },
  [VPC]: {
    cidrBlock: "10.16.0.0/16",
    ipv6CidrBlock: "2600:1f14:abc:de00::/56",
    instanceTenancy: "dedicated",
  },
  [SUBNET]: {
    vpcId: "vpc-1",
    cidrBlock: "10.16.3.0/24",
    ipv6CidrBlock: "2600:1f14:abc:de01::/64",
    availabilityZone: "eu-west-1a",
    outpostArn: "arn:aws:outposts:eu-west-1:123456789012:outpost/op-1",
  },
};

export const SERVICES_BROKEN: [string, string, unknown, string, Record<string, unknown>?][] = [
  [ECS_SERVICE, "launchType", "fargate", "got fargate"],
  [ECS_SERVICE, "schedulingStrategy", "Daemon", "got Daemon"],
  [ECS_SERVICE, "propagateTags", "task definition", "got task definition"],
  [ECS_SERVICE, "deploymentController", { type: "Code Deploy" }, "got Code Deploy"],
  [ECS_SERVICE, "orderedPlacementStrategies", [{ type: "BinPack" }], "got BinPack"],
  [ECS_SERVICE, "placementConstraints", [{ type: "MemberOf" }], "got MemberOf"],
  [
    ECS_SERVICE,
    "capacityProviderStrategies",
    [{ capacityProvider: "FARGATE", weight: 1001 }],
    "(0 - 1000), got 1001",
    // A capacity provider strategy takes the place of the launch type (CreateService).
    { launchType: undefined },
  ],
  [
    ECS_SERVICE,
    "capacityProviderStrategies",
    [{ capacityProvider: "FARGATE", base: -1 }],
    "(0 - 100000), got -1",
    { launchType: undefined },
  ],
  [ECS_SERVICE, "healthCheckGracePeriodSeconds", -1, "got -1"],
  [
    ECS_SERVICE,
    "loadBalancers",
    [{ containerName: "web", containerPort: 65537 }],
    "(0 - 65536), got 65537",
  ],
  [
    ECS_SERVICE,
    "loadBalancers",
    [{ containerName: "web", containerPort: 80, targetGroupArn: "web-tg" }],
    "invalid ARN",
  ],
  [ECS_SERVICE, "serviceRegistries", { registryArn: "srv-1" }, "invalid ARN"],
  [
    ECS_SERVICE,
    "serviceRegistries",
    { registryArn: "arn:aws:servicediscovery:us-east-1:1:service/srv-1", port: 65537 },
    "got 65537",
  ],
  [ACTIVITY, "name", "a".repeat(81), "(0 - 80)"],
  [ACTIVITY, "encryptionConfiguration", { type: "aws-owned-key" }, "got aws-owned-key"],
  [ACTIVITY, "encryptionConfiguration", { kmsDataKeyReusePeriodSeconds: 59 }, "(60 - 900), got 59"],
  [
    ACTIVITY,
    "encryptionConfiguration",
    { kmsDataKeyReusePeriodSeconds: 901 },
    "(60 - 900), got 901",
  ],
  [CONFIGURATION_SET, "name", "c".repeat(65), "(1 - 64)"],
  [CONFIGURATION_SET, "deliveryOptions", { tlsPolicy: "REQUIRE" }, "got REQUIRE"],
  [
    CONFIGURATION_SET,
    "trackingOptions",
    { customRedirectDomain: "track.example.com." },
    "cannot end with a period",
  ],
  ["aws:ses/domainIdentity:DomainIdentity", "domain", "example.com.", "cannot end with a period"],
  [COMPUTE, "name", `C${"e".repeat(128)}`, "must be up to 128 letters"],
  [COMPUTE, "name", "_jobs", "must start with an alphanumeric"],
  [COMPUTE, "namePrefix", "p".repeat(103), "must be up to 102 letters", { name: undefined }],
  [COMPUTE, "name", "jobs", "conflicts with name_prefix", { namePrefix: "jobs-", name: undefined }],
  [COMPUTE, "type", "managed ec2", "got managed ec2"],
  [COMPUTE, "state", "on/off", "got on/off"],
  [
    COMPUTE,
    "computeResources",
    { type: "fargate spot", maxVcpus: 1, subnets: [] },
    "got fargate spot",
  ],
  [COMPUTE, "serviceRole", "batch-role", "invalid ARN"],
  [
    COMPUTE,
    "computeResources",
    { type: "EC2", maxVcpus: 1, subnets: [], instanceRole: "ecsInstanceRole" },
    "invalid ARN",
  ],
  [
    COMPUTE,
    "computeResources",
    { type: "SPOT", maxVcpus: 1, subnets: [], spotIamFleetRole: "fleet-role" },
    "invalid ARN",
  ],
  [COMPUTE, "eksConfiguration", { eksClusterArn: "jobs", kubernetesNamespace: "j" }, "invalid ARN"],
  [COMPUTE, "updatePolicy", { jobExecutionTimeoutMinutes: 361 }, "(1 - 360), got 361"],
  [COMPUTE, "updatePolicy", { jobExecutionTimeoutMinutes: 0 }, "(1 - 360), got 0"],
  [QUEUE, "name", "jobs.high", "Attribute name must be up to 128 letters"],
  [QUEUE, "state", "on hold", 'must be one of: ["ENABLED" "DISABLED"], got: "on hold"'],
  [
    QUEUE,
    "jobStateTimeLimitActions",
    [{ action: "CANCEL", maxTimeSeconds: 599, reason: "r", state: "RUNNABLE" }],
    "between 600 and 86400, got: 599",
  ],
  [
    QUEUE,
    "jobStateTimeLimitActions",
    [{ action: "CANCEL", maxTimeSeconds: 86401, reason: "r", state: "RUNNABLE" }],
    "between 600 and 86400, got: 86401",
  ],
  [DEFINITION, "name", "nightly job", "must be up to 128 letters"],
  [DEFINITION, "type", "multi node", "got multi node"],
  [DEFINITION, "platformCapabilities", ["fargate"], "got fargate"],
  [DEFINITION, "retryStrategy", { attempts: 11 }, "(1 - 10), got 11"],
  [DEFINITION, "retryStrategy", { attempts: 0 }, "(1 - 10), got 0"],
  [DEFINITION, "timeout", { attemptDurationSeconds: 59 }, "at least (60), got 59"],
  [DEFINITION, "nodeProperties", "{}", "conflicts with node_properties"],
  [VPC, "cidrBlock", "10.16.0.1/16", 'did you mean "10.16.0.0/16"?'],
  [VPC, "cidrBlock", "10.0.0.0/15", "between 16 and 28 significant bits, got: 15"],
  [VPC, "cidrBlock", "10.0.0.0/29", "between 16 and 28 significant bits, got: 29"],
  [VPC, "cidrBlock", "10.0.0.0", "is not a valid CIDR block"],
  [VPC, "ipv6CidrBlock", "2600:1f14:abc:de00::1/56", "not a valid IPv6 CIDR block"],
  [VPC, "instanceTenancy", "Dedicated", "got Dedicated"],
  [VPC, "ipv4NetmaskLength", 20, "conflicts with ipv4_netmask_length"],
  [SUBNET, "cidrBlock", "10.16.3.7/24", 'did you mean "10.16.3.0/24"?'],
  [SUBNET, "ipv6CidrBlock", "10.16.3.0/24", "is not a valid IPv6 CIDR block"],
  [SUBNET, "outpostArn", "op-1", "invalid ARN"],
  [SUBNET, "availabilityZoneId", "euw1-az1", "conflicts with availability_zone_id"],
];
