// A fake AWS for offline runs of Pulumi programs: the state the engine would report for every
// resource (preview and apply), answers for the common data sources, and the real region table.
export type { FakeAwsEnv } from "./env";
export { UNKNOWN, hasUnknown } from "./env";
export type { ResourceArgs, ResourceState, Phase } from "./resources";
export { resourceState } from "./resources";
export type { Region, AvailabilityZone, Partition } from "./regions";
export { region, REGIONS, PARTITIONS, UnknownRegionError, nearestRegions } from "./regions";
export { invoke, InvokeNotAnsweredError, answeredTokens } from "./invoke";
export type { InvokeAnswers } from "./answers";
export { findAnswer, loadInvokeAnswers, parseInvokeAnswers } from "./answers";
