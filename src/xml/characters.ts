/**
 * A character XML 1.0 does not allow anywhere, even as a reference (§2.2 Char): C0 controls but tab and line ends,
 * a lone surrogate, U+FFFE and U+FFFF. The reader refuses them, the writer replaces them, and the validator reports
 * a string holding one (EB-XML-02): one definition for the three.
 */
export const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
