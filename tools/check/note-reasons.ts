// The text of a policy's note ("can't run policy ... during preview: <why>", the policy SDK's
// answer to an UnknownValueError) as the report shows it: the prefix set aside, the resources a
// stack policy's note names, and the reason a check that ran in no phase was not evaluated. Some
// notes are not about a value unknown at preview: a route into a route table the stack does not
// manage (ec2-compute-subnet-no-default-route), an OpenAPI body in YAML
// (apigateway-method-authorization). No phase evaluates those, and their reason says so instead of
// sending the user to the apply phase.

/** The policy SDK's prefix of a note. */
const NOTE_PREFIX = /^can't run policy '[^']+' (?:from policy pack '[^']*' )?during preview: /;

/** The prefix the pack's `UnknownCollector` (policy-pack/lib/define.ts) gives a stack note. */
const STACK_NOTE_PARTS = /^\d+ check\(s\) depend on values unknown until apply: /;

/** A note's reason without the policy SDK's prefix. */
export function noteReason(detail: string): string {
  return detail.replace(NOTE_PREFIX, "");
}

/**
 * The parts of a stack policy's note, `<resource name>: <why>` each, as the pack's
 * `UnknownCollector` joins them ("N check(s) depend on values unknown until apply: a: ...; b:
 * ..."); undefined for a note of another shape. A reason may hold "; " itself: a piece that does
 * not start with a name (no space before its ": ") continues the part before it.
 */
export function stackNoteParts(detail: string): { name: string; why: string }[] | undefined {
  const why = noteReason(detail);
  if (!STACK_NOTE_PARTS.test(why)) return undefined;
  const parts: { name: string; why: string }[] = [];
  for (const piece of why.replace(STACK_NOTE_PARTS, "").split("; ")) {
    const named = /^([^\s;]+): /.exec(piece);
    const last = parts[parts.length - 1];
    if (named || !last)
      parts.push({ name: named?.[1] ?? piece, why: named ? piece.slice(named[0].length) : "" });
    else last.why += `; ${piece}`;
  }
  return parts;
}

/**
 * A route's part of ec2-compute-subnet-no-default-route's note (policy-pack/policies/network/routes.ts),
 * with the label policy-pack/lib/network/routing.ts gives the table it goes into: `route table
 * <id>` (known by id only), or `the main route table of VPC <id>` (of a VPC the stack does not
 * manage).
 */
const UNMANAGED_TABLE =
  /\b(?:in|of) (route table ([^\s)]+)|the main route table of VPC [^\s)]+)\) goes into a route table this stack does not manage\b/;
/** apigateway-method-authorization's note on a YAML body (policy-pack/policies/edge/api-gateway.ts). */
const UNREAD_INPUT = /\bwhich this policy does not read\b/;

/**
 * Why a note names something no phase can evaluate, or undefined for a note about values unknown
 * at preview: a route into a route table the stack does not manage (which table, and that the
 * subnets it serves are not in this stack, so no run of it can judge the route), or an input the
 * policy does not read. Every part of a stack policy's note must be of the one kind: a note that
 * also names a value unknown at preview keeps that reason.
 */
export function notInAnyPhase(detail: string): string | undefined {
  const why = noteReason(detail);
  const parts = stackNoteParts(detail) ?? [{ name: "", why }];
  const tables = parts.map((p) => UNMANAGED_TABLE.exec(p.why));
  if (tables.every((t) => t !== null)) {
    // `route tables rtb-1, rtb-2`; a VPC's main route table by its whole label.
    const ids = [...new Set(tables.map((t) => t![2]))];
    const labels = [...new Set(tables.map((t) => t![1]))];
    const named = ids.every((id) => id !== undefined)
      ? `${ids.length === 1 ? "route table" : "route tables"} ${ids.join(", ")}`
      : labels.join(", ");
    return (
      `not judged in any phase: ${named} ${labels.length === 1 ? "is" : "are"} not managed by ` +
      "this stack, so which subnets use it, and whether one is a compute subnet, is not in this " +
      "stack for `pulumi preview`, `pulumi up` or this check to see (no value here is unknown): " +
      parts.map((p) => (p.name ? `${p.name}: ${p.why}` : p.why)).join("; ")
    );
  }
  if (parts.every((p) => UNREAD_INPUT.test(p.why)))
    return `not judged in any phase (the policy does not read this input): ${why}`;
  return undefined;
}
