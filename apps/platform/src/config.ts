// The configuration is shared by every process of both modes; it lives in the host library.
export { loadConfig, type PlatformConfig } from '@pls/platform-host';
