import { testCheck } from '../../helpers/test-check.js';

testCheck('core-unreachable-data-no');
