export * from './organisations';
export * from './users';
export * from './citizens';
export * from './cover';
export * from './consent';
export * from './plan';
export * from './journal';
export * from './audit';
