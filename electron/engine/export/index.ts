export * from './report';
export * from './html';
export * from './docx';
