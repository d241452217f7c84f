import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBroker, ManualClock } from '../../src/broker/index.js';
import { renderSession, type RenderContext } from '../../src/broker/documents.js';
import { optionsFor, TRANSITIONS } from '../../src/broker/index.js';
import { parse } from '../../src/parse/index.js';
import { isObject } from '../../src/util/index.js';

const dir = new URL('../../spec/examples/valid/', import.meta.url);
const requests = readdirSync(dir)
  .filter((f) => f.startsWith('request-') && f.endsWith('.yaml'))
  .map((f) => [f, parse(readFileSync(new URL(f, dir)), { format: 'yaml' }).value] as const);
// the examples ask for slots in August 2026
const roomy = () =>
  createBroker({
    clock: new ManualClock('2026-08-01T00:00:00Z'),
    config: { cores: 1_000_000, memory: 1_000_000, storage: 100_000_000 },
  });
const ctx: RenderContext = { baseUrl: 'http://broker.test', options: (phase) => optionsFor(phase, TRANSITIONS) };

afterEach(() => vi.restoreAllMocks());

describe('offers rendered from the body in hand', () => {
  it('render as the same documents as from their stored text, for every example request', () => {
    const broker = roomy();
    let offers = 0;
    for (const [file, request] of requests) {
      if (!isObject(request)) throw new Error(`${file} is not a mapping`);
      const { sessions } = broker.service.submit(request, null);
      for (const row of sessions) {
        offers++;
        // a copy of the row has no body in hand: it parses the stored text, as a GET does
        expect(renderSession(row, ctx), file).toStrictEqual(renderSession({ ...row }, ctx));
      }
    }
    expect(offers).toBeGreaterThan(requests.length);
    broker.store.close();
  });

  it('does not parse the stored text again', () => {
    const broker = roomy();
    const request = requests.find(([f]) => f === 'request-notebook-simple.yaml')?.[1];
    if (!isObject(request)) throw new Error('no example request');
    const [row] = broker.service.submit(request, null).sessions;
    if (!row) throw new Error('no offer');
    const spy = vi.spyOn(JSON, 'parse');
    renderSession(row, ctx);
    const inHand = spy.mock.calls.filter(([text]) => text === row.body).length;
    renderSession({ ...row }, ctx);
    const fromText = spy.mock.calls.filter(([text]) => text === row.body).length - inHand;
    expect([inHand, fromText]).toEqual([0, 1]);
    broker.store.close();
  });
});
