export * from './personal-data-audit';
export * from './personal-data-reads.projection';
