// Enumerations @pulumi/aws declares (`types/enums/<module>`), read from the check's own install,
// not the program's: the values of the AWS SDK enums the provider validates against, as that
// version knows them. A program on a newer @pulumi/aws may use a value this list lacks, so a rule
// built on it must accept what a newer provider would (see the Lambda runtime rule).

/** The values of `aws.<module>.<name>`; empty when the installed package has no such enum. */
export function enumValues(module: string, name: string): string[] {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(`@pulumi/aws/types/enums/${module}`) as Record<string, unknown>;
    const e = mod[name];
    return e && typeof e === "object"
      ? Object.values(e as Record<string, unknown>).filter(
          (v): v is string => typeof v === "string",
        )
      : [];
  } catch {
    return [];
  }
}
