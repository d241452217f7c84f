import { describe, expect, it } from 'vitest';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { startBroker } from '../../src/broker/index.js';
import { offerProblem } from '../../src/aggregator/documents.js';
import { call } from './helpers.js';

type Obj = Record<string, unknown>;

describe('offerProblem (why a lower offer is dropped)', () => {
  it('points into the offer at its place in the lower set, for schema findings and for the comparison alike', async () => {
    const broker = await startBroker({ db: ':memory:' });
    try {
      const request = executionRequest();
      const set = (await call(`${broker.url}/requests`, 'POST', request)).value;
      const offer = structuredClone((set.offers as Obj[])[0]!);
      expect(offerProblem(request, offer, 2)).toBeUndefined();
      // The comparison with the request: no cores at all is below what was asked.
      const few = structuredClone(offer);
      ((few.compute as Obj).cores as Obj) = { min: 0, max: 0 };
      expect(offerProblem(request, few, 2)).toMatch(/\(at \/offers\/2\/compute\/cores[^)]*\) \[EB-/);
      // The schema: a phase no session has.
      const odd = { ...structuredClone(offer), phase: 'SOMETIMES' };
      expect(offerProblem(request, odd, 1)).toMatch(/\(at \/offers\/1\/phase\)/);
    } finally {
      await broker.close();
    }
  });
});
