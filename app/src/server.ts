// Entry point: configuration, application, listening socket, shutdown on signals.
import { ConfigError, parseConfig, type Config } from "./config";
import { buildApp } from "./app";
import { installShutdown } from "./lifecycle";

async function main(): Promise<void> {
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  const app = await buildApp(config);
  process.on("unhandledRejection", (err) => {
    app.log.fatal({ err }, "unhandled rejection");
    process.exit(1);
  });
  installShutdown(app, config.shutdownTimeoutSeconds * 1000);
  await app.listen({ port: config.port, host: config.host });
}

main().catch((err: unknown) => {
  process.stderr.write(`startup failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
