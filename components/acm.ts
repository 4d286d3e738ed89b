// ACM certificate ARNs in stack config: their syntax, the committed example, and the rule that a
// preview warns about the example while `pulumi up` refuses it (the load balancer's certificate
// and the docs site's share it).
import type { KeyContext } from "./keys";

/** `arn:<partition>:acm:<region>:<account>:certificate/<uuid>`; groups 2 region, 3 account, 4 id. */
export const CERTIFICATE_ARN =
  /^arn:aws(-[a-z]+)*:acm:([a-z0-9-]+):(\d{12}):certificate\/([0-9a-f-]{36})$/;

/**
 * Whether an ACM certificate ARN is a placeholder rather than a certificate: an account id of one
 * repeated digit (111111111111, the committed prod file's example account) or an all-zero
 * certificate id (00000000-0000-4000-8000-000000000000). No ACM certificate has either.
 */
export function isExampleCertificateArn(arn: string): boolean {
  const m = CERTIFICATE_ARN.exec(arn);
  if (!m) return false;
  return /^(\d)\1{11}$/.test(m[3]) || /^0{8}-0{4}-[0-9a-f]0{3}-[0-9a-f]0{3}-0{12}$/.test(m[4]);
}

/**
 * An example certificate in `key`: `pulumi up` refuses it before anything is created, a preview
 * goes on with a warning (the offline check and a first preview work with the committed file).
 */
export function exampleCertificate(
  ctx: KeyContext,
  key: string,
  arn: string,
  region: string,
): void {
  const how = `set your own ACM certificate (in ${region}) with ${ctx.setCommand(key, "<arn>")}`;
  if (ctx.deploying) {
    ctx.fail(key, `"${arn}" is the example from the stack file, not a certificate: ${how}`);
  } else {
    ctx.warn(
      key,
      `"${arn}" is the example from the stack file, not a certificate; \`pulumi up\` will refuse it: ${how}`,
    );
  }
}

/**
 * The problem of a certificate kept in an account the stack may not deploy to
 * (`aws:allowedAccountIds`), or undefined. ACM certificates are used by the services of their own
 * account and region only (AWS Security Blog, "How to deploy public ACM certificates across
 * multiple AWS accounts and Regions using AWS CloudFormation StackSets": certificates must be
 * requested "in each Region and account"); the load balancer or distribution then fails at
 * `pulumi up` with CertificateNotFound, after most of the stack was created.
 */
export function certificateAccountProblem(ctx: KeyContext, arn: string): string | undefined {
  const m = CERTIFICATE_ARN.exec(arn);
  const accounts = ctx.value<string[]>("aws:allowedAccountIds");
  if (!m || accounts === undefined || accounts.length === 0 || accounts.includes(m[3])) {
    return undefined;
  }
  return `is in account ${m[3]}, but aws:allowedAccountIds lets the stack deploy only to ${accounts.join(", ")}; AWS uses a certificate in its own account only (CloudFront and the load balancer answer CertificateNotFound): request the certificate in the stack's account`;
}
