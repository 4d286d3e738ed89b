// The hooks the upload-limit suites share: one local S3 for the suite and an app per test.
import { LocalS3 } from "./local-s3";
import type { RunningApp } from "./harness";

/** The suite's local S3, and the app the running test started (closed after it). */
export interface PerTestApp {
  readonly s3: LocalS3;
  server?: RunningApp;
}

/**
 * Registers the suite's hooks: the local S3 starts before the suite and closes after it, and its
 * request log is emptied before each test; after each test the app the test started is closed
 * and the bucket emptied. Read `s3` and `server` from the returned object inside the tests.
 */
export function perTestApp(): PerTestApp {
  const state = {} as { s3: LocalS3; server?: RunningApp };
  before(async () => {
    state.s3 = await LocalS3.start();
  });
  after(async () => {
    await state.s3.close();
  });
  beforeEach(() => {
    state.s3.requests.length = 0;
  });
  afterEach(async () => {
    await state.server?.close();
    state.server = undefined;
    await state.s3.clear();
  });
  return state;
}
