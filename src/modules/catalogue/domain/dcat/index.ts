// The DCAT-AP 3 export of the catalogue (pure): the graph, its Turtle and JSON-LD serializations, and the
// strict date checks the export relies on. Mapping and conformance: docs/dcat-export.md.
export type { DcatCatalogueInfo, DcatDatasetInput, DcatOptions, DcatScope } from './types.js';
export { buildDcatGraph, ownNamespace } from './graph.js';
export { toTurtle } from './turtle.js';
export { toJsonLd, toJsonLdText, type JsonLdDocument, type JsonLdNode, type JsonLdValue } from './jsonld.js';
export { prefixesFor } from './prefixes.js';
export { isXsdDate, isXsdDateTime, toXsdDateTime } from './xsd-datetime.js';
export { DEFAULT_LICENCE } from './vocabulary.js';
