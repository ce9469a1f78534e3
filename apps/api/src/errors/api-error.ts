/** The API's error vocabulary is the application layer's: the CLI reports the same codes. */
export * from '@ashiato/application/errors/api-error';
