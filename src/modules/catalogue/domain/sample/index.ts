// Reading a steward's sample file and guessing item types (pure).
export { CsvError, parseCsv, type CsvTable } from './csv.js';
export { inferType, itemNameFor, type SampleType } from './infer.js';
