/**
 * Requirements a check cites that no mutant of the reference broker can make that check fail, each with the
 * reason. `ebkit coverage` never counts these as covered by a check; test/conformance/mutants.test.ts requires
 * every other requirement a check cites to be broken by a mutant that the check catches.
 */
export const UNBREAKABLE: Readonly<Record<string, string>> = {
  'EB-HTTP-08':
    'A MAY (XML is optional): no broker behaviour breaks it; XML brokers are judged under EB-HTTP-16 and EB-XML-01/03.',
  'EB-UPD-10':
    'A MAY (the accept answer may already show a later phase): no broker behaviour breaks it; lifecycle-phases-follow-table reads such an answer as passing through ACCEPTED.',
  'EB-HTTP-09': 'A client rule (follow the 303 with GET): the runner obeys it itself; no broker behaviour breaks it.',
};
