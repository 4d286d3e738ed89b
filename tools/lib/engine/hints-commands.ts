// Hints for a program that runs a command of the machine it is deployed from (`child_process`
// `execSync("pulumi whoami")`, `execSync("git rev-parse HEAD")`) and fails because that command
// is not installed where the check runs. Node reports such a failure as "Command failed: <command>"
// followed by the shell's "<name>: not found" (node:child_process, `checkExecSyncError`; POSIX sh
// exits 127 for a command it cannot find). `pulumi preview` runs the program where its author's
// tools are installed, so the failure is the offline run's, and the check says so.

/** The command a failed `execSync`/`exec` ran and the program the shell could not find. */
export function missingCommand(message: string): { command: string; name: string } | undefined {
  const failed = /Command failed: ([^\n]+)/.exec(message);
  if (!failed) return undefined;
  const missing =
    /(?:^|\n)[^\n]*?:\s*(?:\d+:\s*)?([^\s:]+): (?:command )?not found/.exec(message) ??
    /spawnSync ([^\s]+) ENOENT/.exec(message);
  if (!missing) return undefined;
  return { command: failed[1].trim(), name: missing[1] };
}

export function missingCommandHint(message: string): string {
  const m = missingCommand(message);
  if (!m) return "";
  const cli =
    m.name === "pulumi"
      ? "the Pulumi CLI, which an offline check runs without (no CLI, no backend to log in to); " +
        "`pulumi preview` runs the program with the CLI that started it"
      : `\`${m.name}\`, which is not installed on this machine; \`pulumi preview\` runs the ` +
        "program where its author's tools are installed";
  return (
    `\nThe program runs \`${m.command}\` and the shell cannot find ${cli}. Give the program ` +
    "what the command would return another way for this run, if it reads one first (a config " +
    "value with --config <key>=<value>, an environment variable), install the command, or run " +
    "the check where it is installed"
  );
}
