import { testBrokenFor, testCheck } from '../../helpers/test-check.js';

testCheck('negotiation-json-in-out');
// The body is JSON under a wrong label: the label's requirement is broken, not the one about reading JSON.
testBrokenFor('negotiation-json-in-out', 'json-labelled-yaml', 'EB-HTTP-14');
testBrokenFor('negotiation-json-in-out', 'mislabelled-json', 'EB-HTTP-14');
