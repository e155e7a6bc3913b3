export * from './report';
export * from './html';
export * from './docx';
export * from './pdf-info';
export * from './appendix';
