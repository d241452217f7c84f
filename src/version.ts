/** Toolkit version, reported in findings output, SARIF and reports. */
export const TOOLKIT_VERSION = '0.1.0';
/** The version of the standard this toolkit implements. */
export const STANDARD_VERSION = '1.0';
