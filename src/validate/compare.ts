import type { Finding } from '../findings.js';
import { compareFindings } from '../findings.js';
import { toFinding } from './engine.js';
import { fixedValues } from './compare-values.js';
import { addDuration, durationMs, intervalBounds, isTimeError, parseDuration, parseInterval } from './iso8601.js';
import type { RuleReport } from './rule.js';
import { type JsonRecord, errorMessage, isObject } from '../util/index.js';

/**
 * Checks each offer of an offer set against the request it answers (EB-OFF-01,
 * -05, -12, -19, -20, -21, -22; the values EB-OFF-19 holds an offer to are in
 * `compare-values.ts`). Pointers are into the offer set. An offer's amount is its
 * `min` (what it guarantees) for the minimum check and its `max` for the
 * maximum check; either falls back to the other. The requested duration is a
 * minimum run time (EB-SCH-04), so a shorter offered duration breaks EB-OFF-01.
 * The requested start window bounds the start only (EB-SCH-02): a run may end
 * long after the window closes, and a run cut short to end when the window
 * closes is that misreading, reported as such.
 */
export function compare(request: unknown, offerset: unknown): Finding[] {
  const out: Finding[] = [];
  try {
    if (!isObject(request) || !isObject(offerset) || !Array.isArray(offerset.offers)) return out;
    const reports: RuleReport[] = [];
    offerset.offers.forEach((offer, i) => {
      if (isObject(offer)) compareOffer(request, offer, `/offers/${i}`, reports);
    });
    for (const r of reports) out.push(toFinding(r, 'compare'));
  } catch (err) {
    out.push({
      ruleId: 'EBK_RULE_CRASHED',
      level: 'error',
      message: `compare crashed (${errorMessage(err)})`,
      pointer: '',
      rule: 'compare',
    });
  }
  return out.sort(compareFindings);
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function nameOf(v: unknown): string | undefined {
  return isObject(v) && isObject(v.meta) && typeof v.meta.name === 'string' ? v.meta.name : undefined;
}

function byName(list: unknown): Map<string, { value: JsonRecord; index: number }> {
  const m = new Map<string, { value: JsonRecord; index: number }>();
  if (Array.isArray(list)) {
    list.forEach((v, index) => {
      const n = nameOf(v);
      if (n !== undefined && isObject(v) && !m.has(n)) m.set(n, { value: v, index });
    });
  }
  return m;
}

function amounts(req: unknown, offered: unknown, label: string, pointer: string, out: RuleReport[]): void {
  if (!isObject(req) || !isObject(offered)) return;
  const rMin = num(req.min);
  const rMax = num(req.max);
  const oLow = num(offered.min) ?? num(offered.max);
  const oHigh = num(offered.max) ?? num(offered.min);
  if (rMin !== undefined && oLow !== undefined && oLow < rMin) {
    out.push({
      requirement: 'EB-OFF-01',
      pointer,
      message: `the offer gives ${oLow} ${label}, less than the requested minimum ${rMin}`,
      params: { requested: rMin, offered: oLow },
    });
  }
  if (rMax !== undefined && oHigh !== undefined && oHigh > rMax) {
    out.push({
      requirement: 'EB-OFF-05',
      pointer,
      message: `the offer gives ${oHigh} ${label}, more than the requested maximum ${rMax}`,
      params: { requested: rMax, offered: oHigh },
    });
  }
}

/** The external port a Docker port block names, if any. */
function externalPort(port: unknown): number | undefined {
  return isObject(port) && isObject(port.external) ? num(port.external.port) : undefined;
}

/**
 * What a request demands of a Docker container that an offer may not quietly drop: privileged execution
 * (EB-OFF-21) and a client-chosen external port (EB-OFF-20). Either the offer honours it or there is no offer.
 */
function dockerDemands(requested: unknown, offered: unknown, pointer: string, out: RuleReport[]): void {
  if (!isObject(requested) || !isObject(offered)) return;
  if (requested.privileged === true && offered.privileged !== true) {
    out.push({
      requirement: 'EB-OFF-21',
      pointer,
      message:
        'the request asks for a privileged container, but the offer does not run it privileged; a broker that will not answers NO',
      params: { requested: true, offered: offered.privileged ?? null },
    });
  }
  const rPorts = isObject(requested.network) && Array.isArray(requested.network.ports) ? requested.network.ports : [];
  const oPorts = isObject(offered.network) && Array.isArray(offered.network.ports) ? offered.network.ports : [];
  rPorts.forEach((rp, i) => {
    const want = externalPort(rp);
    if (want === undefined) return;
    const got = externalPort(oPorts[i]);
    if (got !== want) {
      out.push({
        requirement: 'EB-OFF-20',
        pointer: `${pointer}/network/ports/${i}`,
        message: `the request sets external port ${want}, but the offer gives ${got === undefined ? 'none' : got}; a broker that cannot give that port answers NO`,
        params: { requested: want, offered: got ?? null },
      });
    }
  });
}

function bounds(text: unknown): { start: number; end: number } | undefined {
  if (typeof text !== 'string') return undefined;
  const iv = parseInterval(text);
  return isTimeError(iv) ? undefined : intervalBounds(iv);
}

/** A run ending within a minute of the window's end counts as cut to it (brokers plan in whole minutes). */
const CLIPPED_TOLERANCE_MS = 60_000;

function compareOffer(request: JsonRecord, offer: JsonRecord, p: string, out: RuleReport[]): void {
  const rc = request.compute;
  const oc = offer.compute;
  if (isObject(rc) && isObject(oc)) {
    amounts(rc.cores, oc.cores, 'cores', `${p}/compute/cores`, out);
    amounts(rc.memory, oc.memory, 'GiB of memory', `${p}/compute/memory`, out);
  }
  if (isObject(rc) && Array.isArray(rc.accelerators)) {
    // EB-OFF-22: an offer never drops a requested accelerator; one the broker lacks means NO.
    const offered = byName(isObject(oc) ? oc.accelerators : undefined);
    rc.accelerators.forEach((a, i) => {
      const n = nameOf(a);
      if (n === undefined || offered.has(n)) return;
      out.push({
        requirement: 'EB-OFF-22',
        pointer: `${p}/compute`,
        message: `the offer's compute has no accelerator "${n}", which the request asks for; a broker that cannot provide it answers NO`,
        params: { accelerator: n, index: i },
      });
    });
  }
  const offeredStorage = byName(offer.storage);
  for (const [name, rs] of byName(request.storage)) {
    const os = offeredStorage.get(name);
    if (os) amounts(rs.value.size, os.value.size, `GiB of storage "${name}"`, `${p}/storage/${os.index}/size`, out);
  }

  const requested =
    isObject(request.schedule) && isObject(request.schedule.requested) ? request.schedule.requested : undefined;
  const available =
    isObject(offer.schedule) && isObject(offer.schedule.available) ? offer.schedule.available : undefined;
  // One requested range or a list of alternatives (EB-SCH-12); unreadable items are the rules' business.
  const ranges = (Array.isArray(requested?.start) ? requested.start : [requested?.start])
    .map(bounds)
    .filter((w) => w !== undefined);
  const slot = bounds(available?.start);
  // Only the offered start (a slot of possible starts) is held to the ranges, never start + duration (EB-SCH-02).
  const inside = ranges.find((w) => slot !== undefined && slot.start >= w.start && slot.end <= w.end);
  if (ranges.length > 0 && slot && !inside) {
    const shown = Array.isArray(requested?.start)
      ? `any of the requested start ranges ${requested.start.map(String).join(', ')}`
      : `the requested start range ${String(requested?.start)}`;
    out.push({
      requirement: 'EB-OFF-12',
      pointer: `${p}/schedule/available/start`,
      message: `the offered start ${String(available?.start)} is not inside ${shown}`,
      params: { requested: requested?.start, offered: available?.start },
    });
  }
  // The range the offer starts in (or the only one) is the window its run length is judged against.
  const window = inside ?? (ranges.length === 1 ? ranges[0] : undefined);
  if (typeof requested?.duration === 'string' && typeof available?.duration === 'string') {
    const rd = parseDuration(requested.duration);
    const od = parseDuration(available.duration);
    if (!isTimeError(rd) && !isTimeError(od) && durationMs(od) < durationMs(rd)) {
      out.push({
        requirement: 'EB-OFF-01',
        pointer: `${p}/schedule/available/duration`,
        message: `the offered duration ${available.duration} is shorter than the requested ${requested.duration}`,
        params: { requested: requested.duration, offered: available.duration },
      });
      const runEnd = slot ? addDuration(slot.start, od) : undefined;
      if (
        window &&
        runEnd !== undefined &&
        window.end > window.start &&
        Math.abs(runEnd - window.end) < CLIPPED_TOLERANCE_MS
      ) {
        out.push({
          requirement: 'EB-SCH-02',
          pointer: `${p}/schedule/available/duration`,
          message: `the offered run is cut to ${available.duration} so that it ends when the requested start window ${String(requested?.start)} closes; the window bounds when execution starts, not how long it runs, so the requested ${requested.duration} may run past it`,
          params: { window: requested?.start, requested: requested.duration, offered: available.duration },
        });
      }
    }
  }

  dockerDemands(request.executable, offer.executable, `${p}/executable`, out);

  // EB-OFF-19: the offer echoes the request's components under the same names.
  const echo = (what: string, reqName: string | undefined, offered: unknown, pointer: string): void => {
    if (reqName === undefined) return;
    const names = Array.isArray(offered) ? offered.map(nameOf) : [nameOf(offered)];
    if (!names.includes(reqName)) {
      out.push({
        requirement: 'EB-OFF-19',
        pointer,
        message: `the offer does not repeat the requested ${what} "${reqName}"`,
        params: { name: reqName, component: what },
      });
    }
  };
  echo('executable', nameOf(request.executable), offer.executable, `${p}/executable`);
  echo('compute resource', nameOf(rc), oc, `${p}/compute`);
  if (isObject(rc) && Array.isArray(rc.volumes)) {
    for (const v of rc.volumes) echo('volume', nameOf(v), isObject(oc) ? oc.volumes : undefined, `${p}/compute`);
  }
  if (Array.isArray(request.storage))
    for (const s of request.storage) echo('storage resource', nameOf(s), offer.storage, p);
  if (Array.isArray(request.data)) for (const d of request.data) echo('data resource', nameOf(d), offer.data, p);

  // EB-OFF-19: and with the kinds and values the request fixed (the executable, and each data resource by name).
  fixedValues('executable', request.executable, offer.executable, `${p}/executable`, out);
  const offeredData = byName(offer.data);
  for (const [name, rd] of byName(request.data)) {
    const od = offeredData.get(name);
    if (od) fixedValues('data resource', rd.value, od.value, `${p}/data/${od.index}`, out);
  }
}
