// What the views ask of a recorded stack, answered once from the resources and the property
// dependencies the program registered: which top-level component owns a resource and its short
// name there, where a resource sits in the network (VPC, tier, the tier's routes), who may open
// connections to whom (security-group rules), what each KMS key encrypts, and who writes each log
// group. Lists come back in recording order (program order), so every view is deterministic.
import { RecordedResource, Recording } from "../lib/recorder";
import { isUnknown, ResourceIndex } from "../lib/resource-index";
import { Canvas, Shape } from "./canvas";

export const VPC = "aws:ec2/vpc:Vpc";
export const SUBNET = "aws:ec2/subnet:Subnet";
export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const KMS_KEY = "aws:kms/key:Key";
export const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

/** Properties that place a resource in subnets. */
const SUBNET_PROPS = ["subnets", "subnetIds", "subnetId", "networkConfiguration", "subnetMappings"];
/** Properties that attach security groups. */
const SG_PROPS = [
  "securityGroups",
  "securityGroupIds",
  "vpcSecurityGroupIds",
  "networkConfiguration",
];
/** Properties through which a resource names the KMS key that encrypts it. */
const ENCRYPTION_PROPS = new Set([
  "kmsKeyId",
  "kmsKeyArn",
  "encryptionConfigurations",
  "encryptionConfiguration",
  "rootBlockDevice",
  "ebsBlockDevices",
  "encryptionKey",
  "artifactStores",
  "masterUserSecretKmsKeyId",
  "kmsMasterKeyId",
]);

export interface Placement {
  readonly vpc: RecordedResource;
  readonly tier: string;
}

export interface SubnetInfo extends Placement {
  readonly subnet: RecordedResource;
  readonly cidr: string;
}

/** A security-group rule that lets `from` open connections to `to` on `port`. */
export interface SgFlow {
  readonly from: RecordedResource;
  readonly to: RecordedResource;
  readonly port: string;
}

function tagsOf(r: RecordedResource): Record<string, string> {
  const t = r.inputs.tags;
  return t && typeof t === "object" && !Array.isArray(t) ? (t as Record<string, string>) : {};
}

/** The last segment of a type token: `platform:runtime:Runtime` → `Runtime`. */
export function shortType(type: string): string {
  return type.split(":").pop() ?? type;
}

/** A known string input, or undefined (absent or unknown at preview). */
export function knownString(v: unknown): string | undefined {
  return typeof v === "string" && !isUnknown(v) ? v : undefined;
}

function portRange(rule: RecordedResource): string {
  const { fromPort, toPort, ipProtocol } = rule.inputs;
  if (ipProtocol === "-1" || fromPort === undefined) return "all";
  return fromPort === toPort ? `${fromPort}` : `${fromPort}-${toPort}`;
}

export class StackFacts {
  readonly index: ResourceIndex;
  readonly subnets = new Map<string, SubnetInfo>();
  private readonly position = new Map<string, number>();

  constructor(readonly rec: Recording) {
    this.index = new ResourceIndex(rec.resources);
    rec.resources.forEach((r, i) => this.position.set(r.urn, i));
    for (const s of this.index.ofType(SUBNET)) {
      const [vpc] = this.index.referenced(s, "vpcId", VPC);
      if (!vpc) continue;
      const cidr = knownString(s.inputs.cidrBlock) ?? "?";
      this.subnets.set(s.urn, { subnet: s, vpc, tier: tagsOf(s).tier ?? "untagged", cidr });
    }
  }

  /** `list` without duplicates, in recording order. */
  ordered(list: Iterable<RecordedResource>): RecordedResource[] {
    const unique = new Map([...list].map((r) => [r.urn, r]));
    return [...unique.values()].sort(
      (a, b) => (this.position.get(a.urn) ?? 0) - (this.position.get(b.urn) ?? 0),
    );
  }

  ofType(...types: string[]): RecordedResource[] {
    return this.ordered(this.index.ofType(...types));
  }

  referenced(r: RecordedResource, prop?: string, ...types: string[]): RecordedResource[] {
    return this.ordered(this.index.referenced(r, prop, ...types));
  }

