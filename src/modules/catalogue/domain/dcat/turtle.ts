// Turtle through the n3 writer, whose escaping (quotes, backslashes, control characters, non-BMP characters
// as \U escapes) is well tested; we only make sure every IRI handed to it is writable (iri.ts).
import { Writer } from 'n3';
import { buildDcatGraph, ownNamespace } from './graph.js';
import { prefixesFor } from './prefixes.js';
import type { DcatCatalogueInfo, DcatDatasetInput, DcatOptions } from './types.js';

/** Serializes the catalogue as DCAT-AP 3 Turtle (UTF-8 text; serve as text/turtle; charset=utf-8). */
export function toTurtle(
  info: DcatCatalogueInfo,
  datasets: readonly DcatDatasetInput[],
  options: DcatOptions = {},
): string {
  const quads = buildDcatGraph(info, datasets, options);
  const writer = new Writer({ format: 'text/turtle', prefixes: prefixesFor(ownNamespace(info)) });
  writer.addQuads(quads);
  let text: string | undefined;
  let failure: Error | undefined;
  // Without an output stream the writer collects into a string and calls back synchronously.
  writer.end((error: Error | null, result: string) => {
    if (error) failure = error;
    else text = result;
  });
  if (failure) throw failure;
  if (text === undefined) throw new Error('the Turtle writer did not finish synchronously');
  return text;
}
