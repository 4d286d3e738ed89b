// A throwaway demo program for the offline check's input and explanation specs: Pulumi.yaml with
// two integer keys (port, default 8080; replicas, default 1), an index.ts that requires `port`
// and throws when it is out of range, and the stack files a case gives.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** Directories made so far, removed after the last spec. */
const made: string[] = [];

/** A throwaway program: Pulumi.yaml, index.ts and the given files (stack files, inputs). */
export function demoProgram(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-inputs-"));
  made.push(dir);
  const all: Record<string, string | Buffer> = {
    "Pulumi.yaml":
      "name: demo\nruntime: nodejs\nconfig:\n  port:\n    type: integer\n    default: 8080\n" +
      "  replicas:\n    type: integer\n    default: 1\n",
    "index.ts":
      'import * as pulumi from "@pulumi/pulumi";\n' +
      'const port = new pulumi.Config().requireNumber("port");\n' +
      "if (port < 1 || port > 65535) throw new Error(`${port} is out of range`);\n" +
      "export const listening = port;\n",
    ...files,
  };
  for (const [name, text] of Object.entries(all)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

// Removed once every spec has run: specs make theirs as their cases are defined, at load time.
after(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
