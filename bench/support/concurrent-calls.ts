/** Latencies of the calls made (ms, sorted ascending) and the wall time they took. */
export interface CallTimes {
  latencies: number[];
  seconds: number;
}

/**
 * Calls `call(0)` … `call(count - 1)` with `concurrency` calls in flight, stopping early once
 * `timeoutMs` has passed (so a run stays bounded). A call that throws ends the run with that error.
 */
export async function concurrentCalls(
  count: number,
  concurrency: number,
  timeoutMs: number,
  call: (i: number) => Promise<unknown>,
): Promise<CallTimes> {
  const deadline = Date.now() + timeoutMs;
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < count && Date.now() < deadline) {
      const i = next++;
      const sent = performance.now();
      await call(i);
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}
