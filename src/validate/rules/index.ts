import type { Rule } from '../rule.js';
import dataStorageLinks from './ref/data-storage-links.js';
import offerIdentity from './ref/offer-identity.js';
import uniqueNames from './ref/unique-names.js';
import volumeResource from './ref/volume-resource.js';
import minMax from './dm/min-max.js';
import units from './dm/units.js';
import unknownProperties from './dm/unknown-properties.js';
import olderGeneration from './kind/older-generation.js';
import unknownKind from './kind/unknown-kind.js';
import offersetKind from './kind/offerset-kind.js';
import kindUri from './kind/kind-uri.js';
import expires from './sch/expires.js';
import scheduleOrder from './sch/schedule-order.js';
import timeValues from './sch/time-values.js';
import oneSlot from './off/one-slot.js';
import resultOffers from './off/result-offers.js';
import optionsPhase from './upd/options-phase.js';
import updateShape from './upd/update-shape.js';
import statusInTable from './err/status-in-table.js';
import serviceFilledPort from './dm/service-filled-port.js';
import storageLifecycle from './dm/storage-lifecycle.js';
import offerDefaults from './dm/offer-defaults.js';
import parameterLinks from './ref/parameter-links.js';

/** The standard's rules, as a value: pass a filtered copy to run fewer. */
export const defaultRules: readonly Rule[] = [
  uniqueNames,
  volumeResource,
  dataStorageLinks,
  offerIdentity,
  minMax,
  units,
  unknownProperties,
  unknownKind,
  olderGeneration,
  offersetKind,
  kindUri,
  timeValues,
  scheduleOrder,
  expires,
  resultOffers,
  oneSlot,
  optionsPhase,
  updateShape,
  statusInTable,
  serviceFilledPort,
  storageLifecycle,
  offerDefaults,
  parameterLinks,
];
