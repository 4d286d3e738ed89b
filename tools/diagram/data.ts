// The data view: each component drawn around its own stores (buckets, log groups, the image
// repository, Redshift, databases, backup vaults, alert topics, hosts' volumes) and its KMS keys, each key
// linked to what it encrypts; who writes each store (tasks through their task role, producers
// through the roles they assume, the pipeline, the load balancer's and CloudFront's access logs,
// S3 server access logs) and each log group (flow logs, WAF, tasks, builds, Redshift, RDS); what
// reads them onward (Redshift COPY, CloudFront origins, backups).
import { RecordedResource } from "../lib/recorder";
import { bucketsOfRole, taskRoles } from "../lib/resource-index";
import { Canvas, Shape } from "./canvas";
import { BUCKET_TYPES, componentBox, KMS_KEY, knownString, LOG_GROUP, StackFacts } from "./facts";

/** Properties through which a resource runs as an IAM role. */
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

/** How a resource is drawn: label and shape; the pipeline's parts share one node. */
const DRAWN: Readonly<Record<string, (r: RecordedResource, f: StackFacts) => [string, Shape]>> = {
  "aws:s3/bucket:Bucket": (r, f) => [`S3 ${f.short(r)}`, "store"],
  "aws:s3/bucketV2:BucketV2": (r, f) => [`S3 ${f.short(r)}`, "store"],
  [LOG_GROUP]: (r, f) => [f.short(r), "log"],
  "aws:ecr/repository:Repository": () => ["ECR repository", "store"],
  "aws:redshiftserverless/namespace:Namespace": () => ["Redshift Serverless", "store"],
  "aws:rds/cluster:Cluster": (r) => [`RDS ${knownString(r.inputs.engine) ?? "cluster"}`, "store"],
  "aws:backup/vault:Vault": () => ["backup vault", "store"],
  "aws:sns/topic:Topic": (r, f) => [`SNS ${f.short(r)}`, "store"],
  "aws:ec2/instance:Instance": (r, f) => [`EC2 ${f.short(r)}<br/>root volume`, "box"],
  "aws:ec2/flowLog:FlowLog": () => ["VPC flow log", "box"],
  "aws:wafv2/webAcl:WebAcl": () => ["WAF", "hex"],
  "aws:lb/loadBalancer:LoadBalancer": () => ["ALB", "box"],
  "aws:cloudfront/distribution:Distribution": () => ["CloudFront", "box"],
  "aws:ecs/service:Service": (r) => [`ECS tasks ×${r.inputs.desiredCount ?? "?"}`, "box"],
  "aws:ecs/cluster:Cluster": () => ["ECS cluster<br/>Container Insights", "box"],
  "aws:codepipeline/pipeline:Pipeline": () => ["CodePipeline<br/>and its builds", "box"],
};

/** Resources drawn as the node of another: a workgroup as its namespace, builds as the pipeline. */
function standIn(f: StackFacts, r: RecordedResource): RecordedResource {
  if (r.type === "aws:redshiftserverless/workgroup:Workgroup")
    return f.referenced(r, "namespaceName")[0] ?? r;
  if (r.type === "aws:codebuild/project:Project")
    return (
      f
        .ofType("aws:codepipeline/pipeline:Pipeline")
        .find((p) => f.owner(p)?.urn === f.owner(r)?.urn) ?? r
    );
  return r;
}

function keyLabel(f: StackFacts, key: RecordedResource): string {
  const parent = key.parent ? f.index.byUrn.get(key.parent) : undefined;
  const name = f.short(parent && !parent.custom ? parent : key);
  return name === "key" ? "KMS key" : `KMS key<br/>${name.replace(/-key$/, "")}`;
}

/** The principal a role trusts, from its trust policy when known at preview. */
function trustedBy(role: RecordedResource): string {
  try {
    const doc = JSON.parse(knownString(role.inputs.assumeRolePolicy) ?? "{}");
    const statements = [doc.Statement ?? []].flat();
    const names = statements.flatMap((s: any) =>
      [s?.Principal?.Service, s?.Principal?.AWS, s?.Principal?.Federated].flat(),
    );
    const name = names.find((n: unknown) => typeof n === "string") as string | undefined;
    return name ? name.replace(/\.amazonaws\.com$/, "") : "a trusted principal";
  } catch {
    return "a trusted principal";
  }
}

/**
 * Log groups with the same component, writers and key drawn as one node (Redshift's three log
 * exports): group URN → the groups drawn together.
 */
