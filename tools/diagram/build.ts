// Builds a Mermaid flowchart of one recorded stack: the components (nested by parent chain), the
// network tiers (subnets grouped by their `tier` tag, with what is placed in them) and the data
// flows the resources imply (load balancer → target group → service, task role → buckets,
// producers → buckets, security-group rules between workloads, log delivery, WAF, Redshift COPY
// role, CloudFront origins, the delivery pipeline). Everything comes from the recording: inputs
// known at preview and the property dependencies the program registered.
import { RecordedResource, Recording } from "../lib/recorder";
import { isUnknown, ResourceIndex } from "../lib/resource-index";
import { bucketsOfRole, endpointService, taskRoles } from "../cost/rules";

interface Kind {
  readonly label: string;
  readonly shape: "box" | "db" | "hex" | "round";
}

/** Resource types drawn as nodes; the rest (settings, rules, IAM) show up as edges or not at all. */
const NODE_KINDS: Readonly<Record<string, Kind>> = {
  "aws:lb/loadBalancer:LoadBalancer": { label: "Load balancer", shape: "box" },
  "aws:ecs/service:Service": { label: "ECS service (Fargate)", shape: "box" },
  "aws:ecr/repository:Repository": { label: "ECR repository", shape: "db" },
  "aws:s3/bucket:Bucket": { label: "S3 bucket", shape: "db" },
  "aws:s3/bucketV2:BucketV2": { label: "S3 bucket", shape: "db" },
  "aws:kms/key:Key": { label: "KMS key", shape: "round" },
  "aws:cloudwatch/logGroup:LogGroup": { label: "Log group", shape: "db" },
  "aws:wafv2/webAcl:WebAcl": { label: "WAF web ACL", shape: "hex" },
  "aws:ec2/flowLog:FlowLog": { label: "VPC flow log", shape: "box" },
  "aws:redshiftserverless/workgroup:Workgroup": {
    label: "Redshift Serverless workgroup",
    shape: "box",
  },
  "aws:redshiftserverless/namespace:Namespace": { label: "Redshift namespace", shape: "db" },
  "aws:ec2/instance:Instance": { label: "EC2 instance", shape: "box" },
  "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint": {
    label: "EC2 Instance Connect Endpoint",
    shape: "box",
  },
  "aws:cloudfront/distribution:Distribution": { label: "CloudFront distribution", shape: "box" },
  "aws:codepipeline/pipeline:Pipeline": { label: "CodePipeline", shape: "box" },
  "aws:codebuild/project:Project": { label: "CodeBuild project", shape: "box" },
  "aws:codecommit/repository:Repository": { label: "CodeCommit repository", shape: "db" },
  "aws:codeconnections/connection:Connection": { label: "CodeConnections (GitHub)", shape: "box" },
  "aws:codestarconnections/connection:Connection": { label: "CodeStar connection", shape: "box" },
  "aws:ec2/natGateway:NatGateway": { label: "NAT gateway", shape: "box" },
  "aws:ec2/vpcEndpoint:VpcEndpoint": { label: "VPC endpoint", shape: "box" },
  "aws:rds/cluster:Cluster": { label: "Aurora cluster", shape: "db" },
  "aws:backup/vault:Vault": { label: "Backup vault", shape: "db" },
  "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": { label: "VPC peering", shape: "box" },
};

/** Properties that place a resource in subnets. */
const SUBNET_PROPS = [
  "subnets",
  "subnetIds",
  "subnetId",
  "networkConfiguration",
  "subnetMappings",
  "vpcConfig",
];
/** Properties through which a resource runs as (or hands out) an IAM role. */
const ROLE_USER_PROPS = [
  "iamRoles",
  "defaultIamRoleArn",
  "serviceRole",
  "roleArn",
  "iamRoleArn",
  "taskRoleArn",
  "executionRoleArn",
  "role",
];
/** Properties that attach security groups. */
const SG_PROPS = [
  "securityGroups",
  "securityGroupIds",
  "vpcSecurityGroupIds",
  "networkConfiguration",
  "vpcConfig",
];

interface Node {
  readonly id: string;
  readonly label: string;
  readonly shape: Kind["shape"];
  /** Component URN the node belongs to (undefined: top level). */
  readonly component?: string;
  /** `<vpc urn>|<tier>` when placed in subnets of a tier. */
  tier?: string;
  /** The resources this node stands for (interface endpoints collapse into one). */
  readonly urns: string[];
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly dotted: boolean;
}

