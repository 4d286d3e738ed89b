// The config key of the opt-in test server (docs/features.md).
import { section } from "./keys";

/** The private test server (components/test-server.ts), off unless `testServerEnabled`. */
export const TEST_SERVER_SECTION = section({
  title: "Test server",
  summary: "Opt-in private test server (components/test-server.ts).",
  keys: {
    enabled: {
      key: "testServerEnabled",
      kind: "boolean",
      default: false,
      description:
        "Opt-in private test server (no public IP, SSH through EC2 Instance Connect Endpoint, OS updates through the S3 endpoint).",
      allowed: "true or false (default false): a private test server",
    },
  },
  build: (v): boolean => v.enabled,
});
