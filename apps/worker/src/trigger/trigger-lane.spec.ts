import { DeliveryFailure } from './delivery-error';
import { LaneItem, LaneMessage, LaneOutcome, TriggerLane } from './trigger-lane';

const transient: DeliveryFailure = { kind: 'transient', scope: 'target', staleCredentials: false, message: 'network error: ECONNREFUSED' };
const permanent: DeliveryFailure = { kind: 'permanent', scope: 'app', status: 400, staleCredentials: false, message: 'HTTP 400: bad' };

class TargetError extends Error {
  constructor(readonly failure: DeliveryFailure) {
    super(failure.message);
  }
}

/** A scripted stand-in for the Pusher endpoint: records every send and fails when told to. */
class FakeTarget {
  readonly sends: string[][] = [];
  delivered: string[] = [];
  failNext: DeliveryFailure[] = [];
  rejectIds = new Set<string>();
  latencyMs = 0;

  send = async (messages: LaneMessage[]): Promise<void> => {
    const ids = messages.map((message) => message.id);
    this.sends.push(ids);
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const scripted = this.failNext.shift();
    if (scripted) throw new TargetError(scripted);
    if (ids.some((id) => this.rejectIds.has(id))) throw new TargetError(permanent);
    this.delivered.push(...ids);
  };
}

function makeLane(target: FakeTarget, options: { batchSize?: number; lingerMs?: number } = {}) {
  const retries: { delayMs: number; ids: string[]; attempts: number[] }[] = [];
  const lane = new TriggerLane(
    {
      send: target.send,
      classify: (error) => (error instanceof TargetError ? error.failure : permanent),
      onRetry: (_failure, delayMs, messages) =>
        retries.push({ delayMs, ids: messages.map((m) => m.message.id), attempts: messages.map((m) => m.attempts) }),
    },
    { batchSize: options.batchSize ?? 10, lingerMs: options.lingerMs ?? 2, random: () => 0 },
  );
  return { lane, retries };
}

function item(id: string, options: { channels?: string[]; attempts?: number; maxAttempts?: number; order?: number } = {}): LaneItem {
  return {
    message: { id, channels: options.channels ?? ['chat'], event: 'message', data: `{"id":"${id}"}` },
    attempts: options.attempts ?? 0,
    policy: { maxAttempts: options.maxAttempts ?? 5, baseDelayMs: 4, maxDelayMs: 50 },
    order: options.order,
  };
}

