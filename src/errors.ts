/**
 * The toolkit's own error codes (STYLE.md item 15): one closed union, a code is
 * never reused for another meaning. These are toolkit failures (unreadable
 * file, bad flag, input over a limit), distinct from requirement IDs.
 */
export const TOOLKIT_ERROR_CODES = {
  EBK_USAGE: 'The command line is wrong.',
  EBK_READ_FAILED: 'An input file could not be read.',
  EBK_TOO_LARGE: 'The input exceeds the size limit.',
  EBK_TOO_DEEP: 'The input nests deeper than the depth limit.',
  EBK_TOO_MANY_ATTRIBUTES: 'An XML element holds more attributes than the limit.',
  EBK_EMPTY: 'The input is empty.',
  EBK_BAD_ENCODING: 'The input is not valid UTF-8.',
  EBK_SYNTAX: 'The input is not well-formed JSON, YAML or XML.',
  EBK_DUPLICATE_KEY: 'A mapping repeats a key.',
  EBK_ALIAS_LIMIT: 'YAML aliases exceed the expansion limit.',
  EBK_YAML_VERSION:
    'A YAML document declares YAML 1.1, whose plain scalars read otherwise than the YAML 1.2 used here.',
  EBK_DOCTYPE: 'XML DOCTYPE declarations and entities are refused.',
  EBK_UNSAFE_KEY: 'A key such as __proto__ or constructor was refused.',
  EBK_UNSAFE_NUMBER: 'A number would not read as written: an integer past ±2^53−1, or beyond what a double holds.',
  EBK_UNKNOWN_FORMAT: 'The serialization could not be determined.',
  EBK_UNKNOWN_TYPE: 'The document type could not be determined.',
  EBK_XML_MAPPING: 'The XML does not follow the documented object mapping.',
  EBK_TOO_MANY_FINDINGS: 'A document had more findings than a result lists; the rest were counted, not listed.',
  EBK_RULE_CRASHED: 'A validation rule threw; the other rules still ran.',
  EBK_XSD_CRASHED: 'The XSD validator could not run; the XML was not checked against the XSD.',
  EBK_CHECK_CRASHED: 'A conformance check threw.',
  EBK_UNREACHABLE: 'The broker could not be reached.',
  EBK_DEADLINE: 'The run exceeded its deadline.',
  EBK_MIGRATE_UNMAPPED: 'Part of an older-generation document has no 1.0 equivalent; migrate left it as it was.',
  EBK_CITATION:
    'The text and the requirement register disagree: a chapter cites an ID the register lacks, or no chapter cites an entry.',
  EBK_REF_OUTSIDE:
    "A $ref of a linted tree points to a URL or outside the root file's directory; it was not followed (nothing is fetched).",
  EBK_OPTIONAL_MISSING:
    'An optional dependency (redocly, SQLite) is not installed; what needs it was skipped or refused.',
} as const;

export type ToolkitErrorCode = keyof typeof TOOLKIT_ERROR_CODES;

/** An error the CLI turns into a clear one-line message and exit code 2. */
export interface ToolkitError {
  code: ToolkitErrorCode;
  message: string;
}

export function toolkitError(code: ToolkitErrorCode, message: string): ToolkitError {
  return { code, message };
}

export function isToolkitErrorCode(value: string): value is ToolkitErrorCode {
  return Object.hasOwn(TOOLKIT_ERROR_CODES, value);
}

export function isToolkitError(value: unknown): value is ToolkitError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    (value as { code: string }).code in TOOLKIT_ERROR_CODES
  );
}
