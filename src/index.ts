/**
 * support-chat: an embeddable customer-support chat widget.
 * Public npm entry: `createSupportChat`, the transports, the core engine and every public type.
 * @module
 */
export { createSupportChat, HOST_TAG } from './embed/create-support-chat';
export type { SupportChat, SupportChatSnapshot, SupportChatUpdate } from './embed/create-support-chat';
export { EnvironmentError, isEnvironmentError } from './embed/errors';
export type { SupportChatOptions, WidgetPosition } from './embed/options';
export type { IdentifySignature, IdentifyUser } from './embed/identify';
export * from './core/index';
export * from './transports/index';
export { BUILT_IN_LOCALES, createI18n, directionOf, negotiateLocale, registerLocale, registeredLocales } from './i18n';
export type { BuiltInLocale, Direction, I18n, LocaleDefinition, Messages, NegotiateOptions, SupportedLocale } from './i18n';
/** Version of this build. */
export const VERSION: string = __SC_VERSION__;
