// Cost rules. Edge and delivery: WAF, CloudFront and its log delivery, the pipeline, alarms.
import { assumedGb, Rule, Unpriceable, fmt, known, listOf, per10kRequests } from "./base";

/** AWS managed rule groups that carry their own subscription and request fees. */
const PAID_RULE_GROUPS = [
  "AWSManagedRulesBotControlRuleSet",
  "AWSManagedRulesATPRuleSet",
  "AWSManagedRulesACFPRuleSet",
];

export const webAcl: Rule = (r, { assumptions: a }) => {
  const rules = listOf(r, "rules") as any[];
  for (const rule of rules) {
    const group = rule?.statement?.managedRuleGroupStatement?.name;
    if (PAID_RULE_GROUPS.includes(group))
      throw new Unpriceable(`managed rule group ${group} has fees not in the table`);
  }
  return {
    charges: [
      { kind: "fixed", what: "web ACL", quantity: 1, basis: "1 web ACL", priceKey: "waf.aclMonth" },
      {
        kind: "fixed",
        what: "WAF rules",
        quantity: rules.length,
        basis: `${rules.length} rules and rule groups`,
        priceKey: "waf.ruleMonth",
      },
      {
        kind: "variable",
        what: "WAF requests",
        quantity: a.requestsPerMonth / 1e6,
        basis: `${fmt(a.requestsPerMonth / 1e6)} M requests`,
        priceKey: "waf.requestsMillion",
      },
    ],
  };
};

export const codebuildProject: Rule = (r, { assumptions: a }) => {
  const env = r.inputs.environment ?? {};
  const type = known(r, "environment.type", env.type as string | undefined);
  const compute = known(r, "environment.computeType", env.computeType as string | undefined);
  const minutes = a.deploysPerMonth * a.buildMinutes;
  return {
    charges: [
      {
        kind: "variable",
        what: `build minutes (${compute})`,
        quantity: minutes,
        basis: `${a.deploysPerMonth} builds × ${fmt(a.buildMinutes)} min`,
        priceKey: `codebuild.${type}.${compute}.minute`,
      },
    ],
  };
};

export const pipeline: Rule = (r, { assumptions: a }) => {
  const type = r.inputs.pipelineType ?? "V1";
  if (type === "V1") {
    return {
      charges: [
        {
          kind: "fixed",
          what: "active V1 pipeline",
          quantity: 1,
          basis: "1 pipeline",
          priceKey: "codepipeline.v1PipelineMonth",
        },
      ],
    };
  }
  const stages = listOf(r, "stages") as any[];
  let perRun = 0;
  const parts: string[] = [];
  for (const stage of stages) {
    for (const action of Array.isArray(stage?.actions) ? stage.actions : []) {
      const category = String(action?.category ?? "");
      const minutes =
        category === "Approval"
          ? 0
          : category === "Source"
            ? a.sourceActionMinutes
            : category === "Build" || category === "Test"
              ? a.buildMinutes
              : category === "Deploy"
                ? a.deployActionMinutes
                : 1;
      perRun += minutes;
      parts.push(`${category || "action"} ${fmt(minutes)}`);
    }
  }
  return {
    charges: [
      {
        kind: "variable",
        what: "V2 action minutes",
        quantity: perRun * a.deploysPerMonth,
        basis: `${a.deploysPerMonth} runs × ${fmt(perRun)} min (${parts.join(" + ") || "no actions"}; approvals free)`,
        priceKey: "codepipeline.v2ActionMinute",
      },
    ],
  };
};

export const codecommit: Rule = (_r, { assumptions: a }) => ({
  charges: [
    {
      kind: "variable",
      what: "active users beyond the 5 free",
      quantity: Math.max(0, a.codecommitActiveUsers - 5),
      basis: `${a.codecommitActiveUsers} active users − 5 free (per account)`,
      priceKey: "codecommit.userMonth",
    },
  ],
});

export const distribution: Rule = (_r, { assumptions: a }) => ({
  charges: [
    assumedGb("CloudFront data to viewers", a.cloudfrontGbPerMonth, "cloudfront.gbEurope"),
    per10kRequests(
      "CloudFront HTTPS requests",
      a.cloudfrontRequestsPerMonth,
      "cloudfront.https10k",
    ),
  ],
});

/** CloudWatch vended-log delivery (e.g. CloudFront standard logging v2) to S3. */
export const logDelivery: Rule = (r, { index, assumptions: a }) => {
  const destinations = index.referenced(
    r,
    "deliveryDestinationArn",
    "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination",
  );
  const targets = destinations.flatMap((d) =>
    index.referenced(d, "deliveryDestinationConfiguration"),
  );
  if (targets.some((t) => t.type === "aws:cloudwatch/logGroup:LogGroup")) {
    return { free: "delivered to a log group, priced as ingestion there" };
  }
  if (!targets.some((t) => /s3\/bucket/.test(t.type)))
    throw new Unpriceable("its destination is not an S3 bucket or log group of this stack");
  const sources = index
    .referenced(r, "deliverySourceName", "aws:cloudwatch/logDeliverySource:LogDeliverySource")
    .flatMap((s) => index.referenced(s, "resourceArn"));
  const cloudfront = sources.some((s) => s.type === "aws:cloudfront/distribution:Distribution");
  const gb = cloudfront
    ? (a.cloudfrontRequestsPerMonth / 1e6) * a.accessLogGbPerMillionRequests
    : a.otherLogGbPerMonth;
  return {
    charges: [
      {
        kind: "variable",
        what: "vended log delivery to S3",
        quantity: gb,
        basis: cloudfront
          ? `CloudFront access logs, ${fmt(a.cloudfrontRequestsPerMonth / 1e6)} M requests × ${fmt(a.accessLogGbPerMillionRequests)} GB`
          : `${fmt(gb)} GB (assumed)`,
        priceKey: "logs.vendedS3Gb",
      },
    ],
  };
};

export const alarm: Rule = () => ({
  charges: [
    { kind: "fixed", what: "alarm", quantity: 1, basis: "1 alarm", priceKey: "cw.alarmMonth" },
  ],
});
