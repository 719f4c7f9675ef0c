// axe-core in headless Chromium over a built site, in light and dark mode;
// exits 1 on any serious or critical violation. With --screens DIR, also
// saves full-page screenshots of each page at phone (390px) and desktop
// (1280px) width, light and dark (a dev aid: look at them, never commit them).
//
// usage: node scripts/ci/axe.js SITE_DIR PAGE... [--screens DIR]
// needs npm's axe-core and playwright-core (on NODE_PATH) and /usr/bin/chromium.
'use strict';
const path = require('path');
const fs = require('fs');
const { chromium } = require('playwright-core');
const axePath = require.resolve('axe-core/axe.min.js');

async function main() {
  const args = process.argv.slice(2);
  let screens = null;
  const i = args.indexOf('--screens');
  if (i >= 0) { screens = args[i + 1]; args.splice(i, 2); }
  const [site, ...pages] = args;
  if (!site || pages.length === 0) {
    console.error('usage: node axe.js SITE_DIR PAGE... [--screens DIR]');
    process.exit(2);
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  let failures = 0;
  for (const scheme of ['light', 'dark']) {
    for (const [label, width] of [['phone', 390], ['desktop', 1280]]) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height: 900 } });
      const page = await context.newPage();
      for (const rel of pages) {
        await page.goto('file://' + path.resolve(site, rel));
        if (screens) {
          fs.mkdirSync(screens, { recursive: true });
          // The top and the bottom of the page, each at most 1800px tall.
          const name = rel.replace(/[\/.]/g, '_') + `-${label}-${scheme}`;
          const h = await page.evaluate(() => document.documentElement.scrollHeight);
          const tall = Math.min(h, 1800);
          await page.screenshot({ path: path.join(screens, name + '-top.png'), fullPage: true,
                                  clip: { x: 0, y: 0, width, height: tall } });
          if (h > tall) {
            await page.screenshot({ path: path.join(screens, name + '-end.png'), fullPage: true,
                                    clip: { x: 0, y: h - tall, width, height: tall } });
          }
        }
        await page.addScriptTag({ path: axePath });
        const result = await page.evaluate(async () => await window.axe.run(document, {
          resultTypes: ['violations'],
        }));
        for (const v of result.violations) {
          const bad = v.impact === 'serious' || v.impact === 'critical';
          if (bad) failures++;
          console.log(`${bad ? 'FAIL' : 'note'} [${scheme} ${label}] ${rel}: ${v.id} (${v.impact}) ${v.help}`);
          for (const n of v.nodes.slice(0, 5)) {
            console.log('    ' + n.target.join(' ') + ' ' + (n.failureSummary || '').split('\n').slice(1).join(' '));
          }
        }
      }
      await context.close();
    }
  }
  if (screens) {
    // How print looks (the print stylesheet), at A4-ish width.
    const context = await browser.newContext({ viewport: { width: 800, height: 1100 } });
    const page = await context.newPage();
    await page.emulateMedia({ media: 'print' });
    for (const rel of pages) {
      await page.goto('file://' + path.resolve(site, rel));
      const name = rel.replace(/[\/.]/g, '_') + '-print.png';
      await page.screenshot({ path: path.join(screens, name), fullPage: true,
                              clip: { x: 0, y: 0, width: 800, height: 1600 } });
    }
    await context.close();
  }
  await browser.close();
  console.log(failures ? `axe: ${failures} serious or critical violations` : 'axe: no serious or critical violations');
  process.exit(failures ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(2); });
