import { testCheck } from '../../helpers/test-check.js';

testCheck('expiry-accept-expired-refused');
