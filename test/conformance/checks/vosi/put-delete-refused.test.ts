import { testCheck } from '../../helpers/test-check.js';

testCheck('vosi-put-delete-refused');
