// Instance classes, node types and storage types: the RDS instance class and storage type, the
// ElastiCache node type. The provider passes them on unchecked (free strings in its schema); AWS
// refuses a value that names no class or type when the provider creates the resource at
// `pulumi up`, so these rules cite the AWS pages that list them (`by: "aws"`). The lists grow
// with new hardware, so only the documented form is judged: an RDS class is `db.<...>`, a node
// type `cache.<family>.<size>`, a storage type one of the documented ones or a later one of their
// shape. A class of the right form that a region or engine does not offer is AWS's to refuse.
import { awsRule, InputRule } from "./rule";
import type { Validator } from "./validators";

const DB = "aws:rds/instance:Instance";
const CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const CACHE_CLUSTER = "aws:elasticache/cluster:Cluster";
const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

/** "DB instance class types": every class is `db.` and a name (db.m7g.large, db.serverless). */
const DB_CLASSES =
  "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.html";
/** CreateDBInstance's StorageType: "Valid Values: gp2 | gp3 | io1 | io2 | standard". */
const CREATE_DB =
  "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html";
/** "Supported node types": cache.t4g.micro, cache.m6g.large, cache.r7g.xlarge, … */
const NODE_TYPES =
  "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html";

function shaped(re: RegExp, what: string): Validator {
  return (v, k) =>
    typeof v === "string" && !re.test(v) ? [`${k} ${JSON.stringify(v)} is not ${what}`] : [];
}

const dbClass = shaped(/^db\.[a-z0-9][a-z0-9.-]*$/, "a DB instance class (db.<family>.<size>)");
const nodeType = shaped(
  /^cache\.[a-z0-9-]+\.[a-z0-9]+$/,
  "an ElastiCache node type (cache.<family>.<size>)",
);

/**
 * The documented storage types; Aurora's `aurora` and `aurora-iopt1`, which an Aurora instance
 * reports; and a later `gp`/`io` generation, read in any case (not judged: whether AWS
 * lower-cases it).
 */
const storageType: Validator = (v, k) => {
  if (typeof v !== "string") return [];
  const s = v.toLowerCase();
  const known = ["gp2", "gp3", "io1", "io2", "standard", "aurora", "aurora-iopt1"];
  return known.includes(s) || /^(gp|io)\d+$/.test(s)
    ? []
    : [`${k} ${JSON.stringify(v)} is not one of gp2, gp3, io1, io2, standard`];
};

export const CLASS_RULES: readonly InputRule[] = [
  ...[DB, CLUSTER_INSTANCE].map((type) =>
    awsRule(
      type,
      "instanceClass",
      "DBInstanceClass",
      dbClass,
      "a DB instance class such as db.t4g.micro or db.r7g.large (db.serverless for Aurora Serverless v2), not an EC2 type",
      DB_CLASSES,
    ),
  ),
  awsRule(
    DB,
    "storageType",
    "StorageType",
    storageType,
    "gp3 (general purpose), io2 or io1 (provisioned IOPS), gp2, or standard (magnetic)",
    CREATE_DB,
  ),
  ...[CACHE_CLUSTER, REPLICATION_GROUP].map((type) =>
    awsRule(
      type,
      "nodeType",
      "CacheNodeType",
      nodeType,
      "a node type such as cache.t4g.micro or cache.r7g.large, not an EC2 type",
      NODE_TYPES,
    ),
  ),
];
