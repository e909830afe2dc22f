/**
 * `serve --throttle aws`: AWS's token buckets, one set per account and region (wire-protocol.md §11), held in
 * this node's memory. A call takes its tokens from every bucket it draws from, or from none: when one of them is
 * short the call is refused with RequestLimitExceeded and nothing is taken, as AWS meters.
 *
 * Buckets are per node: several nodes on one database each meter on their own (AWS meters per region endpoint;
 * a rehearsal of retry logic needs one endpoint, not an exact global count).
 */
import { requestLimitExceeded } from '../errors/throttling.js';
import { bucketDraws, type BucketRate } from './throttle-categories.js';

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date, in the throttle clock's milliseconds. */
  at: number;
}

export class Throttle {
  private readonly buckets = new Map<string, Bucket>();

  /** `now` in milliseconds, monotonic; tests pass a hand-moved clock. */
  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Takes the call's tokens, or throws RequestLimitExceeded having taken none. */
  take(account: string, region: string, action: string, params: Map<string, string>): void {
    const now = this.now();
    const draws = bucketDraws(action, params).map((draw) => ({
      draw,
      bucket: this.refilled(`${account}|${region}|${draw.bucket}`, draw.rate, now),
    }));
    if (draws.some(({ draw, bucket }) => bucket.tokens < Math.min(draw.tokens, draw.rate.capacity))) {
      throw requestLimitExceeded();
    }
    // A call for more instances than the bucket holds takes what there is (it would never pass otherwise).
    for (const { draw, bucket } of draws) bucket.tokens -= Math.min(draw.tokens, draw.rate.capacity);
  }

  private refilled(key: string, rate: BucketRate, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: rate.capacity, at: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    const elapsed = Math.max(0, now - bucket.at) / 1000;
    bucket.tokens = Math.min(rate.capacity, bucket.tokens + elapsed * rate.refillPerSecond);
    bucket.at = now;
    return bucket;
  }
}
