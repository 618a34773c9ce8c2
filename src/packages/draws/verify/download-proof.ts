/**
 * h5: saves the proof file through the browser (a Blob and a download link). The mini-program has
 * no such download; there the page says to open it in a browser. Returns whether it saved.
 */
export function downloadJson(fileName: string, data: unknown): boolean {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined' || typeof URL.createObjectURL !== 'function') return false;
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}
