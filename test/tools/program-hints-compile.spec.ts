// How a program is compiled and what it reads at run time, where the offline check's compile or
// the user's build differs from what `pulumi preview` needs: a type-only re-export that only a
// type-checking compile leaves out (the check then compiles as the language host does). Read from
// the fixtures' layout, without running them.
import { expect } from "chai";
import * as path from "path";
import {
  typeCheckedNote,
  typesOnlyHint,
  typesOnlyModule,
  typesPackage,
} from "../../tools/lib/engine/type-only-imports";
import { FIXTURES } from "./program-runs";

/** Node's CommonJS error for a module it cannot find, as the language host logs it. */
function notFound(specifier: string, importer: string): string {
  return (
    `Cannot find module '${specifier}'\nRequire stack:\n- ${importer}\n` +
    `- ${path.join(path.dirname(importer), "index.ts")}`
  );
}

describe("type-only imports and the compile `pulumi preview` does", () => {
  const dir = path.join(FIXTURES, "type-only-reexport");
  const handler = path.join(dir, "handler.ts");

  it("a package with only @types is types-only; the DefinitelyTyped name of a scoped one", () => {
    const m = typesOnlyModule({ kind: "error", message: notFound("aws-lambda", handler) });
    expect(m).to.deep.equal({
      specifier: "aws-lambda",
      importer: handler,
      declarations: "@types/aws-lambda",
    });
    expect(typesPackage("@octokit/webhooks")).to.equal("@types/octokit__webhooks");
  });

  it("an installed package, a missing one without types, a JavaScript importer: not types-only", () => {
    for (const [specifier, importer] of [
      ["@pulumi/aws", handler],
      ["left-pad-nowhere", handler],
      ["aws-lambda", path.join(dir, "handler.js")],
    ])
      expect(typesOnlyModule({ kind: "error", message: notFound(specifier, importer) })).to.equal(
        undefined,
      );
    expect(typesOnlyModule({ kind: "timeout", message: notFound("aws-lambda", handler) })).to.equal(
      undefined,
    );
  });

  it("the note and the hint name the file, the module and the fix", () => {
    const m = typesOnlyModule({ kind: "error", message: notFound("aws-lambda", handler) })!;
    const note = typeCheckedNote(m, dir);
    expect(note).to.match(/^handler\.ts imports "aws-lambda", which has only type declarations/);
    expect(note).to.contain("(@types/aws-lambda)");
    expect(note).to.contain('`export type { ... } from "aws-lambda"`');
    expect(typesOnlyHint(notFound("aws-lambda", handler))).to.contain("--type-check");
    expect(typesOnlyHint(notFound("@pulumi/aws", handler))).to.equal("");
  });
});
