export { configureHttpEdge } from '@pls/platform-host';
