/**
 * Runs tasks with the same key one after another, in arrival order, and tasks with different keys freely: a
 * node's own writes of one account wait here, holding nothing, instead of each holding a pooled connection while
 * it waits for the account's lock in the database (which would starve the node's reads and other accounts).
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // The last task of a key removes it, so keys seen once do not stay.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