  referrers(r: RecordedResource, prop?: string, ...types: string[]): RecordedResource[] {
    return this.ordered(this.index.referrers(r, prop, ...types));
  }

  /** The top-level component (a child of the stack) that a resource belongs to. */
  owner(r: RecordedResource): RecordedResource | undefined {
    return this.index.componentChain(r)[0];
  }

  /** The component chain of a resource for the table: "Runtime › PublicLoadBalancer". */
  chain(r: RecordedResource): string {
    return this.index
      .componentChain(r)
      .map((c) => shortType(c.type))
      .join(" › ");
  }

  /** The resource's name inside its component: `prod-runtime-lb-alb` in `prod-runtime` → `lb-alb`. */
  short(r: RecordedResource): string {
    const owner = this.owner(r);
    const prefix = owner ? `${owner.name}-` : "";
    return prefix && r.name.startsWith(prefix) ? r.name.slice(prefix.length) : r.name;
  }

  // ---- network placement ----

  /** The VPC and tier of the subnets a resource is placed in (a database through its subnet group). */
  placement(r: RecordedResource): Placement | undefined {
    const subnetUrns = SUBNET_PROPS.flatMap((p) => r.propertyDependencies[p] ?? []);
    for (const group of this.referenced(r, "dbSubnetGroupName", "aws:rds/subnetGroup:SubnetGroup"))
      subnetUrns.push(...(group.propertyDependencies.subnetIds ?? []));
    for (const urn of subnetUrns) {
      const s = this.subnets.get(urn);
      if (s) return { vpc: s.vpc, tier: s.tier };
    }
    return undefined;
  }

  /** Tiers of a VPC in the order their subnets were declared, with their subnets. */
  tiers(vpc: RecordedResource): Map<string, SubnetInfo[]> {
    const out = new Map<string, SubnetInfo[]>();
    for (const s of this.subnets.values())
      if (s.vpc.urn === vpc.urn) out.set(s.tier, [...(out.get(s.tier) ?? []), s]);
    return out;
  }

  /** What the route tables of a tier's subnets lead to: "internet route", "NAT egress"… */
  tierRoutes(subnets: readonly SubnetInfo[]): string {
    const kinds = new Set<string>();
    for (const s of subnets) {
      for (const assoc of this.referrers(
        s.subnet,
        "subnetId",
        "aws:ec2/routeTableAssociation:RouteTableAssociation",
      )) {
        for (const rt of this.referenced(assoc, "routeTableId")) {
          for (const route of this.referrers(rt, "routeTableId", "aws:ec2/route:Route")) {
            if (route.propertyDependencies.natGatewayId?.length) kinds.add("NAT egress");
            else if (route.propertyDependencies.vpcPeeringConnectionId?.length)
              kinds.add("peering");
            else if (route.propertyDependencies.gatewayId?.length) kinds.add("internet route");
          }
        }
      }
    }
    const order = ["internet route", "NAT egress", "peering"];
    const found = order.filter((k) => kinds.has(k));
    if (!found.some((k) => k !== "peering")) found.unshift("no internet route");
    return found.join(" · ");
  }

  // ---- security groups ----

  /** Resources that attach a security group. */
  private sgUsers(): Map<string, RecordedResource[]> {
    const users = new Map<string, RecordedResource[]>();
    for (const r of this.rec.resources) {
      for (const p of SG_PROPS) {
        for (const urn of r.propertyDependencies[p] ?? []) {
          if (this.index.byUrn.get(urn)?.type !== SECURITY_GROUP) continue;
          users.set(urn, this.ordered([...(users.get(urn) ?? []), r]));
        }
      }
    }
    return users;
  }

  /** Who may connect to whom: every rule that names another security group, both directions. */
  sgFlows(): SgFlow[] {
    const users = this.sgUsers();
    const out: SgFlow[] = [];
    for (const rule of this.ofType(
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    )) {
      const [own] = this.referenced(rule, "securityGroupId", SECURITY_GROUP);
      const [other] = this.referenced(rule, "referencedSecurityGroupId", SECURITY_GROUP);
      if (!own || !other) continue;
      const [src, dst] = rule.type.includes("Egress") ? [own, other] : [other, own];
      for (const from of users.get(src.urn) ?? [])
        for (const to of users.get(dst.urn) ?? []) out.push({ from, to, port: portRange(rule) });
    }
    return out;
  }

