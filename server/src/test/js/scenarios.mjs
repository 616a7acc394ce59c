// What the LangGraph SDK scenario files share: running their scenarios, and checking a refused call.
import assert from "node:assert/strict";

/**
 * Runs the scenarios named in `only`, or when none are named those `byDefault` accepts; prints
 * `ok NAME` or `FAIL NAME: why` for each and exits 1 if one failed.
 */
export async function runScenarios(scenarios, only = [], byDefault = () => true) {
  let failed = false;
  for (const [name, fn] of Object.entries(scenarios)) {
    if (only.length ? !only.includes(name) : !byDefault(name)) continue;
    try {
      await fn();
      console.log(`ok ${name}`);
    } catch (e) {
      console.log(`FAIL ${name}: ${e.stack || e}`);
      failed = true;
    }
  }
  process.exit(failed ? 1 : 0);
}

/** Asserts that `promise` fails with HTTP `status` and a `detail` containing `detailPart`. */
export async function refused(promise, status, detailPart) {
  try {
    await promise;
  } catch (e) {
    assert.equal(e.status, status, String(e));
    const detail = JSON.parse(e.text).detail;
    assert.ok(detail.includes(detailPart), `"${detail}" mentions "${detailPart}"`);
    return;
  }
  assert.fail(`expected HTTP ${status}`);
}
