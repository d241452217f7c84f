import { startBroker } from '../src/broker/index.js';
import type { BrokerOptions, BrokerOverrides, RunningBroker } from '../src/broker/index.js';

/**
 * Settings that let the whole suite, the slow expiry class included, finish in seconds: offers live 2 s,
 * phases last fractions of a second, runs without a requested duration last 1 s.
 */
export const FAST_BROKER_CONFIG = {
  offerLifetime: 2,
  slotSeconds: 1,
  prepare: 'PT0.3S',
  release: 'PT1S',
  acceptedHold: 'PT0.1S',
  startup: 'PT0.2S',
  defaultDuration: 'PT1S',
} as const;

/** Starts the reference broker (or a variant built with `overrides`) on a free loopback port. */
export async function startEmbeddedBroker(
  overrides?: BrokerOverrides,
  extra: BrokerOptions & { host?: string; port?: number } = {},
): Promise<RunningBroker> {
  return startBroker({
    db: ':memory:',
    tickMs: 100,
    ...extra,
    config: { ...FAST_BROKER_CONFIG, ...(extra.config ?? {}) },
    ...(overrides ? { overrides } : {}),
  });
}
