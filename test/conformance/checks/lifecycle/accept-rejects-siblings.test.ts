import { testCheck } from '../../helpers/test-check.js';

testCheck('lifecycle-accept-rejects-siblings');
