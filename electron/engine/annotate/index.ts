export * from './types';
export * from './anchor';
export * from './store';
