// Synthetic recorded stacks for the pack benchmark: the mix a real platform registers, built the
// way the recorder records it (inputs, outputs, parents, property dependencies), with every value
// known (as after `pulumi up`), so every policy runs all the way. Almost everything complies; a
// few resources break a mandatory rule each, so the reporting path runs too.
import type { RecordedResource } from "../lib/recorder";

const ACCOUNT = "123456789012";
const REGION = "eu-west-1";
const STACK = "bench";
const PROJECT = "platform";

interface Options {
  readonly parent?: RecordedResource;
  readonly refs?: Record<string, RecordedResource[]>;
  readonly outputs?: Record<string, unknown>;
  readonly custom?: boolean;
}

function resource(
  type: string,
  name: string,
  inputs: Record<string, any>,
  opts: Options = {},
): RecordedResource {
  const qualified = opts.parent ? `${opts.parent.type}$${type}` : type;
  const propertyDependencies: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(opts.refs ?? {}))
    propertyDependencies[k] = v.map((r) => r.urn);
  return {
    urn: `urn:pulumi:${STACK}::${PROJECT}::${qualified}::${name}`,
    type,
    name,
    custom: opts.custom ?? true,
    remote: false,
    parent: opts.parent?.urn,
    inputs,
    outputs: { ...inputs, ...(opts.outputs ?? {}) },
    dependencies: [...new Set(Object.values(propertyDependencies).flat())],
    propertyDependencies,
    options: {
      protect: false,
      retainOnDelete: false,
      deleteBeforeReplace: false,
      ignoreChanges: [],
      additionalSecretOutputs: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    },
  };
}

const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const tags = (name: string, extra: Record<string, string> = {}) => ({
  Name: name,
  project: "bench",
  ...extra,
});

