/**
 * A request that breaks the standard's rules is refused alike by the broker and the aggregator (one body reader,
 * src/broker/http/read-document.ts): 422 INVALID_DOCUMENT counting the errors, each finding a message that names
 * its line and column in the body as sent. The aggregator's own copy had lost both.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bothAnswerers, postRequest } from '../support/both-answerers.js';
import { parse } from '../../src/parse/index.js';
import { serialize } from '../../src/serialize/index.js';
import { executionRequest } from '../../conformance/lib/fixtures.js';
import { head, rawExchange } from '../interop/raw.js';

const examples = join(import.meta.dirname, '../../spec/examples/valid');
/** A session as XML (root <execution>): a valid document, of another type than a request. */
const SESSION_XML = serialize(parse(readFileSync(join(examples, 'session-accepted.yaml'))).value, 'xml', 'session');

const servers = bothAnswerers();

/** Line 9, column 5, holds a minimum above its maximum; line 13, column 15, a duration that is no duration. */
const BAD_YAML = [
  'executable:',
  '  kind: "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/jupyter-notebook.yaml"',
  '  location: "https://notebooks.example.org/tutorials/quick-look.ipynb"',
  'compute:',
  '  kind: "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/compute/simple-compute-resource.yaml"',
  '  meta:',
  '    name: "c1"',
  '  cores:',
  '    min: 8',
  '    max: 4',
  'schedule:',
  '  requested:',
  '    duration: "an hour"',
  '',
].join('\n');

interface Message {
  kind: string;
  level: string;
  message: string;
  values: Record<string, string>;
}

/** POST /requests of `body` as `contentType`. */
const post = (url: string, body: string, contentType: string) => postRequest(url, contentType, body);

