// Route 53 health checks: the attribute validators of the provider's schema
// (internal/service/route53/health_check.go), refused at `pulumi preview`. The health check type,
// the regions it checks from and its missing-data status are AWS SDK enumerations, judged as
// growing (a value of their shape is accepted as one a newer provider may list); the CloudWatch
// alarm's region is not judged (every region name of the SDK).
import { isIP } from "net";
import type { CrossRule, InputRule } from "./rule";
import { inputRule, maxItems } from "./rule";
import { portNumber } from "./rules-balancers";
import {
  CAMEL,
  intAtMost,
  intBetween,
  intOneOf,
  lenBetween,
  oneOfGrowing,
  validARN,
  Validator,
} from "./validators";

const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
const HEALTH_CHECK_GO = "internal/service/route53/health_check.go";

/** types.HealthCheckType of the AWS SDK. */
const TYPES = [
  "HTTP",
  "HTTPS",
  "HTTP_STR_MATCH",
  "HTTPS_STR_MATCH",
  "TCP",
  "CALCULATED",
  "CLOUDWATCH_METRIC",
  "RECOVERY_CONTROL",
];
/** types.HealthCheckRegion of the AWS SDK: the regions Route 53 checks from. */
const REGIONS = [
  "us-east-1",
  "us-west-1",
  "us-west-2",
  "eu-west-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-northeast-1",
  "sa-east-1",
];
const REGION_SHAPE = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** validation.IsIPAddress, in its own words. */
const ipAddress: Validator = (v, k) =>
  typeof v === "string" && isIP(v) === 0 ? [`expected ${k} to contain a valid IP, got: ${v}`] : [];

/**
 * `reference_name`: at most 64 - 26 - 11 = 27 characters, the provider appending a
 * `-terraform-<26-character unique id>` to it for the caller reference of at most 64 (its comment:
 * "This limits the length of the resource argument to 27").
 */
const REFERENCE_MAX = 64 - 26 - 11;

const rule = (prop: string, attr: string, validate: Validator, fix: string): InputRule =>
  inputRule(HEALTH_CHECK, prop, attr, validate, fix, HEALTH_CHECK_GO);

export const HEALTH_CHECK_RULES: readonly InputRule[] = [
  rule(
    "type",
    "type",
    oneOfGrowing(TYPES),
    "one of HTTP, HTTPS, HTTP_STR_MATCH, HTTPS_STR_MATCH, TCP, CALCULATED, CLOUDWATCH_METRIC, RECOVERY_CONTROL (upper case)",
  ),
  rule("failureThreshold", "failure_threshold", intBetween(1, 10), "1 to 10 failed checks"),
  rule("requestInterval", "request_interval", intOneOf([10, 30]), "10 or 30 seconds"),
  rule("port", "port", portNumber, "a port from 1 to 65535"),
  rule("ipAddress", "ip_address", ipAddress, "an IPv4 or IPv6 address, without a port or a mask"),
  rule("fqdn", "fqdn", lenBetween(0, 255), "a domain name of at most 255 characters"),
  rule("resourcePath", "resource_path", lenBetween(0, 255), "a path of at most 255 characters"),
  rule("searchString", "search_string", lenBetween(0, 255), "at most 255 characters"),
  rule(
    "referenceName",
    "reference_name",
    lenBetween(0, REFERENCE_MAX),
    `at most ${REFERENCE_MAX} characters (the provider appends a unique suffix)`,
  ),
  rule("childHealthThreshold", "child_health_threshold", intAtMost(256), "at most 256"),
  rule(
    "childHealthchecks",
    "child_healthchecks",
    lenBetween(0, 64),
    "the `id` outputs of other health checks",
  ),
  rule("routingControlArn", "routing_control_arn", validARN, "the routing control's `arn` output"),
  rule(
    "regions",
    "regions",
    oneOfGrowing(REGIONS, REGION_SHAPE),
    "region names Route 53 checks from, in lower case (e.g. us-east-1, eu-west-1, ap-southeast-1)",
  ),
  rule(
    "insufficientDataHealthStatus",
    "insufficient_data_health_status",
    oneOfGrowing(["Healthy", "Unhealthy", "LastKnownStatus"], CAMEL),
    "Healthy, Unhealthy or LastKnownStatus",
  ),
];

/**
 * `regions`: MinItems 3 (terraform-plugin-sdk v2 helper/schema/schema.go, validateList: "Not
 * enough list items"); an empty list is left alone, as the SDK's versions differ on whether it
 * counts. `regions` is a set in the provider's schema (health_check.go, `schema.TypeSet`): a
 * region given twice is one item, so distinct regions count. Its MaxItems 64 cannot be crossed
 * with the 8 distinct regions of the set.
 */
const regionCount: CrossRule = {
  type: HEALTH_CHECK,
  what: "3 to 64 regions",
  reads: ["regions"],
  check: (inputs) => {
    const regions = inputs.regions;
    if (!Array.isArray(regions) || regions.length === 0) return [];
    const distinct = new Set(regions).size;
    if (distinct >= 3) return [];
    return [
      {
        prop: "regions",
        value: regions,
        says: `Not enough list items. Attribute regions requires 3 item minimum, but config has only ${distinct} declared.`,
      },
    ];
  },
  fix: "at least 3 regions (or leave regions out: Route 53 then checks from its default regions)",
  source: HEALTH_CHECK_GO,
};

export const HEALTH_CHECK_CROSS_RULES: readonly CrossRule[] = [
  regionCount,
  maxItems(HEALTH_CHECK, ["childHealthchecks", "child_healthchecks"], 256, HEALTH_CHECK_GO, {
    what: "at most 256 child health checks",
    distinct: true,
    fix: "at most 256 child health checks (a calculated health check of calculated ones for more)",
  }),
];
