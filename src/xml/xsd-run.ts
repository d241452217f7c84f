/** What every XSD engine is given and answers, so the findings are built once (validate-xsd.ts). */

/** One document handed to libxml2, named `document-<i>.xml` so errors can be traced back to it. */
export interface XsdFile {
  fileName: string;
  contents: string;
}

/** One error as libxml2's xmllint prints it ("file:line: message"), as xmllint-wasm parses it. */
export interface XsdError {
  rawMessage: string;
  message: string;
  loc: { fileName: string; lineNumber: number } | null;
}

export interface XsdRun {
  valid: boolean;
  errors: readonly XsdError[];
}
