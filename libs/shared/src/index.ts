export * from './roles';
export * from './credit-code';
export * from './divisions';
export * from './errors';
export * from './pagination';
export * from './password';
export * from './auth';
export * from './foundation-types';
