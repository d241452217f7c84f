import { testCheck } from '../../helpers/test-check.js';

testCheck('errors-min-above-max');
