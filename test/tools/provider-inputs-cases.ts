// The cases of the provider-input spec (provider-inputs.spec.ts): a resource of each type the
// tables cover with inputs the provider accepts, and inputs broken one at a time with the words of
// the provider's message each must draw.

import { BASE_BROKEN, BASE_COMPLIANT } from "./provider-inputs-cases-base";
import { API_BROKEN, API_COMPLIANT } from "./provider-inputs-cases-api";
import { CACHE_BROKEN, CACHE_COMPLIANT } from "./provider-inputs-cases-cache";
import { EDGE_BROKEN, EDGE_COMPLIANT } from "./provider-inputs-cases-edge";
import { INFRA_BROKEN, INFRA_COMPLIANT } from "./provider-inputs-cases-infra";
import { OPS_BROKEN, OPS_COMPLIANT } from "./provider-inputs-cases-ops";
import { SERVICES_BROKEN, SERVICES_COMPLIANT } from "./provider-inputs-cases-services";
import { DELIVERY_BROKEN, DELIVERY_COMPLIANT } from "./provider-inputs-cases-delivery";
import { ANALYTICS_BROKEN, ANALYTICS_COMPLIANT } from "./provider-inputs-cases-analytics";
import { DATA_BROKEN, DATA_COMPLIANT } from "./provider-inputs-cases-data";
import { CREATE_BROKEN, CREATE_COMPLIANT } from "./provider-inputs-cases-create";
import { BALANCERS_BROKEN, BALANCERS_COMPLIANT } from "./provider-inputs-cases-balancers";
import { STORAGE_BROKEN, STORAGE_COMPLIANT } from "./provider-inputs-cases-storage";
import { FLEET_BROKEN, FLEET_COMPLIANT } from "./provider-inputs-cases-fleet";
import { TASKS_BROKEN, TASKS_COMPLIANT } from "./provider-inputs-cases-tasks";
import { NETWORK_BROKEN, NETWORK_COMPLIANT } from "./provider-inputs-cases-network";
import { EVENTS_BROKEN, EVENTS_COMPLIANT } from "./provider-inputs-cases-events";
import { WINDOWS_BROKEN, WINDOWS_COMPLIANT } from "./provider-inputs-cases-windows";
import { LIMITS_BROKEN, LIMITS_COMPLIANT } from "./provider-inputs-cases-limits";
import { LAMBDA_ACCOUNTS_BROKEN } from "./provider-inputs-cases-lambda-accounts";
import { GRAMMAR_BROKEN, GRAMMAR_COMPLIANT } from "./provider-inputs-cases-grammar";
import { AUTHORIZERS_BROKEN, AUTHORIZERS_COMPLIANT } from "./provider-inputs-cases-authorizers";
import { NAMES_BROKEN, NAMES_COMPLIANT } from "./provider-inputs-cases-names";
import { FLOW_LOGS_BROKEN, FLOW_LOGS_COMPLIANT } from "./provider-inputs-cases-flow-logs";
import { ROUTING_BROKEN, ROUTING_COMPLIANT } from "./provider-inputs-cases-routing";
import { DB_USERS_BROKEN, DB_USERS_COMPLIANT } from "./provider-inputs-cases-db-users";
import { FUNCTIONS_BROKEN, FUNCTIONS_COMPLIANT } from "./provider-inputs-cases-functions";
import {
  DEFINITIONS_BROKEN,
  DEFINITIONS_COMPLIANT,
  MAPPING_BROKEN,
  MAPPING_COMPLIANT,
  PROJECT_BROKEN,
} from "./provider-inputs-cases-definitions";

/** One broken input: type, input, its value, words the refusal must draw, other inputs changed. */
export type Case = [string, string, unknown, string, Record<string, unknown>?];

export { ROLE_ARN } from "./provider-inputs-cases-base";

const PARTS = [
  BASE_COMPLIANT,
  API_COMPLIANT,
  INFRA_COMPLIANT,
  OPS_COMPLIANT,
  CACHE_COMPLIANT,
  EDGE_COMPLIANT,
  SERVICES_COMPLIANT,
  DELIVERY_COMPLIANT,
  ANALYTICS_COMPLIANT,
  DATA_COMPLIANT,
  CREATE_COMPLIANT,
  BALANCERS_COMPLIANT,
  STORAGE_COMPLIANT,
  FLEET_COMPLIANT,
  TASKS_COMPLIANT,
  DEFINITIONS_COMPLIANT,
  MAPPING_COMPLIANT,
  NETWORK_COMPLIANT,
  EVENTS_COMPLIANT,
  WINDOWS_COMPLIANT,
  LIMITS_COMPLIANT,
  GRAMMAR_COMPLIANT,
  AUTHORIZERS_COMPLIANT,
  NAMES_COMPLIANT,
  FLOW_LOGS_COMPLIANT,
  ROUTING_COMPLIANT,
  DB_USERS_COMPLIANT,
  FUNCTIONS_COMPLIANT,
];

/** The resources of every case file, a type's inputs in a later file added to the first's. */
export const COMPLIANT: Record<string, Record<string, unknown>> = Object.fromEntries(
  [...new Set(PARTS.flatMap((p) => Object.keys(p)))].map((type) => [
    type,
    Object.assign({}, ...PARTS.map((p) => p[type] ?? {})) as Record<string, unknown>,
  ]),
);

export const BROKEN = [
  ...BASE_BROKEN,
  ...API_BROKEN,
  ...INFRA_BROKEN,
  ...OPS_BROKEN,
  ...CACHE_BROKEN,
  ...EDGE_BROKEN,
  ...SERVICES_BROKEN,
  ...DELIVERY_BROKEN,
  ...ANALYTICS_BROKEN,
  ...DATA_BROKEN,
  ...CREATE_BROKEN,
  ...BALANCERS_BROKEN,
  ...STORAGE_BROKEN,
  ...FLEET_BROKEN,
  ...TASKS_BROKEN,
  ...LAMBDA_ACCOUNTS_BROKEN,
  ...DEFINITIONS_BROKEN,
  ...MAPPING_BROKEN,
  ...PROJECT_BROKEN,
  ...NETWORK_BROKEN,
  ...EVENTS_BROKEN,
  ...WINDOWS_BROKEN,
  ...LIMITS_BROKEN,
  ...GRAMMAR_BROKEN,
  ...AUTHORIZERS_BROKEN,
  ...NAMES_BROKEN,
  ...FLOW_LOGS_BROKEN,
  ...ROUTING_BROKEN,
  ...DB_USERS_BROKEN,
  ...FUNCTIONS_BROKEN,
];
