/**
 * The fake Excel's request context (`context.workbook` over a FakeWorkbook, with office.js's
 * batching) and `Excel.run`: what the tests and the playground hand the office.js adapter.
 */
import { BatchingContext } from "./batching";
import type { FakeWorkbook } from "./model";
import { FakeWorkbookProxy } from "./proxies";

export class FakeRequestContext extends BatchingContext {
  readonly workbook: FakeWorkbookProxy = new FakeWorkbookProxy(this);
}

/** `Excel.run` over a model: a fresh context per run, like office.js, or the given one (`Excel.run(context, batch)`). */
export function fakeExcelRun(model: FakeWorkbook, onContext?: (c: FakeRequestContext) => void) {
  return async <T>(batch: (context: FakeRequestContext) => Promise<T>, reuse?: FakeRequestContext): Promise<T> => {
    if (reuse) return batch(reuse);
    const context = new FakeRequestContext(model);
    onContext?.(context);
    return batch(context);
  };
}
