// The waiver report: every waiver in use listed in each preview, and waiver tags that would
// quietly do nothing rejected (./waivers.ts).
export { policies } from "./waivers";
