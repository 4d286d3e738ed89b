// Where a rule's input lies in a resource's inputs, and how the provider names the item it judges.
// A rule's `prop` is a Pulumi input path (`blockDeviceMappings.ebs.volumeType`) and its `attr` the
// provider's attribute path for the first item of each list on the way
// (`block_device_mappings.0.ebs.0.volume_type`). The provider validates every item under its own
// key, `<list>.<index>` (terraform-plugin-sdk v2 helper/schema/schema.go, validateList:
// `key := fmt.Sprintf("%s.%d", k, i)`, handed down to the item's ValidateFunc), so a refusal of
// the second volume names `block_device_mappings.1.ebs.0.volume_type`.

/** A value at a path, with the index of the list each segment of the path walked (if any). */
export interface ValueAt {
  readonly value: unknown;
  /** Per segment of the path: the item's index in the list there, undefined where no list was. */
  readonly indices: readonly (number | undefined)[];
}

/**
 * Values at a dotted path; a list on the way (or at the end) is walked item by item, each item
 * with its index (a list of lists keeps the outer index: the provider's schema has no such
 * attribute).
 */
export function valuesAt(
  v: unknown,
  path: readonly string[],
  indices: readonly (number | undefined)[] = [],
): ValueAt[] {
  if (Array.isArray(v)) return v.flatMap((x) => valuesAt(x, path, indices));
  if (path.length === 0) return v === undefined || v === null ? [] : [{ value: v, indices }];
  if (!v || typeof v !== "object") return [];
  const next = (v as Record<string, unknown>)[path[0]];
  const rest = path.slice(1);
  if (Array.isArray(next)) return next.flatMap((x, i) => valuesAt(x, rest, [...indices, i]));
  return valuesAt(next, rest, [...indices, undefined]);
}

/**
 * The provider's key of one item: each list index of `attr` that follows an attribute given as a
 * list in the Pulumi inputs becomes that item's index. A one-item block, an object in Pulumi
 * inputs, keeps its `0`; an `attr` whose attribute names do not pair with the path's segments is
 * returned as it is.
 */
export function attrAt(attr: string, indices: readonly (number | undefined)[]): string {
  const parts = attr.split(".");
  const isIndex = (s: string) => /^\d+$/.test(s);
  if (parts.filter((s) => !isIndex(s)).length !== indices.length) return attr;
  let segment = -1;
  return parts
    .map((s) => {
      if (!isIndex(s)) {
        segment++;
        return s;
      }
      return String(indices[segment] ?? s);
    })
    .join(".");
}
