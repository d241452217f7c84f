import { testCheck } from '../../helpers/test-check.js';

testCheck('core-interval-end-date');
