// The lent packages in a type-checked compile whose tsconfig sets its own `paths` or `typeRoots`
// (tools/lib/engine/lend-ts-options.js): the options the language host hands ts-node keep the
// program's entries and gain the lent ones; run end to end in type-check-note.spec.ts.
import { expect } from "chai";
import * as path from "path";

const LEND = path.resolve(__dirname, "..", "..", "tools", "lib", "engine", "lend-ts-options.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { withLentOptions, lendToTsNode, lendToEsmHooks, lentFromEnvironment } = require(LEND);

const LENT = {
  paths: { "*": ["/lent/node_modules/*", "/lent/node_modules/@types/*"] },
  typeRoots: ["/lent/node_modules/@types"],
};

describe("lent packages in the options the host hands ts-node", () => {
  it("adds the lent entries after the program's own, keeping every alias", () => {
    const own = {
      strict: true,
      baseUrl: ".",
      paths: { "@app/*": ["src/*"] },
      typeRoots: ["./types"],
    };
    expect(withLentOptions(own, LENT)).to.deep.equal({
      strict: true,
      baseUrl: ".",
      // The program's own pattern gains the lent folder's place for it (not its @types).
      paths: { "@app/*": ["src/*", "/lent/node_modules/@app/*"], "*": LENT.paths["*"] },
      typeRoots: ["./types", "/lent/node_modules/@types"],
    });
    // A `"*"` of the program's own is tried first; the lent folder comes after it, once.
    const star = { paths: { "*": ["vendor/*", "/lent/node_modules/*"] } };
    expect(withLentOptions(star, LENT).paths["*"]).to.deep.equal([
      "vendor/*",
      "/lent/node_modules/*",
      "/lent/node_modules/@types/*",
    ]);
    const scope = { paths: { "@pulumi/*": ["vendor/@pulumi/*"], "@pulumi/tags": ["vendor/tags"] } };
    expect(withLentOptions(scope, LENT).paths).to.deep.equal({
      "@pulumi/*": ["vendor/@pulumi/*", "/lent/node_modules/@pulumi/*"],
      "@pulumi/tags": ["vendor/tags", "/lent/node_modules/@pulumi/tags"],
      "*": LENT.paths["*"],
    });
    // Options without `paths` or `typeRoots` are left as given: the environment's apply there.
    expect(withLentOptions({ strict: true }, LENT)).to.deep.equal({ strict: true });
    expect(own.paths).to.deep.equal({ "@app/*": ["src/*"] }); // not changed in place
  });

  it("wraps ts-node's register and the host's ESM hook registration", () => {
    const seen: unknown[] = [];
    const tsNode = { register: (options: unknown) => seen.push(options) };
    lendToTsNode(tsNode, LENT);
    tsNode.register({ transpileOnly: false, compilerOptions: { paths: { "@a/*": ["a/*"] } } });
    expect(seen[0]).to.deep.equal({
      transpileOnly: false,
      compilerOptions: {
        paths: { "@a/*": ["a/*", "/lent/node_modules/@a/*"], "*": LENT.paths["*"] },
      },
    });
    const args = ["./hooks.js", "file:///x/run.js", { data: { compilerOptions: { paths: {} } } }];
    expect(lendToEsmHooks(args, LENT)[2].data.compilerOptions.paths).to.deep.equal(LENT.paths);
    const other = ["./other.mjs", "file:///x/", { data: { dir: "/lent" } }];
    expect(lendToEsmHooks(other, LENT)).to.equal(other);
  });

  it("reads the lent options from the environment, and nothing from an unreadable value", () => {
    expect(lentFromEnvironment(JSON.stringify(LENT))).to.deep.equal(LENT);
    for (const bad of [undefined, "", "{", "3"])
      expect(lentFromEnvironment(bad)).to.equal(undefined);
  });
});
