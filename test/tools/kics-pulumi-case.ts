// The shape of a case of test/fixtures/programs/kics-pulumi (./kics-pulumi-cases.ts lists them),
// and the builder that spreads one KICS query over the test documents it ships.

export interface KicsCase {
  /** KICS's query directory under assets/queries/pulumi/aws/. */
  readonly query: string;
  /** KICS's query name (metadata.json `queryName`), as the pack cites it. */
  readonly queryName: string;
  /** The test file (and document) the resource translates. */
  readonly file: string;
  readonly kind: "positive" | "negative";
  /** The resource of the fixture program. */
  readonly resource: string;
  /** The rule that answers for the query; undefined where none does, by decision. */
  readonly rule?: string;
  /** One of the four guarantees: the finding must be mandatory. */
  readonly mandatory?: boolean;
  /** What the finding must say. */
  readonly message?: RegExp;
  /** The pack does the opposite of KICS on purpose. */
  readonly disagreement?: { readonly reason: string; readonly source: string };
}

export type Group = Omit<KicsCase, "file" | "kind" | "resource">;

/** The cases of one query: each row a test document, its kind, its resource and what differs. */
export function cases(
  group: Group,
  rows: [KicsCase["kind"], string, string, Partial<KicsCase>?][],
) {
  return rows.map(([kind, file, resource, extra]) => ({
    ...group,
    kind,
    file,
    resource,
    ...extra,
  }));
}
