// The network view: each VPC with its tiers (subnets grouped by their `tier` tag, titled with what
// their routes lead to), the workloads placed in each tier (load balancer, tasks, hosts, the
// Instance Connect endpoint of the tunnel, interface endpoints, databases, NAT), each labelled with
// the component that owns it, the S3 gateway endpoint, what stands outside (Internet, WAF,
// CloudFront) and the flows between them with their ports: listeners, target groups and every
// security-group rule that names another group. Components are named in the labels, not drawn as
// boxes inside the tiers: Mermaid draws the title of a box over a box nested at its top.
import { RecordedResource } from "../lib/recorder";
import { endpointService } from "../lib/resource-index";
import { Canvas } from "./canvas";
import {
  BUCKET_TYPES,
  componentBox,
  knownString,
  Placement,
  putResource,
  shortType,
  StackFacts,
  SUBNET,
  VPC,
} from "./facts";

/** Workload types drawn inside the tiers, with their label. */
const WORKLOADS: Readonly<Record<string, (r: RecordedResource, f: StackFacts) => string>> = {
  "aws:lb/loadBalancer:LoadBalancer": (r) => (r.inputs.internal === true ? "internal ALB" : "ALB"),
  "aws:ecs/service:Service": (r) => `ECS tasks ×${r.inputs.desiredCount ?? "?"}`,
  "aws:ec2/instance:Instance": (r, f) => `EC2 ${f.short(r)}`,
  "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint": () =>
    "Instance Connect<br/>endpoint",
  "aws:redshiftserverless/workgroup:Workgroup": () => "Redshift Serverless",
  "aws:rds/cluster:Cluster": (r) => `RDS ${knownString(r.inputs.engine) ?? "cluster"}`,
  "aws:ec2/natGateway:NatGateway": () => "NAT gateway",
};

const TIER_ORDER = ["public", "compute", "data"];

/** Workloads that open connections to the internet when their subnets route through a NAT. */
const EGRESS_TYPES = ["aws:ec2/instance:Instance", "aws:ecs/service:Service"];

function details(r: RecordedResource, f: StackFacts): string {
  const i = r.inputs;
  switch (r.type) {
    case "aws:ecs/service:Service": {
      const [td] = f.referenced(r, "taskDefinition", "aws:ecs/taskDefinition:TaskDefinition");
      return `Fargate, ${i.desiredCount ?? "?"} tasks of ${td?.inputs.cpu ?? "?"} CPU units / ${td?.inputs.memory ?? "?"} MiB`;
    }
    case "aws:ec2/instance:Instance":
      return `${i.instanceType ?? "?"}, public IP: ${i.associatePublicIpAddress === true ? "yes" : "no"}`;
    case "aws:lb/loadBalancer:LoadBalancer": {
      const listeners = f.referrers(r, "loadBalancerArn", "aws:lb/listener:Listener");
      return `listeners ${listeners.map((l) => `${l.inputs.protocol ?? "?"} ${l.inputs.port ?? "?"}`).join(", ")}`;
    }
    case "aws:redshiftserverless/workgroup:Workgroup":
      return `base capacity ${i.baseCapacity ?? "?"} RPU, publicly accessible: ${i.publiclyAccessible === true ? "yes" : "no"}`;
    default:
      return "";
  }
}

/** `["a", "b", "c"]` → `["a · b", "c"]`: short lines for a narrow node. */
function pairs(items: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < items.length; i += 2) out.push(items.slice(i, i + 2).join(" · "));
  return out;
}

/** IPv4 CIDR containment, for telling addresses inside a VPC from outside ones. */
function cidrContains(outer: string, inner: string): boolean {
  const parse = (c: string) => {
    const [ip, bits] = c.split("/");
    const n = ip.split(".").reduce((a, o) => a * 256 + Number(o), 0);
    return { n, bits: Number(bits) };
  };
  const o = parse(outer);
  const x = parse(inner);
  if (!(x.bits >= o.bits)) return false;
  const size = 2 ** (32 - o.bits);
  return Math.floor(x.n / size) === Math.floor(o.n / size);
}

