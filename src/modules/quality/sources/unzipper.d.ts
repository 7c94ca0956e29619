// The part of unzipper (a dependency of exceljs, used directly by the XLSX source) that the source calls: the
// archive's central directory, whose entries can be read in any order.
declare module 'unzipper' {
  import type { Readable } from 'node:stream';

  export interface CentralDirectoryFile {
    path: string;
    type: 'File' | 'Directory';
    uncompressedSize: number;
    compressedSize: number;
    compressionMethod: number;
    flags: number;
    offsetToLocalFileHeader: number;
    stream(): Readable;
    buffer(): Promise<Buffer>;
  }

  export interface CentralDirectory {
    files: CentralDirectoryFile[];
  }

  export const Open: {
    file(path: string): Promise<CentralDirectory>;
  };
}
