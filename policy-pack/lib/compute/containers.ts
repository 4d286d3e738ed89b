// Verdicts on one ECS container definition and on a task's namespaces, shared by the rules on
// `aws.ecs.TaskDefinition` (its `containerDefinitions` JSON) and on the awsx ECS components (their
// `container`/`containers` inputs), so both give the same answer for the same settings.
import { asList, flagOn } from "../values";

/** Linux capabilities that amount to (or escalate to) root on the host. */
const PRIVILEGED_CAPABILITIES = new Set([
  "ALL",
  "SYS_ADMIN",
  "SYS_MODULE",
  "SYS_RAWIO",
  "NET_ADMIN",
  "DAC_READ_SEARCH",
]);

/** Why a container definition is privileged (`privileged: true`, host-level capabilities), if it is. */
export function privilegedContainerProblems(name: string, def: any): string[] {
  const out: string[] = [];
  if (flagOn(def?.privileged)) out.push(`Container '${name}' runs privileged.`);
  const added = asList(def?.linuxParameters?.capabilities?.add);
  const risky = added
    .map((a) => String(a).toUpperCase().replace(/^CAP_/, ""))
    .filter((a) => PRIVILEGED_CAPABILITIES.has(a));
  if (risky.length)
    out.push(`Container '${name}' adds host-level capabilities: ${risky.join(", ")}.`);
  return out;
}

/** Why a task shares the host's process or IPC namespace (`pidMode`/`ipcMode` 'host'), if it does. */
export function hostNamespaceProblems(task: any): string[] {
  const out: string[] = [];
  if (task?.pidMode === "host")
    out.push("pidMode is 'host': tasks share the host's process namespace.");
  if (task?.ipcMode === "host")
    out.push("ipcMode is 'host': tasks share the host's IPC namespace.");
  return out;
}
