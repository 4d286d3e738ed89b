// Writes a Pulumi TypeScript program of about `size` resources for the offline-check benchmark:
// components as a real platform writes them (a bucket with every side resource, a KMS key and a
// producer role per storage unit; a VPC with tiers, routes and a security group per network unit),
// IAM documents built with `aws.iam.getPolicyDocumentOutput`. Generated at bench time, never
// committed.
import * as fs from "fs";
import * as path from "path";

const STORAGE_TS = `import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

/** Arguments of one storage unit. */
export interface StorageArgs {
  /** Bucket that receives the server access logs. */
  readonly logBucket: aws.s3.Bucket;
  readonly tags: Record<string, string>;
}

/** A KMS key, a bucket with every side resource, and the one role allowed to write into it. */
export class Storage extends pulumi.ComponentResource {
  public readonly bucketArn: pulumi.Output<string>;

  constructor(name: string, args: StorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bench:storage:Storage", name, {}, opts);
    const p = { parent: this };
    const account = aws.getCallerIdentityOutput({}, p).accountId;
    const role = new aws.iam.Role(\`\${name}-writer\`, {
      assumeRolePolicy: aws.iam.getPolicyDocumentOutput({
        statements: [{
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["ecs-tasks.amazonaws.com"] }],
          conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [account] }],
        }],
      }, p).json,
      tags: { ...args.tags, Name: \`\${name}-writer\` },
    }, p);
    const key = new aws.kms.Key(\`\${name}-key\`, {
      description: \`Data key of \${name}\`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      // Built with jsonStringify so the policy's dependency on the role is recorded.
      policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "Admin",
            Effect: "Allow",
            Principal: { AWS: pulumi.interpolate\`arn:aws:iam::\${account}:role/key-admin\` },
            Action: ["kms:Describe*", "kms:Put*", "kms:Enable*", "kms:Disable*", "kms:ScheduleKeyDeletion"],
            Resource: "*",
          },
          {
            Sid: "UseThroughS3",
            Effect: "Allow",
            Principal: { AWS: role.arn },
            Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"],
            Resource: "*",
            Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
          },
        ],
      }),
      tags: { ...args.tags, Name: \`\${name}-key\` },
    }, p);
    const bucket = new aws.s3.Bucket(\`\${name}-bucket\`, { tags: { ...args.tags, Name: \`\${name}-bucket\` } }, p);
    new aws.s3.BucketPublicAccessBlock(\`\${name}-pab\`, {
      bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, p);
    new aws.s3.BucketServerSideEncryptionConfiguration(\`\${name}-sse\`, {
      bucket: bucket.id,
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
    }, p);
    new aws.s3.BucketVersioning(\`\${name}-versioning\`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, p);
    new aws.s3.BucketOwnershipControls(\`\${name}-ownership\`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, p);
    new aws.s3.BucketLifecycleConfiguration(\`\${name}-lifecycle\`, {
      bucket: bucket.id,
      rules: [{ id: "expire", status: "Enabled", filter: {}, expiration: { days: 7 }, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }],
    }, p);
    new aws.s3.BucketLogging(\`\${name}-logging\`, { bucket: bucket.id, targetBucket: args.logBucket.id, targetPrefix: \`\${name}/\` }, p);
    new aws.s3.BucketPolicy(\`\${name}-policy\`, {
      bucket: bucket.id,
      policy: aws.iam.getPolicyDocumentOutput({
        statements: [
          {
            sid: "DenyInsecureTransport",
            effect: "Deny",
            actions: ["s3:*"],
            resources: [bucket.arn, pulumi.interpolate\`\${bucket.arn}/*\`],
            principals: [{ type: "*", identifiers: ["*"] }],
            conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
          },
          {
            sid: "WriterOnly",
            actions: ["s3:PutObject"],
            resources: [pulumi.interpolate\`\${bucket.arn}/*\`],
            principals: [{ type: "AWS", identifiers: [role.arn] }],
          },
        ],
      }, p).json,
    }, p);
    new aws.iam.RolePolicy(\`\${name}-writer-policy\`, {
      role: role.id,
      policy: aws.iam.getPolicyDocumentOutput({
        statements: [
          { sid: "Write", actions: ["s3:PutObject"], resources: [pulumi.interpolate\`\${bucket.arn}/*\`] },
          {
            sid: "Key",
            actions: ["kms:GenerateDataKey"],
            resources: [key.arn],
            conditions: [{ test: "StringEquals", variable: "kms:ViaService", values: ["s3.eu-west-1.amazonaws.com"] }],
          },
        ],
      }, p).json,
    }, p);
    this.bucketArn = bucket.arn;
    this.registerOutputs({ bucketArn: this.bucketArn });
  }
}
`;

