import { testCheck } from '../../helpers/test-check.js';

testCheck('core-unmanaged-storage-no');
