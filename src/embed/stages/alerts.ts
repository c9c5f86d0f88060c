/** Stage file `support-chat.alerts.js`: the optional sound and title badge. @module */
import { watchSound } from '../sound';
import { watchTitle } from '../title-badge';
import { defineStage } from './registry';

defineStage('alerts', __SC_BUILD__, { watchSound, watchTitle });
