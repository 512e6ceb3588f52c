/**
 * What the player keeps across reloads and power cuts, in IndexedDB: settings (token, last good
 * manifest, clock offset) and the queue of plays the server has not acknowledged.
 */

const DB_NAME = 'campaign-player';
/** Beyond this many unsent plays the oldest are dropped (and counted), so storage cannot grow for ever. */
export const MAX_QUEUED_PLAYS = 50000;

const done = (request) =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/** Opens the player's database; its methods answer promises. */
export async function openStore(maxQueuedPlays = MAX_QUEUED_PLAYS) {
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => {
    open.result.createObjectStore('settings');
    open.result.createObjectStore('plays', { keyPath: 'seq', autoIncrement: true });
  };
  const db = await done(open);
  // Resolves when the transaction is committed, with what `work` answered.
  const inTransaction = (names, mode, work) =>
    new Promise((resolve, reject) => {
      const tx = db.transaction(names, mode);
      let result;
      Promise.resolve(work(tx)).then((value) => {
        result = value;
      }, reject);
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  const settings = (tx) => tx.objectStore('settings');
  const plays = (tx) => tx.objectStore('plays');

  return {
    get: (key) => inTransaction('settings', 'readonly', (tx) => done(settings(tx).get(key))),
    set: (key, value) => inTransaction('settings', 'readwrite', (tx) => void settings(tx).put(value, key)),
    delete: (key) => inTransaction('settings', 'readwrite', (tx) => void settings(tx).delete(key)),

    /** Queues a play; beyond `maxQueuedPlays` the oldest go, and `droppedPlays` counts them. */
    addPlay: (event) =>
      inTransaction(['plays', 'settings'], 'readwrite', async (tx) => {
        plays(tx).add({ event });
        const excess = (await done(plays(tx).count())) - maxQueuedPlays;
        if (excess <= 0) return;
        const oldest = await done(plays(tx).getAllKeys(null, excess));
        plays(tx).delete(IDBKeyRange.bound(oldest[0], oldest[oldest.length - 1]));
        settings(tx).put(((await done(settings(tx).get('droppedPlays'))) || 0) + excess, 'droppedPlays');
      }),
    /** The oldest queued plays, as { seq, event }. */
    oldestPlays: (limit) => inTransaction('plays', 'readonly', (tx) => done(plays(tx).getAll(null, limit))),
    deletePlays: (seqs) =>
      inTransaction('plays', 'readwrite', (tx) => {
        for (const seq of seqs) plays(tx).delete(seq);
      }),
    countPlays: () => inTransaction('plays', 'readonly', (tx) => done(plays(tx).count())),
    /** Forgets everything (a revoked screen pairs again from scratch). */
    clear: () =>
      inTransaction(['plays', 'settings'], 'readwrite', (tx) => {
        plays(tx).clear();
        settings(tx).clear();
      }),
  };
}
