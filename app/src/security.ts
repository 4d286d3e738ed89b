// Security headers on every response. The pages carry no script and no inline style, so the
// Content-Security-Policy allows only our stylesheet, images from the bucket's own origin
// (presigned URLs) and form posts back to us.
import type { FastifyInstance } from "fastify";

export function contentSecurityPolicy(imageOrigin: string): string {
  return [
    "default-src 'none'",
    `img-src ${imageOrigin}`,
    "style-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers of every response; the app replaces the CSP with one naming the image origin. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  // Ignored by browsers over plain HTTP; effective once the ALB serves HTTPS.
  "strict-transport-security": "max-age=31536000; includeSubDomains",
  // Responses without a page (errors, probes) allow nothing at all.
  "content-security-policy": "default-src 'none'",
};

export function registerSecurityHeaders(app: FastifyInstance, imageOrigin: string): void {
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    "content-security-policy": contentSecurityPolicy(imageOrigin),
  };
  app.addHook("onSend", async (_request, reply, payload) => {
    reply.headers(headers);
    // Pages embed short-lived URLs: nothing is cached unless a route says otherwise.
    if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
    return payload;
  });
}
