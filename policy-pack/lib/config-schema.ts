// Policy config schemas of the shapes many rules share (the JSON Schema subset that
// `pulumi preview --policy-pack-config` validates a policy's config against).

/** A list of strings, e.g. accepted values or names; `defaults` applies when the user sets none. */
export function stringListSchema(description: string, defaults: string[]) {
  return {
    type: "array" as const,
    items: { type: "string" as const },
    description,
    default: defaults,
  };
}

/** A list of 12-digit AWS account ids (IAM User Guide: an account id is 12 digits), none by default. */
export function accountIdListSchema(description: string) {
  return {
    type: "array" as const,
    items: { type: "string" as const, pattern: "^\\d{12}$" },
    description,
    default: [] as string[],
  };
}
