/* vanban search: runs from file:// and any static host.
 *
 * The index (see src/search.rs) is plain scripts that assign into
 * window.VANBAN_SEARCH; this file adds <script src> tags for the shards a
 * query needs and ranks the documents. No fetch, no modules, no WASM: all
 * three are blocked on file://.
 *
 * Ranking, in short: every query word must match (folded: `dang` finds
 * `Đảng`), unless a directive code covers it; a code the reader typed in
 * any case or spacing (`22-nq/tw`, `NQ 22`, `chi thi 05`) matches the
 * directive's page and every article citing it; exact diacritics beat
 * folded matches when the query has them; adjacent words beat scattered
 * ones. This file is the only place ranking is decided.
 */
(function (root) {
  "use strict";
  var S = (root.VANBAN_SEARCH = root.VANBAN_SEARCH || {});
  S.shards = S.shards || {};
  S.chunks = S.chunks || {};

  /* Words: letters, digits, combining marks (as src/search.rs). */
  var WORD = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
  var DIGITS = /^[0-9]+$/;
  var LETTERS = /^[a-z]+$/;

  /* Tones removed, đ → d, lower case: vanban::vi::fold. */
  function fold(s) {
    return s
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase();
  }

  /* The indexed form of a word: folded, numbers without leading zeros. */
  function term(w) {
    var f = fold(w);
    if (DIGITS.test(f)) {
      f = f.replace(/^0+/, "");
      return f === "" ? "0" : f;
    }
    return f;
  }

  /* Old-style tone placement at a syllable's end, as vi::canonical_tones. */
  var TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"
  };
  /* The spelling compared when the query has diacritics. */
  function spelling(w) {
    var s = w.normalize("NFC").toLowerCase();
    var end = s.slice(-2);
    if (TONES[end] && s.slice(-3, -2) !== "q") s = s.slice(0, -2) + TONES[end];
    return s;
  }

  function words(text) {
    return text.normalize("NFC").match(WORD) || [];
  }

  /* A query word that runs a number into letters (`22nq`, `05ct`) is read
   * as two: codes are written that way in haste. */
  function queryWords(q) {
    var out = [];
    words(q).forEach(function (w) {
      var m = /^([0-9]+)(\p{Alphabetic}+)$/u.exec(w);
      if (m) out.push(m[1], m[2]);
      else out.push(w);
    });
    return out;
  }

  /* Kinds of documents as readers write them → the letters of their codes. */
  var KINDS = {
    "chi thi": "ct", "nghi quyet": "nq", "ket luan": "kl", "quyet dinh": "qd",
    "quy dinh": "qdi", "huong dan": "hd", "ke hoach": "kh", "thong bao": "tb",
    "de an": "da", "chuong trinh": "ctr", "cong van": "cv"
  };

  /* Codes a query may mean, each with the query words it covers:
   * `22-NQ/TW` → 22nqtw and 22nq; `NQ 22` → 22nq; `chi thi 05` → 5ct.
   * A candidate counts only if the index holds it. */
  function codeCandidates(ws) {
    var out = [];
    for (var i = 0; i < ws.length; i++) {
      var w = ws[i];
      if (!DIGITS.test(w.folded)) continue;
      var n = w.term;
      /* Number then code letters: 22 NQ TW; a year in between is skipped. */
      var code = n, j = i + 1, parts = 0;
      while (j < ws.length && parts < 3) {
        if (LETTERS.test(ws[j].folded) && ws[j].folded.length <= 6) {
          code += ws[j].folded;
          parts++;
          out.push({ token: code, from: i, to: j });
        } else if (!(parts === 0 && /^[0-9]{4}$/.test(ws[j].folded))) {
          break;
        }
        j++;
      }
      /* Letters then number: NQ 22. */
      if (i > 0 && LETTERS.test(ws[i - 1].folded) && ws[i - 1].folded.length <= 4) {
        out.push({ token: n + ws[i - 1].folded, from: i - 1, to: i });
      }
      /* A kind's name then the number: chỉ thị (số) 05. */
      var k = i - 1;
      if (k >= 0 && ws[k].folded === "so") k--;
      if (k >= 1) {
        var abbr = KINDS[ws[k - 1].folded + " " + ws[k].folded];
        if (abbr) out.push({ token: n + abbr, from: k - 1, to: i });
      }
    }
    return out;
  }

  /* The query: its words, each with term, spelling and whether it carries
   * diacritics, and the candidate codes. */
  function parse(q) {
    var ws = queryWords(q || "").map(function (w) {
      var folded = fold(w);
      return {
        raw: w,
        folded: folded,
        term: term(w),
        spelling: spelling(w),
        marked: folded !== w.toLowerCase()
      };
    });
    return { words: ws, codes: codeCandidates(ws) };
  }

  /* The first `n` characters of a term, as shard names write them. */
  function shardOf(t, n) {
    return Array.from(t).slice(0, n).map(function (c) {
      return /[a-z0-9]/.test(c) ? c : "_";
    }).join("");
  }

  /* The shard holding a term: the listed one with the longest prefix of it. */
  function shardKey(t) {
    var listed = S.manifest.shards;
    for (var n = Array.from(t).length; n >= 0; n--) {
      var k = shardOf(t, n);
      if (listed.indexOf(k) >= 0) return k;
    }
    return null;
  }

  function shardFile(p) {
    return p === "" ? "search/s.js" : "search/s-" + p + ".js";
  }

  /* Loads one script once; resolves false if it is missing. */
  var loading = {};
  function load(src) {
    if (!loading[src]) {
      loading[src] = S.loader
        ? Promise.resolve(S.loader(src))
        : new Promise(function (resolve) {
            var el = document.createElement("script");
            el.src = src;
            el.onload = function () { resolve(true); };
            el.onerror = function () { resolve(false); };
            document.head.appendChild(el);
          });
    }
    return loading[src];
  }

  /* Loads the shards holding these terms. */
  function loadTerms(terms) {
    var need = {};
    terms.forEach(function (t) {
      var k = shardKey(t);
      if (k !== null) need[k] = true;
    });
    return Promise.all(Object.keys(need).map(function (p) { return load(shardFile(p)); }));
  }

  function shardFor(t) {
    return S.shards[shardKey(t)] || { t: {}, c: {} };
  }

  /* Per document, for one term: positions and whether the exact spelling
   * was seen. */
  function hitsOf(t, exactSpelling) {
    var entry = shardFor(t).t[t];
    var out = {};
    if (!entry) return out;
    var exactIdx = entry.v.indexOf(exactSpelling);
    entry.p.forEach(function (row) {
      var h = { pos: {}, count: 0, exact: false };
      var at = 0;
      for (var i = 1; i + 1 < row.length; i += 2) {
        at += row[i]; /* positions are stored as steps from the last */
        h.pos[at] = row[i + 1] === exactIdx;
        h.count++;
        if (row[i + 1] === exactIdx) h.exact = true;
      }
      out[row[0]] = h;
    });
    return out;
  }

  /* Scores of every matching document, best first: [{doc, score}]. */
  function rank(query) {
    var ws = query.words;
    if (!ws.length) return [];
    /* Codes the index holds; a word is covered by the longest such code. */
    var codes = [];
    query.codes.forEach(function (c) {
      var docs = shardFor(c.token).c[c.token];
      if (docs) codes.push({ from: c.from, to: c.to, docs: docs, len: c.to - c.from });
    });
    var hits = ws.map(function (w) { return hitsOf(w.term, w.spelling); });
    var scores = {};
    var add = function (d, s) { scores[d] = (scores[d] || 0) + s; };
    /* Candidates: documents holding a code, or every word. */
    var candidates = {};
    codes.forEach(function (c) { c.docs.forEach(function (d) { candidates[d] = true; }); });
    Object.keys(hits[0]).forEach(function (d) { candidates[d] = true; });
    Object.keys(candidates).forEach(function (key) {
      var d = Number(key);
      var ok = true, score = 0;
      var codesHere = codes.filter(function (c) { return c.docs.indexOf(d) >= 0; });
      ws.forEach(function (w, i) {
        var h = hits[i][d];
        var covered = codesHere.some(function (c) { return i >= c.from && i <= c.to; });
        if (!h) {
          if (!covered) ok = false;
          return;
        }
        var base = w.marked ? (h.exact ? 10 : 4) : 6;
        score += base + Math.min(h.count, 5) * 0.5;
      });
      if (!ok) return;
      /* Codes: each distinct span once, longest code first. */
      var spans = {};
      codesHere
        .sort(function (a, b) { return b.len - a.len; })
        .forEach(function (c) {
          var k = c.from + ":" + c.to;
          if (spans[k]) return;
          spans[k] = true;
          score += 40 + 5 * c.len;
          if (d < S.manifest.directives) score += 30;
        });
      /* Adjacent words, in the query's order. */
      for (var i = 0; i + 1 < ws.length; i++) {
        var a = hits[i][d], b = hits[i + 1][d];
        if (!a || !b) continue;
        var best = 0;
        for (var p in a.pos) {
          var q = Number(p) + 1;
          if (q in b.pos) {
            var exact = a.pos[p] && b.pos[q];
            best = Math.max(best, (ws[i].marked || ws[i + 1].marked) && exact ? 12 : 8);
          }
        }
        score += best;
      }
      add(d, score);
    });
    return Object.keys(scores)
      .map(function (k) { return { doc: Number(k), score: scores[k] }; })
      .sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
  }

  /* Searches `q`: loads the shards it needs, ranks. */
  function search(q) {
    var query = parse(q);
    var terms = query.words.map(function (w) { return w.term; });
    query.codes.forEach(function (c) { terms.push(c.token); });
    var ready = S.manifest ? Promise.resolve(true) : load("search/manifest.js");
    return ready
      .then(function () { return loadTerms(terms); })
      .then(function () { return { query: query, results: rank(query) }; });
  }

  /* The documents (title, url, text...) of these results. */
  function documents(results) {
    var chunk = S.manifest.chunk;
    var need = {};
    results.forEach(function (r) { need[Math.floor(r.doc / chunk)] = true; });
    return Promise.all(
      Object.keys(need).map(function (n) { return load("search/d-" + n + ".js"); })
    ).then(function () {
      return results.map(function (r) {
        var c = S.chunks[Math.floor(r.doc / chunk)];
        return c ? c[r.doc % chunk] : null;
      });
    });
  }

  /* A piece of `text` around the best hit, as [[text, marked?], ...]. */
  function snippet(text, query, size) {
    size = size || 30;
    var whole = size === Infinity;
    var wanted = {};
    query.words.forEach(function (w) { wanted[w.term] = true; });
    var spans = [];
    var m;
    WORD.lastIndex = 0;
    var t = text.normalize("NFC");
    while ((m = WORD.exec(t)) !== null) {
      spans.push({ start: m.index, end: m.index + m[0].length, hit: !!wanted[term(m[0])] });
    }
    if (!spans.length) return [];
    /* The window of `size` words with the most distinct query words. */
    var best = 0, bestScore = -1;
    for (var i = 0; i < spans.length; i++) {
      if (!spans[i].hit) continue;
      var seen = {}, n = 0;
      for (var j = i; j < Math.min(spans.length, i + 8); j++) {
        var k = term(t.slice(spans[j].start, spans[j].end));
        if (spans[j].hit && !seen[k]) { seen[k] = true; n++; }
      }
      if (n > bestScore) { bestScore = n; best = i; }
    }
    var from = whole ? 0 : Math.max(0, best - 8);
    var to = Math.min(spans.length, from + size);
    var out = [];
    if (from > 0) out.push(["… ", false]);
    /* From the text's start, and to its end, keep what lies around the words. */
    var pos = from === 0 ? 0 : spans[from].start;
    for (var s = from; s < to; s++) {
      if (spans[s].start > pos) out.push([t.slice(pos, spans[s].start), false]);
      out.push([t.slice(spans[s].start, spans[s].end), spans[s].hit]);
      pos = spans[s].end;
    }
    if (to < spans.length) out.push([" …", false]);
    else if (pos < t.length) out.push([t.slice(pos), false]);
    return out;
  }

  S.engine = {
    words: words,
    fold: fold,
    term: term,
    spelling: spelling,
    parse: parse,
    rank: rank,
    search: search,
    documents: documents,
    snippet: snippet
  };

  /* ---- The search page ------------------------------------------------ */

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }

  function marked(parent, pieces) {
    pieces.forEach(function (p) {
      parent.appendChild(p[1] ? el("mark", null, p[0]) : document.createTextNode(p[0]));
    });
  }

  function page() {
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var input = document.getElementById("q");
    if (!list || !status || !input) return;
    var say = function (name) { return list.getAttribute("data-" + name) || ""; };
    var q = "";
    var m = /[?&]q=([^&#]*)/.exec(root.location.search);
    if (m) {
      try { q = decodeURIComponent(m[1].replace(/\+/g, " ")); } catch (e) { q = ""; }
    }
    input.value = q;
    input.focus();
    if (!q.trim()) {
      status.textContent = say("empty");
      return;
    }
    status.textContent = say("searching");
    var PAGE = 20;
    search(q).then(function (found) {
      var results = found.results;
      if (!results.length) {
        status.textContent = say("none").replace("{q}", q);
        return;
      }
      status.textContent = say("count").replace("{n}", results.length).replace("{q}", q);
      var shown = 0;
      var more = el("button", { type: "button", class: "more" }, say("more"));
      function showMore() {
        var next = results.slice(shown, shown + PAGE);
        shown += next.length;
        more.hidden = shown >= results.length;
        return documents(next).then(function (docs) {
          docs.forEach(function (d, i) {
            if (!d) return;
            var li = el("li", { class: next[i].doc < S.manifest.directives ? "directive" : "article" });
            var h = el("h2");
            var a = el("a", { href: d.u });
            marked(a, snippet(d.t, found.query, Infinity));
            h.appendChild(a);
            li.appendChild(h);
            var meta = [d.d, d.p].filter(Boolean).join(" · ");
            if (next[i].doc < S.manifest.directives) meta = [say("directive"), meta].filter(Boolean).join(" · ");
            if (meta) li.appendChild(el("p", { class: "meta" }, meta));
            var snip = el("p", { class: "snippet" });
            marked(snip, snippet(d.x, found.query));
            li.appendChild(snip);
            if (d.r.length && next[i].doc >= S.manifest.directives) {
              var r = el("p", { class: "cites" }, say("cites") + " ");
              d.r.forEach(function (x, k) {
                if (k) r.appendChild(document.createTextNode(", "));
                r.appendChild(el("a", { href: x[1] }, x[0]));
              });
              li.appendChild(r);
            }
            list.appendChild(li);
          });
        });
      }
      more.addEventListener("click", function () {
        var first = list.children.length;
        showMore().then(function () {
          var a = list.children[first] && list.children[first].querySelector("a");
          if (a) a.focus();
        });
      });
      list.parentNode.insertBefore(more, list.nextSibling);
      return showMore();
    });
    /* Arrow keys move between the search field and the results. */
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
      var links = [input].concat(
        Array.prototype.slice.call(list.querySelectorAll("h2 a"))
      );
      var at = links.indexOf(document.activeElement);
      if (at < 0) return;
      var to = at + (ev.key === "ArrowDown" ? 1 : -1);
      if (to >= 0 && to < links.length) {
        links[to].focus();
        ev.preventDefault();
      }
    });
  }

  if (root.document && root.document.getElementById) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", page);
    } else {
      page();
    }
  }
})(typeof window !== "undefined" ? window : globalThis);
