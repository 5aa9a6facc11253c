export * from './errors';
export * from './ids';
export * from './clock';
export * from './calendar';
export * from './parties';
export * from './regions';
export * from './caller';
export * from './input';
