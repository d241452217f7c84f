import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { offersOf } from '../../lib/offers.js';
import { serialize } from '../../../src/serialize/index.js';

/** spec/06 §6.4 [EB-ERR-11]: a broker's body limit lies between these two sizes. */
const MUST_READ = 64 * 1024;
const MAY_REFUSE_ABOVE = 10 * 1024 * 1024;
/** Comfortably over the largest limit a broker may have, so any conforming limit is exceeded. */
const OVERSIZED = MAY_REFUSE_ABOVE + 1024 * 1024;

const mib = (n: number): string =>
  n < 1024 * 1024
    ? `${n / 1024} KiB (${n} bytes)`
    : `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 2)} MiB (${n} bytes)`;

function resolve(ref: string | undefined, base: string): string | undefined {
  try {
    return ref === undefined ? undefined : new URL(ref, base).href;
  } catch {
    return undefined;
  }
}

/** A YAML body of exactly `size` bytes: a comment of padding before `tail`. */
function padded(size: number, tail: string): string {
  return `#${'x'.repeat(Math.max(0, size - tail.length - 2))}\n${tail}`;
}

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-05', 'EB-ERR-06', 'EB-ERR-11'],
  title: 'A request of 64 KiB is read, and one over 10 MiB is refused with 413 BODY_TOO_LARGE',
  async run(ctx: CheckContext) {
    const headers = { 'content-type': 'application/yaml', accept: 'application/json' };
    const small = padded(MUST_READ, serialize(ctx.request(), 'yaml', 'request'));
    const read = await ctx.send({ method: 'POST', url: ctx.url('/requests'), headers, body: small }, 'offerset');
    ctx.ensure(
      read.status !== 413,
      `a valid request of ${mib(Buffer.byteLength(small))} was refused with 413; a broker's limit must be at least ${mib(MUST_READ)} (spec/06 §6.4, EB-ERR-11)`,
    );
    ctx.ensure(read.status < 500, `a valid request of ${mib(Buffer.byteLength(small))} was answered ${read.status}`);
    // The small request creates offers like any other: follow them so the run can clean them up.
    for (const offer of offersOf(read.value)) ctx.track(offer);
    const location = read.status === 303 ? resolve(read.headers['location'], read.url) : undefined;
    if (location !== undefined && ctx.allowed(location)) {
      for (const offer of offersOf((await ctx.get(location, { accept: 'json', expect: 'offerset' })).value))
        ctx.track(offer);
    }
    const big = padded(OVERSIZED, 'executable: {}\n');
    const ex = await ctx.send({ method: 'POST', url: ctx.url('/requests'), headers, body: big });
    ctx.expectRefusal(
      ex,
      [413],
      `a ${mib(OVERSIZED)} body (over the ${mib(MAY_REFUSE_ABOVE)} a broker's limit may reach, spec/06 §6.4)`,
      ['BODY_TOO_LARGE'],
    );
    return {
      outcome: 'pass',
      message: `a ${mib(Buffer.byteLength(small))} request was read (${read.status}); a ${mib(OVERSIZED)} body was refused with 413 BODY_TOO_LARGE`,
    };
  },
});
