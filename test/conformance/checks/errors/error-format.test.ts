import { testCheck, testOutcomeFor } from '../../helpers/test-check.js';

testCheck('errors-error-format');
// A 400 for an unknown uuid breaks EB-ERR-03 (errors-unknown-session's); its error document's format is still right.
testOutcomeFor('errors-error-format', 'unknown-uuid-400', 'pass', /follow Accept and default to YAML/);
