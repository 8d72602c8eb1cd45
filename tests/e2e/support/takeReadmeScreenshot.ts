// Makes the README's screenshots from the real app in web mode: `npm run screenshot`.
import { launchBrowser } from './browser';
import { serveWebApp } from './webApp';

const server = await serveWebApp();
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto(server.url);
  await page.getByRole('button', { name: 'New from example' }).click();
  await page.locator('.workstream-node').first().waitFor();
  await page.getByRole('button', { name: 'Fit plan to view' }).click();
  await page.waitForTimeout(600);
  await page.getByRole('button', { name: 'Zoom In' }).click();
  await page.getByRole('button', { name: 'Zoom In' }).click();
  await page.waitForTimeout(400);
  // Select a task so the inspector shows what can be edited.
  await page.locator('.react-flow__node').filter({ hasText: 'Conflict resolution engine' }).first().click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'build/readme/screenshot.png' });
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'build/readme/timeline.png' });
  console.log('wrote build/readme/screenshot.png and build/readme/timeline.png');
} finally {
  await browser.close();
  await server.close();
}
