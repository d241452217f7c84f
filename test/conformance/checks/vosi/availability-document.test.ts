import { testCheck } from '../../helpers/test-check.js';

testCheck('vosi-availability-document');
