// Container health check without curl: `node dist/healthcheck.js` exits 0 when /healthz answers.
const port = process.env.PORT || "8080";

fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(3_000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
