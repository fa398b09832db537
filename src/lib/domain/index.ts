/**
 * Pure domain rules of Kedang: no Svelte, Dexie, PocketBase or DOM. Import from
 * `$lib/domain`.
 */
export * from './text';
export * from './iso-date';
export * from './credit-code';
export * from './forbidden-data';
export * from './phone';
export * from './email';
export * from './company-name';
export * from './industry';
export * from './working-days';
export * from './completeness';
export * from './schemas';
