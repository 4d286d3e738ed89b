// Stack references: a program reads another stack's outputs with `new pulumi.StackReference(name)`,
// which the SDK registers as a read of `pulumi:pulumi:StackReference` whose state holds `outputs`
// and `secretOutputNames` (@pulumi/pulumi stackReference.ts). `pulumi preview` reads the
// referenced stack from the backend; an offline run cannot, so the outputs stay unknown unless the
// user gives them in the invoke answers file, under the reference's own type token, matched on
// the stack's name as any invoke answer is matched on its arguments:
//
//   { "pulumi:pulumi:StackReference": [
//       { "args": { "name": "acme/network/dev" }, "result": { "outputs": { "vpcId": "vpc-1" } } } ] }
//
// Unknown, `getOutput()` stays unknown, and `getOutputValue()` / `requireOutputValue()` resolve
// to undefined (an unknown output's promise gives undefined at preview), which a program that
// then indexes the value fails on; the hint below names the references and the answer to give.
import type { EngineAnswers } from "./answers";
import { InvokeNotAnsweredError } from "../fake-aws";
import { UNKNOWN } from "./wire";

export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

/** The state a read of the stack reference `name` gets: the user's outputs, or unknown ones. */
export function stackReferenceState(answers: EngineAnswers, name: string): Record<string, any> {
  let given: Record<string, any>;
  try {
    given = answers.invoke(STACK_REFERENCE_TYPE, { name });
  } catch (e) {
    if (!(e instanceof InvokeNotAnsweredError)) throw e;
    return { name, outputs: UNKNOWN, secretOutputNames: [] };
  }
  const outputs = given.outputs ?? {};
  if (typeof outputs !== "object" || Array.isArray(outputs)) {
    throw new Error(
      `the invoke answers give stack reference ${name} "outputs" that is not an object of output names`,
    );
  }
  const secret = Array.isArray(given.secretOutputNames) ? given.secretOutputNames : [];
  return { name, outputs, secretOutputNames: secret };
}

/**
 * What to add to a failed run's message when it read stack references whose outputs it could not
 * know: their names, and the answer that gives them. Empty when there are none.
 */
export function stackReferenceHint(
  resources: readonly { type: string; outputs: Record<string, any> }[],
  errorText = "",
): string {
  const unread = unreadStackReferences(resources);
  if (unread.length === 0 || thrownWhileLoading(errorText)) return "";
  const first = exampleName(unread);
  return (
    `\nThe program reads ${unread.length === 1 ? "stack" : "stacks"} ${unread.join(", ")} ` +
    "through a StackReference, whose outputs an offline run cannot read (`pulumi preview` reads " +
    "them from the backend): getOutput() stays unknown, getOutputValue() and requireOutputValue() " +
    "give undefined. If the failure comes from one of them, give its outputs in a file passed " +
    `with --invoke-answers: { "${STACK_REFERENCE_TYPE}": [ { "args": { "name": ${first} }, ` +
    '"result": { "outputs": { "<output>": <value> } } } ] }'
  );
}

/**
 * Whether an error was thrown while a CommonJS module of the program was first evaluated, before
 * anything asynchronous ran: its stack holds the module's top-level frame (`at Object.<anonymous>
 * (/…/index.ts:33:9)`, outside node_modules) and no frame of a callback or of an awaited
 * continuation. A StackReference's outputs arrive asynchronously, so such a failure (a file the
 * program requires that is missing) cannot come from one of them.
 */
export function thrownWhileLoading(errorText: string): boolean {
  const frames = errorText.split("\n").filter((l) => /^\s+at /.test(l));
  const topLevel = frames.some(
    (l) => /^\s+at Object\.<anonymous> \(/.test(l) && !/[\\/]node_modules[\\/]/.test(l),
  );
  const later = frames.some((l) =>
    /processTicksAndRejections|^\s+at async |task_queues|listOnTimeout|\.apply \(|runMicrotasks/.test(
      l,
    ),
  );
  return topLevel && !later;
}

/** How a reference whose stack name is unknown offline is named (its note follows). */
const UNKNOWN_NAME = "one whose name is unknown offline";

/**
 * The names of the stacks a run read through a StackReference without knowing their outputs. A
 * reference whose stack name is itself unknown offline (`new StackReference("data", { name:
 * network.requireOutput("dataStackName") })`: a chain of stacks) is described by its logical
 * name, never by the wire's unknown sentinel.
 */
export function unreadStackReferences(
  resources: readonly { type: string; name?: string; outputs: Record<string, any> }[],
): string[] {
  return resources
    .filter((r) => r.type === STACK_REFERENCE_TYPE && r.outputs.outputs === UNKNOWN)
    .map((r) =>
      knownStackName(r.outputs.name)
        ? String(r.outputs.name)
        : `${UNKNOWN_NAME} (StackReference "${r.name ?? "?"}" takes it from a ` +
          "value unknown offline, such as another stack's output: answer that stack first)",
    );
}

function knownStackName(name: unknown): name is string {
  return typeof name === "string" && name !== "" && !name.includes(UNKNOWN);
}

/** The stack name the `--invoke-answers` example shows: the first one known. */
function exampleName(unread: readonly string[]): string {
  return JSON.stringify(
    unread.find((n) => !n.startsWith(UNKNOWN_NAME)) ?? "<org>/<project>/<stack>",
  );
}

/**
 * The report's note for a run that finished with stack references it could not read: what a
 * program builds from their outputs stays unknown in both phases (the apply phase knows every
 * created resource's outputs, not another stack's), and a resource it creates only once it holds
 * one (inside `apply`, or after awaiting it) is never registered, where `pulumi preview`, which
 * reads the outputs from the backend, shows it. Empty when every reference was answered.
 */
export function unreadStackReferencesNote(names: readonly string[]): string {
  const unread = [...new Set(names)];
  if (unread.length === 0) return "";
  return (
    `the program reads ${unread.length === 1 ? "stack" : "stacks"} ${unread.join(", ")} through ` +
    "a StackReference, whose outputs an offline run cannot read (`pulumi preview` reads them " +
    "from the backend): values built from them stay unknown in both phases, and resources the " +
    "program creates only once it has one (inside `apply`) are missing from this report; give " +
    `the outputs with --invoke-answers: { "${STACK_REFERENCE_TYPE}": [ { "args": { "name": ` +
    `${exampleName(unread)} }, "result": { "outputs": { "<output>": <value> } } } ] }`
  );
}
