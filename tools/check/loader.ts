// The TypeScript of this project's own tools and tests, compiled for `require` through a cache on
// disk (./transpile.ts: TypeScript's `transpileModule`, as ts-node's transpile-only mode, keyed by
// content, compiler options and TypeScript version), so a second process skips the compiler. The
// check's process loads its modules this way; the test run loads its specs and everything they
// import this way. A user's program never goes through here: it runs in its own language host
// (tools/lib/engine/language-host.ts), compiled as `pulumi preview` compiles it.
import * as path from "path";
import Module from "module";
import { cacheDirFor, compilerOptionsFor, Transpiler } from "./transpile";

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

type CompilableModule = NodeJS.Module & { _compile(code: string, filename: string): void };
const extensions = (
  Module as unknown as {
    _extensions: Record<string, (m: NodeJS.Module, filename: string) => void>;
  }
)._extensions;

export interface ToolLoaderOptions {
  /**
   * Append each file's source map inline, so a stack-trace mapper already installed (ts-node's
   * source-map-support) points at `.ts` lines. Defaults to false (the check's process formats
   * no user stack with it).
   */
  readonly inlineSourceMaps?: boolean;
}

/**
 * `.ts` files outside node_modules are compiled through the disk cache from now on; `.ts` files
 * inside node_modules keep the loader that was there before (ts-node's, when registered).
 */
export function useCachedToolLoader(toolRoot: string, opts: ToolLoaderOptions = {}): void {
  const previous = extensions[".ts"];
  const transpiler = new Transpiler(compilerOptionsFor(toolRoot), cacheDirFor(toolRoot));
  extensions[".ts"] = (m, filename) => {
    if (filename.includes(NODE_MODULES) && previous) return previous(m, filename);
    const out = transpiler.transpile(filename);
    if (out.errors.length > 0)
      throw new Error(`TypeScript syntax error:\n${out.errors.join("\n")}`);
    const code =
      opts.inlineSourceMaps && out.mappings
        ? `${out.code}\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(
            JSON.stringify({ version: 3, sources: [filename], names: [], mappings: out.mappings }),
          ).toString("base64")}\n`
        : out.code;
    (m as CompilableModule)._compile(code, filename);
  };
}
