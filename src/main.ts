// Composition root. The HTTP server arrives with the API issue; until then `npm start`
// prints the command line's help.
import { buildProgram } from './cli/index.js';

void buildProgram;
