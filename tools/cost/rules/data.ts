// Cost rules. Data: keys, logs, buckets, registries, Redshift Serverless, Aurora, backups, secrets.
import {
  assumedGb,
  Charge,
  DAYS_PER_MONTH,
  H,
  Rule,
  Unpriceable,
  expirationDays,
  fmt,
  known,
  per10kRequests,
  tasksOf,
} from "./base";
import { RecordedResource } from "../../lib/recorder";
import { bucketsOfRole, ResourceIndex, taskRoles } from "../../lib/resource-index";
import { Assumptions } from "../assumptions";
import { insightsClusterOf, insightsTasks } from "./compute";

export const kmsKey: Rule = (_r, { assumptions: a }) => ({
  charges: [
    {
      kind: "fixed",
      what: "KMS key",
      quantity: 1,
      basis: "1 key",
      priceKey: "kms.keyMonth",
      note: "rotation adds $1/month after each of the first two yearly rotations",
    },
    per10kRequests("KMS requests", a.kmsRequestsPerKeyMonth, "kms.requests10k"),
  ],
});

/** What a log group receives, from who writes into it. */
function logGroupVolume(
  r: RecordedResource,
  index: ResourceIndex,
  a: Assumptions,
): { gb: number; basis: string } {
  if (index.referrers(r, "logDestination", "aws:ec2/flowLog:FlowLog").length > 0) {
    return {
      gb: a.flowLogGbPerMonth,
      basis: `VPC flow logs, ${fmt(a.flowLogGbPerMonth)} GB (assumed)`,
    };
  }
  if (
    index.referrers(
      r,
      "logDestinationConfigs",
      "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    ).length > 0
  ) {
    const gb = (a.requestsPerMonth / 1e6) * a.wafLogGbPerMillionRequests;
    return {
      gb,
      basis: `WAF logs, ${fmt(a.requestsPerMonth / 1e6)} M requests × ${fmt(a.wafLogGbPerMillionRequests)} GB`,
    };
  }
  const cluster = insightsClusterOf(r, index);
  if (cluster) {
    const tasks = insightsTasks(cluster, index);
    return {
      gb: tasks * a.containerInsightsGbPerTaskMonth,
      basis: `Container Insights performance events, ${tasks} tasks × ${fmt(a.containerInsightsGbPerTaskMonth)} GB (assumed)`,
    };
  }
  const taskDefs = index.referrers(
    r,
    "containerDefinitions",
    "aws:ecs/taskDefinition:TaskDefinition",
  );
  if (taskDefs.length > 0) {
    const tasks = taskDefs.reduce((n, td) => n + tasksOf(td, index), 0);
    return {
      gb: tasks * a.appLogGbPerTaskMonth,
      basis: `app logs, ${tasks} tasks × ${fmt(a.appLogGbPerTaskMonth)} GB`,
    };
  }
  return { gb: a.otherLogGbPerMonth, basis: `${fmt(a.otherLogGbPerMonth)} GB (assumed)` };
}

export const logGroup: Rule = (r, { index, assumptions: a }) => {
  if (r.inputs.logGroupClass && r.inputs.logGroupClass !== "STANDARD") {
    throw new Unpriceable(`log class ${r.inputs.logGroupClass} has no price in the table`);
  }
  const { gb, basis } = logGroupVolume(r, index, a);
  const retention =
    typeof r.inputs.retentionInDays === "number" && r.inputs.retentionInDays > 0
      ? r.inputs.retentionInDays
      : undefined;
  const months = retention !== undefined ? retention / DAYS_PER_MONTH : a.unexpiredRetentionMonths;
  const stored = gb * a.logStoredFraction * months;
  return {
    charges: [
      { kind: "variable", what: "log ingestion", quantity: gb, basis, priceKey: "logs.ingestGb" },
      {
        kind: "variable",
        what: "log storage (steady state)",
        quantity: stored,
        basis: `${fmt(gb)} GB × ${fmt(months)} months kept${retention === undefined ? " (no retention set: assumed)" : ` (${retention}-day retention)`}`,
        priceKey: "logs.storeGbMonth",
      },
    ],
  };
};

export const bucket: Rule = (r, { index, assumptions: a }) => {
  let gb: number;
  let basis: string;
  let puts = 0;
  const writers = [...taskRoles(index)]
    .map((u) => index.byUrn.get(u)!)
    .filter((role) => bucketsOfRole(role, index).some((b) => b.urn === r.urn));
  const logged = index
    .referrers(r, "targetBucket", "aws:s3/bucketLogging:BucketLogging")
    .flatMap((l) => index.referenced(l, "bucket"));
  if (logged.length > 0) {
    // S3 requests to the logged buckets: the API bucket sees about 4 per upload (PUT, GETs,
    // HEAD); any other bucket is assumed to see 100,000 a month.
    const apiBuckets = new Set(
      [...taskRoles(index)].flatMap((u) =>
        bucketsOfRole(index.byUrn.get(u)!, index).map((b) => b.urn),
      ),
    );
    const requests = logged.reduce(
      (n, b) => n + (apiBuckets.has(b.urn) ? a.uploadsPerMonth * 4 : 100_000),
      0,
    );
    gb = (requests / 1e6) * a.accessLogGbPerMillionRequests;
    basis = `S3 access logs of ${logged.length} bucket${logged.length === 1 ? "" : "s"}, ${fmt(requests / 1e6)} M S3 requests × ${fmt(a.accessLogGbPerMillionRequests)} GB`;
  } else if (index.referrers(r, "accessLogs", "aws:lb/loadBalancer:LoadBalancer").length > 0) {
    gb = (a.requestsPerMonth / 1e6) * a.accessLogGbPerMillionRequests;
    basis = `ALB access logs, ${fmt(a.requestsPerMonth / 1e6)} M requests × ${fmt(a.accessLogGbPerMillionRequests)} GB`;
  } else if (writers.length > 0) {
    gb = (a.uploadsPerMonth * a.avgUploadMiB) / 1024;
    basis = `API uploads, ${fmt(a.uploadsPerMonth)} × ${fmt(a.avgUploadMiB)} MiB`;
    puts = a.uploadsPerMonth;
  } else if (/ingest/i.test(r.name)) {
    gb = a.ingestGbPerMonth;
    basis = `Kafka ingest, ${fmt(a.ingestGbPerMonth)} GB (assumed)`;
  } else {
    gb = a.otherBucketGbPerMonth;
    basis = `${fmt(a.otherBucketGbPerMonth)} GB written (assumed)`;
  }
  // Objects kept longer than the assumed retention (no rule, or a rule of decades for content that
  // is overwritten rather than accumulated) count for the assumed retention only.
  const days = expirationDays(r, index);
  const months = Math.min(
    days !== undefined ? days / DAYS_PER_MONTH : Infinity,
    a.unexpiredRetentionMonths,
  );
  const charges: Charge[] = [
    {
      kind: "variable",
      what: "S3 Standard storage (steady state)",
      quantity: gb * months,
      basis: `${basis} → ${fmt(gb)} GB/month × ${fmt(months)} months kept${
        days === undefined
          ? " (no expiration: assumed)"
          : days / DAYS_PER_MONTH > months
            ? ` (expires after ${days} days; assumed ${a.unexpiredRetentionMonths})`
            : ` (expires after ${days} days)`
      }`,
      priceKey: "s3.standardGbMonth",
    },
  ];
  if (puts > 0) {
    charges.push({
      kind: "variable",
      what: "PUT requests",
      quantity: puts / 1000,
      basis: `${fmt(puts)} uploads`,
      priceKey: "s3.put1k",
    });
  }
  return { charges };
};

export const repository: Rule = (r, { index, assumptions: a }) => {
  let images = a.deploysPerMonth * a.unexpiredRetentionMonths;
  let basis = `${images} images (no lifecycle count rule: ${a.deploysPerMonth}/month × ${a.unexpiredRetentionMonths} months)`;
  for (const lp of index.referrers(r, "repository", "aws:ecr/lifecyclePolicy:LifecyclePolicy")) {
    try {
      const doc = JSON.parse(String(lp.inputs.policy));
      for (const rule of doc.rules ?? []) {
        if (
          rule.selection?.countType === "imageCountMoreThan" &&
          typeof rule.selection.countNumber === "number"
        ) {
          images = rule.selection.countNumber;
          basis = `${images} images kept (lifecycle policy)`;
        }
      }
    } catch {
      // an unknown or unparsable policy keeps the assumption
    }
  }
  return {
    charges: [
      {
        kind: "variable",
        what: "image storage",
        quantity: images * a.imageGb,
        basis: `${basis} × ${fmt(a.imageGb)} GB (upper bound: layers are shared)`,
        priceKey: "ecr.storageGbMonth",
      },
    ],
  };
};

export const namespace: Rule = (_r, { assumptions: a }) => ({
  charges: [assumedGb("Redshift managed storage", a.redshiftStorageGb, "redshift.storageGbMonth")],
});

/** RPU-hours per month a usage limit allows, if one limits this workgroup's compute. */
function usageCap(
  r: RecordedResource,
  index: ResourceIndex,
): { rpuHours: number; text: string } | undefined {
  const limits = index
    .referrers(r, "resourceArn", "aws:redshiftserverless/usageLimit:UsageLimit")
    .filter(
      (l) =>
        (l.inputs.usageType ?? "serverless-compute") === "serverless-compute" &&
        typeof l.inputs.amount === "number",
    );
  let best: { rpuHours: number; text: string } | undefined;
  for (const l of limits) {
    const period = l.inputs.period ?? "monthly";
    const perMonth =
      period === "daily" ? DAYS_PER_MONTH : period === "weekly" ? DAYS_PER_MONTH / 7 : 1;
    const rpuHours = l.inputs.amount * perMonth;
    const text = `usage limit ${l.inputs.amount} RPU-hours ${period} (${l.inputs.breachAction ?? "log"})`;
    if (!best || rpuHours < best.rpuHours) best = { rpuHours, text };
  }
  return best;
}

export const workgroup: Rule = (r, { index, assumptions: a }) => {
  const base = typeof r.inputs.baseCapacity === "number" ? r.inputs.baseCapacity : 128;
  const cap = usageCap(r, index);
  return {
    charges: [
      {
        kind: "variable",
        what: "Redshift Serverless compute (only while queries run)",
        quantity: base * a.redshiftActiveHoursPerMonth,
        basis: `${base} base RPU${r.inputs.baseCapacity === undefined ? " (AWS default)" : ""} × ${fmt(a.redshiftActiveHoursPerMonth)} active h (assumed)`,
        priceKey: "redshift.rpuHour",
        note: cap
          ? `worst case capped by the ${cap.text}: ${fmt(cap.rpuHours)} RPU-hours/month`
          : "no usage limit: compute is not capped",
      },
    ],
  };
};

export const auroraCluster: Rule = (r, { assumptions: a }) => {
  if (r.inputs.storageType === "aurora-iopt1")
    throw new Unpriceable("Aurora I/O-Optimized has no price in the table");
  if (r.inputs.engineMode === "serverless")
    throw new Unpriceable("Aurora Serverless v1 has no price in the table");
  const charges: Charge[] = [
    {
      kind: "variable",
      what: "Aurora storage",
      quantity: a.databaseStorageGb,
      basis: `${fmt(a.databaseStorageGb)} GB (assumed; backups up to the cluster's size are free)`,
      priceKey: "aurora.storageGbMonth",
    },
    {
      kind: "variable",
      what: "Aurora I/O",
      quantity: a.databaseIoMillionsPerMonth,
      basis: `${fmt(a.databaseIoMillionsPerMonth)} M requests (assumed)`,
      priceKey: "aurora.ioMillion",
    },
  ];
  if (r.inputs.manageMasterUserPassword === true) {
    charges.push({
      kind: "fixed",
      what: "RDS-managed master password secret",
      quantity: 1,
      basis: "1 secret (Secrets Manager, created by RDS)",
      priceKey: "secretsmanager.secretMonth",
    });
  }
  return { charges };
};

export const auroraInstance: Rule = (r, { index, assumptions: a }) => {
  const klass = known(r, "instanceClass", r.inputs.instanceClass as string | undefined);
  if (klass !== "db.serverless")
    throw new Unpriceable(`instance class ${klass} has no price in the table`);
  const [cluster] = index.referenced(r, "clusterIdentifier", "aws:rds/cluster:Cluster");
  const scaling = cluster?.inputs.serverlessv2ScalingConfiguration ?? {};
  const min = typeof scaling.minCapacity === "number" ? scaling.minCapacity : 0.5;
  const max = typeof scaling.maxCapacity === "number" ? scaling.maxCapacity : undefined;
  const charges: Charge[] = [];
  if (min > 0) {
    charges.push({
      kind: "fixed",
      what: "Aurora Serverless v2 minimum capacity",
      quantity: min * H,
      basis: `${fmt(min)} ACU × ${H} h`,
      priceKey: "aurora.acuHour",
    });
  }
  const extra = Math.max(0, a.databaseAverageAcu - min);
  charges.push({
    kind: "variable",
    what: min > 0 ? "Aurora capacity above the minimum" : "Aurora capacity (pauses when idle)",
    quantity: (min > 0 ? extra : a.databaseAverageAcu) * a.databaseActiveHoursPerMonth,
    basis: `${fmt(min > 0 ? extra : a.databaseAverageAcu)} ACU × ${fmt(a.databaseActiveHoursPerMonth)} active h (assumed average)`,
    priceKey: "aurora.acuHour",
    ...(max !== undefined ? { note: `at most ${fmt(max)} ACU` } : {}),
  });
  return { charges };
};

export const backupVault: Rule = (_r, { assumptions: a }) => ({
  charges: [
    {
      kind: "variable",
      what: "backup storage",
      quantity: a.backupStorageGb,
      basis: `${fmt(a.backupStorageGb)} GB of recovery points (assumed)`,
      priceKey: "backup.warmGbMonth",
    },
  ],
});

export const secret: Rule = () => ({
  charges: [
    {
      kind: "fixed",
      what: "secret",
      quantity: 1,
      basis: "1 secret",
      priceKey: "secretsmanager.secretMonth",
    },
  ],
});
