// The network model behind the VPC and EC2 policies: subnets, route tables, routes and associations
// (./routing.ts, ./routes.ts), customer-managed prefix lists (./prefix-lists.ts), security groups
// and their rules (./security-groups.ts), NACL entries (./nacl.ts), EBS account defaults
// (./ebs.ts), and the labels and port helpers they share (./labels.ts, ./ports.ts). Each graph is
// built once per stack (cached per StackIndex) in passes that are linear in the number of
// resources.
export * from "./labels";
export * from "./ports";
export * from "./prefix-lists";
export * from "./routes";
export * from "./routing";
export * from "./security-groups";
export * from "./nacl";
export * from "./ebs";
