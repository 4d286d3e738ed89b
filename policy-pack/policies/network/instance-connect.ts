// The EC2 Instance Connect Endpoint that gives BI users their tunnel: it names its security groups.
// `preserveClientIp` is deliberately not checked: an instance security group that admits SSH from
// the endpoint's security group works either way (EC2 docs, "Security groups for EC2 Instance
// Connect Endpoint"), and preserving the client IP keeps the caller's address in the instance's
// logs.
import { resourcePolicy } from "../../lib/define";
import { present } from "../../lib/values";
import { EC2TRANSITGATEWAY_INSTANCE_CONNECT_ENDPOINT } from "../../lib/types";
import { awsDocs } from "../../lib/controls";
import { NATIVE_EC2_INSTANCE_CONNECT_ENDPOINT } from "../../lib/native/types";

export const instanceConnectEndpointSecurityGroups = resourcePolicy({
  name: "ec2-instance-connect-endpoint-security-groups",
  description:
    "EC2 Instance Connect Endpoints should name their security groups. Without them the VPC's default security group is " +
    "attached, which should allow nothing (so the tunnel breaks) or, worse, allows everything. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `securityGroupIds` to a dedicated group whose only egress is TCP 22 (or the tunnelled port) to the target " +
    "instances' security group; let the instances admit that port only from the endpoint's group.",
  references: [awsDocs("Security groups for EC2 Instance Connect Endpoint")],
  types: [EC2TRANSITGATEWAY_INSTANCE_CONNECT_ENDPOINT, NATIVE_EC2_INSTANCE_CONNECT_ENDPOINT],
  check: (props, ctx) => {
    // The ids are usually unknown at preview; whether any are set is known.
    if (
      !present(props, "securityGroupIds") ||
      (Array.isArray(props.securityGroupIds) && props.securityGroupIds.length === 0)
    ) {
      ctx.report("securityGroupIds is not set: the VPC's default security group is attached.");
    }
  },
});
