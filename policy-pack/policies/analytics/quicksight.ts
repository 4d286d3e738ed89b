// QuickSight data sources: the connection to the database or warehouse behind a dashboard is
// encrypted with TLS.
import { resourcePolicy } from "../../lib/define";
import { QUICKSIGHT_DATA_SOURCE } from "../../lib/types";
import { awsDocs, cdkNag } from "../../lib/controls";
import { NATIVE_QUICKSIGHT_DATA_SOURCE } from "../../lib/native/types";
import { flagOn } from "../../lib/values";

export const quicksightDataSourceSsl = resourcePolicy({
  name: "quicksight-data-source-ssl",
  description:
    "QuickSight data sources do not turn SSL off (sslProperties.disableSsl true): queries and " +
    "their results would cross the network in plaintext. SSL is on unless disableSsl is set. " +
    "Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps: "Remove `sslProperties` or set `sslProperties: { disableSsl: false }`.",
  references: [
    cdkNag("AwsSolutions-QS1"),
    awsDocs("quicksight/latest/APIReference/API_SslProperties"),
  ],
  types: [QUICKSIGHT_DATA_SOURCE, NATIVE_QUICKSIGHT_DATA_SOURCE],
  check: (props, ctx) => {
    if (flagOn(props.sslProperties?.disableSsl)) {
      ctx.report("sslProperties.disableSsl is true: the connection is not encrypted.");
    }
  },
});
