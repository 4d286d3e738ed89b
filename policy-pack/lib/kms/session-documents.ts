// Reads the Session Manager preferences of an SSM Session document (documentType "Session",
// sessionType "Standard_Stream"): the `inputs` block of its JSON or YAML content, where the KMS key
// of session data and the encryption of session logs are set (Systems Manager user guide, "Session
// document schema": https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-schema.html).

/** The preferences a Session document's `inputs` block sets, as scalars. */
export type SessionInputs = Readonly<Record<string, unknown>>;

/** A scalar of a YAML line, without quotes or a trailing comment; `true`/`false` as booleans. */
function yamlScalar(text: string): unknown {
  const value = text.replace(/\s+#.*$/, "").trim();
  const quoted = /^(["'])(.*)\1$/.exec(value);
  if (quoted) return quoted[2];
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  return value;
}

/**
 * The flat `inputs:` mapping of a YAML Session document. Session preferences are scalars one level
 * under `inputs`, so the block's own `key: value` lines are read and deeper ones left out; a
 * document without a top-level `inputs:` line has none.
 */
function yamlInputs(content: string): SessionInputs | undefined {
  const lines = content.split(/\r?\n/);
  const start = lines.findIndex((l) => /^inputs\s*:\s*(#.*)?$/.test(l));
  if (start < 0) return undefined;
  const out: Record<string, unknown> = {};
  let indent: number | undefined;
  for (const line of lines.slice(start + 1)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const m = /^(\s+)([A-Za-z0-9_]+)\s*:\s*(.*)$/.exec(line);
    if (!m) break; // the next top-level key
    indent ??= m[1].length;
    if (m[1].length < indent) break;
    if (m[1].length === indent) out[m[2]] = yamlScalar(m[3]);
  }
  return out;
}

/** A document's `inputs` block, when it is a mapping. */
function inputsOf(document: any): SessionInputs | undefined {
  const inputs = document?.inputs;
  return inputs && typeof inputs === "object" && !Array.isArray(inputs) ? inputs : undefined;
}

/**
 * The `inputs` (session preferences) of a Session document's content: text in `format` ("JSON"
 * when unset, as the provider's default; "YAML"), or a JSON object, as @pulumi/aws-native takes
 * AWS::SSM::Document Content (type Json, converted to the DocumentFormat by CloudFormation:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ssm-document.html).
 * Undefined when the content sets none or cannot be read as that format.
 */
export function sessionInputs(content: unknown, format: unknown): SessionInputs | undefined {
  if (content !== null && typeof content === "object" && !Array.isArray(content)) {
    return inputsOf(content);
  }
  if (typeof content !== "string") return undefined;
  if (format === "YAML") return yamlInputs(content);
  try {
    return inputsOf(JSON.parse(content));
  } catch {
    return undefined;
  }
}

/** Whether a preference is on: a boolean `true` or the string "true" (any case). */
export function isOn(value: unknown): boolean {
  return value === true || (typeof value === "string" && value.toLowerCase() === "true");
}
