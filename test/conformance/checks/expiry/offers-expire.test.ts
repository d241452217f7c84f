import { testCheck } from '../../helpers/test-check.js';

testCheck('expiry-offers-expire');
