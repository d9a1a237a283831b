export * from './household';
export * from './organization';
export * from './parcel';
export * from './person';
export * from './user';
export * from './welfare';
