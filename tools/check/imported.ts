// Resources the program adopts with the `import` resource option. `pulumi preview` reads each from
// AWS by its id and compares it with the inputs the program declares, and `pulumi up` then adopts
// it and updates it to those inputs (Pulumi docs, "Resource option: import",
// https://www.pulumi.com/docs/iac/concepts/resources/options/import/; since pulumi/pulumi#19339 a
// difference no longer fails the import). An offline run cannot read AWS: the policies judge the
// declared inputs, as for any resource, but the resource's real settings (what the program leaves
// out, and what is attached to it in AWS without being declared, such as a bucket policy) were not
// seen. One note per such resource says so, naming it. A provider resource (`new aws.Provider(...,
// { import })`) is left out: the engine creates providers from their inputs and imports none
// (pulumi/pulumi#14596), so nothing is read from AWS for it.
import { isStackReference, operationOf, type Operation } from "../lib/operations";
import type { RecordedResource } from "../lib/recorder";
import { displayPath, resourceLocation } from "./report";

/**
 * The note for each adopted resource of `resources` (several phases' lists: each URN once), provider
 * resources left out.
 */
export function importedResourceNotes(resources: readonly RecordedResource[]): string[] {
  const seen = new Set<string>();
  const notes: string[] = [];
  for (const r of resources) {
    const id = r.options?.importId;
    if (operationOf(r) !== "import" || seen.has(r.urn)) continue;
    seen.add(r.urn);
    const loc = resourceLocation(r);
    const at = loc ? ` (${displayPath(loc.file)}:${loc.line})` : "";
    notes.push(
      `${r.type} ${r.name}${at} is adopted with the \`import\` option (id ${JSON.stringify(id)}): ` +
        "`pulumi preview` reads that resource from AWS, an offline run cannot, so its real " +
        "settings were not read. The policies judged the inputs the program declares, which " +
        "`pulumi up` applies to it; settings the program leaves out may keep their real values, " +
        "and resources attached to it in AWS that the program does not declare (a bucket " +
        "policy, an inline role policy) stay as they are: neither was checked",
    );
  }
  return notes;
}

/** How many of `resources` (one phase's list: each URN once) `pulumi up` creates, imports and reads. */
export function operationCounts(resources: readonly RecordedResource[]): Record<Operation, number> {
  const counts: Record<Operation, number> = { create: 0, import: 0, read: 0 };
  for (const r of resources) counts[operationOf(r)]++;
  return counts;
}

/**
 * The resources line of the text report: "12 to create", then the adopted and read ones when there
 * are any (`pulumi preview` marks them `= import` and `> read`, apart from `+ create`). Stack
 * references, read too, are counted apart from resources read with `get`: they read another
 * stack's outputs, not a cloud resource.
 */
export function operationsText(resources: readonly RecordedResource[]): string {
  const c = operationCounts(resources);
  const refs = resources.filter((r) => operationOf(r) === "read" && isStackReference(r)).length;
  const gets = c.read - refs;
  return [
    `${c.create} to create`,
    ...(c.import ? [`${c.import} to import (adopted with the \`import\` option)`] : []),
    ...(gets ? [`${gets} read (\`get\`, not managed)`] : []),
    ...(refs ? [`${refs} stack reference${refs === 1 ? "" : "s"} (read, not managed)`] : []),
  ].join(", ");
}