export interface Diagram {
  readonly stack: string;
  readonly mermaid: string;
  /** Component URNs drawn (each as a subgraph). */
  readonly components: string[];
  readonly nodes: number;
  readonly edges: number;
}

function sanitize(text: string): string {
  return text.replace(/[^A-Za-z0-9_]/g, "_");
}

function quote(text: string): string {
  return `"${text.replace(/"/g, "#quot;")}"`;
}

function shaped(id: string, label: string, shape: Kind["shape"]): string {
  const q = quote(label);
  switch (shape) {
    case "db":
      return `${id}[(${q})]`;
    case "hex":
      return `${id}{{${q}}}`;
    case "round":
      return `${id}(${q})`;
    default:
      return `${id}[${q}]`;
  }
}

function tagsOf(r: RecordedResource): Record<string, string> {
  const t = r.inputs.tags;
  return t && typeof t === "object" && !Array.isArray(t) ? (t as Record<string, string>) : {};
}

function shortType(type: string): string {
  return type.split(":").pop() ?? type;
}

/** Principal that may assume a role, from its trust policy when known at preview. */
function trustedBy(role: RecordedResource): string {
  const text = role.inputs.assumeRolePolicy;
  if (typeof text !== "string" || isUnknown(text)) return "its trusted principal";
  try {
    const doc = JSON.parse(text);
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    const names: string[] = [];
    for (const s of statements) {
      const p = s?.Principal ?? {};
      for (const v of [p.Service, p.AWS, p.Federated].flat())
        if (typeof v === "string") names.push(v);
    }
    return names.length ? names.join(", ") : "its trusted principal";
  } catch {
    return "its trusted principal";
  }
}

