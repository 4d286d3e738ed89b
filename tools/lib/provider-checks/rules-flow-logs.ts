// VPC flow logs: the attribute validators of the provider's schema (internal/service/ec2/
// vpc_flow_log.go), which its Check runs at `pulumi preview`: the delivery role, cross-account
// role and log destination are ARNs (verify.ValidARN: a log group's `arn` output, not its name),
// an aggregation interval of 60 or 600 seconds (validation.IntInSlice), the SDK's traffic types
// (`ACCEPT`, `REJECT`, `ALL`), destination types (`cloud-watch-logs`, `s3`,
// `kinesis-data-firehose`) and file formats (`plain-text`, `parquet`), each enum.Validate, so a
// newer value of the same shape is let through, and exactly one of the six things a flow log
// watches (ExactlyOneOf; the SDK's message lists them sorted, not in the schema's order).
import { arnInputs, exactlyOneOf, inputRule, type CrossRule, type InputRule } from "./rule";
import { intOneOf, oneOfGrowing } from "./validators";

const FLOW_LOG = "aws:ec2/flowLog:FlowLog";
const FILE = "internal/service/ec2/vpc_flow_log.go";

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

export const FLOW_LOG_CROSS_RULES: readonly CrossRule[] = [
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
