import type { DocumentType, Finding } from '../findings.js';

/** One rewrite `migrate` made, at the pointer where the 1.0 document has it. */
export interface MigrationChange {
  /** JSON Pointer into the migrated document. */
  readonly pointer: string;
  /** Which step made it (its slug), e.g. `older-kind`. */
  readonly step: string;
  /** One sentence a person reads: what was there and what is there now. */
  readonly message: string;
}

export interface MigrationResult {
  /** The migrated document (a copy: the input is never modified). */
  readonly value: unknown;
  /** The document type after unwrapping, when one could be told. */
  readonly docType: DocumentType | undefined;
  readonly changes: readonly MigrationChange[];
  /** What could not be mapped (EBK_MIGRATE_UNMAPPED); the member is left as it was. */
  readonly findings: readonly Finding[];
}

export type { JsonRecord as Obj } from '../util/guards.js';
import type { JsonRecord as Obj } from '../util/guards.js';

/** What a step may do: record a change, or report what it cannot map. */
export interface StepContext {
  change(pointer: string, message: string): void;
  unmapped(pointer: string, message: string, params?: Record<string, unknown>): void;
}

/** A rewrite of one older-generation habit. It edits the (copied) document in place. */
export interface MigrationStep {
  readonly slug: string;
  apply(root: Obj, ctx: StepContext): void;
}
