import { testCheck } from '../../helpers/test-check.js';

testCheck('core-parameters-wired');
