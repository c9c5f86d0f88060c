/** Stage file `support-chat.memory.js`: the in-page memory transport with the demo bot. @module */
import { createMemoryTransport } from '../../transports/memory';
import { defineStage } from './registry';

defineStage('memory', __SC_BUILD__, { createMemoryTransport });
