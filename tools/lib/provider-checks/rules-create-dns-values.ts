// A Route 53 record's values for its type, which Route 53 refuses when the provider submits the
// change at `pulumi up` (InvalidChangeBatch) and the provider does not check (`by: "aws"`): an A
// record's values are IPv4 addresses in dotted decimal notation, an AAAA record's IPv6 addresses
// (Supported DNS record types, "A record type", "AAAA record type"). cfn-lint checks the same of
// AWS::Route53::RecordSet (E3020, route53/RecordSet.py). An alias record has no values and is not
// judged; a leading zero in an octet is let through (its reading is not documented). A value ""
// is not judged, as by every validator (index.ts): the offline engine answers an output such as a
// network interface's `privateIp` or an instance's `publicIp` with "" at apply, where AWS has an
// address.
import { isIPv6 } from "node:net";
import type { CrossRule } from "./rule";

const RECORD = "aws:route53/record:Record";
const RECORD_TYPES =
  "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/ResourceRecordTypes.html";

const isIPv4 = (v: string) =>
  /^\d{1,3}(\.\d{1,3}){3}$/.test(v) && v.split(".").every((o) => Number(o) <= 255);

function valuesOf(type: string, what: string, ok: (v: string) => boolean, fix: string): CrossRule {
  return {
    type: RECORD,
    what: `${type} record values are ${what}`,
    reads: ["type", "records"],
    check: (inputs) => {
      if (inputs.type !== type || !Array.isArray(inputs.records)) return [];
      const bad = inputs.records.filter(
        (v: unknown) => typeof v === "string" && v !== "" && !ok(v.trim()),
      );
      const list = bad.map((v: string) => JSON.stringify(v)).join(", ");
      return bad.length === 0
        ? []
        : [
            {
              prop: "records",
              value: bad,
              says: `an ${type} record's values are ${what}: ${list} ${bad.length === 1 ? "is" : "are"} not`,
            },
          ];
    },
    fix,
    source: RECORD_TYPES,
    by: "aws",
  };
}

export const CREATE_DNS_VALUE_CROSS_RULES: readonly CrossRule[] = [
  valuesOf(
    "A",
    "IPv4 addresses",
    isIPv4,
    'IPv4 addresses such as "192.0.2.1"; a name goes in a CNAME record, an AWS resource in an alias (aliases)',
  ),
  valuesOf(
    "AAAA",
    "IPv6 addresses",
    isIPv6,
    'IPv6 addresses such as "2001:db8::1" (an IPv4 address goes in an A record)',
  ),
];
