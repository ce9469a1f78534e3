export * from './reportability';
export * from './deadline-clocks';
export * from './appi-report-draft';
export * from './breach-state';
export * from './assess-breach';
export * from './render-report-html';
