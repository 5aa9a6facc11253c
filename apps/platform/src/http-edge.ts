export { createHttpAdapter } from '@pls/platform-host';
