// Every policy of the pack, by area: the pack's order and its catalogue (`policyCatalog`) come
// from these arrays. Tools and tests import this list; only ../index.ts builds the PolicyPack
// (constructing one starts the policy server).
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { catalogue } from "../lib/define";
import { policies as iam } from "./iam";
import { policies as s3 } from "./s3";
import { policies as kms } from "./kms";
import { policies as logs } from "./logs";
import { policies as network } from "./network";
import { policies as compute } from "./compute";
import { policies as databases } from "./databases";
import { policies as analytics } from "./analytics";
import { policies as backup } from "./backup";
import { policies as secrets } from "./secrets";
import { policies as delivery } from "./delivery";
import { policies as edge } from "./edge";
import { policies as exposure } from "./exposure";
import { policies as components } from "./components";
import { policies as audit } from "./audit";
import { policies as waivers } from "./waivers";

/** The pack's name, as `new PolicyPack(...)` in ../index.ts gives it. */
export const PACK_NAME = "platform-guardrails";

export const allPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = catalogue([
  ...iam,
  ...s3,
  ...kms,
  ...logs,
  ...network,
  ...compute,
  ...databases,
  ...analytics,
  ...backup,
  ...secrets,
  ...delivery,
  ...edge,
  ...exposure,
  ...components,
  ...audit,
  ...waivers,
]);
