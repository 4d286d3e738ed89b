/**
 * Text without its colour codes (SGR sequences such as `\u001b[32m`): mocha colours its output
 * when FORCE_COLOR is set, as some CI services do, and a tool's own messages may carry colours.
 */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}
