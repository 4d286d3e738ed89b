// Invokes (data sources): the user's answers first, then the fake's own, and for any other token
// an `InvokeNotAnsweredError` that says how to answer it.
//
// The fake's own are the ones public Pulumi programs (pulumi/examples, pulumi/templates and
// others) call to find their surroundings: the default VPC and its subnets (`getVpc({default:
// true})` then `getSubnets` on a `vpc-id` filter, as awsx classic does; `getSubnet` by AZ),
// `getAmi` by owner and name or image-id filters, SSM public AMI parameters, the account, region,
// partition and AZs, the zones an AWS service's VPC endpoints are offered in, `getPolicyDocument`, Route 53 zones, the organization, AWS managed keys,
// policies and CloudFront policies, the ELB log-delivery account, the newest Elastic Beanstalk
// platform and RDS engine version; an ECR repository, SNS topic, SQS queue or ECS cluster looked
// up by name; and awsx's `getDefaultVpc`, which its plugin answers from those
// same EC2 data sources.
import { findAnswer, InvokeAnswers } from "./answers";
import { FakeAwsEnv, resolveEnv, UNKNOWN } from "./env";
import { CATALOG_INVOKES } from "./invokes-catalog";
import { EC2_INVOKES } from "./invokes-ec2";
import { LOOKUP_INVOKES } from "./invokes-lookups";
import { MISC_INVOKES, NotModelled } from "./invokes-misc";
import { TOKEN_INVOKES } from "./invokes-tokens";
import { policyDocument } from "./policy-document";

const INVOKES: Record<
  string,
  (args: Record<string, any>, env: ReturnType<typeof resolveEnv>) => Record<string, any>
> = {
  ...EC2_INVOKES,
  ...MISC_INVOKES,
  ...TOKEN_INVOKES,
  ...CATALOG_INVOKES,
  ...LOOKUP_INVOKES,
  "aws:iam/getPolicyDocument:getPolicyDocument": (a) => policyDocument(a),
};

/**
 * An invoke the fake cannot answer. `details` holds the message: the SDK's invoke path rethrows
 * a mock's error as `new Error(err.details)`.
 */
export class InvokeNotAnsweredError extends Error {
  readonly details: string;
  constructor(
    readonly token: string,
    reason?: string,
  ) {
    const message =
      `the offline check cannot answer the invoke ${token}` +
      (reason ? ` (${reason})` : "") +
      `: supply its result in a JSON file passed with --invoke-answers <file.json>, e.g. ` +
      `{ "${token}": { ...result... } } or { "${token}": [ { "args": { ...partial match... }, "result": { ... } } ] }`;
    super(message);
    this.name = "InvokeNotAnsweredError";
    this.details = message;
  }
}

/**
 * Why an invoke of another provider cannot be answered offline, for the tokens programs meet most:
 * `kubernetes:helm:template` is how @pulumi/kubernetes's `helm.v3.Chart` renders its chart: the
 * SDK sends the chart's options (`{ jsonOpts }`) and parses the rendered objects from the answer's
 * `result` (@pulumi/kubernetes helm/v3/helm.js), which the provider renders with Helm, fetching
 * the chart from its repository or path.
 */
const UNANSWERABLE: Record<string, string> = {
  "kubernetes:helm:template":
    "a helm.v3.Chart renders its chart with Helm inside the Kubernetes provider, fetching it from " +
    'its repository; answer it with the rendered objects, { "result": [ <object>, ... ] }, or ' +
    '{ "result": [] } to check the rest of the stack without them',
};

/** Tokens the fake answers by itself. */
export function answeredTokens(): string[] {
  return Object.keys(INVOKES).sort();
}

/** The result of an invoke; unknown arguments give unknown results. */
export function invoke(
  token: string,
  args: Record<string, any>,
  env: FakeAwsEnv,
  answers?: InvokeAnswers,
): Record<string, any> {
  const given = findAnswer(answers, token, args ?? {});
  if (given) return { ...given };
  const fn = INVOKES[token];
  if (!fn) throw new InvokeNotAnsweredError(token, UNANSWERABLE[token]);
  const region =
    typeof args?.region === "string" && args.region !== UNKNOWN ? args.region : undefined;
  try {
    return fn(args ?? {}, resolveEnv(env, region));
  } catch (e) {
    if (e instanceof NotModelled) throw new InvokeNotAnsweredError(token, e.message);
    throw e;
  }
}
