/** Time source, injected so tests can warp time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
