// Limits AWS enforces when the provider creates a DynamoDB table at `pulumi up`, which the
// provider's schema passes on (`by: "aws"`): at most 5 local secondary indexes, at most 20
// non-key attributes projected by one index, and at most 100 summed over the indexes that project
// with INCLUDE. The 20 global secondary indexes per table are a default quota that an account may
// raise (Service Quotas): not judged.
import type { CrossRule } from "./rule";
import { maxItems } from "./rule";

const TABLE = "aws:dynamodb/table:Table";

/**
 * API_CreateTable, `LocalSecondaryIndexes`: "One or more local secondary indexes (the maximum is
 * 5) to be created on the table."
 */
const CREATE_TABLE =
  "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html";
/**
 * API_Projection, `NonKeyAttributes`: "For global and local secondary indexes, the total count of
 * NonKeyAttributes summed across all of the secondary indexes, must not exceed 100. If you project
 * the same attribute into two different indexes, this counts as two distinct attributes when
 * determining the total. This limit only applies when you specify the ProjectionType of INCLUDE."
 * Its type: "Array Members: Minimum number of 1 item. Maximum number of 20 items."
 */
const PROJECTION =
  "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Projection.html";

const PER_INDEX = 20;
const TOTAL = 100;

/** One index's projection as the provider sends it: its name, type and non-key attributes. */
interface Projected {
  readonly name: string;
  readonly include: boolean;
  readonly count: number;
  /** The Pulumi input it is listed under. */
  readonly prop: "globalSecondaryIndexes" | "localSecondaryIndexes";
}

/**
 * The indexes of one input. A global index's `non_key_attributes` is a set in the provider's
 * schema (internal/service/dynamodb/table.go, `schema.TypeSet`), so a name listed twice is sent
 * once; a local index's is a list (`schema.TypeList`), sent as given. The provider sends the
 * names whatever the projection type (expandProjection).
 */
function projections(inputs: Record<string, any>, prop: Projected["prop"]): Projected[] {
  const indexes: unknown = inputs[prop];
  if (!Array.isArray(indexes)) return [];
  return indexes.map((index: Record<string, unknown> | null) => {
    const names = Array.isArray(index?.nonKeyAttributes) ? index.nonKeyAttributes : [];
    return {
      name: String(index?.name ?? "?"),
      include: index?.projectionType === "INCLUDE",
      count: prop === "globalSecondaryIndexes" ? new Set(names).size : names.length,
      prop,
    };
  });
}

const allProjections = (inputs: Record<string, any>) => [
  ...projections(inputs, "globalSecondaryIndexes"),
  ...projections(inputs, "localSecondaryIndexes"),
];

const perIndex: CrossRule = {
  type: TABLE,
  what: `at most ${PER_INDEX} non-key attributes projected by one secondary index`,
  reads: ["globalSecondaryIndexes", "localSecondaryIndexes"],
  check: (inputs) =>
    allProjections(inputs)
      .filter((p) => p.count > PER_INDEX)
      .map((p) => ({
        prop: p.prop,
        value: p.count,
        says: `the secondary index ${p.name} projects ${p.count} non-key attributes, over the ${PER_INDEX} one index may list`,
      })),
  fix: `at most ${PER_INDEX} nonKeyAttributes per index (projectionType "ALL" projects every attribute without listing them)`,
  source: PROJECTION,
  by: "aws",
};

const projectedTotal: CrossRule = {
  type: TABLE,
  what: `at most ${TOTAL} non-key attributes projected over the INCLUDE secondary indexes`,
  reads: ["globalSecondaryIndexes", "localSecondaryIndexes"],
  check: (inputs) => {
    const counted = allProjections(inputs).filter((p) => p.include && p.count > 0);
    const total = counted.reduce((sum, p) => sum + p.count, 0);
    if (total <= TOTAL) return [];
    const each = counted.map((p) => `${p.name} ${p.count}`).join(", ");
    return [
      {
        // Named on the global indexes when they project any (the usual case), else the local ones.
        prop: counted.some((p) => p.prop === "globalSecondaryIndexes")
          ? "globalSecondaryIndexes"
          : "localSecondaryIndexes",
        value: total,
        says: `the INCLUDE secondary indexes project ${total} non-key attributes in all (${each}), over the ${TOTAL} a table may have`,
      },
    ];
  },
  fix: 'project fewer non-key attributes (projectionType "ALL" projects every attribute without listing them and does not count)',
  source: PROJECTION,
  by: "aws",
};

export const CREATE_TABLE_CROSS_RULES: readonly CrossRule[] = [
  maxItems(TABLE, ["localSecondaryIndexes", "local_secondary_index"], 5, CREATE_TABLE, {
    what: "at most 5 local secondary indexes",
    fix: "at most 5 local secondary indexes (global secondary indexes are not limited to 5)",
    says: (n) => `the table defines ${n} local secondary indexes, over the 5 a table may have`,
    by: "aws",
  }),
  perIndex,
  projectedTotal,
];
