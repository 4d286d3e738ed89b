// The program's process and whatever it starts, ended together. The Pulumi CLI starts each plugin
// (the language host among them) as the leader of a process group of its own and ends it by
// signalling the whole group (pulumi/pulumi sdk/go/common/util/cmdutil: `RegisterProcessGroup`
// sets Setpgid, `KillChildren` sends SIGKILL to -pid), so a child the program started and never
// waited for ends with the run. The check does the same: the program's process leads its own group
// (`detached` on POSIX), and a stop or the run's end signals the group, not the process alone.
import type { ChildProcess } from "child_process";

/** Whether the program is started as the leader of a process group (POSIX only). */
export const OWN_GROUP = process.platform !== "win32";

/** Sends `signal` to the child's process group (POSIX), or to the child alone elsewhere. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (OWN_GROUP) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // ESRCH: nothing of the group is left.
  }
}
