/**
 * Randomness for address and identifier picks. Pure functions take a RandomSource, so tests can drive them with a
 * seeded or scripted source; the server uses the cryptographic one (picks must not be guessable sequences).
 */
import { randomBytes, randomInt } from 'node:crypto';

export interface RandomSource {
  /** A uniformly random integer in [0, maxExclusive); maxExclusive ≤ 2^48. */
  int(maxExclusive: number): number;
  /** A uniformly random 64-bit unsigned integer. */
  bigint64(): bigint;
}

export const secureRandom: RandomSource = {
  int: (maxExclusive) => randomInt(maxExclusive),
  bigint64: () => randomBytes(8).readBigUInt64BE(),
};

/** A small deterministic generator (mulberry32) for tests that want reproducible picks. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  const next32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    int: (maxExclusive) => Math.floor(((next32() * 2 ** 32 + next32()) / 2 ** 64) * maxExclusive),
    bigint64: () => (BigInt(next32()) << 32n) | BigInt(next32()),
  };
}
