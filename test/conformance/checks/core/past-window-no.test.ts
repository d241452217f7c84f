import { testCheck } from '../../helpers/test-check.js';

testCheck('core-past-window-no');
