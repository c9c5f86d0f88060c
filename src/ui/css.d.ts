/** CSS files imported as text (`import css from './x.css?inline'`), applied to the shadow root. */
declare module '*.css?inline' {
  const css: string;
  export default css;
}
