// Object keys and the file names shown for them.
import { expect } from "chai";
import { idFromKey, keyFromId, newObjectKey, sanitizeFileName } from "../src/keys";

describe("object keys", () => {
  it("are made from the date, a random UUID and the detected type", () => {
    const key = newObjectKey("jpeg", new Date("2025-03-09T12:00:00Z"));
    expect(key).to.match(
      /^uploads\/2025\/03\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.jpg$/,
    );
    expect(newObjectKey("png")).not.to.equal(newObjectKey("png"));
    const id = idFromKey(key)!;
    expect(keyFromId(id)).to.equal(key);
  });

  for (const id of [
    "",
    "../uploads/2025/03/00000000-0000-4000-8000-000000000000.png",
    "2025/03/00000000-0000-4000-8000-000000000000.png/../../x",
    "2025/3/00000000-0000-4000-8000-000000000000.png",
    "2025/03/00000000-0000-4000-8000-000000000000.PNG",
    "2025/03/00000000-0000-4000-8000-000000000000.html",
    "2025/03/00000000-0000-4000-8000-000000000000.png\n",
    "2025/03/00000000-0000-4000-8000-000000000000.png?x",
  ]) {
    it(`refuse the id ${JSON.stringify(id)}`, () => {
      expect(keyFromId(id)).to.equal(undefined);
    });
  }
});

describe("sanitizeFileName", () => {
  for (const [input, output] of [
    ["cat.png", "cat.png"],
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\me\\My Photo.jpg", "My Photo.jpg"],
    ["évènement.png", "evenement.png"],
    ['a"b\r\nc.png', "a_b_c.png"],
    [".hidden.png", "hidden.png"],
    ["...", undefined],
    ["", undefined],
    [undefined, undefined],
    ["x".repeat(300) + ".png", "x".repeat(100)],
  ] as const) {
    it(`${JSON.stringify(input)} -> ${JSON.stringify(output)}`, () => {
      expect(sanitizeFileName(input)).to.equal(output);
    });
  }
});
