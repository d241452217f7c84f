import type { Timings } from './broker.js';

/**
 * Faults the independent broker can inject, each breaking one requirement of spec/requirements.yaml.
 * `alsoBreaks` lists requirements the same misbehaviour necessarily breaks too (so a check citing them may
 * rightly fail); `classes` are the suite classes that exercise it; `offers` the offer count it needs.
 */
export interface FaultInfo {
  requirement: string;
  alsoBreaks?: string[];
  classes: string[];
  offers?: number;
  /** Runs the broker in working-group mode, and the suite without credentials. */
  anonymousWorkingGroup?: boolean;
  /**
   * Stage lengths (seconds) the fault run needs over the short CI ones: a skipped phase is provable by polling
   * only when the broker states it long enough to be seen (a 0.4 s RELEASING is stated PT0S and may just be brief).
   */
  timings?: Partial<Timings>;
  what: string;
}

export const FAULTS = {
  'memory-below-minimum': {
    requirement: 'EB-OFF-01',
    classes: ['core'],
    what: 'offers the requested cores but one GiB less than the minimum memory',
  },
  'memory-equals-cores': {
    requirement: 'EB-OFF-01',
    alsoBreaks: ['EB-OFF-05'],
    classes: ['core'],
    what: 'reports memory equal to the offered cores (the upstream echo bug)',
  },
  'duration-below-minimum': { requirement: 'EB-OFF-01', classes: ['core'], what: 'offers half the requested duration' },
  'memory-above-maximum': {
    requirement: 'EB-OFF-05',
    classes: ['core'],
    what: 'offers twice the requested maximum memory',
  },
  'start-outside-window': {
    requirement: 'EB-OFF-12',
    alsoBreaks: ['EB-OFF-11', 'EB-SCH-03', 'EB-SCH-11'],
    classes: ['core'],
    what: 'starts offers a day after the requested window',
  },
  'two-slots': {
    requirement: 'EB-OFF-14',
    alsoBreaks: ['EB-DM-09', 'EB-SCH-01', 'EB-SCH-05'],
    classes: ['core'],
    what: 'writes a repeating interval (two slots) as the available start',
  },
  'renamed-component': {
    requirement: 'EB-OFF-19',
    classes: ['core'],
    what: 'renames the compute resource in its offers',
  },
  'no-vary': { requirement: 'EB-HTTP-15', classes: ['negotiation'], what: 'leaves out Vary: Accept' },
  'submit-201': {
    requirement: 'EB-HTTP-06',
    alsoBreaks: ['EB-HTTP-09'],
    classes: ['core'],
    what: 'answers POST /requests with 201 and the offer set instead of 303 or 200',
  },
  'default-json': { requirement: 'EB-HTTP-03', classes: ['negotiation'], what: 'writes JSON when no Accept is given' },
  'never-406': {
    requirement: 'EB-HTTP-12',
    alsoBreaks: ['EB-HTTP-16'],
    classes: ['negotiation'],
    what: 'answers YAML whatever Accept asks',
  },
  'reads-anything': {
    requirement: 'EB-HTTP-13',
    alsoBreaks: ['EB-HTTP-16'],
    classes: ['negotiation'],
    what: 'reads any Content-Type as YAML (never 415)',
  },
  'siblings-stay-offered': {
    requirement: 'EB-LIFE-02',
    alsoBreaks: ['EB-LIFE-11'],
    classes: ['lifecycle'],
    offers: 3,
    what: 'accepting an offer leaves its siblings OFFERED',
  },
  'withdrawn-wrong-code': {
    requirement: 'EB-LIFE-11',
    classes: ['lifecycle'],
    offers: 3,
    what: 'refuses accepting a withdrawn sibling with UPDATE_NOT_OFFERED',
  },
  'accepts-expired': {
    requirement: 'EB-LIFE-09',
    alsoBreaks: ['EB-LIFE-08'],
    classes: ['expiry'],
    what: 'accepts an offer whose expiry has passed',
  },
  'expired-wrong-code': {
    requirement: 'EB-LIFE-09',
    classes: ['expiry'],
    what: 'refuses accepting an expired offer with UPDATE_NOT_OFFERED',
  },
  'never-expires': {
    requirement: 'EB-LIFE-01',
    alsoBreaks: ['EB-LIFE-09'],
    classes: ['expiry'],
    what: 'keeps offers OFFERED after their expiry',
  },
  'skips-preparing': {
    requirement: 'EB-LIFE-08',
    // Seen WAITING before the stated preparing start and after it, then AVAILABLE 3 s later.
    timings: { waiting: 2, preparing: 3 },
    classes: ['lifecycle'],
    what: 'goes from ACCEPTED straight to AVAILABLE',
  },
  'skips-releasing': {
    requirement: 'EB-LIFE-05',
    timings: { releasing: 3 },
    alsoBreaks: ['EB-LIFE-08'],
    classes: ['lifecycle'],
    what: 'goes from RUNNING straight to COMPLETED',
  },
  'cancel-in-releasing': {
    requirement: 'EB-LIFE-07',
    alsoBreaks: ['EB-UPD-02'],
    classes: ['lifecycle'],
    what: 'still advertises CANCELLED in RELEASING',
  },
  'offered-without-reject': {
    requirement: 'EB-UPD-03',
    alsoBreaks: ['EB-LIFE-07'],
    classes: ['core', 'lifecycle'],
    what: 'advertises only ACCEPTED on offers',
  },
  'accept-answers-stale': {
    requirement: 'EB-UPD-08',
    classes: ['lifecycle'],
    what: 'answers an accepted update with the session as it was before the change',
  },
  'refusal-changes-session': {
    requirement: 'EB-ERR-04',
    classes: ['lifecycle'],
    what: 'refuses an update no option allows with 409 but rejects the offer anyway',
  },
  'accept-twice-ok': {
    requirement: 'EB-LIFE-10',
    alsoBreaks: ['EB-ERR-04'],
    classes: ['lifecycle'],
    what: 'answers 200 to accepting an accepted session',
  },
  'string-update-for-enum': {
    requirement: 'EB-UPD-06',
    classes: ['lifecycle'],
    what: 'accepts a string-value update against the enum phase option',
  },
  'session-delete-200': {
    requirement: 'EB-ERR-09',
    classes: ['errors'],
    what: 'answers DELETE on a session with 200 and the session',
  },
  'unknown-session-wrong-code': {
    requirement: 'EB-ERR-03',
    classes: ['errors'],
    what: 'answers an unknown session with 404 UNKNOWN_PATH',
  },
  'empty-body-422': {
    requirement: 'EB-ERR-07',
    classes: ['errors'],
    what: 'answers an empty body with 422 INVALID_DOCUMENT',
  },
  'invalid-answered-no': {
    requirement: 'EB-ERR-08',
    classes: ['errors'],
    what: 'answers a schema-invalid request with a NO offer set',
  },
  'no-body-limit': { requirement: 'EB-ERR-05', classes: ['errors'], what: 'reads bodies of any size' },
  'wrong-general-code': {
    requirement: 'EB-ERR-02',
    alsoBreaks: ['EB-ERR-01', 'EB-ERR-13'],
    classes: ['errors', 'lifecycle'],
    what: 'puts BAD_REQUEST as the general code of every 404 and 409',
  },
  'vosi-accepts-put': {
    requirement: 'EB-VOSI-05',
    classes: ['vosi'],
    what: 'answers PUT and DELETE on the VOSI endpoints like GET',
  },
  'vosi-text-plain': { requirement: 'EB-VOSI-07', classes: ['vosi'], what: 'sends the VOSI documents as text/plain' },
  'capabilities-wrong-base': {
    requirement: 'EB-VOSI-04',
    classes: ['vosi'],
    what: 'names another host as the ExecutionBroker access URL',
  },
  'unserved-component-urls': {
    requirement: 'EB-HTTP-17',
    classes: ['core'],
    what: 'gives components meta.urls it does not serve',
  },
  'unknown-kind-offered': {
    requirement: 'EB-KIND-02',
    classes: ['core'],
    what: 'offers to run an executable kind it does not know',
  },
  'expires-before-created': {
    requirement: 'EB-LIFE-12',
    classes: ['core'],
    what: 'gives offers an expires before the creation of their offer set',
  },
  'mislabelled-yaml': {
    requirement: 'EB-HTTP-14',
    classes: ['negotiation'],
    what: 'labels its YAML answers text/plain',
  },
  'json-asked-yaml-sent': {
    requirement: 'EB-HTTP-04',
    classes: ['negotiation'],
    what: 'answers YAML (labelled YAML) when Accept asks only JSON',
  },
  'refuses-json-bodies': {
    requirement: 'EB-HTTP-01',
    classes: ['negotiation'],
    what: 'answers JSON request bodies with 415',
  },
  'direct-500': { requirement: 'EB-HTTP-07', classes: ['core'], what: 'answers POST /direct with 500' },
  'schedule-out-of-order': {
    requirement: 'EB-SCH-07',
    classes: ['core'],
    what: 'puts the preparing start after the available start',
  },
  'no-without-messages': {
    requirement: 'EB-OFF-09',
    alsoBreaks: ['EB-KIND-02', 'EB-OFF-20', 'EB-OFF-21', 'EB-OFF-22', 'EB-ERR-12'],
    classes: ['core'],
    what: 'answers NO without saying why',
  },
  'accepted-offers-accept': {
    requirement: 'EB-UPD-04',
    alsoBreaks: ['EB-LIFE-07', 'EB-UPD-02', 'EB-LIFE-10'],
    classes: ['lifecycle'],
    what: 'advertises ACCEPTED besides CANCELLED once accepted',
  },
  'offer-url-trailing-slash': {
    requirement: 'EB-REF-06',
    classes: ['core'],
    what: 'gives offers a meta.url ending in a slash after the uuid (served all the same)',
  },
  'availability-without-available': {
    requirement: 'EB-VOSI-01',
    classes: ['vosi'],
    what: 'sends an availability document without its available element',
  },
  'privileged-run-unprivileged': {
    requirement: 'EB-OFF-21',
    classes: ['core'],
    what: 'offers a privileged: true container, run unprivileged, instead of answering NO',
  },
  'accelerator-dropped': {
    requirement: 'EB-OFF-22',
    classes: ['core'],
    what: 'offers the compute without the accelerator it was asked for (it has none)',
  },
  'external-port-replaced': {
    requirement: 'EB-OFF-20',
    classes: ['core'],
    what: 'offers another external port in place of the one the client set',
  },
  'unreachable-storage-offered': {
    requirement: 'EB-OFF-17',
    classes: ['core'],
    what: 'makes offers for unmanaged storage at a location it cannot reach',
  },
  'inputs-not-mounted': {
    requirement: 'EB-OFF-24',
    classes: ['core'],
    what: "neither mounts the executable's linked inputs and outputs nor sets their environment variables",
  },
  'empty-401': {
    requirement: 'EB-ERR-01',
    classes: ['core', 'errors'],
    anonymousWorkingGroup: true,
    what: 'working-group mode answering 401 with an empty body, as the upstream broker does',
  },
} as const satisfies Record<string, FaultInfo>;

export type FaultName = keyof typeof FAULTS;

export function isFaultName(name: string): name is FaultName {
  return Object.hasOwn(FAULTS, name);
}
