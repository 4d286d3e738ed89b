// Route 53 records: the record type, an alias or records (never both, never neither), no TTL on an
// alias, and the alias target's lengths. Each entry names the provider file that declares it.
import { enumValues } from "./enums";
import type { CrossRule, InputRule } from "./rule";
import { awsRule, conflictsWith, exactlyOneOf } from "./rule";
import { lenBetween, oneOfGrowing } from "./validators";

const RECORD = "aws:route53/record:Record";
const ROUTE53 = "internal/service/route53/record.go";
/**
 * ResourceRecord.Value: "not to exceed 4,000 characters … You can specify more than one value for
 * all record types except CNAME and SOA." Route 53 refuses the change when the provider submits
 * it at `pulumi up`; the provider does not check either.
 */
const RESOURCE_RECORD =
  "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecord.html";

/**
 * Record types the provider accepts (`enum.Validate[awstypes.RRType]()`, an AWS SDK enumeration
 * that grows): those @pulumi/aws declares (`aws.route53.RecordType`), those the AWS SDK added
 * since (DS, TLSA, SSHFP, SVCB, HTTPS), and any other upper-case word a newer SDK may add, so a
 * newer type is never refused; a lower-case one ("cname") or an empty one is.
 */
const DECLARED_TYPES = enumValues("route53", "RecordType");
const RECORD_TYPES = [...new Set([...DECLARED_TYPES, "DS", "TLSA", "SSHFP", "SVCB", "HTTPS"])];
const RECORD_TYPE_SHAPE = /^[A-Z][A-Z0-9]*$/;

export const DNS_RULES: readonly InputRule[] = [
  ...(DECLARED_TYPES.length === 0
    ? []
    : [
        {
          type: RECORD,
          prop: "type",
          attr: "type",
          validate: oneOfGrowing(RECORD_TYPES, RECORD_TYPE_SHAPE),
          fix: "a record type in upper case: A, AAAA, CNAME, TXT, MX, … (aws.route53.RecordType)",
          source: ROUTE53,
        },
      ]),
  {
    type: RECORD,
    prop: "aliases.name",
    attr: "alias.0.name",
    validate: lenBetween(1, 1024),
    fix: "the target's DNS name (a load balancer's or distribution's `dnsName`)",
    source: ROUTE53,
  },
  {
    type: RECORD,
    prop: "aliases.zoneId",
    attr: "alias.0.zone_id",
    validate: lenBetween(1, 32),
    fix: "the target's hosted zone id (a load balancer's or distribution's `zoneId`/`hostedZoneId`)",
    source: ROUTE53,
  },
  awsRule(
    RECORD,
    "records",
    "ResourceRecord.Value",
    lenBetween(1, 4000),
    "each value at most 4000 characters (a long TXT value split into strings of at most 255)",
    RESOURCE_RECORD,
  ),
];

/**
 * A CNAME or SOA record has one value (RESOURCE_RECORD). `records` is a set in the provider's
 * schema (record.go, `schema.TypeSet`), so a value given twice is sent once: distinct values count.
 */
const distinct = (v: unknown) => (Array.isArray(v) ? new Set(v).size : 0);
const singleValue: CrossRule = {
  type: RECORD,
  what: "one value for a CNAME or SOA record",
  reads: ["type", "records"],
  check: (inputs) =>
    (inputs.type === "CNAME" || inputs.type === "SOA") && distinct(inputs.records) > 1
      ? [
          {
            prop: "records",
            value: inputs.records,
            says: `a ${inputs.type} record has one value, got ${distinct(inputs.records)}`,
          },
        ]
      : [],
  fix: "one value for a CNAME (or SOA) record; several names need several records",
  source: RESOURCE_RECORD,
  by: "aws",
};

export const DNS_CROSS_RULES: readonly CrossRule[] = [
  exactlyOneOf(
    RECORD,
    [
      ["aliases", "alias"],
      ["records", "records"],
    ],
    ROUTE53,
  ),
  conflictsWith(RECORD, ["ttl", "ttl"], ["aliases", "alias"], ROUTE53),
  singleValue,
];