function logBundles(f: StackFacts): Map<string, RecordedResource[]> {
  const bySignature = new Map<string, RecordedResource[]>();
  for (const g of f.ofType(LOG_GROUP)) {
    const signature = JSON.stringify([
      f.owner(g)?.urn,
      f.logWriters(g).map((w) => standIn(f, w).urn),
      g.propertyDependencies.kmsKeyId ?? [],
    ]);
    bySignature.set(signature, [...(bySignature.get(signature) ?? []), g]);
  }
  const out = new Map<string, RecordedResource[]>();
  for (const groups of bySignature.values())
    if (groups.length > 1) for (const g of groups) out.set(g.urn, groups);
  return out;
}

export function dataView(f: StackFacts): Canvas {
  const c = new Canvas("LR");
  const bundles = logBundles(f);
  /** The node of a resource, drawn on first use in its component's box. */
  const draw = (r: RecordedResource | undefined): string | undefined => {
    if (!r) return undefined;
    const bundle = bundles.get(r.urn);
    if (bundle) {
      return c.node({
        key: `logs:${bundle[0].urn}`,
        name: bundle[0].name,
        label: `${bundle.length} log groups<br/>${bundle.map((g) => f.short(g)).join("<br/>")}`,
        shape: "log",
        box: componentBox(c, f, bundle[0]),
        detail: {
          component: f.chain(bundle[0]),
          resources: bundle.map((g) => g.name).join(", "),
          details: detailsOf(f, bundle[0]),
        },
      });
    }
    const shown = standIn(f, r);
    const how = DRAWN[shown.type];
    if (!how) return undefined;
    const [label, shape] = how(shown, f);
    return c.node({
      key: shown.urn,
      name: shown.name,
      label,
      shape,
      box: componentBox(c, f, shown),
      detail: {
        component: f.chain(shown),
        resources: [shown, ...standingIn(f, shown)].map((x) => x.name).join(", "),
        details: detailsOf(f, shown),
      },
    });
  };

  // ---- stores and their keys ----
  for (const key of f.ofType(KMS_KEY)) {
    const targets = f.encrypts(key);
    const drawnTargets = targets.filter((t) => DRAWN[standIn(f, t).type]);
    const id = c.node({
      key: key.urn,
      name: key.name,
      label: keyLabel(f, key),
      shape: "key",
      box: componentBox(c, f, key),
      detail: {
        component: f.chain(key),
        resources: key.name,
        details: `encrypts ${targets.map((t) => t.name).join(", ") || "nothing in this stack"}`,
      },
    });
    for (const t of drawnTargets) c.edge(id, draw(t), "encrypts");
  }
  for (const b of f.ofType(...BUCKET_TYPES)) draw(b);

  // ---- who writes the buckets ----
  const tasks = taskRoles(f.index);
  for (const svc of f.ofType("aws:ecs/service:Service")) {
    for (const td of f.referenced(svc, "taskDefinition", "aws:ecs/taskDefinition:TaskDefinition")) {
      for (const role of f.referenced(td, "taskRoleArn", "aws:iam/role:Role"))
        for (const b of f.ordered(bucketsOfRole(role, f.index)))
          c.edge(draw(svc), draw(b), "flow", "task role");
      for (const db of f.referenced(td, "containerDefinitions", "aws:rds/cluster:Cluster"))
        c.edge(draw(svc), draw(db), "flow", "SQL");
    }
  }
  for (const role of f.ofType("aws:iam/role:Role")) {
    const buckets = f.ordered(bucketsOfRole(role, f.index));
    if (tasks.has(role.urn) || buckets.length === 0) continue;
    const users = ROLE_USER_PROPS.flatMap((p) => f.referrers(role, p)).filter(
      (u) => !u.type.startsWith("aws:iam/"),
    );
    for (const u of users) {
      const shown = standIn(f, u);
      for (const b of buckets) {
        if (shown.type === "aws:redshiftserverless/namespace:Namespace")
          c.edge(draw(b), draw(shown), "flow", "COPY");
        else if (DRAWN[shown.type]) c.edge(draw(shown), draw(b), "flow", "writes");
      }
    }
    if (users.length > 0) continue;
    // Assumed from outside the stack: a producer that writes through the role.
    const producer = c.node({
      key: role.urn,
      name: role.name,
      label: `producer<br/>${trustedBy(role)}`,
      shape: "round",
      box: componentBox(c, f, role),
      detail: { component: f.chain(role), resources: role.name, details: "assumes the role" },
    });
    for (const b of buckets) c.edge(producer, draw(b), "flow", "writes");
  }
  for (const lb of f.ofType("aws:lb/loadBalancer:LoadBalancer"))
    for (const b of f.referenced(lb, "accessLogs", ...BUCKET_TYPES))
      c.edge(draw(lb), draw(b), "log");
  for (const l of f.ofType("aws:s3/bucketLogging:BucketLogging"))
    c.edge(draw(f.referenced(l, "bucket")[0]), draw(f.referenced(l, "targetBucket")[0]), "log");
  for (const d of f.ofType("aws:cloudwatch/logDelivery:LogDelivery")) {
    const [source] = f.referenced(d, "deliverySourceName");
    const [dest] = f.referenced(d, "deliveryDestinationArn");
    const from = source ? f.referenced(source, "resourceArn")[0] : undefined;
    const to = dest ? f.referenced(dest, "deliveryDestinationConfiguration")[0] : undefined;
    c.edge(draw(from), draw(to), "log");
  }
  for (const d of f.ofType("aws:cloudfront/distribution:Distribution"))
    for (const b of f.referenced(d, "origins", ...BUCKET_TYPES))
      c.edge(draw(b), draw(d), "flow", "origin");

  // ---- log groups and their writers ----
  for (const g of f.ofType(LOG_GROUP)) {
    draw(g);
    for (const w of f.logWriters(g)) c.edge(draw(w), draw(g), "log");
  }

  // ---- backups ----
  for (const sel of f.ofType("aws:backup/selection:Selection")) {
    const vaults = f
      .referenced(sel, "planId", "aws:backup/plan:Plan")
      .flatMap((p) => f.referenced(p, "rules", "aws:backup/vault:Vault"));
    for (const v of vaults)
      for (const x of f.referenced(sel, "resources")) c.edge(draw(x), draw(v), "flow", "backup");
  }
  return c;
}

