// A Route 53 record's values for its type, which Route 53 refuses when the provider submits the
// change at `pulumi up` (InvalidChangeBatch) and the provider does not check (`by: "aws"`): an A
// record's values are IPv4 addresses in dotted decimal notation, an AAAA record's IPv6 addresses
// (Supported DNS record types, "A record type", "AAAA record type"). cfn-lint checks the same of
// AWS::Route53::RecordSet (E3020, route53/RecordSet.py); `aws.route53.RecordsExclusive` is judged
// the same, set by set. An alias record has no values and is not judged; a leading zero in an
// octet is let through (its reading is not documented). A value "" is not judged, as by every
// validator (index.ts): the offline engine answers an output such as a network interface's
// `privateIp` or an instance's `publicIp` with "" at apply, where AWS has an address.
import { isIPv6 } from "node:net";
import type { CrossRule } from "./rule";

const RECORD = "aws:route53/record:Record";
const RECORDS_EXCLUSIVE = "aws:route53/recordsExclusive:RecordsExclusive";
const RECORD_TYPES =
  "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/ResourceRecordTypes.html";

const isIPv4 = (v: string) =>
  /^\d{1,3}(\.\d{1,3}){3}$/.test(v) && v.split(".").every((o) => Number(o) <= 255);

/** The values of `records` that are not addresses of the family (`""` and non-text left alone). */
function notAddresses(records: unknown, ok: (v: string) => boolean): string[] {
  if (!Array.isArray(records)) return [];
  return records.filter((v): v is string => typeof v === "string" && v !== "" && !ok(v.trim()));
}

const listed = (bad: string[]) =>
  `${bad.map((v) => JSON.stringify(v)).join(", ")} ${bad.length === 1 ? "is" : "are"} not`;

function valuesOf(type: string, what: string, ok: (v: string) => boolean, fix: string): CrossRule {
  return {
    type: RECORD,
    what: `${type} record values are ${what}`,
    reads: ["type", "records"],
    check: (inputs) => {
      if (inputs.type !== type) return [];
      const bad = notAddresses(inputs.records, ok);
      return bad.length === 0
        ? []
        : [
            {
              prop: "records",
              value: bad,
              says: `an ${type} record's values are ${what}: ${listed(bad)}`,
            },
          ];
    },
    fix,
    source: RECORD_TYPES,
    by: "aws",
  };
}

/**
 * The same of `aws.route53.RecordsExclusive`, which submits every record set of the zone in one
 * change batch: each set's `resourceRecords[].value` (the provider's `resource_record_set` block).
 */
function exclusiveValuesOf(
  type: string,
  what: string,
  ok: (v: string) => boolean,
  fix: string,
): CrossRule {
  return {
    type: RECORDS_EXCLUSIVE,
    what: `${type} record set values are ${what}`,
    reads: ["resourceRecordSets"],
    check: (inputs) => {
      const sets: unknown[] = Array.isArray(inputs.resourceRecordSets)
        ? inputs.resourceRecordSets
        : [];
      return sets.flatMap((set, i) => {
        if (!set || typeof set !== "object") return [];
        const { type: t, name, resourceRecords } = set as Record<string, unknown>;
        if (t !== type || !Array.isArray(resourceRecords)) return [];
        const values = resourceRecords.map((r) =>
          r && typeof r === "object" ? (r as Record<string, unknown>).value : undefined,
        );
        const bad = notAddresses(values, ok);
        const setName = typeof name === "string" ? ` (${JSON.stringify(name)})` : "";
        return bad.length === 0
          ? []
          : [
              {
                prop: "resourceRecordSets",
                value: bad,
                says: `resourceRecordSets[${i}]${setName}: an ${type} record's values are ${what}: ${listed(bad)}`,
              },
            ];
      });
    },
    fix,
    source: RECORD_TYPES,
    by: "aws",
  };
}

const A_FIX =
  'IPv4 addresses such as "192.0.2.1"; a name goes in a CNAME record, an AWS resource in an alias';
const AAAA_FIX = 'IPv6 addresses such as "2001:db8::1" (an IPv4 address goes in an A record)';

export const CREATE_DNS_VALUE_CROSS_RULES: readonly CrossRule[] = [
  valuesOf("A", "IPv4 addresses", isIPv4, `${A_FIX} (aliases)`),
  valuesOf("AAAA", "IPv6 addresses", isIPv6, AAAA_FIX),
  exclusiveValuesOf("A", "IPv4 addresses", isIPv4, `${A_FIX} (aliasTarget)`),
  exclusiveValuesOf("AAAA", "IPv6 addresses", isIPv6, AAAA_FIX),
];
