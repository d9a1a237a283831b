export * from './hlc';
export * from './merge';
export * from './protocol';
