// App Runner services, how they are reached and how they reach out: a public endpoint
// (networkConfiguration.ingressConfiguration.isPubliclyAccessible) and outbound traffic through
// App Runner's own network (egressConfiguration.egressType "DEFAULT") instead of a VPC connector,
// past the VPC's routes, security groups and endpoints, as SageMaker's direct internet access is
// (./compute.ts).
//
// Defaults: the API reference documents none for either setting
// (https://docs.aws.amazon.com/apprunner/latest/api/API_IngressConfiguration.html,
// https://docs.aws.amazon.com/apprunner/latest/api/API_EgressConfiguration.html). The developer
// guide does for ingress: "The public endpoint is the default configuration. It opens your service
// to any incoming traffic from the public internet"
// (https://docs.aws.amazon.com/apprunner/latest/dg/network-incoming.html), and for egress: "By
// default, your AWS App Runner application can send messages to public endpoints ... If you don't
// configure a VPC when you launch your environment, App Runner uses the default VPC, which is
// public" (https://docs.aws.amazon.com/apprunner/latest/dg/network-vpc.html). The API reference
// agrees: "Set to VPC to associate your service to a custom VPC specified by VpcConnectorArn", and
// VpcConnectorArn is "Only valid when EgressType = VPC": a service that does not say VPC cannot send
// its traffic through one. Left out is therefore the same AWS state as "DEFAULT" and gets its
// verdict, as SageMaker's left-out network settings do (./compute.ts).
import { resourcePolicy } from "../../lib/define";
import { APPRUNNER_SERVICE } from "../../lib/types";
import { NATIVE_APPRUNNER_SERVICE } from "../../lib/native/types";
import { flagValue, isSet } from "../../lib/values";
import { awsDocs } from "../../lib/controls";

const INGRESS_API = awsDocs("apprunner/latest/api/API_IngressConfiguration");
const INGRESS_GUIDE = awsDocs("apprunner/latest/dg/network-incoming");
const EGRESS_API = awsDocs("apprunner/latest/api/API_EgressConfiguration");
const EGRESS_GUIDE = awsDocs("apprunner/latest/dg/network-vpc");
const EGRESS_REMEDIATION =
  "Create an `aws.apprunner.VpcConnector` with private subnets and a security group, and set " +
  '`networkConfiguration.egressConfiguration: { egressType: "VPC", vpcConnectorArn: ' +
  "connector.arn }`; reach the internet, where needed, through the VPC's NAT and firewall.";

export const apprunnerServiceNotPublic = resourcePolicy({
  name: "apprunner-service-not-public",
  description:
    "App Runner services take a private endpoint (isPubliclyAccessible: false): a public one, " +
    "set or left as App Runner's default, answers any client on the internet over HTTPS. " +
    "Advisory: a public web service is a legitimate design (as a public load balancer on 443 " +
    "is); a service for internal callers takes a private endpoint.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Set `networkConfiguration.ingressConfiguration.isPubliclyAccessible: false` and create an " +
    "`aws.apprunner.VpcIngressConnection` to an interface VPC endpoint for App Runner; or, for " +
    "a public service, put AWS WAF in front of it and waive this rule with the reason.",
  references: [INGRESS_API, INGRESS_GUIDE],
  types: [APPRUNNER_SERVICE, NATIVE_APPRUNNER_SERVICE],
  check: (props, ctx) => {
    const net = props.networkConfiguration;
    const flag = flagValue(net?.ingressConfiguration?.isPubliclyAccessible);
    if (flag === false) return;
    const egress = net?.egressConfiguration?.egressType;
    ctx.report(
      (flag === true
        ? "networkConfiguration.ingressConfiguration.isPubliclyAccessible is true"
        : "networkConfiguration.ingressConfiguration.isPubliclyAccessible is not set, and App " +
          "Runner's default is a public endpoint") +
        ": the service answers any client on the internet" +
        (egress === "VPC" ? "." : ", and its outbound traffic does not go through the VPC either."),
    );
  },
});

export const apprunnerServiceEgressThroughVpc = resourcePolicy({
  name: "apprunner-service-egress-through-vpc",
  description:
    'App Runner services set egressType "VPC" with a VPC connector. Written "DEFAULT" or left out ' +
    "(App Runner's default is public egress), outbound traffic leaves through App Runner's own " +
    "network to the internet, past the VPC's routes, security groups and endpoints, so the code " +
    "can send data anywhere and reach no private resource.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps: EGRESS_REMEDIATION,
  references: [EGRESS_API, EGRESS_GUIDE],
  types: [APPRUNNER_SERVICE, NATIVE_APPRUNNER_SERVICE],
  check: (props, ctx) => {
    const type = props.networkConfiguration?.egressConfiguration?.egressType;
    if (!isSet(type)) {
      ctx.report(
        "networkConfiguration.egressConfiguration.egressType is left out, and App Runner " +
          'defaults it to "DEFAULT": outbound traffic reaches the internet outside the VPC.',
      );
      return;
    }
    if (type === "VPC") return;
    ctx.report(
      `networkConfiguration.egressConfiguration.egressType is "${type}": outbound traffic ` +
        "reaches the internet outside the VPC.",
    );
  },
});