export function networkView(f: StackFacts): Canvas {
  const c = new Canvas("TB");
  const circle = (key: string) => c.node({ key, name: key, label: "Internet", shape: "circle" });
  const internet = () => circle("internet");
  const vpcs = f.ofType(VPC);
  const vpcCidrs = vpcs.flatMap((v) => knownString(v.inputs.cidrBlock) ?? []);
  const vpcBox = (vpc: RecordedResource) =>
    c.box({
      key: `vpc:${vpc.urn}`,
      name: vpc.name,
      label: `VPC ${knownString(vpc.inputs.cidrBlock) ?? vpc.name}`,
      style: "vpc",
      detail: { component: f.chain(vpc), resources: vpc.name, details: "" },
    });

  // ---- VPCs and their tiers ----
  const tierBox = new Map<string, string>(); // `${vpc}|${tier}` → box id
  for (const vpc of vpcs) {
    const parent = vpcBox(vpc);
    const tiers = f.tiers(vpc);
    const names = [...tiers.keys()].sort(
      (a, b) =>
        (TIER_ORDER.indexOf(a) + 1 || 99) - (TIER_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b),
    );
    for (const tier of names) {
      const subnets = tiers.get(tier)!;
      const routes = f.tierRoutes(subnets);
      const count = `${subnets.length} subnet${subnets.length === 1 ? "" : "s"}`;
      const id = c.box({
        key: `tier:${vpc.urn}|${tier}`,
        name: `${vpc.name}_${tier}`,
        label: `${tier} · ${routes}`,
        style: "tier",
        parent,
        detail: {
          component: f.chain(subnets[0].subnet),
          resources: subnets.map((s) => s.subnet.name).join(", "),
          details: `${count}: ${subnets.map((s) => s.cidr).join(", ")}`,
        },
      });
      tierBox.set(`${vpc.urn}|${tier}`, id);
    }
  }
  const inTier = (at: Placement) => tierBox.get(`${at.vpc.urn}|${at.tier}`);
  /** A label with the owning component on a second line, in italics. */
  const owned = (r: RecordedResource, what: string) => {
    const owner = f.owner(r);
    return owner ? `${what}<br/><i>${shortType(owner.type)}</i>` : what;
  };

  // ---- workloads in the tiers ----
  const endpointNode = new Map<string, string>(); // interface endpoint URN → aggregated node
  for (const r of f.rec.resources) {
    const label = WORKLOADS[r.type];
    const at = f.placement(r);
    if (label && at) putResource(c, f, r, owned(r, label(r, f)), "box", inTier(at), details(r, f));
  }
  for (const vpc of vpcs) {
    const interfaces = f
      .referrers(vpc, "vpcId", "aws:ec2/vpcEndpoint:VpcEndpoint")
      .filter((e) => e.inputs.vpcEndpointType === "Interface");
    const at = interfaces.map((e) => f.placement(e)).find((p) => p);
    if (interfaces.length === 0 || !at) continue;
    const azs = Math.max(...interfaces.map((e) => (e.propertyDependencies.subnetIds ?? []).length));
    const id = c.node({
      key: `endpoints:${vpc.urn}`,
      name: `${vpc.name}_endpoints`,
      label: owned(
        interfaces[0],
        `interface endpoints<br/>${pairs(interfaces.map(endpointService)).join("<br/>")}`,
      ),
      shape: "box",
      box: inTier(at),
      detail: {
        component: f.chain(interfaces[0]),
        resources: interfaces.map((e) => e.name).join(", "),
        details: `in ${azs} AZ${azs === 1 ? "" : "s"}`,
      },
    });
    for (const e of interfaces) endpointNode.set(e.urn, id);
  }
  const s3Gateway = new Map<string, string>(); // VPC URN → S3 gateway endpoint node
  for (const e of f.ofType("aws:ec2/vpcEndpoint:VpcEndpoint")) {
    const [vpc] = f.referenced(e, "vpcId", VPC);
    if (!vpc || e.inputs.vpcEndpointType === "Interface") continue;
    const service = endpointService(e);
    const tables = (e.propertyDependencies.routeTableIds ?? []).length;
    const label = owned(e, `${service.toUpperCase()} gateway endpoint`);
    const id = putResource(c, f, e, label, "box", vpcBox(vpc), `in ${tables} route tables`);
    if (service === "s3") s3Gateway.set(vpc.urn, id);
  }
  const nodeOf = (r: RecordedResource) => c.nodeId(r.urn) ?? endpointNode.get(r.urn);

  // ---- entry points ----
  for (const lb of f.ofType("aws:lb/loadBalancer:LoadBalancer")) {
    const listeners = f.referrers(lb, "loadBalancerArn", "aws:lb/listener:Listener");
    const ports = listeners.map((l) => `${l.inputs.port ?? "?"}`).join(" · ");
    const acls = f
      .referrers(lb, "resourceArn", "aws:wafv2/webAclAssociation:WebAclAssociation")
      .flatMap((a) => f.referenced(a, "webAclArn", "aws:wafv2/webAcl:WebAcl"));
    if (lb.inputs.internal !== true) {
      if (acls.length === 0) c.edge(internet(), nodeOf(lb), "flow", ports);
      for (const acl of acls) {
        const rules = Array.isArray(acl.inputs.rules) ? acl.inputs.rules.length : "?";
        const id = putResource(
          c,
          f,
          acl,
          "WAF",
          "hex",
          componentBox(c, f, acl, undefined, "outside"),
          `${rules} rules`,
        );
        c.edge(internet(), id, "flow", ports);
        c.edge(id, nodeOf(lb), "flow");
      }
    }
    for (const l of listeners)
      for (const tg of f.referenced(l, "defaultActions", "aws:lb/targetGroup:TargetGroup"))
        for (const svc of f.referrers(tg, "loadBalancers", "aws:ecs/service:Service"))
          c.edge(nodeOf(lb), nodeOf(svc), "flow", `${tg.inputs.port ?? "?"}`);
  }
  for (const d of f.ofType("aws:cloudfront/distribution:Distribution")) {
    const box = componentBox(c, f, d);
    const id = putResource(c, f, d, "CloudFront", "box", box, "HTTPS only");
    c.edge(internet(), id, "flow", "443");
    for (const b of f.referenced(d, "origins", ...BUCKET_TYPES)) {
      const origin = putResource(c, f, b, `S3 ${f.short(b)}`, "store", box, "origin, private");
      c.edge(id, origin, "flow", "origin");
    }
  }
  // People reach hosts through an Instance Connect endpoint their IAM policy names: the tunnel.
  for (const eice of f.ofType(
    "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint",
  )) {
    const policies = f.referrers(eice, "policy", "aws:iam/policy:Policy");
    if (policies.length === 0) continue;
    const people = c.node({
      key: "people",
      name: "people",
      label: "people with<br/>an IAM policy",
      shape: "round",
    });
    c.edge(
      people,
      nodeOf(eice),
      "flow",
      `SSH tunnel (${policies.map((p) => f.short(p)).join(", ")})`,
    );
  }
  // Hosts open to addresses outside every VPC (a bastion's allowed CIDRs).
  for (const rule of f.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")) {
    const cidr = knownString(rule.inputs.cidrIpv4);
    if (!cidr || vpcCidrs.some((v) => cidrContains(v, cidr))) continue;
    const [sg] = f.referenced(rule, "securityGroupId");
    const hosts = sg ? f.referrers(sg, "vpcSecurityGroupIds", "aws:ec2/instance:Instance") : [];
    for (const host of hosts) {
      const from =
        cidr === "0.0.0.0/0"
          ? internet()
          : c.node({ key: `cidr:${cidr}`, name: cidr, label: cidr, shape: "round" });
      c.edge(from, nodeOf(host), "flow", `${rule.inputs.fromPort}`);
    }
  }

  // ---- flows inside: security-group rules, S3 through the gateway endpoint, NAT egress ----
  for (const flow of f.sgFlows()) {
    const [a, b] = [f.placement(flow.from), f.placement(flow.to)];
    const across = a && b && a.vpc.urn !== b.vpc.urn;
    c.edge(nodeOf(flow.from), nodeOf(flow.to), "flow", across ? `${flow.port} peering` : flow.port);
  }
  for (const { from, port } of f.prefixListEgress()) {
    const vpc = f.placement(from)?.vpc ?? f.referenced(from, "vpcId", VPC)[0];
    if (vpc) c.edge(nodeOf(from), s3Gateway.get(vpc.urn), "flow", port);
  }
  for (const nat of f.ofType("aws:ec2/natGateway:NatGateway")) {
    const subnets = new Set(
      f
        .referrers(nat, "natGatewayId", "aws:ec2/route:Route")
        .flatMap((route) => f.referenced(route, "routeTableId"))
        .flatMap((rt) => f.referrers(rt, "routeTableId"))
        .flatMap((assoc) => f.referenced(assoc, "subnetId", SUBNET))
        .map((s) => s.urn),
    );
    for (const r of f.rec.resources) {
      const placed = Object.values(r.propertyDependencies).flat();
      if (EGRESS_TYPES.includes(r.type) && placed.some((u) => subnets.has(u)))
        c.edge(nodeOf(r), nodeOf(nat), "flow", "egress");
    }
    c.edge(nodeOf(nat), circle("internet-egress"), "flow");
  }
  return c;
}
