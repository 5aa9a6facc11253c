export declare const VERSION: string;
export interface FerretDbHandle {
  /** `mongodb://127.0.0.1:<port>/`, or MONGO_URL when that is set. */
  readonly uri: string;
  stop(): Promise<void>;
}
export declare function ensureFerretDb(options?: { cacheDir?: string }): Promise<FerretDbHandle>;
export declare function ensureBinary(): Promise<string>;
export declare function startFerretDb(options?: { port?: number; cacheDir?: string }): Promise<{ uri: string; pid: number; port: number }>;
export declare function stopFerretDb(options?: { cacheDir?: string }): Promise<void>;
export declare function ferretDbStatus(options?: { cacheDir?: string }): Promise<{ running: boolean; uri: string | null; binaryBuilt: boolean }>;
