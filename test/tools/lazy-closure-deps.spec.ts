// The SDK's callback-packaging packages load on first use (tools/lib/engine/lazy-closure-deps.js),
// shown on a stand-in SDK layout under the scratch folder: a `codePaths.js` compiled as the SDK's
// is (the same import helpers) and two packages that count their loads. That a real callback
// function is still packaged with the real arborist is shown end to end by the lambda-callback
// program (programs.spec.ts).
import { expect } from "chai";
import { deferClosurePackages } from "../../tools/lib/engine/lazy-closure-deps";
import { StandInPackages, standInPackages } from "./stand-in-packages";

const CODE_PATHS = `"use strict";
var __importStar = (this && this.__importStar) || function (mod) {
    if (mod && mod.__esModule) return mod;
    var result = {};
    if (mod != null) for (var k in mod) if (Object.hasOwnProperty.call(mod, k)) result[k] = mod[k];
    result["default"] = mod;
    return result;
};
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
const normalize_package_data_1 = __importDefault(require("normalize-package-data"));
const arborist = __importStar(require("@npmcli/arborist"));
exports.tree = (options) => new arborist.Arborist(options);
exports.normalize = (data) => normalize_package_data_1.default(data);
`;

const ARBORIST = `"use strict";
globalThis.__lazyClosureLoads.push("@npmcli/arborist");
class Arborist { constructor(options) { this.options = options; } }
module.exports = Arborist;
module.exports.Arborist = module.exports;
`;

const NORMALIZE = `"use strict";
globalThis.__lazyClosureLoads.push("normalize-package-data");
module.exports = function normalize(data) { data.normalized = true; return "done"; };
`;

describe("the SDK's callback-packaging packages, loaded on first use", () => {
  const loads: string[] = [];
  let pkgs: StandInPackages;
  const req = (file: string) => pkgs.req(file);

  before(() => {
    (globalThis as any).__lazyClosureLoads = loads;
    pkgs = standInPackages(
      "lazy-closure-",
      {
        "@pulumi/pulumi/runtime/closure/codePaths.js": CODE_PATHS,
        "@npmcli/arborist/package.json": '{"name":"@npmcli/arborist","main":"lib/index.js"}',
        "@npmcli/arborist/lib/index.js": ARBORIST,
        "normalize-package-data/package.json": '{"name":"normalize-package-data"}',
        "normalize-package-data/index.js": NORMALIZE,
      },
      { "other.js": 'module.exports = require("@npmcli/arborist");\n' },
    );
    deferClosurePackages();
  });

  after(() => {
    delete (globalThis as any).__lazyClosureLoads;
    pkgs.remove();
  });

  it("loads neither package with codePaths.js, and each with its first use, once", () => {
    const codePaths = req("node_modules/@pulumi/pulumi/runtime/closure/codePaths.js");
    expect(loads).to.deep.equal([]);

    const tree = codePaths.tree({ path: "." });
    expect(loads).to.deep.equal(["@npmcli/arborist"]);
    const Real = req("node_modules/@npmcli/arborist/lib/index.js");
    expect(tree).to.be.an.instanceOf(Real);
    expect(tree.options).to.deep.equal({ path: "." });

    const data: Record<string, unknown> = {};
    expect(codePaths.normalize(data)).to.equal("done");
    expect(data.normalized).to.equal(true);
    expect(loads).to.deep.equal(["@npmcli/arborist", "normalize-package-data"]);

    codePaths.tree({});
    codePaths.normalize({});
    expect(loads).to.have.length(2);
  });

  it("gives any other module the real package", () => {
    const other = req("other.js");
    expect(other).to.equal(req("node_modules/@npmcli/arborist/lib/index.js"));
    expect(other.name).to.equal("Arborist");
  });
});
