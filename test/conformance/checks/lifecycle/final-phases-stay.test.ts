import { testCheck } from '../../helpers/test-check.js';

testCheck('lifecycle-final-phases-stay');
