/**
 * Every flow linked in (the npm build's `mountWidget`, tests): the loader gives each at once.
 * @module
 */
import { codeFlow, conversationsFlow, endingFlow, guardFlow, offlineFlow, previewFlow } from './modules';
import type { FlowLoader, FlowModules } from './types';

const LINKED: FlowModules = {
  verify: codeFlow,
  ending: endingFlow,
  conversations: conversationsFlow,
  offline: offlineFlow,
  preview: previewFlow,
  guard: guardFlow,
};

/** The loader over the linked-in flows. */
export const linkedFlows: FlowLoader = (name) => LINKED[name];
