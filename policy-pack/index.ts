// The CrossGuard policy pack. Assembles the policies only; they live in ./policies/<area>/.
import { PolicyPack } from "@pulumi/policy";
import { allPolicies, PACK_NAME } from "./policies";

new PolicyPack(PACK_NAME, { policies: allPolicies });
