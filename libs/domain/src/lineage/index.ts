export * from './lineage-report';
export * from './build-lineage';
export * from './erasure-obligations';
export * from './render-lineage-html';
export { escapeHtml } from './html';
export * from './erasure-rows';
