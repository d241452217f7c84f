import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../../conformance/lib/evidence.js';
import { errorDocumentIssues } from '../../../conformance/lib/errors.js';

/** The parts of an exchange the judgement reads: an answer whose body did not read under its label. */
const answer = (contentType: string, text: string): Exchange =>
  ({
    status: 404,
    headers: { 'content-type': contentType },
    text,
    value: undefined,
    format: undefined,
  }) as unknown as Exchange;

const YAML_ERROR = 'status: 404\nerror: NOT_FOUND\ncode: SESSION_NOT_FOUND\nmessage: No such session.\n';

describe('an error body that does not read under its Content-Type', () => {
  it('a YAML error document labelled JSON is named as YAML under a wrong label (EB-HTTP-14)', () => {
    const [issue] = errorDocumentIssues(answer('application/json', YAML_ERROR));
    expect(issue?.requirement).toBe('EB-ERR-01');
    expect(issue?.message).toMatch(
      /it reads as YAML, so the label names another media type than the body sent \(EB-HTTP-14\)/,
    );
  });

  it('a JSON error document labelled XML is named as JSON', () => {
    const [issue] = errorDocumentIssues(answer('application/xml', JSON.stringify({ status: 404, error: 'NOT_FOUND' })));
    expect(issue?.message).toMatch(/it reads as JSON/);
  });

  it('broken JSON under a JSON label is not called YAML (its flow syntax reads as YAML, but the label is right)', () => {
    for (const text of ['{"status": 404, "error": "NOT_FOUND", "message": "x",}', '{status: 404, error: NOT_FOUND}']) {
      const [issue] = errorDocumentIssues(answer('application/json', text));
      expect(issue?.message).toBe(
        'the body is not an error document in a known format (Content-Type application/json)',
      );
    }
  });

  it('a body that reads as no document is still "not an error document in a known format"', () => {
    const [issue] = errorDocumentIssues(answer('application/json', '<html><body>Not Found</body></html>'));
    expect(issue?.message).toBe('the body is not an error document in a known format (Content-Type application/json)');
    const [plain] = errorDocumentIssues(answer('text/plain', 'Not Found'));
    expect(plain?.message).toMatch(/not an error document in a known format/);
  });
});
