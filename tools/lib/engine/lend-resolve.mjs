// A module resolution hook for ES module programs that have not installed their dependencies.
// For CommonJS the check lends its own packages through NODE_PATH, but Node's ESM resolver does
// not read NODE_PATH ("These CommonJS variables are not available in ES modules ... NODE_PATH",
// https://nodejs.org/api/esm.html#no-node_path). This hook, registered with `module.register`
// (https://nodejs.org/api/module.html#customization-hooks), resolves a bare specifier the program
// cannot resolve itself as if it were imported from the lending folder: what the program has
// installed always wins, and a specifier nobody provides still fails with the program's error.

let lender;

/** `data.dir`: the folder whose node_modules lends packages. */
export async function initialize(data) {
  const { pathToFileURL } = await import("node:url");
  const path = await import("node:path");
  lender = pathToFileURL(path.join(data.dir, "package.json")).href;
}

// Node's resolver says ERR_MODULE_NOT_FOUND; ts-node's copy of it (its ESM hooks, which the
// language host registers for TypeScript) throws the same message without the code.
const notFound = (error) =>
  error?.code === "ERR_MODULE_NOT_FOUND" ||
  /^Cannot find (package|module) /.test(String(error?.message));

const bare = (specifier) => !/^(\.{0,2}\/|[a-zA-Z][a-zA-Z\d+.-]*:)/.test(specifier);

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (!lender || !notFound(error) || !bare(specifier)) throw error;
    try {
      return await nextResolve(specifier, { ...context, parentURL: lender });
    } catch {
      throw error;
    }
  }
}
