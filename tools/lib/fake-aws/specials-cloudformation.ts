// A CloudFormation stack's outputs, as CloudFormation reports them once the stack is created: one
// per key of the template's `Outputs` section (AWS CloudFormation User Guide, "Outputs": "the
// name of the output and its value"), read back by the provider into the `outputs` map. Programs
// and components read them: @pulumi/eks before 1.0 builds its node group as a CloudFormation
// stack and fails unless `outputs` has the `NodeGroup` key its template declares (pulumi-eks,
// `nodegroup.ts`). A `Ref` to one of the template's resources is that resource's physical id,
// which CloudFormation names `<stack name>-<logical id>-<random suffix>` ("Name type"); other
// values are made up from the key. Templates are JSON or YAML, with the short-form intrinsic
// functions (`!Ref`, `!GetAtt`, `!Sub` …, "Intrinsic function reference") read as their long form.
import * as yaml from "js-yaml";
import { chars, UPPER_ALNUM } from "./hash";
import { UNKNOWN } from "./env";
import type { Special } from "./special";

const INTRINSICS = [
  "Ref",
  "GetAtt",
  "Sub",
  "Join",
  "Select",
  "Split",
  "If",
  "Equals",
  "Not",
  "And",
  "Or",
  "FindInMap",
  "Base64",
  "Cidr",
  "ImportValue",
  "GetAZs",
  "Condition",
  "Transform",
];

/** `!Ref x` becomes `{ Ref: x }`, `!GetAtt a.b` `{ "Fn::GetAtt": "a.b" }`, in any node kind. */
const CFN_SCHEMA = yaml.DEFAULT_SCHEMA.extend(
  INTRINSICS.flatMap((name) =>
    (["scalar", "sequence", "mapping"] as const).map(
      (kind) =>
        new yaml.Type(`!${name}`, {
          kind,
          construct: (data: unknown) => ({
            [name === "Ref" || name === "Condition" ? name : `Fn::${name}`]: data,
          }),
        }),
    ),
  ),
);

function template(body: unknown): Record<string, any> | undefined {
  if (typeof body !== "string" || body.includes(UNKNOWN)) return undefined;
  try {
    const doc = yaml.load(body, { schema: CFN_SCHEMA });
    return doc && typeof doc === "object" ? (doc as Record<string, any>) : undefined;
  } catch {
    return undefined;
  }
}

function outputValue(value: unknown, stack: string, key: string, resources: Record<string, any>) {
  if (typeof value === "string" || typeof value === "number") return String(value);
  const ref = value && typeof value === "object" ? (value as Record<string, any>).Ref : undefined;
  if (typeof ref === "string" && resources[ref] !== undefined)
    return `${stack}-${ref}-${chars(`${stack}.${ref}`, 13, UPPER_ALNUM)}`;
  return `${stack}-${key}-${chars(`${stack}.${key}`, 13, UPPER_ALNUM)}`;
}

export const cloudFormationStack: Special = {
  state: (b) => {
    const doc = template(b.inputs.templateBody);
    if (!doc) return {};
    const stack = String(b.physical ?? b.inputs.name ?? b.logicalName);
    const resources = (doc.Resources ?? {}) as Record<string, any>;
    const outputs: Record<string, string> = {};
    for (const [key, out] of Object.entries((doc.Outputs ?? {}) as Record<string, any>))
      outputs[key] = outputValue(out?.Value, stack, key, resources);
    return { outputs };
  },
};
