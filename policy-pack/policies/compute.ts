import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [];
