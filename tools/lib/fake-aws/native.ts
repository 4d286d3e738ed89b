// Outputs of the common @pulumi/aws-native (AWS Cloud Control) resources once created, so a program
// that reads `bucket.arn` or `role.arn` sees AWS-shaped values in the apply phase instead of
// unknowns. The id is each type's Cloud Control primary identifier and the outputs are the
// read-only properties of its schema (pulumi/pulumi-aws-native sdk/nodejs/<module>/<type>.ts;
// the CloudFormation resource reference's "Return values"). Names follow the provider's
// auto-naming, `<logical name>-<7 characters>` (lowercase for buckets). Types not listed here keep
// their inputs and a made-up id, as every package the fake does not model.
import type { Resolved } from "./env";
import { hasUnknown } from "./env";
import { ec2Id } from "./arns";
import { chars, hex, LOWER_ALNUM, publicIp } from "./hash";

interface Ctx {
  readonly inputs: Record<string, any>;
  readonly seed: string;
  readonly env: Resolved;
  /** `<logical>-<7 hex>`, or the name the program gave at `prop`. */
  name(prop: string, lower?: boolean): string;
  arn(service: string, resource: string, global?: boolean): string;
}

type Maker = (c: Ctx) => { id: string; state: Record<string, any> };

const ec2 =
  (prefix: string, idProp: string): Maker =>
  (c) => {
    const id = ec2Id(prefix, c.seed);
    return { id, state: { [idProp]: id } };
  };

const dbInstance: Maker = (c) => {
  const id = c.name("dbInstanceIdentifier", true);
  const address = `${id}.${chars(c.seed, 12, LOWER_ALNUM)}.${c.env.region.code}.rds.amazonaws.com`;
  return {
    id,
    state: {
      dbInstanceIdentifier: id,
      dbInstanceArn: c.arn("rds", `db:${id}`),
      endpoint: { address, port: "5432" },
    },
  };
};

