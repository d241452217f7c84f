import { testCheck } from '../../helpers/test-check.js';

testCheck('core-one-slot-per-offer');
