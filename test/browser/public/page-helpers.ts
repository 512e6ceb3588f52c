import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeViolations } from '../../support/browser.js';

/** Where screenshots of the pages are kept (git-ignored), one per page type and viewport. */
export const PAGE_ARTIFACTS = 'test-artifacts/pages';
export const DESKTOP = { width: 1280, height: 900 };
/** An ordinary phone: 390 CSS pixels wide. */
export const PHONE = { width: 390, height: 844 };

/** Presses Tab until the element matching `selector` has focus (as a keyboard user would), or fails. */
export async function tabTo(page: Page, selector: string, maxPresses = 60): Promise<void> {
  for (let presses = 0; presses <= maxPresses; presses += 1) {
    const there = await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector);
    if (there) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The focused element's outline, to prove keyboard focus is visible. */
export function focusOutline(page: Page): Promise<{ style: string; width: string }> {
  return page.evaluate(() => {
    const focused = document.activeElement;
    if (!focused) return { style: 'none', width: '0px' };
    const style = getComputedStyle(focused);
    return { style: style.outlineStyle, width: style.outlineWidth };
  });
}

/**
 * Checks the page with axe-core (WCAG 2.1 A and AA) and keeps a full-page screenshot at the
 * desktop and the phone width; the page must not scroll sideways on the phone.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), name).toEqual([]);
  await mkdir(PAGE_ARTIFACTS, { recursive: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: `${PAGE_ARTIFACTS}/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize(PHONE);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} scrolls sideways on a phone`).toBeLessThanOrEqual(0);
  expect(await axeViolations(page), `${name} (phone)`).toEqual([]);
  await page.screenshot({ path: `${PAGE_ARTIFACTS}/${name}-phone.png`, fullPage: true });
  await page.setViewportSize(DESKTOP);
}
