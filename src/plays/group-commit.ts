/**
 * Group commit: writes that arrive while the database is busy are stored together in one
 * statement, and each caller's promise settles only when the statement that carried its item has
 * committed (or failed). So an answer sent after `submit` resolves never acknowledges a write that
 * a crash could still lose, and a failure reaches every caller whose item was in the failed write.
 *
 * There is no timer: an idle writer flushes on the next turn of the event loop (so a lone request
 * waits for nothing), and while one flush runs, everything submitted meanwhile queues up for the
 * next. Under load the groups grow by themselves; each statement then carries hundreds of items
 * instead of one, which is what keeps the per-statement cost (parse, plan, commit; on PGlite, all
 * of it on the server's own thread) from capping the request rate.
 */
export interface GroupCommit<Item, Result> {
  /** Queues an item; resolves with its result once the write that carried it has committed. */
  submit(item: Item): Promise<Result>;
}

export interface GroupCommitOptions<Item, Result> {
  /** Stores the items in one atomic write; answers one result per item, in the same order. */
  write(items: Item[]): Promise<Result[]>;
  /** Most weight one write may carry (a lone item heavier than this still goes, on its own). */
  maxWeight: number;
  /** An item's weight (default 1), e.g. the number of rows it adds. */
  weightOf?(item: Item): number;
  /**
   * Whether a failed group should be retried one item at a time, so that one item the database
   * refuses cannot fail its neighbours. Not when the database is simply away: that would only
   * multiply the failing attempts.
   */
  retryAlone?(error: unknown): boolean;
}

interface Waiting<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

/** A group-commit writer; one per database and kind of write. */
export function createGroupCommit<Item, Result>(
  options: GroupCommitOptions<Item, Result>,
): GroupCommit<Item, Result> {
  const weightOf = options.weightOf ?? (() => 1);
  let queue: Waiting<Item, Result>[] = [];
  let draining = false;

  const nextGroup = (): Waiting<Item, Result>[] => {
    let weight = 0;
    let taken = 0;
    for (const waiting of queue) {
      const itemWeight = weightOf(waiting.item);
      if (taken > 0 && weight + itemWeight > options.maxWeight) break;
      weight += itemWeight;
      taken += 1;
    }
    const group = queue.slice(0, taken);
    queue = queue.slice(taken);
    return group;
  };

  const writeGroup = async (group: Waiting<Item, Result>[]): Promise<void> => {
    try {
      const results = await options.write(group.map((waiting) => waiting.item));
      group.forEach((waiting, index) => waiting.resolve(results[index] as Result));
    } catch (error) {
      if (group.length === 1 || !options.retryAlone?.(error)) {
        for (const waiting of group) waiting.reject(error);
        return;
      }
      for (const waiting of group) await writeGroup([waiting]);
    }
  };

  const drain = async (): Promise<void> => {
    try {
      while (queue.length > 0) await writeGroup(nextGroup());
    } finally {
      draining = false;
    }
  };

  return {
    submit(item) {
      return new Promise<Result>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (draining) return;
        draining = true;
        // One turn of the event loop: requests parsed in the same turn share the first write.
        setImmediate(() => void drain());
      });
    },
  };
}

/**
 * The group-commit writer of `owner` (a database), created on first use, so every app instance on
 * the same database shares one writer per kind while tests on separate databases never mix.
 */
export function groupCommitOf<Owner extends object, Item, Result>(
  writers: WeakMap<Owner, GroupCommit<Item, Result>>,
  owner: Owner,
  create: () => GroupCommit<Item, Result>,
): GroupCommit<Item, Result> {
  let writer = writers.get(owner);
  if (!writer) {
    writer = create();
    writers.set(owner, writer);
  }
  return writer;
}
