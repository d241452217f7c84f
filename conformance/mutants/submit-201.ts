import type { Mutant } from './proxy.js';
import { startProxied } from './proxy.js';

/** Answers POST /requests 201 Created (the offer set as its body, its URL as Location) where 303 or 200 is due. */
const mutant: Mutant = {
  id: 'submit-201',
  description: 'Answers POST /requests 201 Created with the offer set, instead of 303 or 200',
  requirements: ['EB-HTTP-06'],
  catches: ['core-submit-redirect'],
  start: () =>
    startProxied({
      response: (req, res) => (req.path === '/requests' && res.status === 303 ? { ...res, status: 201 } : res),
    }),
};

export default mutant;
