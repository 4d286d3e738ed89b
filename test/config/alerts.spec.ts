// Alerts key: optional, every bad address named by its key.
import { expect } from "chai";
import { parseStackConfig } from "../../components/config";
import { base, BadInput, rejects } from "../fixtures/config";

describe("config: alerts", () => {
  it("has no subscriber unless alertEmail names one", () => {
    expect(parseStackConfig(base()).alerts.email).to.equal(undefined);
    const c = parseStackConfig({ ...base(), "platform:alertEmail": "ops@example.com" });
    expect(c.alerts).to.deep.equal({ email: "ops@example.com" });
  });

  const cases: BadInput[] = [
    [
      "address without a domain",
      { "platform:alertEmail": "ops" },
      /^platform:alertEmail: "ops" is not an e-mail address such as ops@example\.com/,
    ],
    [
      "two addresses in one",
      { "platform:alertEmail": "a@example.com, b@example.com" },
      /^platform:alertEmail: "a@example\.com, b@example\.com" is not an e-mail address/,
    ],
    [
      "domain without a dot",
      { "platform:alertEmail": "ops@localhost" },
      /^platform:alertEmail: "ops@localhost" is not an e-mail address/,
    ],
  ];
  rejects(cases);
});
