/** Stage file `support-chat.sensitive.js`: the sensitive-data detector, fetched when a message first may hold a card number or a code. @module */
import { findSensitive, maskSensitive } from '../../protocol/sensitive';
import { defineStage } from './registry';

defineStage('sensitive', __SC_BUILD__, { findSensitive, maskSensitive });
