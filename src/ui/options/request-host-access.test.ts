import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { requestHostAccess } from './request-host-access';

describe('requestHostAccess', () => {
  it('asks Chrome for the origin of a local server', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    await expect(requestHostAccess('http://localhost:11434/v1')).resolves.toEqual({
      status: 'granted',
      origin: 'http://localhost:11434',
    });
    expect(request).toHaveBeenCalledWith({ origins: ['http://localhost:11434/*'] });
  });

  it('asks synchronously, before returning, so the user gesture is still active', () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    void requestHostAccess('http://127.0.0.1:8080/v1');
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('does not ask for OpenAI', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    await expect(requestHostAccess('https://api.openai.com/v1')).resolves.toEqual({
      status: 'not-needed',
    });
    expect(request).not.toHaveBeenCalled();
  });

  it('reports a refusal, a rejected promise and a thrown error alike', async () => {
    const refused = { status: 'refused', origin: 'http://localhost:1234' };
    const request = vi.spyOn(fakeBrowser.permissions, 'request');
    request.mockResolvedValueOnce(false);
    await expect(requestHostAccess('http://localhost:1234/v1')).resolves.toEqual(refused);
    request.mockRejectedValueOnce(new Error('no gesture'));
    await expect(requestHostAccess('http://localhost:1234/v1')).resolves.toEqual(refused);
    request.mockImplementationOnce(() => {
      throw new Error('bad pattern');
    });
    await expect(requestHostAccess('http://localhost:1234/v1')).resolves.toEqual(refused);
  });
});
