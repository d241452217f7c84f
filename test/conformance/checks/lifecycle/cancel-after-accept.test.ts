import { testCheck } from '../../helpers/test-check.js';

testCheck('lifecycle-cancel-after-accept');
