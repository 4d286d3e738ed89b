// Which Allow statements of a document grant nothing at all because Deny statements of the same
// document override every action they allow, everywhere and always. IAM's evaluation logic: "an
// explicit deny in any policy overrides any allow"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html), so
// `{"Allow", "sts:*", "*"}` beside `{"Deny", "sts:*", "*"}` and `{"Deny", NotAction "sts:*", "*"}`
// (Prowler's iam_policy_allows_privilege_escalation test_iam_policy_not_allows_privilege_escalation)
// grants no action on any resource.
//
// Only the plain, certain case is read, and only in a document AWS accepts: when any statement
// has a shape problem (a miscased Effect such as "deny", a non-string entry, Action beside
// NotAction, ...) AWS refuses the whole document, so nothing in it overrides anything. A Deny
// counts when its Effect is exactly "Deny", it writes no Condition key (not even `null` or `{}`),
// names every resource (`Resource "*"`, no NotResource) and has neither Principal nor
// NotPrincipal: the document is then an identity policy, where no statement may name a principal
// (a statement that does leaves the whole document judged as written). An Allow is overridden
// when each of its `Action` patterns is inside a counting Deny's `Action` pattern, or outside
// every pattern of a counting Deny's non-empty `NotAction` list. Anything partial (a NotAction
// Allow, a Deny with a condition or a narrower resource, an empty list, a value unknown at
// preview, the Allow's own resources unknown at preview) leaves the Allow to be judged as
// written, so no grant is ever hidden by a guess.
import { globMatch, hasWildcard } from "./policy-elements";
import type { IamStatement } from "./policy-document";
import { splitAction } from "./iam/actions";
import { peek } from "./values";

/** The service of an action pattern when it names one service exactly, lower case. */
function servicePrefix(pattern: string): string | undefined {
  const service = splitAction(pattern)?.service;
  return service === undefined || hasWildcard(service) ? undefined : service;
}

/** Whether every action `inner` matches is matched by `outer` (a sure answer, else false). */
function patternWithin(inner: string, outer: string): boolean {
  if (outer === "*") return true;
  if (!hasWildcard(inner)) return globMatch(outer, inner);
  // `lambda:*` is within `lambda:*` and `lambda*`: a pattern whose wildcard is one trailing `*`
  // contains every pattern that starts with its literal prefix.
  const trailing = outer.endsWith("*") && !hasWildcard(outer.slice(0, -1));
  return trailing && inner.toLowerCase().startsWith(outer.slice(0, -1).toLowerCase());
}

/** Whether no action matches both patterns (a sure answer, else false). */
function disjoint(a: string, b: string): boolean {
  const sa = servicePrefix(a);
  const sb = servicePrefix(b);
  if (sa !== undefined && sb !== undefined && sa !== sb) return true;
  if (!hasWildcard(a) && !hasWildcard(b)) return a.toLowerCase() !== b.toLowerCase();
  if (!hasWildcard(a)) return !globMatch(b, a);
  if (!hasWildcard(b)) return !globMatch(a, b);
  return false;
}

/** A Deny that overrides whatever it covers: exact Effect, no condition, every resource, no principal. */
function countingDeny(s: IamStatement): boolean {
  if (s.effect !== "Deny" || s.problems.length > 0 || s.conditionWritten) return false;
  if (s.notResources || s.principals || s.notPrincipals) return false;
  const resources = s.resources;
  return !!resources && !resources.unknown && resources.known.includes("*");
}

/** Whether the counting Deny `d` overrides every action the pattern `a` allows. */
function deniesPattern(d: IamStatement, a: string): boolean {
  const actions = d.actions;
  if (actions) return !actions.unknown && actions.known.some((p) => patternWithin(a, p));
  const notActions = d.notActions;
  if (!notActions || notActions.unknown || notActions.known.length === 0) return false;
  return notActions.known.every((n) => disjoint(a, n));
}

/** A value the statement's getters give, or `otherwise` when it is unknown at preview. */
function sure<T>(fn: () => T, otherwise: T): T {
  const p = peek(fn);
  return p.known ? p.value : otherwise;
}

/** The Deny statements of a document that override whatever they cover (see the file's header). */
function countingDenies(statements: readonly IamStatement[]): IamStatement[] {
  if (statements.some((s) => s.problems.length > 0)) return [];
  // A counting Deny names no principal, so the document is an identity policy, where AWS refuses
  // any Principal or NotPrincipal; a resource policy needs one in every statement. Either way a
  // document where some statement names one (or may, unknown at preview) has nothing to override.
  const namesPrincipal = (s: IamStatement) => !!(s.principals || s.notPrincipals);
  if (statements.some((s) => sure(() => namesPrincipal(s), true))) return [];
  return statements.filter((s) => sure(() => countingDeny(s), false));
}

/**
 * A test of whether the document's own Deny statements override an action (one action name) on
 * every resource, always: no Allow of the document grants it, whatever else the Allow grants.
 * Never throws: a value unknown at preview answers false.
 */
export function deniedEverywhere(statements: readonly IamStatement[]): (action: string) => boolean {
  const denies = countingDenies(statements);
  return (action) => denies.some((d) => sure(() => deniesPattern(d, action), false));
}

/**
 * The Allow statements of `statements` that the document's own Deny statements override
 * entirely (see the file's header). Never throws: a value unknown at preview leaves a statement
 * out of the answer, to be judged as written.
 */
export function overriddenAllows(statements: readonly IamStatement[]): Set<IamStatement> {
  const out = new Set<IamStatement>();
  const denies = countingDenies(statements);
  if (denies.length === 0) return out;
  for (const s of statements) {
    const overridden = sure(() => {
      if (s.effect !== "Allow") return false;
      // An Allow whose resources are not known yet stays judged as written, so preview still
      // notes the unknown ARN (it is judged once applied, as every such statement is).
      const resources = s.resources ?? s.notResources;
      if (!resources || resources.unknown || resources.known.length === 0) return false;
      const actions = s.actions;
      if (!actions || actions.unknown || actions.known.length === 0) return false;
      return actions.known.every((a) => denies.some((d) => deniesPattern(d, a)));
    }, false);
    if (overridden) out.add(s);
  }
  return out;
}
