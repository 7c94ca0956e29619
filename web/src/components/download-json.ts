// Saves a value as a pretty-printed JSON file through the browser's download (a Blob URL: nothing is sent).

export function downloadJson(fileName: string, value: unknown): void {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled: the download has its own reference by then.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
