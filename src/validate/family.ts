/**
 * The families of component the data model knows. A leaf of its own because both the walker
 * and the generated known-kinds table name it, and the table must not import the walker.
 */
export type Family =
  | 'executable'
  | 'compute'
  | 'storage'
  | 'data'
  | 'volume'
  | 'session'
  | 'cost'
  | 'metric'
  | 'option'
  | 'update'
  | 'accelerator';
