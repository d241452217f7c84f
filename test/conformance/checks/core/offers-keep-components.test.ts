import { testCheck } from '../../helpers/test-check.js';

testCheck('core-offers-keep-components');
