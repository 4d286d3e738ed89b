// invoke: Secrets Manager's GetRandomPassword, answered with a password AWS could have made, and
// refused only where AWS documents a refusal (or where no character is left to draw from).
import { expect } from "chai";
import { invoke } from "../../../tools/lib/fake-aws";

const ENV = { accountId: "123456789012", region: "eu-west-1" };
const TOKEN = "aws:secretsmanager/getRandomPassword:getRandomPassword";
const password = (args: Record<string, any> = {}): string =>
  invoke(TOKEN, args, ENV).randomPassword;

const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;
/** The classes RequireEachIncludedType requires, in the words of the API model. */
const REQUIRED: [string, RegExp][] = [
  ["lowercase", /[a-z]/],
  ["uppercase", /[A-Z]/],
  ["number", /[0-9]/],
  ["punctuation", PUNCTUATION],
];
const classOf = (c: string) => REQUIRED.find(([, re]) => re.test(c))?.[0] ?? "space";

describe("fake AWS: getRandomPassword, a password Secrets Manager could have made", () => {
  it("32 characters by default, the password as its id, the same for the same arguments", () => {
    const result = invoke(TOKEN, {}, ENV);
    expect(result.randomPassword).to.have.length(32);
    expect(result.id).to.equal(result.randomPassword);
    expect(password()).to.equal(result.randomPassword);
  });

  it("honours the length and each exclusion", () => {
    expect(password({ passwordLength: 64, excludePunctuation: true }))
      .to.have.length(64)
      .and.match(/^[A-Za-z0-9]+$/);
    const p = password({ excludeNumbers: true, excludeUppercase: true, excludeCharacters: "abc" });
    expect(p).to.not.match(/[0-9A-Zabc]/);
  });

  it("the space only with includeSpace, and never when excludeCharacters names it", () => {
    expect(password({ passwordLength: 400 })).to.not.include(" ");
    expect(password({ passwordLength: 400, includeSpace: true })).to.include(" ");
    expect(
      password({ passwordLength: 400, includeSpace: true, excludeCharacters: " " }),
    ).to.not.include(" ");
    const onlySpace = {
      passwordLength: 8,
      includeSpace: true,
      excludeLowercase: true,
      excludeUppercase: true,
      excludeNumbers: true,
      excludePunctuation: true,
    };
    expect(password(onlySpace)).to.equal("        ");
  });

  describe("requireEachIncludedType", () => {
    it("one lower, upper, number and punctuation in each password", () => {
      for (let n = 4; n < 40; n++) {
        const p = password({ passwordLength: n, requireEachIncludedType: true });
        for (const [, re] of REQUIRED) expect(p).to.match(re);
      }
    });

    it("does not count the space as a required class (a 4-character password is answered)", () => {
      const p = password({ passwordLength: 4, requireEachIncludedType: true, includeSpace: true });
      expect(new Set([...p].map(classOf))).to.have.keys(REQUIRED.map(([k]) => k));
    });

    it("spreads the required characters instead of filling the first positions", () => {
      // With them always at 0-3, the first four characters would be of four classes every time.
      const firstFourMixed = [];
      for (let n = 8; n < 40; n++) {
        const p = password({ passwordLength: n, requireEachIncludedType: true });
        firstFourMixed.push(new Set([...p.slice(0, 4)].map(classOf)).size === 4);
      }
      expect(firstFourMixed).to.include(false);
    });

    it("answers a password shorter than the classes (AWS documents no refusal): distinct classes", () => {
      for (let n = 1; n < 4; n++) {
        const p = password({ passwordLength: n, requireEachIncludedType: true });
        expect(p).to.have.length(n);
        expect(new Set([...p].map(classOf)).size).to.equal(n);
      }
    });
  });

  describe("refusals", () => {
    it("a length outside 1..4096 or not an integer: the API model's PasswordLengthType", () => {
      expect(password({ passwordLength: 4096 })).to.have.length(4096);
      for (const passwordLength of [0, 4097, 16.5]) {
        expect(() => password({ passwordLength }), String(passwordLength)).to.throw(
          /passwordLength .* an integer from 1 to 4096/,
        );
      }
    });

    it("no character left to draw from", () => {
      const none = {
        excludeLowercase: true,
        excludeUppercase: true,
        excludeNumbers: true,
        excludeCharacters: "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
      };
      expect(() => password(none)).to.throw(/no character left/);
    });
  });
});
