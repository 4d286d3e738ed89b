// @pulumi/aws-apigateway's RestAPI (a provider plugin's component: ./apigateway.ts): the role it
// creates for each `localPath` route. From the plugin's source
// (provider/cmd/pulumi-resource-aws-apigateway/apigateway/api.ts, `addStaticRouteToSwaggerSpec`):
// a file or a directory route calls `createRole(key)`, an `aws.iam.Role` trusted by
// apigateway.amazonaws.com with an `aws.iam.RolePolicyAttachment` of
// `aws.iam.ManagedPolicies.AmazonS3FullAccess` (`arn:aws:iam::aws:policy/AmazonS3FullAccess`,
// @pulumi/aws types/enums/iam), which API Gateway uses as the integration's credentials to read
// the uploaded objects. That grants s3:* on every bucket of the account, where a read of one
// bucket's objects is all the route needs: the attachment iam-managed-policy-allowlist reports on
// a role of the program's own, judged here on the inputs with the same allow-list.
// The bucket the objects go to is not public: the component creates it with no arguments
// (`new aws.s3.Bucket(safeS3BucketName(name), bucketOrArgs)`, `staticRoutesBucket` being a Bucket
// of the program's when given: the schema types it as a resource) and its objects with no `acl`,
// so S3's defaults for a new bucket hold (S3 User Guide, "Blocking public access to your Amazon S3
// storage": Block Public Access on, ACLs disabled). A route given as an `eventHandler` is one
// before it is a static route (`createSwaggerSpec` tests `isEventHandler` first); `routes` beside a
// `swaggerString` the plugin takes are ignored (createAPI), and make no role.
import { resourcePolicy } from "../../lib/define";
import { asList, eachElement, peek, unknownError, Unknowns } from "../../lib/values";
import { cdkNag, checkov } from "../../lib/controls";
import {
  ALLOWED_MANAGED_POLICIES_CONFIG,
  allowedManagedKeys,
  awsManagedKey,
  type ManagedPolicyConfig,
} from "../iam/managed";
import { APIGATEWAY_COMPONENT_REST_API } from "./apigateway";

/** What the component attaches to each static route's role (api.ts `createRole`). */
export const STATIC_ROUTE_POLICY = "arn:aws:iam::aws:policy/AmazonS3FullAccess";

/** The route's path as the component writes it (`/` prefixed); a directory's ends in `/`. */
function staticRoute(route: any): string | undefined {
  const given = (key: string) => {
    const p = peek(() => route?.[key]);
    return !p.known || (p.value !== undefined && p.value !== null);
  };
  if (given("eventHandler") || !given("localPath")) return undefined;
  const path = peek(() => route?.path);
  const written = path.known ? String(path.value ?? "") : "<unknown path>";
  return written.startsWith("/") ? written : `/${written}`;
}

export const apigatewayStaticRouteRole = resourcePolicy<ManagedPolicyConfig>({
  name: "aws-apigateway-restapi-static-route-role",
  description:
    "An @pulumi/aws-apigateway RestAPI has no `localPath` route while AmazonS3FullAccess is not in `allowedManagedPolicies`: for each such route the component creates an IAM role for API Gateway and attaches the AWS-managed AmazonS3FullAccess to it (s3:* on every bucket of the account), as iam-managed-policy-allowlist judges such an attachment on a role of the program's own. `allowedManagedPolicies` takes the same list as that policy's (a policy reads only its own config: set both). Mandatory, as that policy.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Serve the static content from a bucket of your own behind CloudFront, or through an `aws.apigateway.Integration` whose credentials are a role granting s3:GetObject on that bucket's objects only; or, accepting the grant, add AmazonS3FullAccess with its reason to this policy's `allowedManagedPolicies`.",
  references: [cdkNag("AwsSolutions-IAM4"), checkov("CKV_AWS_274")],
  config: ALLOWED_MANAGED_POLICIES_CONFIG,
  types: [APIGATEWAY_COMPONENT_REST_API],
  check: (props, ctx) => {
    if (
      allowedManagedKeys(ctx.config.allowedManagedPolicies).has(awsManagedKey(STATIC_ROUTE_POLICY)!)
    )
      return;
    const unknowns = new Unknowns();
    const paths: string[] = [];
    const routes = props?.routes;
    unknowns.note(
      eachElement(Array.isArray(routes) ? routes : asList(routes), (route) =>
        unknowns.run(() => {
          const path = staticRoute(route);
          if (path !== undefined) paths.push(path);
        }),
      ),
    );
    if (paths.length === 0) return unknowns.rethrow();
    // The plugin takes a (non-empty) swaggerString and ignores the routes.
    const swagger = peek(() => props?.swaggerString);
    if (!swagger.known)
      throw unknownError(
        "swaggerString is unknown: whether the plugin uses the routes is not known",
      );
    if (swagger.value) return;
    ctx.report(
      `${paths.map((p) => `GET ${p}`).join(", ")} (localPath): the component creates a role for each with the AWS-managed policy ${STATIC_ROUTE_POLICY} attached, which is not in allowedManagedPolicies.`,
    );
    unknowns.rethrow();
  },
});
