import { testCheck } from '../../helpers/test-check.js';

testCheck('core-storage-meets-minimum');
