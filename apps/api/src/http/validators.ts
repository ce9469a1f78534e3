export { ID_PATTERN } from '@ashiato/domain';
