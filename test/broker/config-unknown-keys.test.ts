/** An unknown key of a broker's or an aggregator's configuration names the key most likely meant. */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/broker/index.js';
import { resolveAggregatorConfig } from '../../src/aggregator/index.js';

describe('unknown config keys', () => {
  it('a misspelt broker key names the nearest one', () => {
    expect(() => resolveConfig({ slotSecond: 1 })).toThrow(
      /^unknown config key "slotSecond" \(did you mean "slotSeconds"\?\) \(known: /,
    );
  });

  it('a key like none is listed with the known ones, without a guess', () => {
    expect(() => resolveConfig({ zzzzzzzz: 1 })).toThrow(/^unknown config key "zzzzzzzz" \(known: /);
  });

  it("the library's name for the aggregator's brokers (upstreams) points at brokers:", () => {
    expect(() => resolveAggregatorConfig({ upstreams: ['http://127.0.0.1:1'] })).toThrow(
      /^unknown config key "upstreams" \(the list of lower brokers is brokers:\)/,
    );
    expect(() => resolveAggregatorConfig({ brokrs: ['http://127.0.0.1:1'] })).toThrow(/did you mean "brokers"\?/);
  });
});
