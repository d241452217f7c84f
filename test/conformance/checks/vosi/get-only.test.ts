import { testCheck } from '../../helpers/test-check.js';

testCheck('vosi-get-only');