const MAKERS: Record<string, Maker> = {
  "aws-native:s3:Bucket": (c) => {
    const bucketName = c.name("bucketName", true);
    const region = c.env.region.code;
    const suffix = c.env.partition.dnsSuffix;
    return {
      id: bucketName,
      state: {
        bucketName,
        arn: `arn:${c.env.partition.partition}:s3:::${bucketName}`,
        domainName: `${bucketName}.s3.${suffix}`,
        dualStackDomainName: `${bucketName}.s3.dualstack.${region}.${suffix}`,
        regionalDomainName: `${bucketName}.s3.${region}.${suffix}`,
        websiteUrl: `http://${bucketName}.s3-website-${region}.${suffix}`,
      },
    };
  },
  "aws-native:iam:Role": (c) => {
    const roleName = c.name("roleName");
    const arn = c.arn("iam", `role${c.inputs.path ?? "/"}${roleName}`, true);
    return {
      id: roleName,
      state: {
        roleName,
        arn,
        roleId: `AROA${chars(c.seed, 17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`,
      },
    };
  },
  "aws-native:iam:ManagedPolicy": (c) => {
    const name = c.name("managedPolicyName");
    const policyArn = c.arn("iam", `policy${c.inputs.path ?? "/"}${name}`, true);
    return {
      id: policyArn,
      state: {
        policyArn,
        policyId: `ANPA${chars(c.seed, 17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`,
      },
    };
  },
  "aws-native:kms:Key": (c) => {
    const keyId = `${hex(c.seed, 8)}-${hex(c.seed + "1", 4)}-${hex(c.seed + "2", 4)}-${hex(c.seed + "3", 4)}-${hex(c.seed + "4", 12)}`;
    return { id: keyId, state: { keyId, arn: c.arn("kms", `key/${keyId}`) } };
  },
  "aws-native:sqs:Queue": (c) => {
    const queueName = c.name("queueName");
    const queueUrl = `https://sqs.${c.env.region.code}.${c.env.partition.dnsSuffix}/${c.env.accountId}/${queueName}`;
    return { id: queueUrl, state: { queueName, queueUrl, arn: c.arn("sqs", queueName) } };
  },
  "aws-native:sns:Topic": (c) => {
    const topicName = c.name("topicName");
    const topicArn = c.arn("sns", topicName);
    return { id: topicArn, state: { topicName, topicArn } };
  },
  "aws-native:logs:LogGroup": (c) => {
    const logGroupName = c.name("logGroupName");
    return {
      id: logGroupName,
      state: { logGroupName, arn: c.arn("logs", `log-group:${logGroupName}:*`) },
    };
  },
  "aws-native:dynamodb:Table": (c) => {
    const tableName = c.name("tableName");
    return { id: tableName, state: { tableName, arn: c.arn("dynamodb", `table/${tableName}`) } };
  },
  "aws-native:lambda:Function": (c) => {
    const functionName = c.name("functionName");
    return {
      id: functionName,
      state: { functionName, arn: c.arn("lambda", `function:${functionName}`) },
    };
  },
  "aws-native:lambda:Url": (c) => {
    const url = `https://${chars(c.seed, 32, LOWER_ALNUM)}.lambda-url.${c.env.region.code}.on.aws/`;
    return { id: url, state: { functionUrl: url, functionArn: c.inputs.targetFunctionArn } };
  },
  "aws-native:ecr:Repository": (c) => {
    const repositoryName = c.name("repositoryName", true);
    const host = `${c.env.accountId}.dkr.ecr.${c.env.region.code}.${c.env.partition.dnsSuffix}`;
    return {
      id: repositoryName,
      state: {
        repositoryName,
        arn: c.arn("ecr", `repository/${repositoryName}`),
        repositoryUri: `${host}/${repositoryName}`,
      },
    };
  },
  "aws-native:secretsmanager:Secret": (c) => {
    const name = c.name("name");
    const id = c.arn("secretsmanager", `secret:${name}-${chars(c.seed, 6, LOWER_ALNUM)}`);
    return { id, state: { id } };
  },
  "aws-native:ec2:Vpc": (c) => {
    const vpcId = ec2Id("vpc", c.seed);
    return {
      id: vpcId,
      state: {
        vpcId,
        defaultNetworkAcl: ec2Id("acl", c.seed),
        defaultSecurityGroup: ec2Id("sg", c.seed),
        cidrBlockAssociations: [ec2Id("vpc-cidr-assoc", c.seed)],
      },
    };
  },
  "aws-native:ec2:Subnet": ec2("subnet", "subnetId"),
  // AWS::EC2::PrefixList: Ref returns the PrefixListId; its return values are PrefixListId, Arn,
  // OwnerId and Version (sdk/nodejs/ec2/prefixList.ts, getPrefixList: looked up by prefixListId).
  // A new list is at version 1; its ARN's resource part is `prefix-list/<id>` (Service
  // Authorization Reference, Amazon EC2 resource types: prefix-list).
  "aws-native:ec2:PrefixList": (c) => {
    const prefixListId = ec2Id("pl", c.seed);
    return {
      id: prefixListId,
      state: {
        prefixListId,
        arn: c.arn("ec2", `prefix-list/${prefixListId}`),
        ownerId: c.env.accountId,
        version: 1,
      },
    };
  },
  "aws-native:ec2:RouteTable": ec2("rtb", "routeTableId"),
  "aws-native:ec2:InternetGateway": ec2("igw", "internetGatewayId"),
  "aws-native:ec2:NatGateway": ec2("nat", "natGatewayId"),
  "aws-native:ec2:EgressOnlyInternetGateway": ec2("eigw", "id"),
  "aws-native:ec2:SecurityGroup": ec2("sg", "groupId"),
  "aws-native:ec2:SubnetRouteTableAssociation": ec2("rtbassoc", "id"),
  "aws-native:ec2:Volume": ec2("vol", "volumeId"),
  "aws-native:ec2:Instance": (c) => {
    const instanceId = ec2Id("i", c.seed);
    return { id: instanceId, state: { instanceId, privateIp: "10.0.1.10" } };
  },
  "aws-native:ec2:Eip": (c) => {
    const ip = publicIp(c.seed);
    return { id: ip, state: { publicIp: ip, allocationId: ec2Id("eipalloc", c.seed) } };
  },
  "aws-native:ec2:Route": (c) => ({
    id: `${c.inputs.routeTableId}|${c.inputs.destinationCidrBlock ?? c.inputs.destinationIpv6CidrBlock}`,
    state: { cidrBlock: c.inputs.destinationCidrBlock },
  }),
  "aws-native:elasticloadbalancingv2:LoadBalancer": (c) => {
    const name = c.name("name").slice(0, 32);
    const kind = c.inputs.type === "network" ? "net" : "app";
    const loadBalancerArn = c.arn(
      "elasticloadbalancing",
      `loadbalancer/${kind}/${name}/${hex(c.seed, 16)}`,
    );
    const dnsName = `${name}-${chars(c.seed, 10, "0123456789")}.${c.env.region.code}.elb.${c.env.partition.dnsSuffix}`;
    return { id: loadBalancerArn, state: { loadBalancerArn, loadBalancerName: name, dnsName } };
  },
  "aws-native:efs:FileSystem": (c) => {
    const fileSystemId = `fs-${hex(c.seed, 17)}`;
    return {
      id: fileSystemId,
      state: { fileSystemId, arn: c.arn("elasticfilesystem", `file-system/${fileSystemId}`) },
    };
  },
  "aws-native:kinesis:Stream": (c) => {
    const name = c.name("name");
    return { id: name, state: { arn: c.arn("kinesis", `stream/${name}`) } };
  },
  // CloudFormation "Return values": AWS::Backup::BackupVault (Ref the name; BackupVaultArn),
  // AWS::Events::EventBus (Ref the name; Arn), AWS::OpenSearchService::Domain (Ref the name; Arn,
  // DomainArn, DomainEndpoint), AWS::AutoScaling::AutoScalingGroup (Ref the name) and
  // AWS::EKS::Cluster (Ref the name; Arn, Endpoint).
  "aws-native:backup:BackupVault": (c) => {
    const backupVaultName = c.name("backupVaultName");
    return {
      id: backupVaultName,
      state: {
        backupVaultName,
        backupVaultArn: c.arn("backup", `backup-vault:${backupVaultName}`),
      },
    };
  },
  "aws-native:events:EventBus": (c) => {
    const name = c.name("name");
    return { id: name, state: { name, arn: c.arn("events", `event-bus/${name}`) } };
  },
  "aws-native:opensearchservice:Domain": (c) => {
    const domainName = c.name("domainName", true).slice(0, 28);
    const arn = c.arn("es", `domain/${domainName}`);
    const host = `${domainName}-${chars(c.seed, 26, LOWER_ALNUM)}.${c.env.region.code}.es.amazonaws.com`;
    const vpc = c.inputs.vpcOptions !== undefined && c.inputs.vpcOptions !== null;
    return {
      id: domainName,
      state: {
        domainName,
        arn,
        domainArn: arn,
        domainEndpoint: vpc ? `vpc-${host}` : `search-${host}`,
      },
    };
  },
  "aws-native:autoscaling:AutoScalingGroup": (c) => {
    const autoScalingGroupName = c.name("autoScalingGroupName");
    return { id: autoScalingGroupName, state: { autoScalingGroupName } };
  },
  "aws-native:eks:Cluster": (c) => {
    const name = c.name("name");
    const endpoint = `https://${hex(c.seed, 32).toUpperCase()}.gr7.${c.env.region.code}.eks.amazonaws.com`;
    return { id: name, state: { name, arn: c.arn("eks", `cluster/${name}`), endpoint } };
  },
  // sdk/nodejs/ec2/launchTemplate.ts: launchTemplateId (the Cloud Control identifier),
  // defaultVersionNumber and latestVersionNumber (strings; the first version is "1").
  "aws-native:ec2:LaunchTemplate": (c) => {
    const launchTemplateId = ec2Id("lt", c.seed);
    return {
      id: launchTemplateId,
      state: { launchTemplateId, defaultVersionNumber: "1", latestVersionNumber: "1" },
    };
  },
  // sdk/nodejs/ecs/{cluster,taskDefinition,service}.ts: a cluster's name is its id, with its arn;
  // a task definition's id is its taskDefinitionArn (family:revision); a service's serviceArn
  // (service/<cluster>/<name>) and name, its Cloud Control identifier "<serviceArn>|<cluster>".
  "aws-native:ecs:Cluster": (c) => {
    const clusterName = c.name("clusterName");
    return { id: clusterName, state: { clusterName, arn: c.arn("ecs", `cluster/${clusterName}`) } };
  },
  "aws-native:ecs:TaskDefinition": (c) => {
    const taskDefinitionArn = c.arn("ecs", `task-definition/${c.name("family")}:1`);
    return { id: taskDefinitionArn, state: { taskDefinitionArn } };
  },
  "aws-native:ecs:Service": (c) => {
    const name = c.name("serviceName");
    const cluster = typeof c.inputs.cluster === "string" ? c.inputs.cluster : "default";
    const clusterName = cluster.split("/").pop();
    const serviceArn = c.arn("ecs", `service/${clusterName}/${name}`);
    return { id: `${serviceArn}|${cluster}`, state: { name, serviceArn } };
  },
  // sdk/nodejs/eks/nodegroup.ts: arn and awsId ("<cluster>/<node group>", the Cloud Control
  // identifier); the ARN ends in a UUID EKS assigns.
  "aws-native:eks:Nodegroup": (c) => {
    const nodegroupName = c.name("nodegroupName");
    const clusterName = String(c.inputs.clusterName);
    const awsId = `${clusterName}/${nodegroupName}`;
    const uuid = hex(c.seed, 32).replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
    const arn = c.arn("eks", `nodegroup/${awsId}/${uuid}`);
    return { id: awsId, state: { nodegroupName, arn, awsId } };
  },
  // sdk/nodejs/rds/dbInstance.ts registers DbInstance; earlier releases DBInstance.
  "aws-native:rds:DbInstance": dbInstance,
  "aws-native:rds:DBInstance": dbInstance,
};

/** The state of a created aws-native resource of a listed type; undefined for others. */
export function nativeState(
  type: string,
  name: string,
  inputs: Record<string, any>,
  env: Resolved,
): { id: string; state: Record<string, any> } | undefined {
  const make = MAKERS[type];
  if (!make) return undefined;
  const seed = `${type}::${name}`;
  const ctx: Ctx = {
    inputs,
    seed,
    env,
    name: (prop, lower) => {
      const given = inputs[prop];
      if (typeof given === "string") return given;
      const made = `${name}-${chars(seed, 7, LOWER_ALNUM)}`;
      return lower ? made.toLowerCase() : made;
    },
    arn: (service, resource, global) =>
      `arn:${env.partition.partition}:${service}:${global ? "" : env.region.code}:${env.accountId}:${resource}`,
  };
  const made = make(ctx);
  // An id made from an unknown input is unknown (`""`, as resourceState reports it).
  const id = hasUnknown(made.id) ? "" : made.id;
  // What the program set wins, as for every resource.
  return { id, state: { ...made.state, ...inputs } };
}
