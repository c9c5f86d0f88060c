/**
 * Stage file `support-chat.panel.js`: the chat dialog, and the English strings it uses. Its
 * rarely met flows are stage files of their own (verify, ending, conversations, offline, guard),
 * built over this one: it publishes the modules they share with it as `SupportChat.__panel`.
 * @module
 */
import { shared } from 'virtual:support-chat-panel-shared';
import { enDialog } from '../../i18n/locales/en-dialog';
import { registerEnglish } from '../../i18n/translator';
import { createPanelRenderer } from '../../ui/panel';
import type { FlowLoader } from '../../ui/panel';
import { defineStage, loadStage, stageIfLoaded } from './registry';

const loadFlow: FlowLoader = (name) => stageIfLoaded(name) ?? loadStage(name);

const page = globalThis as { SupportChat?: Record<string, unknown> };
if (page.SupportChat) page.SupportChat.__panel = shared;
registerEnglish(enDialog);
defineStage('panel', __SC_BUILD__, { renderPanel: createPanelRenderer(loadFlow) });
