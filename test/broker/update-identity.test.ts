/** EB-UPD-07: an identifier in an update body is the one of the session in the URL, or the update is refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBroker } from '../../src/broker/index.js';
import { MEDIA, http, offersOf, phaseOf, start, submit, urlOf, type Obj } from './helpers.js';

const OTHER = '00000000-0000-0000-0000-000000000000';
const reject = { kind: 'uri:enum-value-update', path: 'phase', value: 'REJECTED' };

let b: RunningBroker;
beforeAll(async () => {
  b = await start();
});
afterAll(async () => b.close());

async function offer(): Promise<{ url: string; uuid: string }> {
  const first = offersOf(await submit(b))[0]!;
  return { url: urlOf(first), uuid: (first.meta as Obj).uuid as string };
}

const post = (url: string, body: Obj) =>
  http(b, 'POST', new URL(url).pathname, {
    body: JSON.stringify(body),
    headers: { 'content-type': MEDIA.json, accept: MEDIA.json },
  });

describe('an update naming another session (EB-UPD-07)', () => {
  for (const [name, extra] of [
    ['uuid', { uuid: OTHER }],
    ['meta.uuid', { meta: { uuid: OTHER } }],
    ['ident', { ident: OTHER }],
  ] as const) {
    it(`is refused with 422 INVALID_DOCUMENT naming both identifiers (${name}), and not applied`, async () => {
      const { url, uuid } = await offer();
      const r = await post(url, { ...reject, ...extra });
      expect(r.status).toBe(422);
      expect(r.value).toMatchObject({ status: 422, error: 'UNPROCESSABLE_CONTENT', code: 'INVALID_DOCUMENT' });
      expect(r.value.message).toContain(OTHER);
      expect(r.value.message).toContain(uuid);
      expect(r.value.messages).toEqual([
        expect.objectContaining({
          kind: 'urn:ebkit:finding:EB-UPD-07',
          level: 'ERROR',
          values: { pointer: `/${name.replace('.', '/')}` },
        }),
      ]);
      expect(await phaseOf(b, url)).toBe('OFFERED');
    });
  }

  it('is refused when the identifier is not a string', async () => {
    const { url } = await offer();
    const r = await post(url, { ...reject, uuid: 42 });
    expect(r.status).toBe(422);
    expect(r.value.message).toContain('42');
    expect(await phaseOf(b, url)).toBe('OFFERED');
  });

  it('is applied when the identifier is the URL one, whatever its case', async () => {
    const { url, uuid } = await offer();
    const r = await post(url, { ...reject, uuid: uuid.toUpperCase(), meta: { uuid } });
    expect(r.status, r.text).toBe(200);
    expect(r.value.phase).toBe('REJECTED');
  });

  it("is applied when the identifier is null (a Java client's absent member), as if none were given", async () => {
    const { url } = await offer();
    const r = await post(url, { ...reject, uuid: null, meta: { uuid: null } });
    expect(r.status, r.text).toBe(200);
    expect(r.value.phase).toBe('REJECTED');
  });
});
