// Mock AWS: deterministic ids, ARNs and invoke results for the mock runtime. At preview a resource
// being created reports its inputs and leaves its computed id and ARN unknown, as the engine does;
// in an `up`-style run it gets realistic ones (a bucket's id is its name, ARNs have AWS's shapes).
import { createHash } from "crypto";
import type { MockCallArgs, MockResourceArgs } from "@pulumi/pulumi/runtime";

export interface MockEnv {
  readonly accountId: string;
  readonly region: string;
  /** AZ suffixes the region offers, e.g. ["a", "b", "c"]. */
  readonly azNames: string[];
}

import { UNKNOWN } from "./engine/wire";

function hex(seed: string, n: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, n);
}

/** EC2-style id prefixes by type token. */
const ID_PREFIX: Record<string, string> = {
  "aws:ec2/vpc:Vpc": "vpc",
  "aws:ec2/subnet:Subnet": "subnet",
  "aws:ec2/routeTable:RouteTable": "rtb",
  "aws:ec2/internetGateway:InternetGateway": "igw",
  "aws:ec2/natGateway:NatGateway": "nat",
  "aws:ec2/securityGroup:SecurityGroup": "sg",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
  "aws:ec2/networkAcl:NetworkAcl": "acl",
  "aws:ec2/eip:Eip": "eipalloc",
  "aws:ec2/flowLog:FlowLog": "fl",
  "aws:ec2/instance:Instance": "i",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg",
  "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": "pcx",
  "aws:ec2/launchTemplate:LaunchTemplate": "lt",
  "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint": "eice",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr",
};

/** Physical name: the explicit one if given, else Pulumi's auto-name (logical name + suffix). */
function physicalName(args: MockResourceArgs, ...keys: string[]): string {
  for (const k of keys) {
    const v = args.inputs?.[k];
    if (typeof v === "string" && v) return v;
  }
  const prefix = args.inputs?.namePrefix ?? args.inputs?.bucketPrefix;
  return `${typeof prefix === "string" ? prefix : args.name + "-"}${hex(args.name, 7)}`;
}

function service(type: string): string {
  return type.split(":")[1]?.split("/")[0] ?? "unknown";
}

