// Tests of static/search.js against an index that vanban built from
// tests/fixtures/search/. Run by tests/search.rs (which builds the index
// into VANBAN_SITE, once whole and once cut into small shards) and by
// scripts/ci/search.sh:  VANBAN_SITE=dir node --test tests/js/
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const site = process.env.VANBAN_SITE;
const sharded = process.env.VANBAN_SHARDED === "1";
if (!site) throw new Error("set VANBAN_SITE to a site built from tests/fixtures/search");

// A fresh page: the manifest and search.js, with script tags replaced by
// running the file (the browser tests cover real script tags).
function engine() {
  const window = {};
  const context = vm.createContext({ window });
  const loaded = [];
  const run = (rel) => {
    const file = path.join(site, rel);
    if (!fs.existsSync(file)) return false;
    loaded.push(rel);
    vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: rel });
    return true;
  };
  run("search/manifest.js");
  run("static/search.js");
  const S = window.VANBAN_SEARCH;
  S.loader = run;
  return { S, E: S.engine, loaded, window };
}

async function titles(q) {
  const { E } = engine();
  const found = await E.search(q);
  const docs = await E.documents(found.results);
  // Arrays made in this realm, so deepStrictEqual compares values only.
  return Array.from(docs, (d) => d.t);
}

test("folding: Đảng ~ dang, đ → d, tones removed", () => {
  const { E } = engine();
  assert.strictEqual(E.fold("Đảng"), "dang");
  assert.strictEqual(E.term("Đảng"), E.term("dang"));
  assert.strictEqual(E.term("05"), "5");
  assert.strictEqual(E.spelling("uỷ"), E.spelling("ủy"));
  assert.notStrictEqual(E.spelling("đường"), E.spelling("dương"));
});

test("search.js reads every word of the text as the Rust indexer did", async () => {
  // Each word of each document, split and folded here, must be a term the
  // index holds: the two tokenizers and folders agree.
  const { E, S } = engine();
  const all = [];
  for (let d = 0; d < S.manifest.docs; d++) all.push({ doc: d });
  const docs = await E.documents(all);
  let checked = 0;
  for (const d of docs) {
    const terms = Array.from(E.words(d.t + "\n" + d.x), (w) => E.term(w));
    await E.search(terms.join(" ")); // loads their shards
    for (const t of terms) {
      const shard = Object.values(S.shards).find((s) => s.t[t]);
      assert.ok(shard, `the index lacks ${JSON.stringify(t)} (from ${d.u})`);
      checked++;
    }
  }
  assert.ok(checked > 100, checked);
});

test("a query without diacritics finds the words with them", async () => {
  const t = await titles("dang vien");
  assert.ok(t.includes("Đảng viên ở Tây Dương"), t);
  assert.deepStrictEqual(await titles("ĐẢNG VIÊN"), t);
});

test("an exact-diacritic hit ranks above a folded one", async () => {
  const exact = "Mở đường cho phong trào";
  const folded = "Đảng viên ở Tây Dương";
  const a = await titles("đường");
  assert.ok(a.indexOf(exact) >= 0 && a.indexOf(folded) >= 0, a);
  assert.ok(a.indexOf(exact) < a.indexOf(folded), a);
  const b = await titles("dương");
  assert.ok(b.indexOf(folded) < b.indexOf(exact), b);
  const c = await titles("duong");
  assert.ok(c.includes(exact) && c.includes(folded), c);
});

test("adjacent words rank above scattered ones", async () => {
  const t = await titles("sinh hoat chi bo");
  const phrase = t.indexOf("Nâng cao chất lượng sinh hoạt chi bộ");
  const scattered = t.indexOf("Hoạt động của thôn bản");
  assert.ok(phrase >= 0 && scattered >= 0, t);
  assert.ok(phrase < scattered, t);
});

test("every word must match", async () => {
  assert.deepStrictEqual(await titles("đường zzzkhongco"), []);
  assert.deepStrictEqual(await titles(""), []);
});

for (const q of ["22-NQ/TW", "22-nq/tw", "22 - NQ/TW", "22nq/tw", "NQ 22", "nghị quyết 22", "nghi quyet so 22"]) {
  test(`the code ${JSON.stringify(q)} finds the directive first, then its article`, async () => {
    const t = await titles(q);
    assert.ok(t.length >= 2, t);
    assert.match(t[0], /^Nghị quyết số 22-NQ\/TW/);
    assert.ok(t.includes("Học tập nghị quyết về đối ngoại"), t);
  });
}

for (const q of ["chi thi 05", "Chỉ thị 05", "chỉ thị số 5", "5-ct/tw", "CT 05"]) {
  test(`${JSON.stringify(q)} finds Chỉ thị 05-CT/TW`, async () => {
    const t = await titles(q);
    assert.match(t[0], /^Chỉ thị số 05-CT\/TW/);
    assert.ok(t.includes("Học tập nghị quyết về đối ngoại"), t);
  });
}

test("a code does not match another number", async () => {
  const t = await titles("23-NQ/TW");
  assert.ok(!t.some((x) => /22-NQ/.test(x)), t);
});

test("snippets mark the words found", async () => {
  const { E } = engine();
  const found = await E.search("sinh hoạt chi bộ");
  const [doc] = await E.documents(found.results.slice(0, 1));
  const pieces = E.snippet(doc.x, found.query);
  const marked = Array.from(pieces.filter((p) => p[1]), (p) => p[0]);
  assert.ok(marked.join(" ").includes("sinh hoạt chi bộ"), marked);
  assert.ok(!marked.includes("Các"), marked);
  assert.strictEqual(pieces.map((p) => p[0]).join("").includes("sinh hoạt chi bộ"), true);
});

test("a whole title keeps its punctuation", () => {
  const { E } = engine();
  const q = E.parse("chi");
  const pieces = E.snippet("(HBĐT) - Chi bộ, nhé!", q, Infinity);
  assert.strictEqual(pieces.map((p) => p[0]).join(""), "(HBĐT) - Chi bộ, nhé!");
  assert.deepStrictEqual(Array.from(pieces.filter((p) => p[1]), (p) => p[0]), ["Chi"]);
});

test("text holding </script> and U+2028 loads and is found, and runs nothing", async () => {
  const { E, window } = engine();
  const found = await E.search("HACKED");
  const docs = await E.documents(found.results);
  assert.strictEqual(docs.length, 1);
  assert.ok(docs[0].x.includes("</script>"));
  assert.ok(docs[0].x.includes("\u2028"));
  assert.strictEqual(window.HACKED, undefined);
});

test("a search loads only the shards of its terms", { skip: !sharded }, async () => {
  const { E, S, loaded } = engine();
  assert.ok(S.manifest.shards.length > 10, "the sharded build has many shards");
  await E.search("đường");
  const shards = loaded.filter((f) => /^search\/s/.test(f));
  assert.strictEqual(shards.length, 1, shards);
  const key = shards[0].replace(/^search\/s-?|\.js$/g, "");
  assert.ok(key.length >= 1 && "duong".startsWith(key), key);
});
