export { pdfText } from '../../libs/documents/src/testing';