export function buildDiagram(rec: Recording): Diagram {
  const index = new ResourceIndex(rec.resources);
  const nodes = new Map<string, Node>(); // id → node
  const nodeOf = new Map<string, string>(); // resource urn → node id
  const edges: Edge[] = [];
  const edgeKeys = new Set<string>();
  const addEdge = (
    from: string | undefined,
    to: string | undefined,
    label: string,
    dotted = false,
  ) => {
    if (!from || !to || from === to) return;
    const key = `${from}>${to}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push({ from, to, label, dotted });
  };
  const nodeFor = (r: RecordedResource | undefined) => (r ? nodeOf.get(r.urn) : undefined);

  // ---- subnets and tiers ----
  const subnetTier = new Map<string, { vpc: string; tier: string; cidr: string }>();
  for (const s of index.ofType("aws:ec2/subnet:Subnet")) {
    const [vpc] = index.referenced(s, "vpcId", "aws:ec2/vpc:Vpc");
    const tier = tagsOf(s).tier ?? "untagged";
    subnetTier.set(s.urn, {
      vpc: vpc?.urn ?? "(vpc)",
      tier,
      cidr: String(s.inputs.cidrBlock ?? "?"),
    });
  }
  const tierOf = (r: RecordedResource): string | undefined => {
    for (const prop of SUBNET_PROPS) {
      for (const urn of r.propertyDependencies[prop] ?? []) {
        const t = subnetTier.get(urn);
        if (t) return `${t.vpc}|${t.tier}`;
      }
    }
    // Databases are placed through a subnet group.
    for (const group of index.referenced(
      r,
      "dbSubnetGroupName",
      "aws:rds/subnetGroup:SubnetGroup",
    )) {
      for (const urn of group.propertyDependencies.subnetIds ?? []) {
        const t = subnetTier.get(urn);
        if (t) return `${t.vpc}|${t.tier}`;
      }
    }
    return undefined;
  };

  // ---- nodes ----
  const endpointGroups = new Map<
    string,
    { ids: RecordedResource[]; tier?: string; component?: string }
  >();
  for (const r of rec.resources) {
    const kind = NODE_KINDS[r.type];
    if (!kind || !r.custom) continue;
    if (r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && r.inputs.vpcEndpointType === "Interface") {
      const [vpc] = index.referenced(r, "vpcId", "aws:ec2/vpc:Vpc");
      const key = vpc?.urn ?? "(vpc)";
      const g = endpointGroups.get(key) ?? { ids: [], component: r.parent };
      g.ids.push(r);
      g.tier ??= tierOf(r);
      endpointGroups.set(key, g);
      continue;
    }
    let label = `${kind.label}<br/>${r.name}`;
    if (r.type === "aws:ec2/vpcEndpoint:VpcEndpoint")
      label = `Gateway endpoint ${endpointService(r)}<br/>${r.name}`;
    if (r.type === "aws:lb/loadBalancer:LoadBalancer")
      label = `${r.inputs.internal === true ? "Internal" : "Internet-facing"} ALB<br/>${r.name}`;
    if (r.type === "aws:ecs/service:Service") {
      const [td] = index.referenced(r, "taskDefinition", "aws:ecs/taskDefinition:TaskDefinition");
      const size = td ? ` · ${td.inputs.cpu} CPU / ${td.inputs.memory} MiB` : "";
      label = `${kind.label}<br/>${r.name}<br/>${r.inputs.desiredCount ?? "?"} tasks${size}`;
    }
    if (r.type === "aws:ec2/instance:Instance")
      label = `EC2 ${r.inputs.instanceType ?? "instance"}<br/>${r.name}`;
    const id = sanitize(`${shortType(r.type)}_${r.name}`);
    nodes.set(id, {
      id,
      label,
      shape: kind.shape,
      component: r.parent,
      tier: tierOf(r),
      urns: [r.urn],
    });
    nodeOf.set(r.urn, id);
  }
  for (const [vpc, g] of endpointGroups) {
    const id = sanitize(`InterfaceEndpoints_${vpc.split("::").pop()}`);
    const azs = Math.max(
      ...g.ids.map((e) => (Array.isArray(e.inputs.subnetIds) ? e.inputs.subnetIds.length : 0)),
    );
    const services = g.ids.map((e) => endpointService(e)).join(", ");
    nodes.set(id, {
      id,
      label: `Interface endpoints (${azs} AZ${azs === 1 ? "" : "s"})<br/>${services}`,
      shape: "box",
      component: g.component,
      tier: g.tier,
      urns: g.ids.map((e) => e.urn),
    });
    for (const e of g.ids) nodeOf.set(e.urn, id);
  }
  // Flow logs and gateway endpoints belong to the VPC but to no subnet.
  for (const r of index.ofType("aws:ec2/flowLog:FlowLog", "aws:ec2/vpcEndpoint:VpcEndpoint")) {
    const [vpc] = index.referenced(r, "vpcId", "aws:ec2/vpc:Vpc");
    const n = nodes.get(nodeOf.get(r.urn) ?? "");
    if (n && vpc && !n.tier) n.tier = `${vpc.urn}|`;
  }

  const internet = "internet";
  let internetUsed = false;
  const fromInternet = (to: string | undefined, label: string) => {
    if (!to) return;
    internetUsed = true;
    addEdge(internet, to, label);
  };

  // ---- flows: entry points ----
  for (const lb of index.ofType("aws:lb/loadBalancer:LoadBalancer")) {
    const lbNode = nodeFor(lb);
    const listeners = index.referrers(lb, "loadBalancerArn", "aws:lb/listener:Listener");
    const ports =
      listeners.map((l) => `${l.inputs.protocol ?? "?"} ${l.inputs.port ?? "?"}`).join(", ") ||
      "listeners";
    const acls = index
      .referrers(lb, "resourceArn", "aws:wafv2/webAclAssociation:WebAclAssociation")
      .flatMap((a) => index.referenced(a, "webAclArn", "aws:wafv2/webAcl:WebAcl"));
    if (lb.inputs.internal !== true) {
      if (acls.length > 0) {
        for (const acl of acls) {
          fromInternet(nodeFor(acl), ports);
          addEdge(nodeFor(acl), lbNode, "allowed requests");
        }
      } else fromInternet(lbNode, ports);
    }
    for (const l of listeners) {
      for (const tg of index.referenced(l, "defaultActions", "aws:lb/targetGroup:TargetGroup")) {
        for (const svc of index.referrers(tg, "loadBalancers", "aws:ecs/service:Service")) {
          addEdge(lbNode, nodeFor(svc), `target group :${tg.inputs.port ?? "?"}`);
        }
      }
    }
    for (const b of index.referenced(lb, "accessLogs"))
      addEdge(lbNode, nodeFor(b), "access logs", true);
  }
  for (const d of index.ofType("aws:cloudfront/distribution:Distribution")) {
    fromInternet(nodeFor(d), "HTTPS");
    for (const b of index.referenced(d, "origins")) addEdge(nodeFor(b), nodeFor(d), "origin");
    for (const b of index.referenced(d, "loggingConfig"))
      addEdge(nodeFor(d), nodeFor(b), "access logs", true);
  }

  // ---- flows: workloads to data ----
  const tasks = taskRoles(index);
  for (const svc of index.ofType("aws:ecs/service:Service")) {
    for (const td of index.referenced(
      svc,
      "taskDefinition",
      "aws:ecs/taskDefinition:TaskDefinition",
    )) {
      for (const role of index.referenced(td, "taskRoleArn", "aws:iam/role:Role")) {
        for (const b of bucketsOfRole(role, index))
          addEdge(nodeFor(svc), nodeFor(b), `task role ${role.name}`);
      }
      for (const x of index.referenced(td, "containerDefinitions")) {
        if (x.type === "aws:ecr/repository:Repository")
          addEdge(nodeFor(x), nodeFor(svc), "image pull");
        if (x.type === "aws:cloudwatch/logGroup:LogGroup")
          addEdge(nodeFor(svc), nodeFor(x), "awslogs", true);
      }
    }
  }
  // Producer roles: roles that write buckets and are not a task role of this stack.
  for (const role of index.ofType("aws:iam/role:Role")) {
    if (tasks.has(role.urn)) continue;
    const buckets = bucketsOfRole(role, index);
    if (buckets.length === 0) continue;
    // Who runs as the role inside this stack (key and bucket policies only name it).
    const usedBy = ROLE_USER_PROPS.flatMap((prop) => index.referrers(role, prop)).filter(
      (u) => !u.type.startsWith("aws:iam/") || u.type === "aws:iam/instanceProfile:InstanceProfile",
    );
    const users = usedBy.filter((u) => nodeFor(u));
    if (usedBy.length > 0 && users.length === 0) continue; // used by a setting (e.g. a backup selection), drawn elsewhere
    if (users.length > 0) {
      for (const u of users) {
        // Redshift reads through its namespace's roles: drawn below, from the workgroup.
        if (u.type.startsWith("aws:redshiftserverless/")) continue;
        const delivery = /codebuild|codepipeline/.test(u.type);
        for (const b of buckets)
          addEdge(nodeFor(u), nodeFor(b), delivery ? "artifacts" : `role ${role.name}`, delivery);
      }
      continue;
    }
    const id = sanitize(`Producer_${role.name}`);
    nodes.set(id, {
      id,
      label: `Producer: ${trustedBy(role)}<br/>assumes ${role.name}`,
      shape: "round",
      component: role.parent,
      urns: [role.urn],
    });
    for (const b of buckets) addEdge(id, nodeFor(b), `writes via ${role.name}`);
  }
  // Redshift workgroups read through their namespace's roles.
  for (const wg of index.ofType("aws:redshiftserverless/workgroup:Workgroup")) {
    for (const ns of index.referenced(
      wg,
      "namespaceName",
      "aws:redshiftserverless/namespace:Namespace",
    )) {
      addEdge(nodeFor(wg), nodeFor(ns), "stores in");
      for (const role of [
        ...index.referenced(ns, "iamRoles"),
        ...index.referenced(ns, "defaultIamRoleArn"),
      ]) {
        for (const b of bucketsOfRole(role, index))
          addEdge(nodeFor(b), nodeFor(wg), `COPY via ${role.name}`);
      }
    }
  }

  // ---- flows: security-group rules between workloads (who may open connections to whom) ----
  const sgUsers = new Map<string, string[]>(); // sg urn → node ids
  for (const r of rec.resources) {
    const id = nodeFor(r);
    if (!id) continue;
    for (const prop of SG_PROPS) {
      for (const urn of r.propertyDependencies[prop] ?? []) {
        if (index.byUrn.get(urn)?.type !== "aws:ec2/securityGroup:SecurityGroup") continue;
        const list = sgUsers.get(urn) ?? [];
        if (!list.includes(id)) list.push(id);
        sgUsers.set(urn, list);
      }
    }
  }
  const s3Gateway = [...nodes.values()].find((n) => /Gateway endpoint s3/.test(n.label));
  for (const rule of index.ofType(
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  )) {
    const egress = rule.type.includes("Egress");
    const [own] = index.referenced(rule, "securityGroupId", "aws:ec2/securityGroup:SecurityGroup");
    const [other] = index.referenced(
      rule,
      "referencedSecurityGroupId",
      "aws:ec2/securityGroup:SecurityGroup",
    );
    const port =
      rule.inputs.fromPort === rule.inputs.toPort
        ? `${rule.inputs.fromPort}`
        : `${rule.inputs.fromPort}-${rule.inputs.toPort}`;
    if (own && other) {
      const [src, dst] = egress ? [other, own].reverse() : [other, own];
      const label = port === "443" ? "HTTPS 443" : `TCP ${port}`;
      for (const a of sgUsers.get(src.urn) ?? [])
        for (const b of sgUsers.get(dst.urn) ?? []) addEdge(a, b, label);
    } else if (own && egress && rule.inputs.prefixListId !== undefined && s3Gateway) {
      for (const a of sgUsers.get(own.urn) ?? []) addEdge(a, s3Gateway.id, `HTTPS ${port} (S3)`);
    }
  }

  // ---- flows: logs ----
  for (const flow of index.ofType("aws:ec2/flowLog:FlowLog")) {
    for (const g of index.referenced(flow, "logDestination"))
      addEdge(nodeFor(flow), nodeFor(g), "flow logs", true);
  }
  for (const cfg of index.ofType(
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
  )) {
    const [acl] = index.referenced(cfg, "resourceArn", "aws:wafv2/webAcl:WebAcl");
    for (const g of index.referenced(cfg, "logDestinationConfigs"))
      addEdge(nodeFor(acl), nodeFor(g), "WAF logs", true);
  }
  for (const l of index.ofType("aws:s3/bucketLogging:BucketLogging")) {
    const [src] = index.referenced(l, "bucket");
    const [dst] = index.referenced(l, "targetBucket");
    addEdge(nodeFor(src), nodeFor(dst), "access logs", true);
  }

  // ---- flows: backups ----
  for (const sel of index.ofType("aws:backup/selection:Selection")) {
    const vaults = index
      .referenced(sel, "planId", "aws:backup/plan:Plan")
      .flatMap((p) => index.referenced(p, "rules", "aws:backup/vault:Vault"));
    for (const v of vaults)
      for (const x of index.referenced(sel, "resources"))
        addEdge(nodeFor(x), nodeFor(v), "backup", true);
  }

  // ---- flows: delivery ----
  const deployTargets = (x: RecordedResource): RecordedResource[] =>
    x.type === "aws:ecs/service:Service"
      ? [x]
      : x.type === "aws:ecs/cluster:Cluster"
        ? index.referrers(x, "cluster", "aws:ecs/service:Service")
        : [];
  for (const p of index.ofType("aws:codepipeline/pipeline:Pipeline")) {
    const pid = nodeFor(p);
    // A source named by a literal (not an output) leaves no dependency: take the source
    // repositories and connections of the pipeline's own component.
    const sources = index
      .ofType(
        "aws:codecommit/repository:Repository",
        "aws:codeconnections/connection:Connection",
        "aws:codestarconnections/connection:Connection",
      )
      .filter((x) => x.parent === p.parent);
    for (const x of sources) addEdge(nodeFor(x), pid, "source");
    for (const x of index.referenced(p)) {
      if (/codecommit\/repository|connections\/connection/.test(x.type))
        addEdge(nodeFor(x), pid, "source");
      else if (x.type === "aws:codebuild/project:Project") addEdge(pid, nodeFor(x), "build");
      else if (x.type === "aws:ecs/service:Service") addEdge(pid, nodeFor(x), "deploy");
      else if (x.type === "aws:ecs/cluster:Cluster") {
        for (const svc of index.referrers(x, "cluster", "aws:ecs/service:Service"))
          addEdge(pid, nodeFor(svc), "deploy");
      } else if (/s3\/bucket/.test(x.type)) addEdge(pid, nodeFor(x), "artifacts", true);
    }
  }
  for (const project of index.ofType("aws:codebuild/project:Project")) {
    const roles = index.referenced(project, "serviceRole", "aws:iam/role:Role");
    const policies = roles.flatMap((r) =>
      index.referrers(r, "role", "aws:iam/rolePolicy:RolePolicy"),
    );
    const used = [
      ...index.referenced(project),
      ...policies.flatMap((p) => index.referenced(p, "policy")),
    ];
    const deploys = used.flatMap(deployTargets);
    for (const x of used) {
      if (x.type === "aws:ecr/repository:Repository" && deploys.length === 0)
        addEdge(nodeFor(project), nodeFor(x), "push image");
    }
    for (const svc of deploys) addEdge(nodeFor(project), nodeFor(svc), "deploy");
  }

  // ---- render ----
  const out: string[] = ["flowchart LR"];
  if (internetUsed) out.push(`  ${internet}((Internet))`);
  const components = index.components();
  const componentIds = new Map(
    components.map((c) => [c.urn, sanitize(`C_${shortType(c.type)}_${c.name}`)]),
  );
  const childComponents = new Map<string, RecordedResource[]>();
  const topComponents: RecordedResource[] = [];
  for (const c of components) {
    const parent = c.parent && componentIds.has(c.parent) ? c.parent : undefined;
    if (parent) childComponents.set(parent, [...(childComponents.get(parent) ?? []), c]);
    else topComponents.push(c);
  }
  /** The component a resource belongs to: its nearest component ancestor. */
  const owner = (urn: string | undefined): string | undefined => {
    let u = urn;
    while (u && !componentIds.has(u)) u = index.byUrn.get(u)?.parent;
    return u;
  };
  const placed = new Map<string, Node[]>(); // tier key → nodes
  const byComponent = new Map<string, Node[]>();
  const loose: Node[] = [];
  for (const n of nodes.values()) {
    if (n.tier) placed.set(n.tier, [...(placed.get(n.tier) ?? []), n]);
    else {
      const c = owner(n.component);
      if (c) byComponent.set(c, [...(byComponent.get(c) ?? []), n]);
      else loose.push(n);
    }
  }
  const componentName = (urn: string | undefined) => {
    const c = urn ? index.byUrn.get(owner(urn) ?? "") : undefined;
    return c ? `${shortType(c.type)}` : "";
  };
  const nodeLine = (n: Node, indent: string, withComponent: boolean) =>
    `${indent}${shaped(n.id, withComponent && componentName(n.component) ? `${n.label}<br/><i>${componentName(n.component)}</i>` : n.label, n.shape)}`;

  // VPCs with their tiers.
  for (const vpc of index.ofType("aws:ec2/vpc:Vpc")) {
    const tiers = [
      ...new Set([...subnetTier.values()].filter((t) => t.vpc === vpc.urn).map((t) => t.tier)),
    ];
    out.push(
      `  subgraph ${sanitize(`V_${vpc.name}`)}[${quote(`VPC ${vpc.inputs.cidrBlock ?? ""} · ${vpc.name}`)}]`,
    );
    for (const n of placed.get(`${vpc.urn}|`) ?? []) out.push(nodeLine(n, "    ", true));
    for (const tier of tiers) {
      const subnets = [...subnetTier.values()].filter((t) => t.vpc === vpc.urn && t.tier === tier);
      out.push(
        `    subgraph ${sanitize(`T_${vpc.name}_${tier}`)}[${quote(`${tier} tier · ${subnets.length} subnets: ${subnets.map((s) => s.cidr).join(", ")}`)}]`,
      );
      const inTier = placed.get(`${vpc.urn}|${tier}`) ?? [];
      if (inTier.length === 0)
        out.push(`      ${sanitize(`T_${vpc.name}_${tier}_empty`)}[${quote("no workloads")}]`);
      for (const n of inTier) out.push(nodeLine(n, "      ", true));
      out.push("    end");
    }
    out.push("  end");
  }
  // Components, nested by parent chain.
  const renderComponent = (c: RecordedResource, indent: string) => {
    const id = componentIds.get(c.urn)!;
    out.push(`${indent}subgraph ${id}[${quote(`${shortType(c.type)} · ${c.name}`)}]`);
    const own = byComponent.get(c.urn) ?? [];
    const kids = childComponents.get(c.urn) ?? [];
    for (const n of own) out.push(nodeLine(n, `${indent}  `, false));
    for (const k of kids) renderComponent(k, `${indent}  `);
    if (own.length === 0 && kids.length === 0) {
      const inVpc = [...nodes.values()].filter(
        (n) => n.tier && owner(n.component) === c.urn,
      ).length;
      const note =
        inVpc > 0
          ? `${inVpc} node${inVpc === 1 ? "" : "s"} placed in the VPC tiers`
          : "IAM and settings only";
      out.push(`${indent}  ${id}_note[${quote(note)}]`);
    }
    out.push(`${indent}end`);
  };
  for (const c of topComponents) renderComponent(c, "  ");
  for (const n of loose) out.push(nodeLine(n, "  ", false));
  for (const e of edges) {
    out.push(`  ${e.from} ${e.dotted ? "-.->" : "-->"}|${quote(e.label)}| ${e.to}`);
  }
  return {
    stack: rec.stack,
    mermaid: out.join("\n"),
    components: components.map((c) => c.urn),
    nodes: nodes.size,
    edges: edges.length,
  };
}
