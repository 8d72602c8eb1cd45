// Makes the README's screenshot from the real app in web mode: `npm run screenshot`.
import { launchBrowser } from './browser';
import { serveWebApp } from './webApp';

const OUT = 'build/readme/screenshot.png';

const server = await serveWebApp();
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(server.url);
  for (const title of ['Offline sync for the mobile app', 'Billing v2 migration', 'Real-time Collaboration System']) {
    await page.getByLabel('New plan').fill(title);
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.locator('.plan-view__title').waitFor();
    await page.getByRole('button', { name: 'Back to plans' }).click();
  }
  await page.screenshot({ path: OUT });
  console.log(`wrote ${OUT}`);
} finally {
  await browser.close();
  await server.close();
}
