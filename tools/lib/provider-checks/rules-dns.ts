// Route 53 records: the record type, an alias or records (never both, never neither), no TTL on an
// alias, the alias target's lengths, and the routing policies: each needs a `setIdentifier`
// (`RequiredWith: []string{"set_identifier"}`), one at most (each `ConflictsWith` the six others),
// a geoproximity bias of -99 to 99. Each entry names the provider file that declares it.
import { readingBooleans } from "./bool-input";
import { enumValues } from "./enums";
import type { CrossProblem, CrossRule, InputRule } from "./rule";
import { awsRule, conflictsWith, exactlyOneOf, givenValue, maxItems, requiredWith } from "./rule";
import { intBetween, lenBetween, oneOfGrowing } from "./validators";

const RECORD = "aws:route53/record:Record";
const ROUTE53 = "internal/service/route53/record.go";
/**
 * ResourceRecord.Value: "not to exceed 4,000 characters … You can specify more than one value for
 * all record types except CNAME and SOA." Route 53 refuses the change when the provider submits
 * it at `pulumi up`; the provider does not check either.
 */
const RESOURCE_RECORD =
  "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecord.html";
/** The record types' formats; a TXT value (its TXT format section): quoted strings of at most 255 bytes each. */
const TXT_FORMAT =
  "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/ResourceRecordTypes.html";

/**
 * Record types the provider accepts (`enum.Validate[awstypes.RRType]()`, an AWS SDK enumeration
 * that grows): those @pulumi/aws declares (`aws.route53.RecordType`), those the AWS SDK added
 * since (DS, TLSA, SSHFP, SVCB, HTTPS), and any other upper-case word a newer SDK may add, so a
 * newer type is never refused; a lower-case one ("cname") or an empty one is.
 */
const DECLARED_TYPES = enumValues("route53", "RecordType");
const RECORD_TYPES = [...new Set([...DECLARED_TYPES, "DS", "TLSA", "SSHFP", "SVCB", "HTTPS"])];
const RECORD_TYPE_SHAPE = /^[A-Z][A-Z0-9]*$/;

/**
 * ResourceRecordSet: `Weight`, "Valid Range: Minimum value of 0. Maximum value of 255", and
 * `SetIdentifier`, "Length Constraints: Minimum length of 1. Maximum length of 128". The provider
 * sets no validator on either (record.go); Route 53 refuses the change at `pulumi up`.
 */
const RESOURCE_RECORD_SET =
  "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html";

/** The routing policies, each `[Pulumi input, provider attribute]`, sorted by attribute. */
const ROUTING_POLICIES: [string, string][] = [
  ["cidrRoutingPolicy", "cidr_routing_policy"],
  ["failoverRoutingPolicies", "failover_routing_policy"],
  ["geolocationRoutingPolicies", "geolocation_routing_policy"],
  ["geoproximityRoutingPolicy", "geoproximity_routing_policy"],
  ["latencyRoutingPolicies", "latency_routing_policy"],
  ["multivalueAnswerRoutingPolicy", "multivalue_answer_routing_policy"],
  ["weightedRoutingPolicies", "weighted_routing_policy"],
];

/**
 * One routing policy at most. The SDK reports each given policy against the first other one
 * given, in the order its `ConflictsWith` lists them (alphabetical here); the check reports the
 * first pair once. `false` (multivalue answers off) and an empty list are not counted.
 */
const oneRoutingPolicy: CrossRule = {
  type: RECORD,
  what: "one routing policy at most",
  reads: ROUTING_POLICIES.map((p) => p[0]),
  check: (inputs) => {
    const given = ROUTING_POLICIES.filter(([p]) => givenValue(inputs[p]));
    if (given.length < 2) return [];
    const [[prop, attr], [, other]] = given;
    return [{ prop, value: inputs[prop], says: `"${attr}": conflicts with ${other}` }];
  },
  fix: "one routing policy per record; a record set of another policy is another aws.route53.Record",
  source: ROUTE53,
};

/**
 * A routing policy beside `setIdentifier: ""`. The provider's `RequiredWith` takes `""` as given,
 * but its create sends `SetIdentifier` only when `d.GetOk("set_identifier")` holds, which it does
 * not for the empty string (record.go, expandResourceRecordSet), so Route 53 gets the policy
 * without the identifier every record of a routing policy other than simple needs, and an empty
 * one would be under ResourceRecordSet's "Minimum length of 1" anyway. A bridge that reads `""` as
 * absent refuses it at preview instead: refused on both readings, so at create here.
 */
const emptySetIdentifier: CrossRule = {
  type: RECORD,
  what: "a set identifier that is not empty beside a routing policy",
  reads: ["setIdentifier", ...ROUTING_POLICIES.map((p) => p[0])],
  check: (inputs) => {
    if (inputs.setIdentifier !== "") return [];
    const given = ROUTING_POLICIES.find(([p]) => givenValue(inputs[p]));
    return given
      ? [
          {
            prop: "setIdentifier",
            value: "",
            says: `set_identifier "" beside ${given[1]}: a record of a routing policy needs a set identifier of 1 to 128 characters, and the provider sends none for ""`,
          },
        ]
      : [];
  },
  fix: "a set identifier unique among the records of this name and type, such as the region or the weight's target",
  source: RESOURCE_RECORD_SET,
  by: "aws",
};

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
    "weightedRoutingPolicies.weight",
    "weighted_routing_policy.0.weight",
    (v, k) =>
      typeof v === "number" && (v < 0 || v > 255) ? [`${k} ${v}: a weight is 0 to 255`] : [],
    "a weight from 0 (no traffic) to 255",
    RESOURCE_RECORD_SET,
  ),
  awsRule(
    RECORD,
    "setIdentifier",
    "set_identifier",
    (v, k) =>
      typeof v === "string" && v.length > 128
        ? [`${k} of ${v.length} characters: a set identifier has at most 128`]
        : [],
    "a set identifier of at most 128 characters, unique among the records of one name and type",
    RESOURCE_RECORD_SET,
  ),
  {
    type: RECORD,
    prop: "geoproximityRoutingPolicy.bias",
    attr: "geoproximity_routing_policy.0.bias",
    validate: intBetween(-99, 99),
    fix: "a bias from -99 (shrink the region) to 99 (grow it)",
    source: ROUTE53,
  },
];

