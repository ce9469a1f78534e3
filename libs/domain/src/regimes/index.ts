export * from './breach-regime';
export * from './appi/breach-appi';
export * from './appi-public/breach-appi-public';
export * from './gdpr/breach-gdpr';
