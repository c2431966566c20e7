import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { recordSkip } from '../../../test/support/skips';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * The design notes' flags (§8): headless, no sandbox (containers), no GPU, no background
 * networking (no calls home). Autoplay without a gesture lets the test start the video itself.
 */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'];

/** True when Debian's chromium is installed; CI installs it, so there the suite always runs. */
export function chromiumAvailable(): boolean {
  const available = existsSync(CHROMIUM);
  if (!available && process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing, but CI must run the browser test (apt-get install -y chromium)`);
  if (!available) recordSkip(`${CHROMIUM} is not installed (apt-get install -y chromium); the browser test did not run`);
  return available;
}

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });

/** The two screens every flow runs at: a desktop window and a phone held upright. */
export const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;
