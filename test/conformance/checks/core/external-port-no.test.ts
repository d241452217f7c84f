import { testCheck } from '../../helpers/test-check.js';

testCheck('core-external-port-no');
