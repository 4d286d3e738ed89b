import { expect } from "chai";
import { cached } from "../src/cache";

describe("cached", () => {
  it("computes once per ttl and shares a computation between concurrent callers", async () => {
    let calls = 0;
    const value = cached(async () => ++calls, 60_000);
    expect(await Promise.all([value.get(), value.get(), value.get()])).to.deep.equal([1, 1, 1]);
    expect(await value.get()).to.equal(1);
    value.invalidate();
    expect(await value.get()).to.equal(2);
  });

  it("computes again once the ttl has passed", async () => {
    let calls = 0;
    const value = cached(async () => ++calls, 20);
    expect(await value.get()).to.equal(1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await value.get()).to.equal(2);
  });

  it("does not keep a failure", async () => {
    let calls = 0;
    const value = cached(async () => {
      calls += 1;
      if (calls === 1) throw new Error("first call fails");
      return calls;
    }, 60_000);
    let failure: unknown;
    await value.get().catch((err: unknown) => (failure = err));
    expect(failure).to.be.instanceOf(Error);
    expect(await value.get()).to.equal(2);
  });

  it("does not keep a result computed before an invalidate()", async () => {
    let calls = 0;
    let release: () => void = () => {};
    const value = cached(async () => {
      calls += 1;
      if (calls === 1) await new Promise<void>((resolve) => (release = resolve));
      return calls;
    }, 60_000);
    const stale = value.get();
    value.invalidate();
    release();
    expect(await stale).to.equal(1);
    expect(await value.get()).to.equal(2);
  });
});
