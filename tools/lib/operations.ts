// What `pulumi up` does with a recorded resource. Apart from ./recorder, which loads the SDK (and
// with it TypeScript) for its mocks: the check's own process reads these without loading either.
import type { RecordedResource } from "./recorder";
import { STACK_REFERENCE_TYPE } from "./engine/stack-references";

/**
 * What `pulumi up` does with a recorded resource, as `pulumi preview` marks it: `create` it,
 * `import` an existing one (the `import` option; the engine imports no provider resource,
 * pulumi/pulumi#14596, so a provider given the option is created), or only `read` it (`get`, a
 * stack reference), which leaves it unmanaged.
 */
export type Operation = "create" | "import" | "read";

export function operationOf(r: RecordedResource): Operation {
  if (r.external) return "read";
  if (r.options?.importId && !r.type.startsWith("pulumi:providers:")) return "import";
  return "create";
}

/**
 * A `pulumi.StackReference`: read like a `get` (its operation is `read`), but what it reads is
 * another stack's outputs, not a cloud resource.
 */
export const isStackReference = (r: { readonly type: string }): boolean =>
  r.type === STACK_REFERENCE_TYPE;