/**
 * A CNAME or SOA record has one value (RESOURCE_RECORD). `records` is a set in the provider's
 * schema (record.go, `schema.TypeSet`), so a value given twice is sent once: distinct values count.
 */
const singleValue = maxItems(RECORD, ["records", "records"], 1, RESOURCE_RECORD, {
  what: "one value for a CNAME or SOA record",
  reads: ["type", "records"],
  applies: (inputs) => inputs.type === "CNAME" || inputs.type === "SOA",
  distinct: true,
  says: (n, inputs) => `a ${inputs.type} record has one value, got ${n}`,
  fix: "one value for a CNAME (or SOA) record; several names need several records",
  by: "aws",
});

/**
 * The lengths in bytes of the character strings of a TXT or SPF value as the provider sends it:
 * a DNS character-string is a length octet and at most 255 octets (RFC 1035, section 3.3), so a
 * `\ddd` or `\x` escape is one byte and any other character its UTF-8 bytes (Route 53's TXT
 * format asks for bytes 0x7F to 0xFF written as `\ddd` escapes, one byte each; a character given
 * as it is counts as the bytes it is sent as). Undefined when the value is not a run of quoted
 * strings (what Route 53 makes of it is not known here, so it is left to Route 53).
 */
export function txtStrings(sent: string): number[] | undefined {
  const lengths: number[] = [];
  let i = 0;
  for (;;) {
    while (sent[i] === " " || sent[i] === "\t") i++;
    if (i >= sent.length) return lengths;
    if (sent[i] !== '"') return undefined;
    let n = 0;
    for (i++; sent[i] !== '"';) {
      if (i >= sent.length) return undefined;
      if (sent[i] === "\\") {
        i += /^\d{3}/.test(sent.slice(i + 1, i + 4)) ? 4 : 2;
        n += 1;
      } else {
        const char = String.fromCodePoint(sent.codePointAt(i) as number);
        i += char.length;
        n += Buffer.byteLength(char, "utf8");
      }
    }
    i++;
    lengths.push(n);
  }
}

const ORDINAL = (n: number) =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? "st" : n % 10 === 2 && n % 100 !== 12 ? "nd" : n % 10 === 3 && n % 100 !== 13 ? "rd" : "th"}`;

/**
 * Each value as Route 53 receives it: at most 4000 characters (RESOURCE_RECORD). The provider
 * sends a TXT or SPF value in quotes (record.go, expandResourceRecords → flattenTxtEntry), so its
 * quotes count, and Route 53 refuses a quoted string over 255 characters (CharacterStringTooLong;
 * TXT_FORMAT; hashicorp/terraform-provider-aws#14941, #46922: the provider does not check it). A
 * longer value is split with `""` between strings, as the provider's documentation of `records`
 * shows ("first255characters\"\"morecharacters"). The 4000 are characters of the value as sent
 * (RESOURCE_RECORD: "not to exceed 4,000 characters"; its length constraint is the string's), the
 * 255 are bytes of each string (txtStrings).
 */
const recordValues: CrossRule = {
  type: RECORD,
  what: "record values of at most 4000 characters as sent, TXT strings of at most 255 bytes",
  reads: ["type", "records"],
  check: (inputs) => {
    const type = inputs.type;
    if (typeof type !== "string" || !Array.isArray(inputs.records)) return [];
    const quoted = type === "TXT" || type === "SPF";
    return [...new Set(inputs.records)].flatMap((v): CrossProblem[] => {
      if (typeof v !== "string" || v === "") return [];
      const sent = quoted ? `"${v}"` : v;
      const length = [...sent].length; // characters (code points), not UTF-16 units
      const says: string[] = [];
      if (length > 4000)
        says.push(
          quoted
            ? `the ${type} value is sent quoted, ${length} characters, over 4000`
            : `the ${type} value is ${length} characters, over 4000`,
        );
      const strings = quoted ? (txtStrings(sent) ?? []) : [];
      const at = strings.findIndex((n) => n > 255);
      if (at >= 0)
        says.push(
          `the ${type} value's strings are of at most 255 bytes, its ${ORDINAL(at + 1)} has ${strings[at]}`,
        );
      return says.map((text) => ({ prop: "records", value: v, says: text }));
    });
  },
  fix: 'each value at most 4000 characters; a TXT or SPF value (sent in quotes) split into strings of at most 255 bytes (a non-ASCII character is 2 to 4) with "" between them, e.g. `${first255}""${rest}`',
  source: TXT_FORMAT,
  by: "aws",
};

// Multivalue answers, the one boolean among the policies, read as the provider reads it: "false"
// is no policy, as false is.
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
  ...ROUTING_POLICIES.map((policy) =>
    requiredWith(RECORD, policy, [["setIdentifier", "set_identifier"]], ROUTE53),
  ),
  oneRoutingPolicy,
  emptySetIdentifier,
  singleValue,
  recordValues,
].map((rule) => readingBooleans(rule, ["multivalueAnswerRoutingPolicy"]));
