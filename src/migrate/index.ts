/**
 * `migrate`: rewrites documents of older ExecutionBroker generations (DOMAIN.md §0) into 1.0 documents. It never
 * invents data: a member with no 1.0 equivalent is left as it was and reported (EBK_MIGRATE_UNMAPPED), so a
 * document that was structurally broken stays broken and the validator says why.
 */
import type { Finding } from '../findings.js';
import { detectDocumentType } from '../validate/detect.js';
import { draftText } from './steps/draft-text.js';
import { dropNulls } from './steps/drop-nulls.js';
import { componentNames, memberNames } from './steps/member-names.js';
import { olderKinds } from './steps/older-kinds.js';
import { scheduledSession } from './steps/scheduled-session.js';
import { topLevelVolumes } from './steps/top-level-volumes.js';
import { unwrapEnvelope } from './steps/unwrap-envelope.js';
import { valueSpellings } from './steps/values.js';
import type { MigrationChange, MigrationResult, MigrationStep, StepContext } from './types.js';
import { isObj } from './walk.js';

export type { MigrationChange, MigrationResult, MigrationStep } from './types.js';

/** In order: the envelope first (the other steps see the 1.0 root), the text's resources lifted and renamed members
 * before kinds (pointers name 1.0 paths, the lifted components get kinds), kinds before component names (those key
 * on `kind`). */
export const MIGRATION_STEPS: readonly MigrationStep[] = [
  unwrapEnvelope,
  dropNulls,
  draftText,
  memberNames,
  olderKinds,
  componentNames,
  scheduledSession,
  topLevelVolumes,
  valueSpellings,
];

/** Migrates a parsed document; the input is not modified. Never throws for any JSON-like value. */
export function migrate(value: unknown, steps: readonly MigrationStep[] = MIGRATION_STEPS): MigrationResult {
  if (!isObj(value)) {
    const finding: Finding = {
      ruleId: 'EBK_MIGRATE_UNMAPPED',
      level: 'error',
      message: 'the document is not a mapping, so it is no ExecutionBroker document of any generation',
      pointer: '',
    };
    return { value, docType: undefined, changes: [], findings: [finding] };
  }
  const root = structuredClone(value);
  const changes: MigrationChange[] = [];
  const findings: Finding[] = [];
  for (const step of steps) {
    const ctx: StepContext = {
      change: (pointer, message) => changes.push({ pointer, step: step.slug, message }),
      unmapped: (pointer, message, params) =>
        findings.push({
          ruleId: 'EBK_MIGRATE_UNMAPPED',
          level: 'error',
          message,
          pointer,
          rule: step.slug,
          ...(params ? { params } : {}),
        }),
    };
    step.apply(root, ctx);
  }
  return { value: root, docType: detectDocumentType(root), changes, findings };
}
