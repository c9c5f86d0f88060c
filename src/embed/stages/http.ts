/** Stage file `support-chat.http.js`: the HTTP long-polling transport (with ky). @module */
import { createHttpTransport } from '../../transports/http';
import { defineStage } from './registry';

defineStage('http', __SC_BUILD__, { createHttpTransport });
