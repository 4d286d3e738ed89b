// The method settings (aws.apigateway.MethodSettings) that apply to an API Gateway REST stage:
// those whose `stageName` was built from the stage (property dependency), else those naming the
// stage by its literal name on the same REST API (same API resource, or the same literal id).
import type { PolicyResource } from "@pulumi/policy";
import type { StackIndex } from "../define";
import { literalId, perStack } from "../references";
import { APIGATEWAY_METHOD_SETTINGS, APIGATEWAY_REST_API, APIGATEWAY_STAGE } from "../types";
import { get } from "../values";

export interface StageSettings {
  /** Method settings of the stack that apply to the stage. */
  readonly settings: PolicyResource[];
  /** Method settings whose stage or API is unknown until apply: they may apply too. */
  readonly unresolved: PolicyResource[];
}

/**
 * Keys of the REST API a stage or method settings resource belongs to: the URNs and literal ids of
 * the API resources its `restApi` was built from, else its literal `restApi` value. Undefined when
 * the value is unknown until apply and no dependency accounts for it.
 */
function apiKeys(index: StackIndex, r: PolicyResource): Set<string> | undefined {
  const deps = index.referenced(r, "restApi", APIGATEWAY_REST_API);
  if (deps.length > 0) {
    return new Set(deps.flatMap((a) => [a.urn, literalId(a)].filter((k): k is string => !!k)));
  }
  const v = get(r.props, "restApi");
  return v.known && typeof v.value === "string" ? new Set([v.value]) : undefined;
}

/** Whether two resources name the same REST API; undefined when it cannot be told at preview. */
function sameApi(index: StackIndex, a: PolicyResource, b: PolicyResource): boolean | undefined {
  const x = apiKeys(index, a);
  const y = apiKeys(index, b);
  if (x === undefined || y === undefined) return undefined;
  return [...x].some((k) => y.has(k));
}

/** Method settings by the stage they apply to, built once per stack evaluation. */
const settingsByStage = perStack((index: StackIndex) => {
  const stages = index.ofType(APIGATEWAY_STAGE);
  const out = new Map<PolicyResource, StageSettings>();
  for (const s of stages) out.set(s, { settings: [], unresolved: [] });
  for (const ms of index.ofType(APIGATEWAY_METHOD_SETTINGS)) {
    const linked = index.referenced(ms, "stageName", APIGATEWAY_STAGE);
    if (linked.length > 0) {
      for (const s of linked) out.get(s)?.settings.push(ms);
      continue;
    }
    const name = get(ms.props, "stageName");
    for (const s of stages) {
      const stageName = get(s.props, "stageName");
      const api = sameApi(index, ms, s);
      if (!name.known || !stageName.known || api === undefined) {
        out.get(s)?.unresolved.push(ms);
      } else if (api && name.value === stageName.value) {
        out.get(s)?.settings.push(ms);
      }
    }
  }
  return out;
});

/** The method settings that apply to `stage`. */
export function stageMethodSettings(index: StackIndex, stage: PolicyResource): StageSettings {
  return settingsByStage(index).get(stage) ?? { settings: [], unresolved: [] };
}
