/** The Simplified Chinese table, made from zh-Hant.json by OpenCC at build time (vite.config.ts). */
declare module 'virtual:rnnlab-zh-Hans' {
  const table: Record<string, string>;
  export default table;
}
