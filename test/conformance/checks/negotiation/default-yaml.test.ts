import { testCheck, testOutcomeFor } from '../../helpers/test-check.js';

testCheck('negotiation-default-yaml');
// A 201 for POST /requests breaks EB-HTTP-06, which core-submit-redirect judges: the body was read all the same.
testOutcomeFor(
  'negotiation-default-yaml',
  'submit-201',
  'skip',
  /answered 201.*\(EB-HTTP-06, which this check does not judge\)/,
);
