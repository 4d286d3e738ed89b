// VPC flow logs: the attribute validators of the provider's schema (internal/service/ec2/
// vpc_flow_log.go), which its Check runs at `pulumi preview`: the delivery role, cross-account
// role and log destination are ARNs (verify.ValidARN: a log group's `arn` output, not its name),
// an aggregation interval of 60 or 600 seconds (validation.IntInSlice), the SDK's traffic types
// (`ACCEPT`, `REJECT`, `ALL`), destination types (`cloud-watch-logs`, `s3`,
// `kinesis-data-firehose`) and file formats (`plain-text`, `parquet`), each enum.Validate, so a
// newer value of the same shape is let through, and exactly one of the six things a flow log
// watches (ExactlyOneOf; the SDK's message lists them sorted, not in the schema's order).
//
// And a limit AWS enforces when the provider creates the flow log (`by: "aws"`, at `pulumi up`):
// the Transit Gateway guide ("Create and manage AWS Transit Gateway Flow Logs using APIs or the
// CLI") says `--max-aggregation-interval` "is the only accepted value for transit gateway resource
// types. An error is returned if you try to pass any other value", of 60 (the provider's own page,
// @pulumi/aws ec2/flowLog.d.ts, says the same: it "*must* be 60 seconds"). The provider's schema
// defaults the interval to 600 and its create sends it (`d.GetOk("max_aggregation_interval")`), so
// a transit gateway or attachment flow log that gives none is refused too. The same page's
// "An error is returned if you provide" a traffic type there needs no rule: the provider leaves
// `traffic_type` out of the call for those resource types. Looked at and not judged: a VPC,
// subnet or interface flow log without a traffic type. The API reference lists TrafficType as
// "Required: No", and no AWS page found says the call fails without it.
import { arnInputs, exactlyOneOf, inputRule, type CrossRule, type InputRule } from "./rule";
import { intOneOf, oneOfGrowing } from "./validators";

const FLOW_LOG = "aws:ec2/flowLog:FlowLog";
const FILE = "internal/service/ec2/vpc_flow_log.go";
const TGW_FLOW_LOGS = "https://docs.aws.amazon.com/vpc/latest/tgw/flow-logs-api-cli.html";

/** Lower-case words joined by `-`: the shape of the SDK's destination types and file formats. */
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const FLOW_LOG_RULES: readonly InputRule[] = [
  ...arnInputs(FLOW_LOG, FILE, [
    [
      "iamRoleArn",
      "iam_role_arn",
      "the ARN of the role that delivers the logs (a role's `arn` output)",
    ],
    [
      "deliverCrossAccountRole",
      "deliver_cross_account_role",
      "the ARN of the role in the destination's account",
    ],
    [
      "logDestination",
      "log_destination",
      "the ARN of the log group, bucket or delivery stream (its `arn` output), not its name",
    ],
  ]),
  inputRule(
    FLOW_LOG,
    "maxAggregationInterval",
    "max_aggregation_interval",
    intOneOf([60, 600]),
    "60 or 600 seconds",
    FILE,
  ),
  inputRule(
    FLOW_LOG,
    "trafficType",
    "traffic_type",
    oneOfGrowing(["ACCEPT", "REJECT", "ALL"]),
    "ACCEPT, REJECT or ALL, upper case",
    FILE,
  ),
  inputRule(
    FLOW_LOG,
    "logDestinationType",
    "log_destination_type",
    oneOfGrowing(["cloud-watch-logs", "s3", "kinesis-data-firehose"], KEBAB),
    "cloud-watch-logs, s3 or kinesis-data-firehose, lower case with hyphens",
    FILE,
  ),
  inputRule(
    FLOW_LOG,
    "destinationOptions.fileFormat",
    "destination_options.0.file_format",
    oneOfGrowing(["plain-text", "parquet"], KEBAB),
    "plain-text or parquet, lower case",
    FILE,
  ),
];

const given = (v: unknown) => v !== undefined && v !== null && v !== "";

/** A transit gateway's or attachment's flow log with an interval other than 60 (or none: 600). */
const transitGatewayInterval: CrossRule = {
  type: FLOW_LOG,
  what: "a transit gateway flow log's aggregation interval is 60",
  reads: ["transitGatewayId", "transitGatewayAttachmentId", "maxAggregationInterval"],
  check: (inputs) => {
    if (!given(inputs.transitGatewayId) && !given(inputs.transitGatewayAttachmentId)) return [];
    const v = inputs.maxAggregationInterval;
    const says =
      "a transit gateway flow log takes only a maximum aggregation interval of 60 seconds";
    if (v === undefined || v === null) {
      return [
        {
          prop: "maxAggregationInterval",
          value: v,
          says: `${says}; none given, the provider sends its default 600`,
        },
      ];
    }
    // Any value but 60 and 600 is the provider's own refusal at preview (intOneOf above).
    return Number(v) === 600
      ? [{ prop: "maxAggregationInterval", value: v, says: `${says}, got ${v}` }]
      : [];
  },
  fix: "maxAggregationInterval: 60 on a flow log of a transit gateway or attachment (the provider's default, 600, is refused there)",
  source: TGW_FLOW_LOGS,
  by: "aws",
};

export const FLOW_LOG_CROSS_RULES: readonly CrossRule[] = [
  transitGatewayInterval,
  exactlyOneOf(
    FLOW_LOG,
    [
      ["eniId", "eni_id"],
      ["regionalNatGatewayId", "regional_nat_gateway_id"],
      ["subnetId", "subnet_id"],
      ["vpcId", "vpc_id"],
      ["transitGatewayId", "transit_gateway_id"],
      ["transitGatewayAttachmentId", "transit_gateway_attachment_id"],
    ],
    FILE,
  ),
];
