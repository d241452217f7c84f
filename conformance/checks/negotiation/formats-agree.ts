import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { get, isDoc, type Doc } from '../../lib/context.js';
import { compareReadings, type Comparison } from '../../lib/same-document.js';
import type { RequirementId } from '../../verdict.js';

/** How a disagreement reads in a message: where, and what each form says. */
const said = (c: Comparison, name: string): string => {
  const [d] = c.disagreements;
  if (!d) return '';
  const more = c.disagreements.length > 1 ? ` (and ${c.disagreements.length - 1} more)` : '';
  return `at ${d.pointer} the ${name} form says ${d.second} where JSON says ${d.first}${more}`;
};

/** The phase and modified time of a reading: what tells that the offer itself changed between two reads. */
const stateOf = (doc: Doc): string => `${String(doc['phase'])}|${String(get(doc, 'meta', 'modified'))}`;

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-XML-02', 'EB-HTTP-04'],
  title: 'One offer read as JSON, YAML and XML says the same in each format',
  async run(ctx: CheckContext) {
    // Memory unlike the cores, so that a form writing one for the other cannot agree by chance.
    const { offers } = await ctx.offers(1, { cores: { min: 1, max: 1 }, memory: { min: 2, max: 2 } });
    const url = ctx.sessionUrl(offers[0]);
    // Read in turn; an offer that changed meanwhile (accepted elsewhere, expired) is read again once.
    for (let attempt = 0; ; attempt++) {
      const jsonEx = await ctx.get(url, { accept: 'json', expect: 'session' });
      ctx.ensure(
        jsonEx.status === 200,
        `GET ${url} answered ${jsonEx.status}, expected 200 with the session`,
        'EB-UPD-01',
      );
      const json = ctx.sessionOf(jsonEx, `GET ${url}`, 'EB-UPD-01');
      const yaml = await ctx.session(url, 'yaml');
      const xml = await ctx.get(url, { accept: 'xml', expect: 'session' });
      const xmlDoc = xml.status === 200 && isDoc(xml.value) ? xml.value : undefined;
      const again = await ctx.session(url, 'json');
      if (stateOf(again) !== stateOf(json)) {
        if (attempt === 0) continue;
        ctx.skip('the offer changed phase while its forms were read, twice; its forms could not be compared');
      }
      const byYaml = compareReadings(json, yaml);
      const byXml = xmlDoc ? compareReadings(json, xmlDoc) : undefined;
      const fail = (c: Comparison, name: string, requirement: RequirementId): void =>
        ctx.ensure(
          c.disagreements.length === 0,
          `the offer ${url} read as ${name} and as JSON differs: ${said(c, name)}`,
          requirement,
        );
      fail(byYaml, 'YAML', 'EB-HTTP-04');
      // YAML carries whatever JSON does: a member it leaves out is lost.
      ctx.ensure(
        byYaml.onlyFirst.length === 0,
        `the offer ${url} read as YAML lacks ${byYaml.onlyFirst.length} member(s) the JSON form has (${byYaml.onlyFirst.slice(0, 3).join(', ')})`,
        'EB-HTTP-04',
      );
      if (byXml) fail(byXml, 'XML', 'EB-XML-02');
      // XML not offered (406) is negotiation-xml-in-out's to judge; JSON and YAML are compared all the same. The XSD
      // has an element for every member the standard defines, so only a member the validator found unknown in the
      // JSON form (EB-DM-08, an extension) may be missing from the XML.
      const extensions = jsonEx.findings.filter((f) => f.ruleId === 'EB-DM-08').map((f) => f.pointer);
      const isExtension = (p: string): boolean => extensions.some((e) => p === e || p.startsWith(`${e}/`));
      const lost = (byXml?.onlyFirst ?? []).filter((p) => !isExtension(p));
      ctx.ensure(
        lost.length === 0,
        `the offer ${url} read as XML lacks ${lost.length} member(s) of the standard the JSON form has (${lost.slice(0, 3).join(', ')})`,
        'EB-XML-02',
      );
      const notInXml =
        byXml && byXml.onlyFirst.length > 0
          ? `; ${byXml.onlyFirst.length} extension member(s) of the JSON form are not in the XML form (e.g. ${byXml.onlyFirst[0]}), which the XSD has no place for`
          : '';
      return {
        outcome: 'pass',
        message: `${byXml ? 'JSON, YAML and XML' : 'JSON and YAML'} forms of the offer agree${xmlDoc ? '' : ` (XML answered ${xml.status}, not compared)`}${notInXml}`,
      };
    }
  },
});
