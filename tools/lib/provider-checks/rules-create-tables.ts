// Limits AWS enforces when the provider creates a DynamoDB table at `pulumi up`, which the
// provider's schema passes on (`by: "aws"`): at most 5 local secondary indexes, and at most 100
// projected non-key attributes summed over all secondary indexes. The 20 global secondary indexes
// per table are a default quota that an account may raise (Service Quotas): not judged.
import type { CrossRule } from "./rule";
import { maxItems } from "./rule";

const TABLE = "aws:dynamodb/table:Table";

/**
 * API_CreateTable, `LocalSecondaryIndexes`: "One or more local secondary indexes (the maximum is
 * 5) to be created on the table." `NonKeyAttributes` (of either kind of index): "The total count of
 * attributes provided in NonKeyAttributes, summed across all of the secondary indexes, must not
 * exceed 100. If you project the same attribute into two different indexes, this counts as two
 * distinct attributes when determining the total."
 */
const CREATE_TABLE =
  "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html";

/** The non-key attributes each index projects, as a list of its index's name and its count. */
function projected(indexes: unknown): [name: string, count: number][] {
  if (!Array.isArray(indexes)) return [];
  return indexes.map((index: Record<string, unknown> | null) => [
    String(index?.name ?? "?"),
    Array.isArray(index?.nonKeyAttributes) ? index.nonKeyAttributes.length : 0,
  ]);
}

const projectedTotal: CrossRule = {
  type: TABLE,
  what: "at most 100 non-key attributes projected over all secondary indexes",
  reads: ["globalSecondaryIndexes", "localSecondaryIndexes"],
  check: (inputs) => {
    const counts = [
      ...projected(inputs.globalSecondaryIndexes),
      ...projected(inputs.localSecondaryIndexes),
    ].filter(([, n]) => n > 0);
    const total = counts.reduce((sum, [, n]) => sum + n, 0);
    if (total <= 100) return [];
    const each = counts.map(([name, n]) => `${name} ${n}`).join(", ");
    return [
      {
        // Named on the global indexes when they project any (the usual case), else the local ones.
        prop: projected(inputs.globalSecondaryIndexes).some(([, n]) => n > 0)
          ? "globalSecondaryIndexes"
          : "localSecondaryIndexes",
        value: total,
        says: `the secondary indexes project ${total} non-key attributes in all (${each}), over the 100 a table may have`,
      },
    ];
  },
  fix: 'project fewer non-key attributes (projectionType "ALL" projects every attribute without listing them)',
  source: CREATE_TABLE,
  by: "aws",
};

export const CREATE_TABLE_CROSS_RULES: readonly CrossRule[] = [
  maxItems(TABLE, ["localSecondaryIndexes", "local_secondary_index"], 5, CREATE_TABLE, {
    what: "at most 5 local secondary indexes",
    fix: "at most 5 local secondary indexes (global secondary indexes are not limited to 5)",
    says: (n) => `the table defines ${n} local secondary indexes, over the 5 a table may have`,
    by: "aws",
  }),
  projectedTotal,
];
