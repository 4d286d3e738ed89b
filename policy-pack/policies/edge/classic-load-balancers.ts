// Classic Load Balancers (aws.elb.LoadBalancer): access logs, and listeners that terminate TLS
// with a certificate. Application and Network Load Balancers: ./load-balancers.ts.
import { resourcePolicy } from "../../lib/define";
import { ELB_LOAD_BALANCER } from "../../lib/types";
import { asList, present } from "../../lib/values";
import { awsDocs, checkov, fsbp } from "../../lib/controls";

export const elbClassicAccessLogs = resourcePolicy({
  name: "elb-classic-access-logs",
  description:
    "Classic Load Balancers write access logs to S3 (accessLogs with a bucket, not disabled). " +
    "Advisory: the record of who called what through the edge.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `accessLogs: { bucket: <log bucket>, interval: 60 }`; the bucket policy must let the ELB " +
    "log delivery principal write.",
  references: [
    checkov("CKV_AWS_92"),
    fsbp("ELB.5"),
    awsDocs("elasticloadbalancing/latest/classic/access-log-collection"),
  ],
  types: [ELB_LOAD_BALANCER],
  check: (props, ctx) => {
    // Provider docs, aws.elb.LoadBalancer accessLogs.enabled: "Default is true".
    const logs = props.accessLogs;
    if (!present(logs, "bucket") || logs.enabled === false) {
      ctx.report("access logs are not enabled (no accessLogs bucket, or enabled is false).");
    }
  },
});

const TLS_PROTOCOLS = new Set(["https", "ssl"]);

export const elbClassicListenerTls = resourcePolicy({
  name: "elb-classic-listener-tls",
  description:
    "Classic Load Balancer listeners terminate HTTPS or SSL with a certificate (sslCertificateId, " +
    "from ACM): no listener accepts clients over plain HTTP or TCP. Advisory, as for the HTTP " +
    "listeners of Application Load Balancers.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    'Give every listener `lbProtocol: "https"` (or "ssl") and `sslCertificateId` set to an ACM ' +
    "certificate ARN; better, move to an Application Load Balancer.",
  references: [
    checkov("CKV_AWS_127"),
    fsbp("ELB.2"),
    fsbp("ELB.3"),
    awsDocs("elasticloadbalancing/latest/classic/elb-listener-config"),
  ],
  types: [ELB_LOAD_BALANCER],
  check: (props, ctx) => {
    for (const listener of asList(props.listeners)) {
      const protocol = String(listener?.lbProtocol ?? "").toLowerCase();
      const port = String(listener?.lbPort ?? "?");
      if (!TLS_PROTOCOLS.has(protocol)) {
        ctx.report(`listener on port ${port} accepts ${protocol || "unknown"} without TLS.`);
      } else if (!present(listener, "sslCertificateId")) {
        ctx.report(`listener on port ${port} has no sslCertificateId.`);
      }
    }
  },
});
