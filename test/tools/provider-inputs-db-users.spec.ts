// The master user names RDS refuses at create (tools/lib/provider-checks/rules-create-db.ts): what
// is refused is in provider-inputs-cases-db-users.ts (run by provider-inputs.spec.ts); here, the
// names let through because no evidence shows RDS refusing them on that engine.
import { expect } from "chai";
import { refusalsWith } from "./provider-inputs-refusals";

const DB = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";

describe("provider inputs: an RDS master user name", () => {
  it("refuses rdsadmin only on the Aurora engines it was tried on", () => {
    for (const engine of ["aurora-mysql", "aurora-postgresql", "Aurora-MySQL"])
      expect(
        refusalsWith(CLUSTER, { engine, masterUsername: "rdsadmin" }).map((r) => r.prop),
        engine,
      ).to.deep.equal(["masterUsername"]);
    // Engines where RDS keeps an rdsadmin user but no refusal of the name has been seen.
    for (const engine of ["mysql", "postgres", "mariadb", "oracle-ee", "sqlserver-ex"])
      expect(refusalsWith(DB, { engine, username: "rdsadmin" }), engine).to.deep.equal([]);
    for (const engine of ["mysql", "postgres"])
      expect(
        refusalsWith(CLUSTER, { engine, masterUsername: "rdsadmin" }),
        `cluster ${engine}`,
      ).to.deep.equal([]);
    // A name that only begins with it is another name.
    expect(refusalsWith(CLUSTER, { masterUsername: "rdsadmin_app" })).to.deep.equal([]);
  });
});