function computed(
  args: MockResourceArgs,
  env: MockEnv,
): { id: string; state: Record<string, any> } {
  const { type } = args;
  const acct = env.accountId;
  const region = args.inputs?.region ?? env.region;
  const prefix = ID_PREFIX[type];
  if (prefix) {
    const id = `${prefix}-${hex(args.name + type, 17)}`;
    const state: Record<string, any> = { arn: `arn:aws:ec2:${region}:${acct}:${prefix}/${id}` };
    if (type === "aws:ec2/instance:Instance") {
      // A private address in 10.0.0.0/8 and, when asked for, a public one (TEST-NET-3).
      const b = Buffer.from(hex(args.name, 6), "hex");
      state.arn = `arn:aws:ec2:${region}:${acct}:instance/${id}`;
      state.privateIp = `10.${b[0]}.${b[1]}.${(b[2] % 250) + 4}`;
      if (args.inputs?.associatePublicIpAddress === true) {
        state.publicIp = `203.0.113.${(b[2] % 250) + 1}`;
      }
    }
    if (type === "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint") {
      state.arn = `arn:aws:ec2:${region}:${acct}:instance-connect-endpoint/${id}`;
      state.dnsName = `${id}.ec2-instance-connect-endpoint.${region}.amazonaws.com`;
    }
    return { id, state };
  }
  if (type === "aws:s3/bucket:Bucket" || type === "aws:s3/bucketV2:BucketV2") {
    const bucket = physicalName(args, "bucket");
    return {
      id: bucket,
      state: {
        bucket,
        arn: `arn:aws:s3:::${bucket}`,
        bucketDomainName: `${bucket}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
      },
    };
  }
  if (type.startsWith("aws:iam/")) {
    const kind = type.split(":")[2]?.toLowerCase() ?? "resource";
    const name = physicalName(args, "name");
    const path = typeof args.inputs?.path === "string" ? args.inputs.path : "/";
    const iamKind = kind === "instanceprofile" ? "instance-profile" : kind;
    return {
      id: name,
      state: {
        name,
        arn: `arn:aws:iam::${acct}:${iamKind}${path}${name}`,
        uniqueId: hex(name, 21),
      },
    };
  }
  if (type === "aws:kms/key:Key") {
    const id = `${hex(args.name, 8)}-${hex(args.name + "1", 4)}-${hex(args.name + "2", 4)}-${hex(args.name + "3", 4)}-${hex(args.name + "4", 12)}`;
    return { id, state: { keyId: id, arn: `arn:aws:kms:${region}:${acct}:key/${id}` } };
  }
  if (type === "aws:kms/alias:Alias") {
    const name = physicalName(args, "name");
    return { id: name, state: { arn: `arn:aws:kms:${region}:${acct}:${name}` } };
  }
  if (type === "aws:cloudwatch/logGroup:LogGroup") {
    const name = physicalName(args, "name");
    return { id: name, state: { name, arn: `arn:aws:logs:${region}:${acct}:log-group:${name}` } };
  }
  if (type === "aws:ecr/repository:Repository") {
    const name = physicalName(args, "name");
    return {
      id: name,
      state: {
        name,
        arn: `arn:aws:ecr:${region}:${acct}:repository/${name}`,
        repositoryUrl: `${acct}.dkr.ecr.${region}.amazonaws.com/${name}`,
        registryId: acct,
      },
    };
  }
  if (type === "aws:cloudfront/distribution:Distribution") {
    // CloudFront is global: its ARNs have no region; ids are 14 upper-case characters.
    const id = `E${hex(args.name, 13).toUpperCase()}`;
    return {
      id,
      state: {
        arn: `arn:aws:cloudfront::${acct}:distribution/${id}`,
        domainName: `d${hex(args.name + "dn", 13)}.cloudfront.net`,
        hostedZoneId: "Z2FDTNDATAQYW2",
      },
    };
  }
  if (type === "aws:redshiftserverless/workgroup:Workgroup") {
    const name = physicalName(args, "workgroupName");
    return {
      id: name,
      state: {
        workgroupName: name,
        arn: `arn:aws:redshift-serverless:${region}:${acct}:workgroup/${hex(name, 8)}-${hex(name + "1", 4)}-${hex(name + "2", 4)}-${hex(name + "3", 4)}-${hex(name + "4", 12)}`,
        endpoints: [
          { address: `${name}.${acct}.${region}.redshift-serverless.amazonaws.com`, port: 5439 },
        ],
      },
    };
  }
  if (type === "aws:redshiftserverless/namespace:Namespace") {
    const name = physicalName(args, "namespaceName");
    return {
      id: name,
      state: {
        namespaceName: name,
        arn: `arn:aws:redshift-serverless:${region}:${acct}:namespace/${hex(name, 8)}-${hex(name + "1", 4)}-${hex(name + "2", 4)}-${hex(name + "3", 4)}-${hex(name + "4", 12)}`,
        adminPasswordSecretArn: `arn:aws:secretsmanager:${region}:${acct}:secret:redshift!${name}-admin-${hex(name, 6)}`,
      },
    };
  }
  if (type === "aws:rds/cluster:Cluster") {
    // RDS: the cluster's id is its identifier; ARNs use ":" (arn:aws:rds:<region>:<acct>:cluster:<id>);
    // endpoints are <id>.cluster[-ro]-<random>.<region>.rds.amazonaws.com; a managed master password
    // lives in a secret named rds!cluster-<uuid>.
    const id = physicalName(args, "clusterIdentifier");
    const suffix = hex(id, 12);
    const state: Record<string, any> = {
      clusterIdentifier: id,
      arn: `arn:aws:rds:${region}:${acct}:cluster:${id}`,
      clusterResourceId: `cluster-${hex(id, 26).toUpperCase()}`,
      endpoint: `${id}.cluster-${suffix}.${region}.rds.amazonaws.com`,
      readerEndpoint: `${id}.cluster-ro-${suffix}.${region}.rds.amazonaws.com`,
      engineVersion: args.inputs?.engineVersion,
    };
    if (args.inputs?.manageMasterUserPassword === true) {
      state.masterUserSecrets = [
        {
          secretArn: `arn:aws:secretsmanager:${region}:${acct}:secret:rds!cluster-${hex(id, 8)}-${hex(id + "1", 4)}-${hex(id + "2", 4)}-${hex(id + "3", 4)}-${hex(id + "4", 12)}-${hex(id + "s", 6)}`,
          kmsKeyId: args.inputs?.masterUserSecretKmsKeyId,
          secretStatus: "active",
        },
      ];
    }
    return { id, state };
  }
  if (type === "aws:rds/clusterInstance:ClusterInstance") {
    const id = physicalName(args, "identifier");
    return { id, state: { identifier: id, arn: `arn:aws:rds:${region}:${acct}:db:${id}` } };
  }
  if (type === "aws:backup/vault:Vault") {
    const name = physicalName(args, "name");
    return {
      id: name,
      state: { name, arn: `arn:aws:backup:${region}:${acct}:backup-vault:${name}` },
    };
  }
  if (type === "aws:backup/plan:Plan") {
    const id = `${hex(args.name, 8)}-${hex(args.name + "1", 4)}-${hex(args.name + "2", 4)}-${hex(args.name + "3", 4)}-${hex(args.name + "4", 12)}`;
    return { id, state: { arn: `arn:aws:backup:${region}:${acct}:backup-plan:${id}` } };
  }
  const name = physicalName(args, "name");
  const kind = (type.split(":")[2] ?? "resource").toLowerCase();
  return { id: name, state: { arn: `arn:aws:${service(type)}:${region}:${acct}:${kind}/${name}` } };
}

/** `newResource` for the mock monitor. */
export function mockState(
  args: MockResourceArgs,
  env: MockEnv,
  preview: boolean,
): { id: string | undefined; state: Record<string, any> } {
  const inputs = args.inputs ?? {};
  if (!args.custom) return { id: undefined, state: inputs };
  if (preview && !args.id) {
    // Being created: the engine knows the inputs, not the id or the ARN.
    return { id: undefined, state: { ...inputs, arn: inputs.arn ?? UNKNOWN } };
  }
  const c = computed(args, env);
  return { id: args.id || c.id, state: { ...inputs, ...c.state } };
}

/** GetPolicyDocument as AWS's provider renders it (Version first, statements in order). */
function policyDocument(inputs: any): { json: string; minifiedJson: string; id: string } {
  const statements = (inputs.statements ?? []).map((s: any) => {
    const out: Record<string, unknown> = {};
    if (s.sid) out.Sid = s.sid;
    out.Effect = s.effect ?? "Allow";
    const one = (v: string[]) => (v.length === 1 ? v[0] : v);
    const principals = (ps: any[]) => {
      const p: Record<string, unknown> = {};
      for (const pr of ps) {
        if (pr.type === "*" && pr.identifiers?.[0] === "*") return "*";
        p[pr.type] = one(pr.identifiers);
      }
      return p;
    };
    if (s.principals?.length) out.Principal = principals(s.principals);
    if (s.notPrincipals?.length) out.NotPrincipal = principals(s.notPrincipals);
    if (s.actions?.length) out.Action = one(s.actions);
    if (s.notActions?.length) out.NotAction = one(s.notActions);
    if (s.resources?.length) out.Resource = one(s.resources);
    if (s.notResources?.length) out.NotResource = one(s.notResources);
    if (s.conditions?.length) {
      const cond: Record<string, Record<string, unknown>> = {};
      for (const c of s.conditions) {
        cond[c.test] ??= {};
        cond[c.test][c.variable] = one(c.values);
      }
      out.Condition = cond;
    }
    return out;
  });
  const doc = { Version: inputs.version ?? "2012-10-17", Statement: statements };
  const json = JSON.stringify(doc, null, 2);
  return { json, minifiedJson: JSON.stringify(doc), id: hex(json, 10) };
}

/** Invokes the program may make; an unknown token fails loudly instead of returning nothing. */
export function mockCall(args: MockCallArgs, env: MockEnv): Record<string, any> {
  const region = args.inputs?.region ?? env.region;
  switch (args.token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        accountId: env.accountId,
        arn: `arn:aws:iam::${env.accountId}:user/offline`,
        userId: "AIDAOFFLINE",
        id: env.accountId,
      };
    case "aws:index/getRegion:getRegion":
      return { region, name: region, id: region, endpoint: `ec2.${region}.amazonaws.com` };
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
    case "aws:index/getAvailabilityZones:getAvailabilityZones":
      return {
        names: env.azNames.map((s) => `${region}${s}`),
        zoneIds: env.azNames.map((_, i) => `${region.slice(0, 3)}-az${i + 1}`),
        id: region,
      };
    case "aws:iam/getPolicyDocument:getPolicyDocument":
      return policyDocument(args.inputs);
    case "aws:ec2/getPrefixList:getPrefixList":
    case "aws:ec2/getManagedPrefixList:getManagedPrefixList":
      return {
        id: `pl-${hex(String(args.inputs?.name ?? "pl"), 8)}`,
        name: args.inputs?.name ?? `com.amazonaws.${region}.s3`,
        cidrBlocks: ["52.218.0.0/17"],
      };
    case "aws:ssm/getParameter:getParameter":
      return {
        id: args.inputs?.name,
        name: args.inputs?.name,
        type: "String",
        value: "ami-0123456789abcdef0",
        insecureValue: "ami-0123456789abcdef0",
        arn: `arn:aws:ssm:${region}:${env.accountId}:parameter${args.inputs?.name}`,
        version: 1,
      };
    case "aws:elb/getServiceAccount:getServiceAccount":
      // The regional Elastic Load Balancing account (eu-west-1's, for a realistic shape).
      return { id: "156460612806", arn: "arn:aws:iam::156460612806:root" };
    default:
      throw new Error(`Mock not implemented: ${args.token}`);
  }
}
