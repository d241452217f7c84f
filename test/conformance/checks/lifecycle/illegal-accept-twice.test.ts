import { testCheck, testOutcomeFor } from '../../helpers/test-check.js';

testCheck('lifecycle-illegal-accept-twice');
// A broker that ignores the accept has no accepted session to accept again: lifecycle-accept fails it (EB-UPD-08).
testOutcomeFor(
  'lifecycle-illegal-accept-twice',
  'accept-ignored',
  'skip',
  /after two accepts, the second answered HTTP 200, the session still reads OFFERED: neither was carried out.*the first accept.s answer showed OFFERED too/,
);
