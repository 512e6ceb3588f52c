import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit.js';

/** A write the test finishes by hand, so it can look at callers while the write is in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets the writer start its next write (it starts one turn of the event loop after a submit). */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Whether a promise has settled yet, without waiting for it. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

/** A writer whose writes the test completes one by one; records what each write carried. */
function manualWriter(options: { maxWeight?: number; retryAlone?: (error: unknown) => boolean } = {}) {
  const writes: Array<{ items: string[]; done: ReturnType<typeof deferred<string[]>> }> = [];
  const writer = createGroupCommit<string, string>({
    write(items) {
      const done = deferred<string[]>();
      writes.push({ items, done });
      return done.promise;
    },
    maxWeight: options.maxWeight ?? 100,
    weightOf: (item) => item.length,
    retryAlone: options.retryAlone,
  });
  const commit = (index: number) => {
    const write = writes[index];
    if (!write) throw new Error(`no write ${index}`);
    write.done.resolve(write.items.map((item) => `stored ${item}`));
  };
  return { writer, writes, commit };
}

describe('group commit', () => {
  it('writes a lone item at once and answers its result', async () => {
    const { writer, writes, commit } = manualWriter();
    const answer = writer.submit('a');
    await nextTurn();
    expect(writes.map((w) => w.items)).toEqual([['a']]);
    commit(0);
    await expect(answer).resolves.toBe('stored a');
  });

  it('answers no caller before the write that carried its item has committed', async () => {
    const { writer, commit } = manualWriter();
    const answer = writer.submit('a');
    await nextTurn();
    expect(await settled(answer)).toBe(false);
    commit(0);
    expect(await settled(answer)).toBe(true);
  });

  it('puts items submitted in the same turn into one write, each caller getting its own result', async () => {
    const { writer, writes, commit } = manualWriter();
    const answers = ['a', 'b', 'c'].map((item) => writer.submit(item));
    await nextTurn();
    expect(writes.map((w) => w.items)).toEqual([['a', 'b', 'c']]);
    commit(0);
    await expect(Promise.all(answers)).resolves.toEqual(['stored a', 'stored b', 'stored c']);
  });

  it('queues items submitted during a write for the next write, which starts when the first commits', async () => {
    const { writer, writes, commit } = manualWriter();
    const first = writer.submit('a');
    await nextTurn();
    const later = [writer.submit('b'), writer.submit('c')];
    await nextTurn();
    expect(writes).toHaveLength(1);
    commit(0);
    await first;
    await nextTurn();
    expect(writes.map((w) => w.items)).toEqual([['a'], ['b', 'c']]);
    commit(1);
    await expect(Promise.all(later)).resolves.toEqual(['stored b', 'stored c']);
  });

  it('splits the queue by weight, in order, and sends an item heavier than the limit on its own', async () => {
    const { writer, writes, commit } = manualWriter({ maxWeight: 4 });
    const answers = ['aa', 'bb', 'c', 'dddddd', 'e'].map((item) => writer.submit(item));
    await nextTurn();
    for (let index = 0; index < 3; index++) {
      commit(index);
      await nextTurn();
    }
    expect(writes.map((w) => w.items)).toEqual([['aa', 'bb'], ['c'], ['dddddd'], ['e']]);
    commit(3);
    await expect(Promise.all(answers)).resolves.toHaveLength(5);
  });

  it('fails every caller of a failed write, and writes the next group all the same', async () => {
    const { writer, writes, commit } = manualWriter();
    const failing = [writer.submit('a'), writer.submit('b')];
    await nextTurn();
    const next = writer.submit('c');
    writes[0]?.done.reject(new Error('connection terminated'));
    await expect(failing[0]).rejects.toThrow('connection terminated');
    await expect(failing[1]).rejects.toThrow('connection terminated');
    await nextTurn();
    commit(1);
    await expect(next).resolves.toBe('stored c');
  });

  it('retries a failed group one item at a time when told to, so one refused item fails alone', async () => {
    const writer = createGroupCommit<string, string>({
      async write(items) {
        if (items.includes('bad')) throw new Error('refused');
        return items.map((item) => `stored ${item}`);
      },
      maxWeight: 100,
      retryAlone: (error) => (error as Error).message === 'refused',
    });
    const answers = ['a', 'bad', 'c'].map((item) => writer.submit(item));
    await expect(answers[0]).resolves.toBe('stored a');
    await expect(answers[1]).rejects.toThrow('refused');
    await expect(answers[2]).resolves.toBe('stored c');
  });

  it('does not retry item by item when the failure is not one to retry (the database is away)', async () => {
    const carried: string[][] = [];
    const writer = createGroupCommit<string, string>({
      async write(items) {
        carried.push(items);
        throw new Error('connection refused');
      },
      maxWeight: 100,
      retryAlone: () => false,
    });
    const answers = ['a', 'b'].map((item) => writer.submit(item));
    for (const answer of answers) await expect(answer).rejects.toThrow('connection refused');
    expect(carried).toEqual([['a', 'b']]);
  });
});
