// A program that fails after it (or a dependency) tried to reach a host on the network. The check
// runs where there is none; `pulumi preview` runs where there is, so such a failure is the offline
// run's, and the error a dependency raises after its retries ("Cannot retrieve the certificate
// fingerprint at the issuer URL", a timeout, ENOTFOUND) seldom says so. The preload records each
// connection (./network-sites.js); the hint names the hosts, the package that connected and the
// program's own line when the call came from its code.
import * as path from "path";

/** The token under which ./network-sites.js records a connection. */
export const NETWORK_SITE = "network";

export interface NetworkUse {
  readonly host: string;
  readonly port: number | string;
  /** The package whose code connected, when a dependency did. */
  readonly via?: string;
  /** The program's own line that led to it, when the stack reaches it. */
  readonly file?: string;
  readonly line?: number;
}

export function networkHint(uses: readonly NetworkUse[], pwd: string): string {
  if (uses.length === 0) return "";
  const shown = uses.slice(0, 3).map((u) => {
    const where = u.file ? `, called at ${path.relative(pwd, u.file) || u.file}:${u.line}` : "";
    return (
      `${u.host}:${u.port}` +
      (u.via ? ` (from ${u.via}${where})` : where ? ` (${where.slice(2)})` : "")
    );
  });
  const more = uses.length > 3 ? ` and ${uses.length - 3} more` : "";
  const packages = [...new Set(uses.map((u) => u.via).filter((v): v is string => !!v))];
  return (
    `\nWhile it ran, the program connected to ${shown.join(", ")}${more}: an offline check has no ` +
    "network, where `pulumi preview` reaches these hosts, so a failure that follows is most " +
    "likely the missing connection" +
    (packages.length
      ? ` (${packages.join(", ")} reads from the network while the program runs; some versions ` +
        "or options of a package do not)"
      : "") +
    ". Run the check where these hosts are reachable, or give the program the value it fetches " +
    "another way (--config <key>=<value>)"
  );
}
