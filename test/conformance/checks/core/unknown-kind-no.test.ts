import { testCheck } from '../../helpers/test-check.js';

testCheck('core-unknown-kind-no');
