import { testCheck } from '../../helpers/test-check.js';

// The reference broker gives its components no meta.url; the independent broker, which does, proves the pass.
testCheck('core-component-urls', { reference: 'na' });
