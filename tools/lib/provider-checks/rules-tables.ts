// DynamoDB tables: billing mode, key and stream enumerations, a point-in-time recovery period of 1
// to 35 days, and the checks the provider makes
// when it plans a table (every attribute defined is a key of the table or of an index, and every
// key is a defined attribute; the capacities the billing mode needs or forbids; a TTL that is on
// names its attribute). Each entry names the provider file that declares it.
import type { CrossRule, InputRule } from "./rule";
import { goQuote, intBetween, oneOf, oneOfGrowing } from "./validators";
import { isTrue } from "./bool-input";

const TABLE = "aws:dynamodb/table:Table";
const DYNAMODB = "internal/service/dynamodb/table.go";

const PROJECTIONS = ["ALL", "KEYS_ONLY", "INCLUDE"];

export const TABLE_RULES: readonly InputRule[] = [
  {
    type: TABLE,
    prop: "billingMode",
    attr: "billing_mode",
    validate: oneOfGrowing(["PAY_PER_REQUEST", "PROVISIONED"]),
    fix: "PAY_PER_REQUEST or PROVISIONED (upper case)",
    source: DYNAMODB,
  },
  {
    type: TABLE,
    prop: "attributes.type",
    attr: "attribute.type",
    validate: oneOf(["B", "N", "S"]),
    fix: "S (string), N (number) or B (binary)",
    source: DYNAMODB,
  },
  {
    type: TABLE,
    prop: "streamViewType",
    attr: "stream_view_type",
    validate: oneOf(["", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"]),
    fix: "NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES or KEYS_ONLY (upper case)",
    source: DYNAMODB,
  },
  ...(
    [
      ["globalSecondaryIndexes.projectionType", "global_secondary_index.projection_type"],
      ["localSecondaryIndexes.projectionType", "local_secondary_index.projection_type"],
    ] as const
  ).map(([prop, attr]): InputRule => ({
    type: TABLE,
    prop,
    attr,
    validate: oneOf(PROJECTIONS),
    fix: "ALL, KEYS_ONLY or INCLUDE",
    source: DYNAMODB,
  })),
  {
    type: TABLE,
    prop: "tableClass",
    attr: "table_class",
    validate: oneOfGrowing(["STANDARD", "STANDARD_INFREQUENT_ACCESS"]),
    fix: "STANDARD or STANDARD_INFREQUENT_ACCESS",
    source: DYNAMODB,
  },
  {
    type: TABLE,
    prop: "pointInTimeRecovery.recoveryPeriodInDays",
    attr: "point_in_time_recovery.0.recovery_period_in_days",
    validate: intBetween(1, 35),
    fix: "a recovery period of 1 to 35 days (35 when left out)",
    source: DYNAMODB,
  },
];

type Named = { name?: unknown; hashKey?: unknown; rangeKey?: unknown };

/** Go's `%q` of a string slice. */
function quoted(names: readonly string[]): string {
  return `[${names.map(goQuote).join(" ")}]`;
}

/**
 * `validateDynamoDbTableAttributes` (resource CustomizeDiff): the keys of the table and of its
 * indexes, and the attributes defined, must be the same names. A table or index that names its
 * keys some other way (a newer provider's key schema blocks) is left alone.
 */
const attributesIndexed: CrossRule = {
  type: TABLE,
  what: "every attribute is a key, every key an attribute",
  reads: ["hashKey", "rangeKey", "attributes", "globalSecondaryIndexes", "localSecondaryIndexes"],
  check: (inputs) => {
    const gsis = (inputs.globalSecondaryIndexes ?? []) as Named[];
    const lsis = (inputs.localSecondaryIndexes ?? []) as Named[];
    const attributes = (inputs.attributes ?? []) as Named[];
    if (typeof inputs.hashKey !== "string" || !Array.isArray(attributes)) return [];
    if (!Array.isArray(gsis) || gsis.some((g) => typeof g?.hashKey !== "string")) return [];
    if (!Array.isArray(lsis) || lsis.some((l) => typeof l?.rangeKey !== "string")) return [];
    if (attributes.some((a) => typeof a?.name !== "string")) return [];
    const keys = new Set<string>([inputs.hashKey]);
    if (typeof inputs.rangeKey === "string" && inputs.rangeKey) keys.add(inputs.rangeKey);
    for (const l of lsis) keys.add(l.rangeKey as string);
    for (const g of gsis) {
      keys.add(g.hashKey as string);
      if (typeof g.rangeKey === "string" && g.rangeKey) keys.add(g.rangeKey);
    }
    const names = attributes.map((a) => a.name as string);
    // Sorted, as the provider sorts both lists before quoting them (slices.Sort).
    const unused = names.filter((n) => !keys.has(n)).sort();
    const unmatched = [...keys].filter((k) => !names.includes(k)).sort();
    const out = [];
    if (unused.length > 0)
      out.push({
        prop: "attributes",
        value: unused.join(", "),
        says: `all attributes must be indexed. Unused attributes: ${quoted(unused)}`,
      });
    if (unmatched.length > 0)
      out.push({
        prop: "attributes",
        value: unmatched.join(", "),
        says: `all indexes must match a defined attribute. Unmatched indexes: ${quoted(unmatched)}`,
      });
    return out;
  },
  fix:
    "define in `attributes` exactly the keys of the table and of its indexes (DynamoDB is " +
    "schemaless beyond them: other attributes need no definition)",
  source: DYNAMODB,
};

const CAPACITIES = [
  ["readCapacity", "read_capacity"],
  ["writeCapacity", "write_capacity"],
] as const;

/**
 * The resource's CustomizeDiff calling `validateProvisionedThroughputField` on a new table not
 * restored from another: with billing mode PROVISIONED (the schema's default) each capacity must
 * be at least 1, with PAY_PER_REQUEST neither may be set. A table whose hash key is not given as
 * a name (another key schema, or none, as in a policy fixture) is left alone, as the key check is.
 */
const capacityForBilling: CrossRule = {
  type: TABLE,
  what: "read and write capacity as the billing mode needs them",
  reads: [
    "billingMode",
    "readCapacity",
    "writeCapacity",
    "hashKey",
    "restoreSourceName",
    "restoreSourceTableArn",
  ],
  check: (inputs) => {
    if (typeof inputs.hashKey !== "string") return [];
    if (inputs.restoreSourceName || inputs.restoreSourceTableArn) return [];
    const mode = inputs.billingMode ?? "PROVISIONED";
    const out = [];
    for (const [prop, attr] of CAPACITIES) {
      const v = inputs[prop] ?? 0;
      if (typeof v !== "number") continue;
      if (mode === "PROVISIONED" && v < 1)
        out.push({
          prop,
          value: inputs[prop],
          says: `${attr} must be at least 1 when billing_mode is "PROVISIONED"`,
        });
      if (mode === "PAY_PER_REQUEST" && v !== 0)
        out.push({
          prop,
          value: v,
          says: `${attr} can not be set when billing_mode is "PAY_PER_REQUEST"`,
        });
    }
    return out;
  },
  fix:
    "billingMode PAY_PER_REQUEST without readCapacity and writeCapacity, or PROVISIONED (the " +
    "default) with both at least 1",
  source: DYNAMODB,
};

/**
 * `validateTTLCustomDiff` (`ttlPlantimeValidate`): a TTL turned on names its attribute, in the raw
 * config (errs.NewAttributeRequiredWhenError, or "cannot have an empty value" for `""`, which
 * bridges that read `""` as left out refuse as not specified: refused either way). A TTL turned
 * off may name one or not.
 */
const ttlNamesAttribute: CrossRule = {
  type: TABLE,
  what: "a TTL that is on names its attribute",
  reads: ["ttl"],
  check: (inputs) => {
    const ttl = inputs.ttl;
    if (!ttl || typeof ttl !== "object" || !isTrue(ttl.enabled)) return [];
    const name = ttl.attributeName;
    const path = '"ttl[0].attribute_name"';
    if (name === undefined || name === null)
      return [
        {
          prop: "ttl.attributeName",
          value: undefined,
          says: `Attribute ${path} must be specified when "ttl[0].enabled" is "true".`,
        },
      ];
    return name === ""
      ? [
          {
            prop: "ttl.attributeName",
            value: "",
            says: `Attribute ${path} cannot have an empty value`,
          },
        ]
      : [];
  },
  fix: 'ttl: { enabled: true, attributeName: "expiresAt" } (the item attribute holding the epoch time)',
  source: DYNAMODB,
};

export const TABLE_CROSS_RULES: readonly CrossRule[] = [
  attributesIndexed,
  capacityForBilling,
  ttlNamesAttribute,
];
