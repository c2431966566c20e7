import type { Page } from 'playwright-core';

/**
 * Starts recording every `aria-valuenow` a progress bar on the page shows (a MutationObserver in
 * the page); the returned function stops and hands over the values in order.
 */
export async function recordProgressValues(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const values: number[] = [];
    const read = () => {
      for (const bar of document.querySelectorAll('[role="progressbar"], progress')) {
        const value = Number(bar.getAttribute('aria-valuenow'));
        if (bar.hasAttribute('aria-valuenow') && values.at(-1) !== value) values.push(value);
      }
    };
    const observer = new MutationObserver(read);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
    Object.assign(window, { progressRecording: { values, stop: () => observer.disconnect() } });
  });
  return () =>
    page.evaluate(() => {
      const recording = (window as unknown as { progressRecording: { values: number[]; stop(): void } }).progressRecording;
      recording.stop();
      return recording.values;
    });
}

/**
 * Limits the page's upload bandwidth through the DevTools protocol until the returned function is
 * called (the limit lives as long as the protocol session, so that function also ends it).
 */
export async function throttleUploads(page: Page, bytesPerSecond: number): Promise<() => Promise<void>> {
  const session = await page.context().newCDPSession(page);
  await session.send('Network.enable');
  await session.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
  return async () => {
    await session.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await session.detach();
  };
}
