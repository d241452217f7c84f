import { testCheck } from '../../helpers/test-check.js';

testCheck('errors-names-unique-across');
