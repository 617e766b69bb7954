import { describe, expect, it, vi } from 'vitest';
import { downloadTextFile, exportFileName } from './download-file';

describe('downloadTextFile', () => {
  it('clicks a download link to an object URL holding the text', async () => {
    let blob: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blob = b as Blob;
      return 'blob:parley/1';
    });
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: { href: string; download: string; attached: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({ href: this.href, download: this.download, attached: this.isConnected });
    });

    downloadTextFile('out.json', '{"a":1}');

    expect(clicked).toEqual([{ href: 'blob:parley/1', download: 'out.json', attached: true }]);
    expect(blob?.type).toBe('application/json');
    expect(await blob?.text()).toBe('{"a":1}');
    expect(document.querySelector('a[download]')).toBeNull();
    await vi.waitFor(() => expect(revoke).toHaveBeenCalledWith('blob:parley/1'));
  });
});

describe('exportFileName', () => {
  it('uses the local date', () => {
    expect(exportFileName(new Date(2025, 0, 5, 23, 59))).toBe('parley-settings-2025-01-05.json');
  });
});
