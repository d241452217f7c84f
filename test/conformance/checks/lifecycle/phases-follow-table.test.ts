import { testCheck, testOutcomeFor } from '../../helpers/test-check.js';

testCheck('lifecycle-phases-follow-table');
// A broker that ignores the accept has no accepted session to follow: lifecycle-accept fails it (EB-UPD-08).
testOutcomeFor(
  'lifecycle-phases-follow-table',
  'accept-ignored',
  'skip',
  /the accept was answered 200 but the session reads OFFERED afterwards: it was not accepted/,
);