/** Resources drawn as the node of `shown` (see `standIn`). */
function standingIn(f: StackFacts, shown: RecordedResource): RecordedResource[] {
  if (shown.type === "aws:redshiftserverless/namespace:Namespace")
    return f.referrers(shown, "namespaceName", "aws:redshiftserverless/workgroup:Workgroup");
  if (shown.type === "aws:codepipeline/pipeline:Pipeline")
    return f.ofType("aws:codebuild/project:Project").filter((p) => standIn(f, p).urn === shown.urn);
  return [];
}

/** The few facts the table gives about a store. */
function detailsOf(f: StackFacts, r: RecordedResource): string {
  const i = r.inputs;
  const settings = (type: string) => f.referrers(r, "bucket").find((x) => x.type.includes(type));
  switch (r.type) {
    case "aws:s3/bucket:Bucket":
    case "aws:s3/bucketV2:BucketV2": {
      const sse = settings("ServerSideEncryption")?.inputs.rules?.[0];
      const algorithm = sse?.applyServerSideEncryptionByDefault?.sseAlgorithm;
      const versioning = settings("bucketVersioning")?.inputs.versioningConfiguration?.status;
      const rules = settings("bucketLifecycle")?.inputs.rules ?? [];
      const days = [rules]
        .flat()
        .map((x: any) => x?.expiration?.days)
        .find((d) => typeof d === "number");
      return [
        algorithm ? `encryption ${algorithm}` : "",
        versioning ? `versioning ${String(versioning).toLowerCase()}` : "",
        days !== undefined ? `objects expire after ${days} days` : "",
      ]
        .filter(Boolean)
        .join(", ");
    }
    case LOG_GROUP:
      return i.retentionInDays !== undefined ? `kept ${i.retentionInDays} days` : "kept forever";
    case "aws:ecr/repository:Repository":
      return [
        i.imageScanningConfiguration?.scanOnPush === true ? "scan on push" : "",
        i.imageTagMutability ? `tags ${String(i.imageTagMutability).toLowerCase()}` : "",
      ]
        .filter(Boolean)
        .join(", ");
    case "aws:rds/cluster:Cluster":
      return `${i.engine ?? "?"} ${i.engineVersion ?? ""}`.trim();
    case "aws:ec2/instance:Instance":
      return `root volume ${i.rootBlockDevice?.volumeSize ?? "?"} GiB, encrypted`;
    default:
      return "";
  }
}
