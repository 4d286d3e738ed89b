// AWS Config that sees everything: aggregators collect every region, recorders record every
// supported resource type and are switched on.
import { resourcePolicy } from "../../lib/define";
import { CONFIG_AGGREGATOR, CONFIG_RECORDER, CONFIG_RECORDER_STATUS } from "../../lib/types";
import { awsDocs, checkov, fsbp, trivy } from "../../lib/controls";
import { NATIVE_CONFIG_AGGREGATOR, NATIVE_CONFIG_RECORDER } from "../../lib/native/types";
import { flagOn, flagValue } from "../../lib/values";

export const configAggregatorAllRegions = resourcePolicy({
  name: "config-aggregator-all-regions",
  description:
    "AWS Config aggregators collect every region (allRegions on the account or organization " +
    "source). Advisory: a fixed region list misses resources created in any other region.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `allRegions: true` (instead of `regions`) on accountAggregationSource or " +
    "organizationAggregationSource.",
  references: [
    checkov("CKV_AWS_121"),
    trivy("AWS-0019"),
    awsDocs("config/latest/developerguide/aggregate-data"),
  ],
  types: [CONFIG_AGGREGATOR, NATIVE_CONFIG_AGGREGATOR],
  check: (props, ctx) => {
    const source = props.accountAggregationSource ?? props.organizationAggregationSource;
    if (!flagOn(source?.allRegions)) {
      ctx.report("the aggregation source does not set allRegions: some regions are not collected.");
    }
  },
});

export const configRecorderAllResources = resourcePolicy({
  name: "config-recorder-all-resources",
  description:
    "AWS Config recorders record every supported resource type (recordingGroup.allSupported, " +
    "the default). Advisory: a hand-picked list stops recording new kinds of resources. Global " +
    "resource types (IAM) are asked of no recorder: AWS advises recording them in one region only.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Leave `recordingGroup` out or set `allSupported: true`; record global resource types " +
    "(`includeGlobalResourceTypes: true`) in one region only.",
  references: [
    checkov("CKV2_AWS_48"),
    fsbp("Config.1"),
    awsDocs("config/latest/APIReference/API_RecordingGroup (global resources in one region)"),
  ],
  types: [CONFIG_RECORDER, NATIVE_CONFIG_RECORDER],
  check: (props, ctx) => {
    const group = props.recordingGroup;
    if (flagValue(group?.allSupported) !== false) return;
    // The exclusion strategy records every supported type but the listed ones (RecordingGroup,
    // recordingStrategy.useOnly EXCLUSION_BY_RESOURCE_TYPES).
    ctx.report(
      group.recordingStrategy?.useOnly === "EXCLUSION_BY_RESOURCE_TYPES"
        ? "recordingGroup excludes resource types: every supported type but the excluded ones is recorded."
        : "recordingGroup.allSupported is false: only listed resource types are recorded.",
    );
  },
});

export const configRecorderEnabled = resourcePolicy({
  name: "config-recorder-enabled",
  description:
    "AWS Config recorder statuses switch the recorder on (isEnabled). Advisory: a recorder that " +
    "is not started records nothing.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `isEnabled: true` on the aws.cfg.RecorderStatus (after its delivery channel).",
  references: [checkov("CKV2_AWS_45"), fsbp("Config.1")],
  noNativeTwin:
    "CloudFormation has no type for a Config recorder's status (aws.cfg.RecorderStatus starts and stops recording).",
  types: [CONFIG_RECORDER_STATUS],
  check: (props, ctx) => {
    if (!flagOn(props.isEnabled)) ctx.report("isEnabled is not true: the recorder is stopped.");
  },
});
