export * from './types';
export * from './numerals';
export * from './refs';
export * from './errors';
export * from './text';
export * from './messages';
export * from './address';
