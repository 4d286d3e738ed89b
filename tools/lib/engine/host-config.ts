// The stack's config as the language host hands it to the program (PULUMI_CONFIG).

/** `<namespace>:<name>` → `<namespace>:config:<name>`, as `constructConfig` sends config. */
export function hostConfig(config: Readonly<Record<string, string>>): string {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(config)) {
    const i = k.indexOf(":");
    out[i < 0 ? k : `${k.slice(0, i)}:config:${k.slice(i + 1)}`] = v;
  }
  return JSON.stringify(out);
}
