import { testCheck } from '../../helpers/test-check.js';

testCheck('errors-body-too-large');
