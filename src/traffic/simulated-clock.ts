/**
 * The server's clock, advanceable by `POST /_vpclite/clock {"advanceSeconds": N}` so tests can close flow-log
 * aggregation intervals without waiting. It is the wall clock (or the clock ServerOptions gave) plus an offset
 * that only grows. The offset lives in this node's memory: with several nodes on one database, each node keeps
 * its own, and a test that advances time talks to one node.
 */
export class SimulatedClock {
  private offsetMs = 0;

  constructor(private readonly base: () => Date = () => new Date()) {}

  readonly now = (): Date => new Date(this.base().getTime() + this.offsetMs);

  /** Moves time forward by `seconds` (not backwards: time-ordered records must stay ordered) and answers the new time. */
  advance(seconds: number): Date {
    this.offsetMs += Math.round(seconds * 1000);
    return this.now();
  }
}
