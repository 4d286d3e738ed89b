// EC2 launch templates: the attribute validators of the provider's schema
// (internal/service/ec2/ec2_launch_template.go), refused at `pulumi preview`. The volume type,
// shutdown behaviour and metadata options are AWS SDK enumerations, judged as growing (a value of
// their shape is accepted as one a newer provider may list); the CPU credits are a list the provider
// writes out itself (cpuCredits_Values). A volume's throughput is not judged: its upper bound
// differs between provider versions as AWS raised gp3's.
import type { InputRule } from "./rule";
import { inputRule } from "./rule";
import {
  intAtLeast,
  intBetween,
  intDivisibleBy,
  lenBetween,
  LOWER_SNAKE,
  oneOf,
  oneOfGrowing,
  validARN,
  Validator,
} from "./validators";

const TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const TEMPLATE_GO = "internal/service/ec2/ec2_launch_template.go";

/** types.VolumeType of the AWS SDK: lower-case letters and a generation digit. */
const VOLUME_TYPES = ["standard", "io1", "io2", "gp2", "sc1", "st1", "gp3"];
const VOLUME_SHAPE = /^[a-z]+[0-9]*$/;

const rule = (prop: string, attr: string, validate: Validator, fix: string): InputRule =>
  inputRule(TEMPLATE, prop, attr, validate, fix, TEMPLATE_GO);

export const LAUNCH_TEMPLATE_RULES: readonly InputRule[] = [
  rule("description", "description", lenBetween(0, 255), "at most 255 characters"),
  rule("defaultVersion", "default_version", intAtLeast(1), "a version number from 1"),
  rule(
    "blockDeviceMappings.ebs.volumeType",
    "block_device_mappings.0.ebs.0.volume_type",
    oneOfGrowing(VOLUME_TYPES, VOLUME_SHAPE),
    "gp3, gp2, io2, io1, st1, sc1 or standard (lower case)",
  ),
  rule(
    "blockDeviceMappings.ebs.kmsKeyId",
    "block_device_mappings.0.ebs.0.kms_key_id",
    validARN,
    "the key's `arn` output (a key id or alias is not accepted here)",
  ),
  rule(
    "iamInstanceProfile.arn",
    "iam_instance_profile.0.arn",
    validARN,
    "the instance profile's `arn` output, or its name as iamInstanceProfile.name",
  ),
  rule(
    "instanceInitiatedShutdownBehavior",
    "instance_initiated_shutdown_behavior",
    oneOfGrowing(["stop", "terminate"], LOWER_SNAKE),
    "stop or terminate (lower case)",
  ),
  rule(
    "creditSpecification.cpuCredits",
    "credit_specification.0.cpu_credits",
    oneOf(["standard", "unlimited"]),
    "standard or unlimited (lower case)",
  ),
  rule(
    "instanceMarketOptions.spotOptions.blockDurationMinutes",
    "instance_market_options.0.spot_options.0.block_duration_minutes",
    intDivisibleBy(60),
    "a multiple of 60 minutes",
  ),
  rule(
    "metadataOptions.httpPutResponseHopLimit",
    "metadata_options.0.http_put_response_hop_limit",
    intBetween(1, 64),
    "1 to 64 hops (1 keeps the credentials on the instance; 2 lets containers on it reach them)",
  ),
  rule(
    "metadataOptions.httpTokens",
    "metadata_options.0.http_tokens",
    oneOfGrowing(["optional", "required"], LOWER_SNAKE),
    "required (IMDSv2) or optional, in lower case",
  ),
  rule(
    "metadataOptions.httpEndpoint",
    "metadata_options.0.http_endpoint",
    oneOfGrowing(["enabled", "disabled"], LOWER_SNAKE),
    "enabled or disabled (lower case)",
  ),
];
