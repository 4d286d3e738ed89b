// Verdicts on one load-balancer listener, shared by the rules on `aws.lb.Listener` and on the awsx
// ApplicationLoadBalancer component's `listener`/`listeners` inputs.

/**
 * ELB docs: a listener created through the API/CloudFormation without a policy gets
 * ELBSecurityPolicy-2016-08 (TLS 1.0+). The accepted policies' default pattern.
 */
export const DEFAULT_SSL_POLICY_PATTERN = "^ELBSecurityPolicy-TLS13-1-[23]-";

/** Why an HTTPS/TLS listener's security policy is not TLS 1.2+, or undefined (or not HTTPS/TLS). */
export function tlsPolicyProblem(
  protocol: unknown,
  sslPolicy: unknown,
  pattern: string,
): string | undefined {
  if (protocol !== "HTTPS" && protocol !== "TLS") return undefined;
  if (sslPolicy === undefined) {
    return `${protocol} listener sets no sslPolicy, so it gets ELBSecurityPolicy-2016-08 (TLS 1.0+).`;
  }
  if (!new RegExp(pattern).test(String(sslPolicy))) {
    return `sslPolicy '${String(sslPolicy)}' is not a TLS 1.2+ policy from the accepted list.`;
  }
  return undefined;
}

/** Whether an ALB listener action keeps traffic off plain HTTP: a redirect to HTTPS or a fixed response. */
export function httpActionProblem(action: any): string | undefined {
  const type = action?.type;
  if (type === "fixed-response") return undefined;
  if (type === "redirect") {
    return String(action.redirect?.protocol).toUpperCase() === "HTTPS"
      ? undefined
      : "redirects without switching to HTTPS";
  }
  return `'${type}' serves the application over plain HTTP`;
}
