// Route 53 records: the record type, an alias or records (never both, never neither), no TTL on an
// alias, and the alias target's lengths. Each entry names the provider file that declares it.
import { enumValues } from "./enums";
import type { CrossRule, InputRule } from "./rule";
import { conflictsWith, exactlyOneOf } from "./rule";
import { lenBetween, oneOfGrowing } from "./validators";

const RECORD = "aws:route53/record:Record";
const ROUTE53 = "internal/service/route53/record.go";

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
];

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
];
