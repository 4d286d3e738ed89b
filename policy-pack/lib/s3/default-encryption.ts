// A bucket's default encryption as the S3 policies read it: the rules of its encryption side
// resources (`aws.s3.BucketServerSideEncryptionConfiguration` and its V2 spelling), else of the
// deprecated inline blocks on the bucket. Bucket identity and side resources: ./buckets.ts.
import type { PolicyResource } from "@pulumi/policy";
import type { StackIndex } from "../define";
import { S3_SIDE } from "../types";
import { asList, programSetting } from "../values";
import { pick, sideResourcesOf } from "./buckets";

export interface SseRule {
  /** The resource the rule lives on (encryption side resource or the bucket itself). */
  readonly source: PolicyResource;
  /** Its top-level property (for property dependencies on the key). */
  readonly prop: string;
  readonly rule: any;
  readonly defaults: any[];
}

/** One default-encryption rule, set in `prop` of `source`, with its default settings. */
function sseRule(source: PolicyResource, prop: string, rule: any): SseRule {
  return {
    source,
    prop,
    rule,
    defaults: pick(
      rule,
      "applyServerSideEncryptionByDefault",
      "applyServerSideEncryptionByDefaults",
    ),
  };
}

/** The default-encryption rules of one encryption side resource (its `rules`). */
export function sseRulesOf(config: PolicyResource): SseRule[] {
  return asList(config.props.rules).map((rule) => sseRule(config, "rules", rule));
}

/**
 * The bucket's default-encryption rules: from its encryption side resources when there is one
 * (applied after the bucket, so they win), else from the deprecated inline blocks
 * (`serverSideEncryptionConfiguration.rule` on Bucket, `serverSideEncryptionConfigurations[].rules`
 * on BucketV2).
 */
export function sseRules(index: StackIndex, bucket: PolicyResource): SseRule[] {
  const sides = sideResourcesOf(index, bucket, S3_SIDE.encryption);
  if (sides.length) return sides.flatMap(sseRulesOf);
  return ["serverSideEncryptionConfiguration", "serverSideEncryptionConfigurations"].flatMap(
    (prop) =>
      asList(programSetting(bucket, prop)).flatMap((cfg) =>
        pick(cfg, "rule", "rules").map((rule) => sseRule(bucket, prop, rule)),
      ),
  );
}

/**
 * Whether the bucket's default encryption is SSE-S3 (AES256, or no configuration: S3 then applies
 * SSE-S3) and nothing else.
 */
export function usesSseS3(index: StackIndex, bucket: PolicyResource): boolean {
  const defaults = sseRules(index, bucket).flatMap((r) => r.defaults);
  return defaults.length === 0 || defaults.every((d: any) => d.sseAlgorithm === "AES256");
}