  /** Resources whose security group lets them out to a prefix list (the S3 gateway endpoint). */
  prefixListEgress(): { from: RecordedResource; port: string }[] {
    const users = this.sgUsers();
    return this.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").flatMap(
      (rule) => {
        if (rule.inputs.prefixListId === undefined) return [];
        const [own] = this.referenced(rule, "securityGroupId", SECURITY_GROUP);
        return (own ? (users.get(own.urn) ?? []) : []).map((from) => ({
          from,
          port: portRange(rule),
        }));
      },
    );
  }

  // ---- keys and logs ----

  /** What a KMS key encrypts: resources that name it as their key (a bucket through its SSE settings). */
  encrypts(key: RecordedResource): RecordedResource[] {
    const out: RecordedResource[] = [];
    for (const r of this.index.referrers(key)) {
      const props = Object.entries(r.propertyDependencies)
        .filter(([, urns]) => urns.includes(key.urn))
        .map(([p]) => p);
      if (
        r.type ===
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
      )
        out.push(...this.referenced(r, "bucket"));
      else if (props.some((p) => ENCRYPTION_PROPS.has(p))) out.push(r);
    }
    return this.ordered(out);
  }

  /** Who writes a log group: a flow log, a WAF, ECS services, CodeBuild projects, Redshift, RDS. */
  logWriters(group: RecordedResource): RecordedResource[] {
    const out: RecordedResource[] = [];
    for (const r of this.index.referrers(group)) {
      if (r.type === "aws:ec2/flowLog:FlowLog") out.push(r);
      else if (r.type === "aws:codebuild/project:Project") out.push(r);
      else if (r.type === "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration")
        out.push(...this.referenced(r, "resourceArn"));
      else if (r.type === "aws:ecs/taskDefinition:TaskDefinition")
        out.push(...this.referrers(r, "taskDefinition", "aws:ecs/service:Service"));
    }
    // Services that name their log group by convention, not by reference.
    const name = knownString(group.inputs.name) ?? "";
    for (const ns of this.index.ofType("aws:redshiftserverless/namespace:Namespace")) {
      const n = knownString(ns.inputs.namespaceName);
      if (n && name.startsWith(`/aws/redshift/${n}/`)) out.push(ns);
    }
    for (const c of this.index.ofType("aws:rds/cluster:Cluster")) {
      const id = knownString(c.inputs.clusterIdentifier);
      if (id && name.startsWith(`/aws/rds/cluster/${id}/`)) out.push(c);
    }
    // Container Insights writes /aws/ecs/containerinsights/<cluster>/performance for the cluster
    // (CloudWatch user guide, "Container Insights performance log events for Amazon ECS").
    for (const c of this.index.ofType("aws:ecs/cluster:Cluster")) {
      const n = knownString(c.inputs.name);
      if (n && name === `/aws/ecs/containerinsights/${n}/performance`) out.push(c);
    }
    return this.ordered(out);
  }
}

/** Draws `r` as a node (id from its name), with its row in the table under the diagram. */
export function putResource(
  c: Canvas,
  f: StackFacts,
  r: RecordedResource,
  label: string,
  shape: Shape,
  box: string | undefined,
  details = "",
): string {
  return c.node({
    key: r.urn,
    name: r.name,
    label,
    shape,
    box,
    detail: { component: f.chain(r), resources: r.name, details },
  });
}

/** The box of `r`'s top-level component inside `parent` (`where` keeps boxes per place apart). */
export function componentBox(
  c: Canvas,
  f: StackFacts,
  r: RecordedResource,
  parent?: string,
  where = "",
): string | undefined {
  const owner = f.owner(r);
  if (!owner) return parent;
  return c.box({
    key: `component:${where}|${owner.urn}`,
    name: `${where ? `${where}_` : ""}${owner.name}`,
    label: shortType(owner.type),
    style: "component",
    parent,
  });
}
