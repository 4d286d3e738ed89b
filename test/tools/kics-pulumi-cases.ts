// The cases of test/fixtures/programs/kics-pulumi: one per KICS test document (KICS flags its
// positives, not its negatives), the rule of ours that answers for the query, and where the pack
// deliberately disagrees with KICS, why, with the source.
import { API_TO_EC2 } from "./kics-pulumi-cases-api-to-ec2";
import { ECS_TO_SSM } from "./kics-pulumi-cases-ecs-to-ssm";
import type { KicsCase } from "./kics-pulumi-case";

export type { KicsCase } from "./kics-pulumi-case";

export const CASES: KicsCase[] = [...API_TO_EC2, ...ECS_TO_SSM];
