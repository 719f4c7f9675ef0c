// Drives Chromium through a built vanban site, as a reader would.
//   node tests/browser/check.js <base URL ending in />
// The base is file:///.../public/ or http://127.0.0.1:PORT/ (vanban serve);
// with vanban serve, a second argument names its content folder, and the
// open page must reload by itself after a new article is added there.
// Run by tests/browser.rs; needs `npm install` here (scripts/ci/search.sh)
// and Debian's chromium (CHROMIUM overrides its path).
"use strict";
const assert = require("node:assert");
const { chromium } = require("playwright-core");

const base = process.argv[2];
const liveSeeds = process.argv[3];
if (!base || !base.endsWith("/")) throw new Error("usage: check.js <base URL ending in />");

const BAC_KAN = /Công tác xây dựng tổ chức cơ sở đảng/; // seeds/002: Chỉ thị số 05-CT/TW, 22-NQ/TW
const VINH_PHUC = /Đảng bộ trong sạch vững mạnh ở Vĩnh Tường/; // seeds/004: Chỉ thị 05 của Bộ Chính trị

async function results(page) {
  await page.waitForFunction(() => {
    const s = document.getElementById("search-status");
    return s && s.textContent && !/Đang tìm/.test(s.textContent) &&
      (document.querySelector("#search-results li") || /Không/.test(s.textContent));
  }, null, { timeout: 20000 });
  return page.$$eval("#search-results li", (lis) => lis.map((li) => ({
    title: li.querySelector("h2 a").textContent,
    href: li.querySelector("h2 a").getAttribute("href"),
    marks: li.querySelectorAll("mark").length,
    cites: Array.from(li.querySelectorAll(".cites a"), (a) => a.textContent),
  })));
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--allow-file-access-from-files"],
  });
  const errors = [];
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(20000);
    page.on("pageerror", (e) => errors.push(e.message));
    // Nothing may leave the site: no CDN, no fonts, nothing absolute.
    page.on("request", (r) => {
      const u = r.url();
      if (!u.startsWith(base) && !u.startsWith("data:")) errors.push("request outside the site: " + u);
    });

    // The search box on the home page: Enter goes to the search page.
    await page.goto(base + "index.html");
    await page.fill("#site-q", "chi thi 05");
    await page.press("#site-q", "Enter");
    await page.waitForURL(/search\.html\?q=chi(\+|%20)thi(\+|%20)05/);
    let found = await results(page);
    assert.ok(found.length > 0, "chi thi 05: no results");
    assert.match(found[0].title, /^Chỉ thị số 05-CT\/TW/, "the directive's page comes first");
    assert.ok(found.slice(0, 3).some((r) => BAC_KAN.test(r.title)), "Bắc Kạn article: " + JSON.stringify(found));
    assert.ok(found.slice(0, 3).some((r) => VINH_PHUC.test(r.title)), "Vĩnh Phúc article: " + JSON.stringify(found));
    assert.ok(found.every((r) => r.marks > 0), "every result has the match marked");
    const bk = found.find((r) => BAC_KAN.test(r.title));
    assert.ok(bk.cites.some((c) => /05-CT\/TW/.test(c)), "the directives involved are listed");
    assert.strictEqual(await page.inputValue("#q"), "chi thi 05");
    assert.match(await page.textContent("#search-status"), /Tìm thấy \d+ kết quả/);
    // Every index file came by a script tag.
    const scripts = await page.$$eval("script[src]", (s) => s.map((x) => x.getAttribute("src")));
    assert.ok(scripts.some((s) => /^search\/s(-[a-z0-9_]+)?\.js$/.test(s)), "a shard by <script src>: " + scripts);

    // Keyboard: arrow down from the field reaches the first result.
    await page.focus("#q");
    await page.keyboard.press("ArrowDown");
    assert.strictEqual(await page.evaluate(() => document.activeElement.getAttribute("href")), found[0].href);

    // A code in lower case, from the search page's own field.
    await page.fill("#q", "22-nq/tw");
    await page.press("#q", "Enter");
    await page.waitForURL(/q=22-nq%2Ftw/i);
    found = await results(page);
    assert.match(found[0].title, /^Nghị quyết số 22-NQ\/TW/, JSON.stringify(found));
    assert.match(found[0].href, /^directives\/22-nq-tw[a-z0-9-]*\.html$/);
    assert.ok(found.some((r) => BAC_KAN.test(r.title)), JSON.stringify(found));
    assert.ok(found.slice(1).every((r) => r.href.startsWith("articles/")), "then its articles");

    // Follow an article result, then a citation link in it.
    const article = found.find((r) => BAC_KAN.test(r.title));
    await page.click(`#search-results a[href="${article.href}"]`);
    await page.waitForURL(new RegExp(article.href.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "$"));
    assert.match(await page.textContent("h1"), BAC_KAN);
    const cite = page.locator("a.cite", { hasText: "22-NQ/TW" }).first();
    await cite.click();
    await page.waitForURL(/directives\/22-nq-tw[a-z0-9-]*\.html$/);
    assert.match(await page.textContent("h1"), /22-NQ\/TW/);

    // Nothing found is said plainly.
    await page.goto(base + "search.html?q=khongcotu%20zzqq");
    found = await results(page);
    assert.strictEqual(found.length, 0);
    assert.match(await page.textContent("#search-status"), /Không tìm thấy kết quả nào/);

    if (liveSeeds) {
      // Live reload: a new article appears in the open list, untouched.
      await page.goto(base + "articles.html");
      // Waited for, not flagged: the new text can show before the reloaded
      // page's load event has fired.
      const reloaded = page.waitForEvent("load", { timeout: 30000 });
      require("node:fs").writeFileSync(require("node:path").join(liveSeeds, "950_live.md"),
        "+++\ntitle = \"Bài thử tải lại trang\"\n+++\nNội dung.\n");
      await reloaded;
      await page.waitForFunction(() => document.body.textContent.includes("Bài thử tải lại trang"),
        null, { timeout: 30000 });
    }

    assert.deepStrictEqual(errors, []);
    console.log("browser checks passed: " + base);
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
