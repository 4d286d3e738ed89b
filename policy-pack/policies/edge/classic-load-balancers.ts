// Classic Load Balancers (aws.elb.LoadBalancer): access logs, listeners that terminate TLS with a
// certificate or pass TCP through to the instances, and cross-zone load balancing. Application and Network Load Balancers: ./load-balancers.ts.
import { resourcePolicy } from "../../lib/define";
import { ELB_LOAD_BALANCER } from "../../lib/types";
import { asList, present, flagValue } from "../../lib/values";
import { awsDocs, checkov, fsbp } from "../../lib/controls";
import { NATIVE_ELB_LOAD_BALANCER } from "../../lib/native/types";

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
  types: [ELB_LOAD_BALANCER, NATIVE_ELB_LOAD_BALANCER],
  check: (props, ctx) => {
    // Provider docs, aws.elb.LoadBalancer accessLogs.enabled: "Default is true".
    const logs = props.accessLogs;
    if (!present(logs, "bucket") || flagValue(logs.enabled) === false) {
      ctx.report("access logs are not enabled (no accessLogs bucket, or enabled is false).");
    }
  },
});

const TLS_PROTOCOLS = new Set(["https", "ssl"]);

export const elbClassicListenerTls = resourcePolicy({
  name: "elb-classic-listener-tls",
  description:
    "Classic Load Balancer listeners either terminate HTTPS or SSL with a certificate " +
    "(sslCertificateId, from ACM) or pass TCP through to TCP on the instances untouched, so TLS " +
    "ends on the instances (AWS documents TCP listeners for both connections as the way to " +
    "terminate HTTPS, or mutual TLS, on the instances: " +
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-https-load-balancers.html). " +
    "No listener accepts clients over plain HTTP, or over TCP that it then re-encrypts. Advisory, " +
    "as for the HTTP listeners of Application Load Balancers. Checkov CKV_AWS_127 and ELB.3 " +
    "report a TCP passthrough listener too; what it carries cannot be seen from its settings.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    'Give every listener `lbProtocol: "https"` (or "ssl") and `sslCertificateId` set to an ACM ' +
    'certificate ARN, or pass TLS through with `lbProtocol: "tcp"` and `instanceProtocol: "tcp"` ' +
    "to instances that terminate it; better, move to an Application Load Balancer.",
  references: [
    checkov("CKV_AWS_127"),
    fsbp("ELB.2"),
    fsbp("ELB.3"),
    awsDocs("elasticloadbalancing/latest/classic/elb-listener-config"),
    awsDocs("elasticloadbalancing/latest/classic/elb-https-load-balancers"),
  ],
  types: [ELB_LOAD_BALANCER, NATIVE_ELB_LOAD_BALANCER],
  check: (props, ctx) => {
    for (const listener of asList(props.listeners)) {
      const protocol = String(listener?.lbProtocol ?? "").toLowerCase();
      const backEnd = String(listener?.instanceProtocol ?? "").toLowerCase();
      const port = String(listener?.lbPort ?? "?");
      if (TLS_PROTOCOLS.has(protocol)) {
        if (!present(listener, "sslCertificateId"))
          ctx.report(`listener on port ${port} has no sslCertificateId.`);
      } else if (protocol === "tcp" && backEnd === "tcp") {
        // A passthrough: the balancer neither reads nor changes the bytes, TLS ends on the instance.
        continue;
      } else if (protocol === "tcp") {
        ctx.report(
          `listener on port ${port} accepts tcp without TLS and sends ${backEnd || "unknown"} to the instances.`,
        );
      } else {
        ctx.report(`listener on port ${port} accepts ${protocol || "unknown"} without TLS.`);
      }
    }
  },
});

export const elbClassicCrossZone = resourcePolicy({
  name: "elb-classic-cross-zone-load-balancing",
  description:
    "Classic Load Balancers spread requests across the registered instances of every enabled " +
    "Availability Zone (crossZoneLoadBalancing), so losing the instances of one zone does not " +
    "overload those left in it. Advisory. Left out, the classic provider turns it on, so only an " +
    "explicit false is reported; an aws-native balancer without crossZone is created with it off.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Leave `crossZoneLoadBalancing` out or set it to `true`.",
  references: [
    checkov("CKV_AWS_138"),
    fsbp("ELB.9"),
    awsDocs("elasticloadbalancing/latest/classic/enable-disable-crosszone-lb"),
  ],
  types: [ELB_LOAD_BALANCER, NATIVE_ELB_LOAD_BALANCER],
  check: (props, ctx) => {
    if (flagValue(props.crossZoneLoadBalancing) !== false) return;
    // Only an aws-native balancer reads false without writing it (lib/native/twins-traffic.ts):
    // CloudFormation, like the ELB API, creates the balancer without cross-zone load balancing.
    ctx.report(
      present(props, "crossZoneLoadBalancing")
        ? "crossZoneLoadBalancing is false."
        : "crossZoneLoadBalancing is not set: CloudFormation and the ELB API then leave cross-zone load balancing off.",
    );
  },
});
