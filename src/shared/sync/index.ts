export * from './hlc';
export * from './merge';
export * from './permissions';
export * from './protocol';
export * from './pulled';
export * from './upgrade';
export * from './validate';
