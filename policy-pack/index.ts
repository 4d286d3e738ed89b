// The CrossGuard policy pack. Assembles the policies only; they live in ./policies/<area>/.
import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./policies";

new PolicyPack("platform-guardrails", { policies: allPolicies });