/** A key, a bucket with every side resource, and a producer role allowed to write into it. */
function storageUnit(
  i: number,
  logBucket: RecordedResource,
  broken: string | undefined,
): RecordedResource[] {
  const unit = resource("bench:storage:Storage", `s${i}`, {}, { custom: false });
  const p = { parent: unit };
  const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0000${i}`;
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/s${i}-writer`;
  const key = resource(
    "aws:kms/key:Key",
    `s${i}-key`,
    {
      description: `Data key of unit ${i}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: doc(
        {
          Sid: "Admin",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/key-admin` },
          Action: [
            "kms:Describe*",
            "kms:Put*",
            "kms:Enable*",
            "kms:Disable*",
            "kms:ScheduleKeyDeletion",
            "kms:CancelKeyDeletion",
            "kms:TagResource",
          ],
          Resource: "*",
        },
        {
          Sid: "UseThroughS3",
          Effect: "Allow",
          Principal: { AWS: roleArn },
          Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"],
          Resource: "*",
          Condition: {
            StringEquals: {
              "kms:ViaService": `s3.${REGION}.amazonaws.com`,
              "kms:CallerAccount": ACCOUNT,
            },
          },
        },
      ),
      tags: tags(`s${i}-key`),
    },
    { ...p, outputs: { arn: keyArn, keyId: `0000${i}` } },
  );
  const bucketName = `bench-s${i}`;
  const bucketArn = `arn:aws:s3:::${bucketName}`;
  const bucket = resource(
    "aws:s3/bucket:Bucket",
    `s${i}-bucket`,
    { bucket: bucketName, tags: tags(bucketName) },
    { ...p, outputs: { arn: bucketArn, id: bucketName } },
  );
  const on = { ...p, refs: { bucket: [bucket] } };
  const out: RecordedResource[] = [unit, key, bucket];
  if (broken !== "public-access") {
    out.push(
      resource(
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        `s${i}-pab`,
        {
          bucket: bucketName,
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        },
        on,
      ),
    );
  }
  out.push(
    resource(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      `s${i}-sse`,
      {
        bucket: bucketName,
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn },
            bucketKeyEnabled: true,
          },
        ],
      },
      { ...p, refs: { bucket: [bucket], rules: [key] } },
    ),
    resource(
      "aws:s3/bucketVersioning:BucketVersioning",
      `s${i}-versioning`,
      { bucket: bucketName, versioningConfiguration: { status: "Enabled" } },
      on,
    ),
    resource(
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
      `s${i}-ownership`,
      { bucket: bucketName, rule: { objectOwnership: "BucketOwnerEnforced" } },
      on,
    ),
    resource(
      "aws:s3/bucketPolicy:BucketPolicy",
      `s${i}-policy`,
      {
        bucket: bucketName,
        policy: doc(
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [bucketArn, `${bucketArn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
          {
            Sid: "DenyUnencryptedUploads",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: `${bucketArn}/*`,
            Condition: {
              StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn },
            },
          },
          {
            Sid: "WriterOnly",
            Effect: "Allow",
            Principal: { AWS: roleArn },
            Action: "s3:PutObject",
            Resource: `${bucketArn}/*`,
          },
        ),
      },
      { ...p, refs: { bucket: [bucket], policy: [bucket, key] } },
    ),
    resource(
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      `s${i}-lifecycle`,
      {
        bucket: bucketName,
        rules: [
          {
            id: "expire",
            status: "Enabled",
            filter: {},
            expiration: { days: 7 },
            noncurrentVersionExpiration: { noncurrentDays: 7 },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
          },
        ],
      },
      on,
    ),
    resource(
      "aws:s3/bucketLogging:BucketLogging",
      `s${i}-logging`,
      { bucket: bucketName, targetBucket: "bench-logs", targetPrefix: `s${i}/` },
      { ...p, refs: { bucket: [bucket], targetBucket: [logBucket] } },
    ),
  );
  const role = resource(
    "aws:iam/role:Role",
    `s${i}-writer`,
    {
      name: `s${i}-writer`,
      assumeRolePolicy: doc({
        Effect: "Allow",
        Principal: { Service: "ecs-tasks.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": ACCOUNT },
          ArnLike: { "aws:SourceArn": `arn:aws:ecs:${REGION}:${ACCOUNT}:*` },
        },
      }),
      tags: tags(`s${i}-writer`),
    },
    { ...p, outputs: { arn: roleArn } },
  );
  const actions = broken === "wildcard-action" ? ["s3:*"] : ["s3:PutObject"];
  out.push(
    role,
    resource(
      "aws:iam/rolePolicy:RolePolicy",
      `s${i}-writer-policy`,
      {
        role: `s${i}-writer`,
        policy: doc(
          { Sid: "Write", Effect: "Allow", Action: actions, Resource: `${bucketArn}/*` },
          {
            Sid: "Key",
            Effect: "Allow",
            Action: ["kms:GenerateDataKey"],
            Resource: keyArn,
            Condition: { StringEquals: { "kms:ViaService": `s3.${REGION}.amazonaws.com` } },
          },
        ),
      },
      { ...p, refs: { role: [role], policy: [bucket, key] } },
    ),
  );
  return out;
}

/** A VPC with a public and a compute tier, route tables, a security group and flow logs. */
function networkUnit(
  i: number,
  networkKey: RecordedResource,
  broken: string | undefined,
): RecordedResource[] {
  const unit = resource("bench:network:Network", `n${i}`, {}, { custom: false });
  const p = { parent: unit };
  const cidr = `10.${i % 250}.0.0/16`;
  const vpcId = `vpc-${i}`;
  const vpc = resource(
    "aws:ec2/vpc:Vpc",
    `n${i}-vpc`,
    { cidrBlock: cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: tags(`n${i}-vpc`) },
    { ...p, outputs: { id: vpcId, arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/${vpcId}` } },
  );
  const inVpc = { ...p, refs: { vpcId: [vpc] } };
  const igw = resource(
    "aws:ec2/internetGateway:InternetGateway",
    `n${i}-igw`,
    { vpcId, tags: tags(`n${i}-igw`) },
    { ...inVpc, outputs: { id: `igw-${i}` } },
  );
  const subnet = (tier: string, n: number) =>
    resource(
      "aws:ec2/subnet:Subnet",
      `n${i}-${tier}`,
      {
        vpcId,
        cidrBlock: `10.${i % 250}.${n}.0/24`,
        availabilityZone: `${REGION}a`,
        mapPublicIpOnLaunch: false,
        tags: tags(`n${i}-${tier}`, { tier }),
      },
      { ...inVpc, outputs: { id: `subnet-${i}-${tier}` } },
    );
  const pub = subnet("public", 0);
  const compute = subnet("compute", 1);
  const table = (tier: string) =>
    resource(
      "aws:ec2/routeTable:RouteTable",
      `n${i}-${tier}-rt`,
      { vpcId, tags: tags(`n${i}-${tier}-rt`) },
      { ...inVpc, outputs: { id: `rtb-${i}-${tier}` } },
    );
  const pubRt = table("public");
  const computeRt = table("compute");
  const assoc = (s: RecordedResource, rt: RecordedResource) =>
    resource(
      "aws:ec2/routeTableAssociation:RouteTableAssociation",
      `${s.name}-assoc`,
      { subnetId: s.outputs.id, routeTableId: rt.outputs.id },
      { ...p, refs: { subnetId: [s], routeTableId: [rt] } },
    );
  const out = [
    unit,
    vpc,
    igw,
    pub,
    compute,
    pubRt,
    computeRt,
    assoc(pub, pubRt),
    assoc(compute, computeRt),
  ];
  out.push(
    resource(
      "aws:ec2/route:Route",
      `n${i}-public-default`,
      {
        routeTableId: pubRt.outputs.id,
        destinationCidrBlock: "0.0.0.0/0",
        gatewayId: igw.outputs.id,
      },
      { ...p, refs: { routeTableId: [pubRt], gatewayId: [igw] } },
    ),
  );
  if (broken === "compute-default-route") {
    out.push(
      resource(
        "aws:ec2/route:Route",
        `n${i}-compute-default`,
        {
          routeTableId: computeRt.outputs.id,
          destinationCidrBlock: "0.0.0.0/0",
          gatewayId: igw.outputs.id,
        },
        { ...p, refs: { routeTableId: [computeRt], gatewayId: [igw] } },
      ),
    );
  }
  // The default security group managed with no rules; flow logs to an encrypted log group.
  out.push(
    resource(
      "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
      `n${i}-default-sg`,
      { vpcId, ingress: [], egress: [], tags: tags(`n${i}-default-sg`) },
      inVpc,
    ),
  );
  const logGroupArn = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/vpc/n${i}`;
  const logGroup = resource(
    "aws:cloudwatch/logGroup:LogGroup",
    `n${i}-flow-logs`,
    {
      name: `/vpc/n${i}`,
      retentionInDays: 365,
      kmsKeyId: networkKey.outputs.arn,
      tags: tags(`n${i}-flow-logs`),
    },
    { ...p, refs: { kmsKeyId: [networkKey] }, outputs: { arn: logGroupArn } },
  );
  out.push(
    logGroup,
    resource(
      "aws:ec2/flowLog:FlowLog",
      `n${i}-flow-log`,
      {
        vpcId,
        trafficType: "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: logGroupArn,
        iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/flow-logs`,
        tags: tags(`n${i}-flow-log`),
      },
      { ...p, refs: { vpcId: [vpc], logDestination: [logGroup] } },
    ),
  );
  const sg = resource(
    "aws:ec2/securityGroup:SecurityGroup",
    `n${i}-app-sg`,
    { vpcId, description: "Application tasks", tags: tags(`n${i}-app-sg`) },
    { ...inVpc, outputs: { id: `sg-${i}` } },
  );
  out.push(
    sg,
    resource(
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      `n${i}-app-in`,
      {
        securityGroupId: sg.outputs.id,
        ipProtocol: "tcp",
        fromPort: 8080,
        toPort: 8080,
        cidrIpv4: cidr,
        description: "From the VPC",
      },
      { ...p, refs: { securityGroupId: [sg] } },
    ),
    resource(
      "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
      `n${i}-app-out`,
      {
        securityGroupId: sg.outputs.id,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: cidr,
        description: "HTTPS to endpoints",
      },
      { ...p, refs: { securityGroupId: [sg] } },
    ),
  );
  return out;
}

/** The log bucket (SSE-S3 and no logging of its own, both waived as AWS requires) and a key. */
function shared(): RecordedResource[] {
  const name = "bench-logs";
  const arn = `arn:aws:s3:::${name}`;
  const logBucket = resource(
    "aws:s3/bucket:Bucket",
    "logs",
    {
      bucket: name,
      tags: tags(name, {
        "waiver:s3-bucket-logging-enabled":
          "Access-log target bucket: S3 advises against logging it.",
        "waiver:s3-bucket-sse-kms-cmk":
          "S3 server access logs support only SSE-S3 on the target bucket.",
      }),
    },
    { outputs: { arn, id: name } },
  );
  const on = { refs: { bucket: [logBucket] } };
  const networkKey = resource(
    "aws:kms/key:Key",
    "network-key",
    {
      description: "Flow logs key",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: doc(
        {
          Sid: "Admin",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/key-admin` },
          Action: [
            "kms:Describe*",
            "kms:Put*",
            "kms:Enable*",
            "kms:Disable*",
            "kms:ScheduleKeyDeletion",
            "kms:CancelKeyDeletion",
          ],
          Resource: "*",
        },
        {
          Sid: "Logs",
          Effect: "Allow",
          Principal: { Service: `logs.${REGION}.amazonaws.com` },
          Action: [
            "kms:Encrypt*",
            "kms:Decrypt*",
            "kms:GenerateDataKey*",
            "kms:ReEncrypt*",
            "kms:Describe*",
          ],
          Resource: "*",
          Condition: {
            ArnLike: {
              "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:*`,
            },
          },
        },
      ),
      tags: tags("network-key"),
    },
    { outputs: { arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/network`, keyId: "network" } },
  );
  return [
    logBucket,
    networkKey,
    resource(
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "logs-pab",
      {
        bucket: name,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      on,
    ),
    resource(
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
      "logs-ownership",
      { bucket: name, rule: { objectOwnership: "BucketOwnerEnforced" } },
      on,
    ),
    resource(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "logs-sse",
      { bucket: name, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
      on,
    ),
    resource(
      "aws:s3/bucketVersioning:BucketVersioning",
      "logs-versioning",
      { bucket: name, versioningConfiguration: { status: "Enabled" } },
      on,
    ),
    resource(
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "logs-lifecycle",
      {
        bucket: name,
        rules: [
          {
            id: "expire",
            status: "Enabled",
            filter: {},
            expiration: { days: 90 },
            noncurrentVersionExpiration: { noncurrentDays: 7 },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
          },
        ],
      },
      on,
    ),
    resource(
      "aws:s3/bucketPolicy:BucketPolicy",
      "logs-policy",
      {
        bucket: name,
        policy: doc(
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [arn, `${arn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
          {
            Sid: "S3ServerAccessLogs",
            Effect: "Allow",
            Principal: { Service: "logging.s3.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${arn}/*`,
            Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
          },
        ),
      },
      { refs: { bucket: [logBucket], policy: [logBucket] } },
    ),
  ];
}

/**
 * About `size` resources: one log bucket, then storage units and network units (5 to 1), with three
 * deliberate mandatory violations (a bucket without a public-access block, a wildcard action, a
 * default route from a compute subnet).
 */
export function syntheticStack(size: number): RecordedResource[] {
  const out = shared();
  const logBucket = out[0];
  const networkKey = out[1];
  let s = 0;
  let n = 0;
  while (out.length < size) {
    if ((s + n) % 6 !== 5) {
      const broken = s === 3 ? "public-access" : s === 5 ? "wildcard-action" : undefined;
      out.push(...storageUnit(s++, logBucket, broken));
    } else {
      out.push(...networkUnit(n, networkKey, n === 1 ? "compute-default-route" : undefined));
      n++;
    }
  }
  return out;
}
