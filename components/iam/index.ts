// Policy-document builders shared by components.
export * from "./policy-document";
export * from "./statements";