describe.each(servers.each())('%s', (_name, url) => {
  it('a request breaking rules: 422 counting them, each finding at its line and column', async () => {
    const res = await post(url(), BAD_YAML, 'application/yaml');
    expect(res.status).toBe(422);
    const doc = (await res.json()) as { code: string; message: string; messages: Message[] };
    expect(doc.code).toBe('INVALID_DOCUMENT');
    const errors = doc.messages.filter((m) => m.level === 'ERROR');
    expect(errors).toHaveLength(2);
    expect(doc.message).toBe(`The request breaks ${errors.length} rules of the standard.`);
    const at = (pointer: RegExp) => errors.find((m) => pointer.test(m.values.pointer ?? ''))?.values;
    expect(at(/^\/compute\/cores$/)).toMatchObject({ line: '9', column: '5' });
    expect(at(/^\/schedule\/requested\/duration$/)).toMatchObject({ line: '13', column: '15' });
  });

  it('a name holding a character XML cannot carry is refused at its pointer (EB-XML-02), not answered changed in XML', async () => {
    const request = executionRequest() as { executable: { meta?: { name: string } } };
    request.executable.meta = { name: 'a\u0001b' };
    const res = await post(url(), JSON.stringify(request), 'application/json');
    expect(res.status).toBe(422);
    const doc = (await res.json()) as { code: string; messages: Message[] };
    expect(doc.messages.find((m) => m.kind === 'urn:ebkit:finding:EB-XML-02')?.values.pointer).toBe(
      '/executable/meta/name',
    );
  });

  it('a body of many thousands of members keeps its findings by pointer, without building a line index', async () => {
    // 12,000 unknown members (past LOCATED_VALUES) and a minimum above its maximum: still refused, still placed.
    const wide = `${BAD_YAML}${Array.from({ length: 12_000 }, (_, i) => `k${i}: ${i}`).join('\n')}\n`;
    const res = await post(url(), wide, 'application/yaml');
    expect(res.status).toBe(422);
    const doc = (await res.json()) as { messages: Message[] };
    const minMax = doc.messages.find((m) => m.values.pointer === '/compute/cores');
    expect(minMax?.level).toBe('ERROR');
    expect(minMax?.values.line).toBeUndefined();
    // The same fault in a small body is placed by line and column (the first test), so the index is what went.
    const small = (await (await post(url(), BAD_YAML, 'application/yaml')).json()) as { messages: Message[] };
    expect(small.messages.find((m) => m.values.pointer === '/compute/cores')?.values.line).toBe('9');
  });

  it('an error message quoting the request shows a bidi override escaped, not obeyed', async () => {
    const res = await fetch(`${url()}/sessions/%E2%80%AEabc`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
    const doc = (await res.json()) as { message: string };
    expect(doc.message).not.toContain('\u202e');
    expect(doc.message).toContain('\\u202e');
  });

  it('an XML document whose root names another type is refused (EB-XML-03), not read as a request', async () => {
    const res = await post(url(), SESSION_XML, 'application/xml');
    expect(res.status).toBe(422);
    const doc = (await res.json()) as { code: string; messages: Message[] };
    expect(doc.code).toBe('INVALID_DOCUMENT');
    expect(doc.messages.find((m) => m.kind === 'urn:ebkit:finding:EB-XML-03')?.message).toBe(
      'the root element <execution> makes this a session, not a request (whose root is <offers-request>)',
    );
  });

  it('an update wrapped as in an earlier generation ({update: {…}}) is acted on as the update it wraps', async () => {
    const submitted = await fetch(`${url()}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(executionRequest()),
    });
    const offer = ((await submitted.json()) as { offers: { meta: { url: string } }[] }).offers[0]!;
    const res = await fetch(offer.meta.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ update: { kind: 'uri:enum-value-update', path: 'phase', value: 'REJECTED' } }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { phase: string }).phase).toBe('REJECTED');
  });

  it('an empty Content-Type is named as empty in the 415 (the sentence had a gap)', async () => {
    const host = new URL(url()).host;
    const r = await rawExchange(url(), [
      head('POST', '/requests', host, [
        ['Content-Type', ''],
        ['Accept', 'application/json'],
        ['Content-Length', '2'],
      ]) + '{}',
    ]);
    expect(r.status).toBe(415);
    expect((JSON.parse(r.body) as { message: string }).message).toBe('The Content-Type "" (empty) is not supported.');
  });

  it('a body that is not well-formed: 400 MALFORMED_BODY naming the line of the fault', async () => {
    const res = await post(url(), '{\n  "executable": {\n    "kind": ,\n  }\n}\n', 'application/json');
    expect(res.status).toBe(400);
    const doc = (await res.json()) as { code: string; messages: Message[] };
    expect(doc.code).toBe('MALFORMED_BODY');
    expect(doc.messages[0]?.values.line).toBe('3');
    expect((doc as { message?: string }).message).toBe('The body is not well-formed JSON.');
  });

  it('well-formed XML of no element of the standard, or a body nested too deep, is not called malformed XML', async () => {
    const foreign = await post(url(), '<foo xmlns="http://www.ivoa.net/xml/ExecutionBroker/v1.0"/>', 'application/xml');
    expect(foreign.status).toBe(400);
    expect(((await foreign.json()) as { message: string }).message).toMatch(
      /^The body is well-formed XML but not a document of the standard: The root element <foo> is not one of /,
    );
    const deep = await post(url(), `{"a":${'['.repeat(300)}${']'.repeat(300)}}`, 'application/json');
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as { message: string }).message).toMatch(
      /^The body nests too deep to be read: The JSON nests deeper than \d+ levels/,
    );
  });

  it('a 415 says what a body may be sent as: Accept (media types) and Accept-Encoding (identity)', async () => {
    for (const [type, coding] of [
      ['text/plain', undefined],
      ['application/json', 'gzip'],
    ] as const) {
      const res = await fetch(`${url()}/requests`, {
        method: 'POST',
        headers: {
          'content-type': type,
          accept: 'application/json',
          ...(coding ? { 'content-encoding': coding } : {}),
        },
        body: '{}',
      });
      expect(res.status, `${type} ${coding ?? ''}`).toBe(415);
      expect(res.headers.get('accept')).toMatch(
        /application\/json.*application\/yaml|application\/yaml.*application\/json/,
      );
      expect(res.headers.get('accept')).toContain('application/xml');
      expect(res.headers.get('accept-encoding')).toBe('identity');
    }
  });
});
