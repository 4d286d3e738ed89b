// The config key of the platform's alerts (components/alerts/): who is told.
import type { ConfigValues } from "./keys";
import { section } from "./keys";

/**
 * An e-mail address SNS accepts as an `email` endpoint: one `@`, no spaces, a dotted domain, at
 * most 254 characters (RFC 5321's path limit). SNS checks nothing more before it sends the
 * confirmation mail (SNS API Reference, Subscribe: "For the email protocol, use an email address").
 */
export const EMAIL_ADDRESS = /^(?=.{3,254}$)[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The alerts topic's subscriber (components/alerts/). */
export const ALERTS_SECTION = section({
  title: "Alerts",
  summary: "Alarms and failure events of the platform, sent to one SNS topic (components/alerts/).",
  keys: {
    email: {
      key: "alertEmail",
      kind: "string",
      description:
        "E-mail address subscribed to the alerts topic (it must confirm the mail SNS sends); without it, subscribe to the alertsTopicArn output yourself.",
      allowed: "an e-mail address, e.g. ops@example.com",
      check: (email, ctx) => {
        if (!EMAIL_ADDRESS.test(email)) {
          ctx.fail("alertEmail", `"${email}" is not an e-mail address such as ops@example.com`);
        }
      },
    },
  },
});

/** The alerts settings a stack's config yields. */
export type AlertsSettings = ConfigValues<typeof ALERTS_SECTION.keys>;
