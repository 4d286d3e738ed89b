// VPC endpoints for AWS services carry an endpoint policy narrower than the default full-access
// one. This advisory is the one rule on the actions an endpoint policy allows: an endpoint policy
// grants nothing by itself, it narrows what identity and resource policies allow through the
// endpoint (VPC User Guide, "Control access to VPC endpoints using endpoint policies"), so
// `resource-policy-lists-actions` leaves it out (../exposure/actions.ts).
import { stackPolicy } from "../../lib/define";
import { label } from "../../lib/network";
import { parsePolicyDocument } from "../../lib/policy-document";
import { groupByReference } from "../../lib/references";
import { grantsAllBut, grantsEverything } from "../../lib/resource-policies";
import { must, unknownError } from "../../lib/values";
import { EC2_VPC_ENDPOINT, EC2_VPC_ENDPOINT_POLICY } from "../../lib/types";
import { awsDocs } from "../../lib/controls";
import { NATIVE_EC2_VPC_ENDPOINT, NATIVE_EC2_VPC_ENDPOINT_V0 } from "../../lib/native/types";
import { stringListSchema } from "../../lib/config-schema";

/**
 * IAM service prefixes whose actions go through an endpoint: each part of its service name after
 * the region (com.amazonaws.<region>.ecr.api: ecr, api), without a `-fips` suffix, and the prefix of
 * the names that differ from it (AWS PrivateLink Guide, "AWS services that integrate with AWS
 * PrivateLink", against the Service Authorization Reference's prefixes: monitoring is cloudwatch,
 * kinesis-streams kinesis, ...). A NotAction of one of them leaves nothing the endpoint carries.
 */
function endpointIamPrefixes(serviceName: string): Set<string> {
  const aliases: Record<string, string> = {
    monitoring: "cloudwatch",
    "kinesis-streams": "kinesis",
    "kinesis-firehose": "firehose",
    "email-smtp": "ses",
    "git-codecommit": "codecommit",
    "ecs-agent": "ecs",
    "ecs-telemetry": "ecs",
    "bedrock-runtime": "bedrock",
    "bedrock-agent": "bedrock",
    "bedrock-agent-runtime": "bedrock",
    "s3-global": "s3",
  };
  const parts = serviceName
    .toLowerCase()
    .replace(/^com\.amazonaws\./, "")
    .split(".");
  if (/^[a-z]{2}(-[a-z]+)+-\d+$/.test(parts[0] ?? "")) parts.shift();
  const out = new Set<string>();
  for (const part of parts) {
    const bare = part.replace(/-fips$/, "");
    out.add(bare);
    if (aliases[bare]) out.add(aliases[bare]);
  }
  return out;
}

interface EndpointConfig {
  readonly exemptServices: string[];
}

export const vpcEndpointPolicy = stackPolicy<EndpointConfig>({
  name: "ec2-vpc-endpoint-policy",
  description:
    "Interface and gateway endpoints for AWS services carry an endpoint policy narrower than the default full-access one.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `policy` on the endpoint (or an `aws.ec2.VpcEndpointPolicy`) allowing only the actions and resources the VPC needs, e.g. s3:GetObject/PutObject on the platform's buckets and the ECR layer bucket.",
  references: [awsDocs("vpc/latest/privatelink/vpc-endpoints-access")],
  config: {
    exemptServices: stringListSchema(
      "Service names (or suffixes such as `.ssmmessages`) of endpoints whose service does not support endpoint policies.",
      [],
    ),
  },
  types: [
    EC2_VPC_ENDPOINT,
    EC2_VPC_ENDPOINT_POLICY,
    NATIVE_EC2_VPC_ENDPOINT,
    NATIVE_EC2_VPC_ENDPOINT_V0,
  ],
  appliesTo: [EC2_VPC_ENDPOINT, NATIVE_EC2_VPC_ENDPOINT, NATIVE_EC2_VPC_ENDPOINT_V0],
  check: (ctx) => {
    const endpoints = ctx.index.ofType(EC2_VPC_ENDPOINT);
    const policies = ctx.index.ofType(EC2_VPC_ENDPOINT_POLICY);
    const { byTarget: attached, unresolved: floating } = groupByReference(
      endpoints,
      [EC2_VPC_ENDPOINT],
      policies,
      ["vpcEndpointId"],
    );
    for (const e of endpoints) {
      ctx.each(e, () => {
        // PrivateLink docs: a Gateway Load Balancer endpoint, or an endpoint to a service other than
        // an AWS service, takes no endpoint policy (full access is allowed).
        const type = String(e.props.vpcEndpointType ?? "Gateway");
        if (type === "GatewayLoadBalancer") return;
        const service = String(
          must(() => e.props.serviceName, `the serviceName of ${label(e)}`) ?? "",
        );
        if (!service.startsWith("com.amazonaws.") || service.startsWith("com.amazonaws.vpce."))
          return;
        if (ctx.config.exemptServices.some((x) => service === x || service.endsWith(x))) return;
        const docs = [
          e.props.policy,
          ...(attached.get(e) ?? []).map((p) =>
            must(() => p.props.policy, `the policy of VpcEndpointPolicy "${p.name}"`),
          ),
        ].filter((d) => d !== undefined && d !== null && d !== "");
        if (!docs.length) {
          if (floating.length) {
            throw unknownError(
              `the endpoint of ${floating.map((p) => `VpcEndpointPolicy "${p.name}"`).join(", ")} is unknown until apply`,
            );
          }
          ctx.report(
            e,
            `${label(e)} (${service}) has no endpoint policy: AWS attaches the default full-access policy.`,
          );
          return;
        }
        // The default endpoint policy (full access): Allow, Principal *, Action *, Resource *;
        // or Allow with NotAction, every action but those listed, to the same anyone on anything,
        // unless those are all of the endpoint's own service (NotAction "s3:*" on an S3 endpoint
        // allows nothing through it).
        const parsed = docs.map((d) => parsePolicyDocument(d));
        const prefixes = endpointIamPrefixes(service);
        const grant = parsed.some(grantsEverything)
          ? "*"
          : parsed.map((d) => grantsAllBut(d, prefixes)).find((x) => x !== undefined);
        if (grant) {
          ctx.report(
            e,
            `${label(e)} (${service}) has a full-access endpoint policy (Allow ${grant} on * to *, no condition).`,
          );
        }
      });
    }
  },
});