const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${String(i)}`);

describe('TriggerLane', () => {
  it('sends a lone message alone and reports one attempt', async () => {
    const target = new FakeTarget();
    const { lane } = makeLane(target);
    await expect(lane.submit(item('a'))).resolves.toEqual({ status: 'delivered', attempts: 1 });
    expect(target.sends).toEqual([['a']]);
  });

  it('groups a deep queue into batches of at most batchSize, in order', async () => {
    const target = new FakeTarget();
    const { lane } = makeLane(target);
    const all = ids('m', 25);
    await Promise.all(all.map((id) => lane.submit(item(id))));
    expect(target.sends.map((send) => send.length)).toEqual([10, 10, 5]);
    expect(target.delivered).toEqual(all);
  });

  it('restores queue order among messages submitted swapped in one turn, even past a full batch', async () => {
    const target = new FakeTarget();
    const { lane } = makeLane(target, { batchSize: 2, lingerMs: 0 });
    const swapped = [
      item('c', { order: 3 }),
      item('a', { order: 1 }),
      item('b', { order: 2 }),
      item('e', { order: 5 }),
      item('d', { order: 4 }),
    ];
    await Promise.all(swapped.map((entry) => lane.submit(entry)));
    expect(target.sends).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('keeps messages without an order where they arrived', async () => {
    const target = new FakeTarget();
    const { lane } = makeLane(target, { lingerMs: 0 });
    await Promise.all([item('x'), item('b', { order: 2 }), item('y'), item('a', { order: 1 })].map((entry) => lane.submit(entry)));
    expect(target.delivered).toEqual(['x', 'b', 'y', 'a']);
  });

  it('sends messages that arrive during a send together with the next one', async () => {
    const target = new FakeTarget();
    target.latencyMs = 20;
    const { lane } = makeLane(target, { lingerMs: 0 });
    const first = lane.submit(item('first'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = ids('later', 4).map((id) => lane.submit(item(id)));
    await Promise.all([first, ...later]);
    expect(target.sends).toEqual([['first'], ids('later', 4)]);
  });

  it('sends a multi-channel message alone, in its place', async () => {
    const target = new FakeTarget();
    const { lane } = makeLane(target);
    await Promise.all([
      lane.submit(item('a')),
      lane.submit(item('b')),
      lane.submit(item('multi', { channels: ['x', 'y'] })),
      lane.submit(item('c')),
    ]);
    expect(target.sends).toEqual([['a', 'b'], ['multi'], ['c']]);
  });

  it('fails only the bad message of a refused batch and delivers the rest in order', async () => {
    const target = new FakeTarget();
    target.rejectIds.add('bad');
    const { lane } = makeLane(target);
    const outcomes = await Promise.all(['a', 'bad', 'c'].map((id) => lane.submit(item(id))));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['delivered', 'failed', 'delivered']);
    expect(outcomes[1]).toMatchObject({ attempts: 1, failure: { kind: 'permanent', status: 400 } });
    expect(outcomes[0]).toEqual({ status: 'delivered', attempts: 1 });
    expect(target.sends).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
    expect(target.delivered).toEqual(['a', 'c']);
  });

  it('holds the lane through transient failures so later messages never overtake', async () => {
    const target = new FakeTarget();
    target.failNext = [transient, transient];
    const { lane, retries } = makeLane(target);
    const first = lane.submit(item('first'));
    await new Promise((resolve) => setTimeout(resolve, 3));
    const later = ids('later', 3).map((id) => lane.submit(item(id)));
    const outcomes = await Promise.all([first, ...later]);
    expect(target.delivered).toEqual(['first', ...ids('later', 3)]);
    expect(outcomes[0]).toEqual({ status: 'delivered', attempts: 3 });
    expect(retries).toEqual([
      { delayMs: 2, ids: ['first'], attempts: [1] },
      { delayMs: 4, ids: ['first'], attempts: [2] },
    ]);
  });

  it('fails a message that runs out of attempts and goes on with the next', async () => {
    const target = new FakeTarget();
    target.failNext = [transient, transient, transient];
    const { lane } = makeLane(target, { batchSize: 1 });
    const outcomes = await Promise.all([lane.submit(item('doomed', { attempts: 1, maxAttempts: 4 })), lane.submit(item('next'))]);
    expect(outcomes).toEqual([
      { status: 'failed', attempts: 4, failure: transient },
      { status: 'delivered', attempts: 1 },
    ]);
  });

  it('on drain during an outage, releases held and queued messages last first', async () => {
    const target = new FakeTarget();
    target.failNext = Array.from({ length: 10 }, () => transient);
    const { lane } = makeLane(target, { batchSize: 2 });
    const settledOrder: string[] = [];
    const submit = (id: string) =>
      lane.submit(item(id)).then((outcome: LaneOutcome) => {
        settledOrder.push(id);
        return outcome;
      });
    const outcomes = Promise.all(['a', 'b', 'c', 'd'].map(submit));
    await new Promise((resolve) => setTimeout(resolve, 10));
    lane.drain();
    const released = await outcomes;
    expect(released.map((outcome) => outcome.status)).toEqual(['released', 'released', 'released', 'released']);
    expect(settledOrder).toEqual(['d', 'c', 'b', 'a']);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(lane.idle).toBe(true);
    expect(target.delivered).toEqual([]);
  });

  it('on drain with a healthy target, sends what is queued without lingering', async () => {
    const target = new FakeTarget();
    const { lane } = makeLane(target, { lingerMs: 60_000 });
    const pending = lane.submit(item('a'));
    lane.drain();
    await expect(pending).resolves.toEqual({ status: 'delivered', attempts: 1 });
  });
});
