// Boolean inputs as the AWS provider reads them, in a module of its own with no imports: the
// pack's rules read them through ./values.ts, and the check's provider checks
// (tools/lib/provider-checks/bool-input.ts) through here, so both read a switch alike.

/**
 * A boolean input as the AWS provider reads it: `true`/`false`, or a string Go's strconv.ParseBool
 * accepts ("true", "True", "TRUE", "t", "T", "1"; "false", ... "0"), the form a program reads from
 * config or copies from a Terraform fixture (`encrypted = "true"`). The Terraform bridge hands such
 * a string to the provider, whose schema reader parses it for a TypeBool field
 * (terraform-plugin-sdk helper/schema field_reader.go, stringToPrimitive), and the provider's Check
 * returns it coerced (pulumi/pulumi-terraform-bridge pkg/tfbridge/schema.go, MakeTerraformOutput:
 * CoerceTerraformString), so AWS gets the boolean. Undefined for anything else (unset, another
 * string), which a reader treats as it treats the flag left out.
 */
export function flagValue(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (typeof v !== "string") return undefined;
  if (/^(1|t|T|TRUE|true|True)$/.test(v)) return true;
  if (/^(0|f|F|FALSE|false|False)$/.test(v)) return false;
  return undefined;
}

/** Whether a boolean input is on, written as a boolean or as a string ({@link flagValue}). */
export const flagOn = (v: unknown): boolean => flagValue(v) === true;