const NETWORK_TS = `import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

/** Arguments of one network. */
export interface NetworkArgs {
  /** Second octet of the VPC range 10.<octet>.0.0/16. */
  readonly octet: number;
  readonly tags: Record<string, string>;
}

/** A VPC with a public and a compute tier; only the public tier routes to the internet. */
export class Network extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("bench:network:Network", name, {}, opts);
    const p = { parent: this };
    const cidr = \`10.\${args.octet}.0.0/16\`;
    const vpc = new aws.ec2.Vpc(\`\${name}-vpc\`, {
      cidrBlock: cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { ...args.tags, Name: \`\${name}-vpc\` },
    }, p);
    const igw = new aws.ec2.InternetGateway(\`\${name}-igw\`, { vpcId: vpc.id, tags: { ...args.tags, Name: \`\${name}-igw\` } }, p);
    const tiers = ["public", "compute"].map((tier, i) => {
      const subnet = new aws.ec2.Subnet(\`\${name}-\${tier}\`, {
        vpcId: vpc.id,
        cidrBlock: \`10.\${args.octet}.\${i}.0/24\`,
        availabilityZone: "eu-west-1a",
        mapPublicIpOnLaunch: false,
        tags: { ...args.tags, Name: \`\${name}-\${tier}\`, tier },
      }, p);
      const table = new aws.ec2.RouteTable(\`\${name}-\${tier}-rt\`, { vpcId: vpc.id, tags: { ...args.tags, Name: \`\${name}-\${tier}-rt\` } }, p);
      new aws.ec2.RouteTableAssociation(\`\${name}-\${tier}-assoc\`, { subnetId: subnet.id, routeTableId: table.id }, p);
      return table;
    });
    new aws.ec2.Route(\`\${name}-public-default\`, { routeTableId: tiers[0].id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }, p);
    const sg = new aws.ec2.SecurityGroup(\`\${name}-app-sg\`, {
      vpcId: vpc.id, description: "Application tasks", tags: { ...args.tags, Name: \`\${name}-app-sg\` },
    }, p);
    new aws.vpc.SecurityGroupIngressRule(\`\${name}-app-in\`, {
      securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrIpv4: cidr, description: "From the VPC",
    }, p);
    new aws.vpc.SecurityGroupEgressRule(\`\${name}-app-out\`, {
      securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: cidr, description: "HTTPS to endpoints",
    }, p);
    this.vpcId = vpc.id;
    this.registerOutputs({ vpcId: this.vpcId });
  }
}
`;

/** Resources per unit (component included). */
const STORAGE_SIZE = 12;
const NETWORK_SIZE = 13;

/** Writes the program into `dir` (created); returns the number of resources it registers. */
export function writeBenchProgram(dir: string, size: number): number {
  // Five storage units per network, plus the root stack, the default provider and the log bucket
  // with its four side resources.
  const group = 5 * STORAGE_SIZE + NETWORK_SIZE;
  const groups = Math.max(1, Math.round((size - 7) / group));
  const storage = groups * 5;
  const networks = groups;
  fs.mkdirSync(path.join(dir, "components"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    "name: bench\nruntime: nodejs\ndescription: Generated benchmark program.\n",
  );
  fs.writeFileSync(
    path.join(dir, "Pulumi.bench.yaml"),
    "config:\n  aws:region: eu-west-1\n  bench:owner: platform-team\n",
  );
  fs.writeFileSync(path.join(dir, "components", "storage.ts"), STORAGE_TS);
  fs.writeFileSync(path.join(dir, "components", "network.ts"), NETWORK_TS);
  fs.writeFileSync(
    path.join(dir, "index.ts"),
    `import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { Network } from "./components/network";
import { Storage } from "./components/storage";

const tags = { project: "bench", owner: new pulumi.Config().require("owner") };
const logBucket = new aws.s3.Bucket("logs", {
  tags: {
    ...tags,
    Name: "logs",
    "waiver:s3-bucket-logging-enabled": "Access-log target bucket: S3 advises against logging it.",
    "waiver:s3-bucket-sse-kms-cmk": "S3 server access logs support only SSE-S3 on the target bucket.",
  },
});
// The log bucket: private, owner-enforced, TLS only; SSE-S3 because S3 server access logs
// support nothing else on the target bucket (waived, with the reason).
new aws.s3.BucketPublicAccessBlock("logs-pab", {
  bucket: logBucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
});
new aws.s3.BucketOwnershipControls("logs-ownership", { bucket: logBucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
new aws.s3.BucketServerSideEncryptionConfiguration("logs-sse", {
  bucket: logBucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
});
new aws.s3.BucketPolicy("logs-policy", {
  bucket: logBucket.id,
  policy: pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [{
      Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*",
      Resource: [logBucket.arn, pulumi.interpolate\`\${logBucket.arn}/*\`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    }],
  }),
});
const storage: Storage[] = [];
for (let i = 0; i < ${storage}; i++) storage.push(new Storage(\`s\${i}\`, { logBucket, tags }));
const networks: Network[] = [];
for (let i = 0; i < ${networks}; i++) networks.push(new Network(\`n\${i}\`, { octet: i % 250, tags }));

export const buckets = storage.length;
export const vpcIds = networks.slice(0, 3).map((n) => n.vpcId);
`,
  );
  return 7 + storage * STORAGE_SIZE + networks * NETWORK_SIZE;
}
