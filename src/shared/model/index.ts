export * from './organization';
export * from './user';
