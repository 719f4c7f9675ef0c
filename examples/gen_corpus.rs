//! A synthetic archive for the benchmark (`scripts/bench.sh`):
//!
//! ```text
//! cargo run --release --example gen_corpus -- N DIR [SEED] [--hugo HUGO_DIR]
//! ```
//!
//! Writes `N` raw `.txt` articles of 6–12 KB into `DIR`, built from the
//! paragraphs of the sample articles in `seeds/` (embedded at compile time)
//! with 1–8 directive references each, drawn from a pool with the variety
//! real articles show: Party codes, plenums, numbers with their issuer,
//! short forms, State documents, provincial codes with `Tỉnh ủy <province>`,
//! dates. Each article has a headline, a dateline (`Thứ Sáu, 27/08/2021`)
//! and a province.
//!
//! The same `N` and `SEED` always give the same bytes (a splitmix64 PRNG,
//! no clock, no hash-map order). With `--hugo HUGO_DIR` it also writes the
//! same articles as a Hugo site (Markdown with a `directives` taxonomy in
//! the front matter, minimal templates) for the comparison.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, Weekday};

const SEEDS: &[&str] = &[
    include_str!("../seeds/000_4f72401ebded093e.txt"),
    include_str!("../seeds/001_3b644525b9d2f2a3.txt"),
    include_str!("../seeds/002_38675b93b16a24ce.txt"),
    include_str!("../seeds/003_38970121f8ade732.txt"),
    include_str!("../seeds/004_e67036f2ebff9c45.txt"),
];

/// Province names the seeds mention, swapped for the article's own province
/// so that the archive spreads over many provinces.
const SEED_PLACES: &[&str] = &[
    "Hòa Bình",
    "Hoà Bình",
    "Bắc Kạn",
    "Lai Châu",
    "Vĩnh Phúc",
    "Vĩnh Tường",
    "Than Uyên",
    "Kim Bôi",
];

const PROVINCES: &[&str] = &[
    "Hòa Bình",
    "Bắc Kạn",
    "Lai Châu",
    "Vĩnh Phúc",
    "Nghệ An",
    "Thanh Hóa",
    "Hà Tĩnh",
    "Quảng Ninh",
    "Thái Bình",
    "Nam Định",
    "Ninh Bình",
    "Phú Thọ",
    "Yên Bái",
    "Lào Cai",
    "Hà Giang",
    "Cao Bằng",
    "Lạng Sơn",
    "Tuyên Quang",
    "Thái Nguyên",
    "Bắc Giang",
    "Bắc Ninh",
    "Hải Dương",
    "Hưng Yên",
    "Hà Nam",
    "Quảng Bình",
    "Quảng Trị",
    "Quảng Nam",
    "Quảng Ngãi",
    "Bình Định",
    "Phú Yên",
    "Khánh Hòa",
    "Gia Lai",
    "Kon Tum",
    "Đắk Lắk",
    "Lâm Đồng",
    "Bình Phước",
    "Tây Ninh",
    "Đồng Nai",
    "Long An",
    "Tiền Giang",
    "Bến Tre",
    "Vĩnh Long",
    "Trà Vinh",
    "Sóc Trăng",
    "An Giang",
    "Kiên Giang",
    "Cà Mau",
    "Bạc Liêu",
];

const ROMAN: &[&str] = &["IX", "X", "XI", "XII", "XIII"];

const HEADLINES: &[&str] = &[
    "Nâng cao chất lượng sinh hoạt chi bộ ở",
    "Đưa nghị quyết vào cuộc sống tại",
    "Xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh ở",
    "Đổi mới công tác kiểm tra, giám sát của Đảng bộ",
    "Kết quả thực hiện công tác tổ chức xây dựng Đảng ở",
    "Phát triển đảng viên trong vùng đồng bào dân tộc thiểu số tại",
];

/// splitmix64: tiny, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Skewed towards `lo`: small numbers (the directives everyone cites)
    /// come up far more often than large ones.
    fn skewed(&mut self, lo: u64, hi: u64) -> u64 {
        let a = self.range(lo, hi);
        let b = self.range(lo, hi);
        a.min(b)
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() as usize % items.len()]
    }
}

/// One reference: the words put in the text and the taxonomy term Hugo gets.
struct Reference {
    text: String,
    term: String,
}

/// `ngày dd/mm/yyyy`, the same for the same document.
fn date_words(year: i32, n: u64) -> String {
    let mut h = Rng(n ^ year as u64);
    format!("ngày {:02}/{:02}/{year}", h.range(1, 28), h.range(1, 12))
}

/// The year a document was issued: fixed by what names it, so that every
/// article citing `05-CT/TU` of one province cites the same document.
fn year_of(parts: &[&str], n: u64) -> i32 {
    let mut h = Rng(n);
    for p in parts {
        for b in p.bytes() {
            h.0 ^= u64::from(b);
            h.next();
        }
    }
    2005 + (h.next() % 19) as i32
}

/// A reference drawn from a pool of shapes, for an article in `province`.
fn reference(rng: &mut Rng, province: &str) -> Reference {
    match rng.range(0, 9) {
        // A provincial Party code with its issuer and date.
        0 | 1 => {
            let (kind, code) = *rng.pick(&[
                ("Chỉ thị", "CT"),
                ("Nghị quyết", "NQ"),
                ("Kết luận", "KL"),
                ("Quyết định", "QĐ"),
                ("Kế hoạch", "KH"),
            ]);
            let n = rng.skewed(1, 60);
            let year = year_of(&[province, code], n);
            let issuer = rng.pick(&["Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"]);
            let text = format!(
                "{kind} số {n:02}-{code}/TU, {} của {issuer} {province}",
                date_words(year, n)
            );
            Reference {
                text,
                term: format!("{n:02}-{code}/TU {province}"),
            }
        }
        // A central Party code.
        2 => {
            let (kind, code) = *rng.pick(&[
                ("Chỉ thị", "CT"),
                ("Nghị quyết", "NQ"),
                ("Kết luận", "KL"),
                ("Quy định", "QĐi"),
            ]);
            let n = rng.range(1, 40);
            Reference {
                text: format!("{kind} số {n:02}-{code}/TW"),
                term: format!("{n:02}-{code}/TW"),
            }
        }
        // A plenum.
        3 => {
            let n = rng.range(2, 8);
            let k = rng.pick(ROMAN);
            Reference {
                text: format!("Nghị quyết Trung ương {n} (khóa {k})"),
                term: format!("NQ TW{n} khóa {k}"),
            }
        }
        // A number with its issuer.
        4 => {
            let (kind, issuer) = *rng.pick(&[
                ("Chỉ thị", "Bộ Chính trị"),
                ("Nghị quyết", "Bộ Chính trị"),
                ("Kết luận", "Ban Bí thư"),
                ("Nghị quyết", "Ban Chấp hành Trung ương"),
            ]);
            let n = rng.range(1, 40);
            Reference {
                text: format!("{kind} {n:02} của {issuer}"),
                term: format!("{kind} {n:02} {issuer}"),
            }
        }
        // A short form.
        5 => {
            let kind = rng.pick(&["Chỉ thị", "Nghị quyết", "Kết luận"]);
            let n = rng.range(1, 40);
            Reference {
                text: format!("{kind} {n:02}"),
                term: format!("{kind} {n:02}"),
            }
        }
        // A State document.
        6 => {
            let n = rng.skewed(1, 200);
            let (kind, code) = *rng.pick(&[
                ("Nghị định", "NĐ-CP"),
                ("Thông tư", "TT-BNV"),
                ("Quyết định", "QĐ-TTg"),
            ]);
            let year = year_of(&[code], n);
            Reference {
                text: format!("{kind} số {n}/{year}/{code}"),
                term: format!("{n}/{year}/{code}"),
            }
        }
        // A State decision without year (`1847/QĐ-TTg`).
        7 => {
            let n = rng.skewed(100, 2500);
            let year = year_of(&["QĐ-TTg"], n);
            Reference {
                text: format!("Quyết định số {n}/QĐ-TTg {}", date_words(year, n)),
                term: format!("{n}/QĐ-TTg"),
            }
        }
        // A district code.
        8 => {
            let n = rng.skewed(1, 30);
            Reference {
                text: format!("Nghị quyết số {n:02}-NQ/HU của Huyện ủy"),
                term: format!("{n:02}-NQ/HU {province}"),
            }
        }
        // A provincial code written bare: the article's province scopes it.
        _ => {
            let n = rng.skewed(1, 60);
            Reference {
                text: format!("Chỉ thị {n:02}-CT/TU"),
                term: format!("{n:02}-CT/TU {province}"),
            }
        }
    }
}

const LEADS: &[&str] = &[
    "Thực hiện",
    "Quán triệt",
    "Triển khai",
    "Sau 5 năm thực hiện",
    "Nhằm cụ thể hóa",
];

/// One article: (file name, raw text, Hugo Markdown).
fn article(i: usize, rng: &mut Rng, paragraphs: &[&str]) -> (String, String, String) {
    let province = *rng.pick(PROVINCES);
    let date = NaiveDate::from_ymd_opt(
        rng.range(2014, 2024) as i32,
        rng.range(1, 12) as u32,
        rng.range(1, 28) as u32,
    )
    .unwrap_or_default();
    let weekday = match date.weekday() {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ Nhật",
    };
    let headline = format!("{} {province}", rng.pick(HEADLINES));
    let refs: Vec<Reference> = (0..rng.range(1, 8))
        .map(|_| reference(rng, province))
        .collect();
    let target = rng.range(6 * 1024, 12 * 1024) as usize;

    let mut body = String::new();
    let _ = write!(
        body,
        "Thời gian qua, Đảng bộ tỉnh {province} đã tập trung lãnh đạo công tác xây dựng Đảng, \
         góp phần nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng.\n\n"
    );
    let mut pending = refs.iter();
    while body.len() < target {
        let p = rng.pick(paragraphs);
        let mut p = p.to_string();
        for place in SEED_PLACES {
            if p.contains(place) {
                p = p.replace(place, province);
            }
        }
        if let Some(r) = pending.next() {
            let lead = rng.pick(LEADS);
            let _ = write!(body, "{lead} {}, ", r.text);
            if let Some(first) = p.chars().next() {
                // Lower-case the paragraph's first letter after the lead.
                let rest = &p[first.len_utf8()..];
                body.extend(first.to_lowercase());
                body.push_str(rest);
            }
        } else {
            body.push_str(&p);
        }
        body.push_str("\n\n");
    }
    for r in pending {
        let _ = write!(body, "Tiếp tục thực hiện tốt {}.\n\n", r.text);
    }
    let dateline = format!("{weekday}, {}", date.format("%d/%m/%Y"));
    let text = format!("{headline}\n\n{dateline}\n\n{body}");

    let mut terms: Vec<&str> = refs.iter().map(|r| r.term.as_str()).collect();
    terms.sort_unstable();
    terms.dedup();
    let terms: Vec<String> = terms.iter().map(|t| format!("{t:?}")).collect();
    let markdown = format!(
        "+++\ntitle = {headline:?}\ndate = {}\nprovinces = [{province:?}]\ndirectives = [{}]\n+++\n\n{body}",
        date.format("%Y-%m-%d"),
        terms.join(", ")
    );
    (format!("{i:06}.txt"), text, markdown)
}

const HUGO_CONFIG: &str = r#"baseURL = "https://example.org/"
languageCode = "vi"
title = "Văn bản"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[taxonomies]
directive = "directives"
province = "provinces"
"#;

const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "layouts/_default/baseof.html",
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body>{{ block \"main\" . }}{{ end }}</body></html>\n",
    ),
    (
        "layouts/_default/single.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><p>{{ .Date.Format \"02/01/2006\" }}</p>{{ .Content }}<ul>{{ range .Params.directives }}<li><a href=\"{{ \"directives/\" | relURL }}{{ . | urlize }}/\">{{ . }}</a></li>{{ end }}</ul>{{ end }}\n",
    ),
    (
        "layouts/_default/list.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    ),
    (
        "layouts/_default/terms.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href=\"{{ .Page.RelPermalink }}\">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}\n",
    ),
    (
        "layouts/index.html",
        "{{ define \"main\" }}<h1>{{ .Site.Title }}</h1><ul>{{ range first 10 .Site.RegularPages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    ),
];

fn write(path: &Path, bytes: &[u8]) {
    if let Some(dir) = path.parent() {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("error: {}: {e}", dir.display());
            std::process::exit(1);
        }
    }
    if let Err(e) = std::fs::write(path, bytes) {
        eprintln!("error: {}: {e}", path.display());
        std::process::exit(1);
    }
}

/// Writes `n` articles into `dir` (and the Hugo site into `hugo`), the same
/// bytes for the same `n` and `seed`. Public so that tests can build a corpus
/// (`tests/determinism.rs` includes this file).
pub fn generate(n: usize, dir: &Path, seed: u64, hugo: Option<&Path>) {
    let paragraphs: Vec<&str> = SEEDS
        .iter()
        .flat_map(|s| s.lines())
        .map(str::trim)
        .filter(|l| l.chars().count() >= 120)
        .collect();
    let mut rng = Rng(seed);
    if let Some(h) = hugo {
        write(&h.join("hugo.toml"), HUGO_CONFIG.as_bytes());
        for (path, text) in HUGO_LAYOUTS {
            write(&h.join(path), text.as_bytes());
        }
    }
    for i in 0..n {
        let (name, text, markdown) = article(i, &mut rng, &paragraphs);
        write(&dir.join(&name), text.as_bytes());
        if let Some(h) = hugo {
            write(
                &h.join("content/posts").join(name.replace(".txt", ".md")),
                markdown.as_bytes(),
            );
        }
    }
}

fn usage() -> ! {
    eprintln!("usage: gen_corpus N DIR [SEED] [--hugo HUGO_DIR]");
    std::process::exit(2);
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut hugo: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        if a == "--hugo" {
            hugo = Some(args.next().map(PathBuf::from).unwrap_or_else(|| usage()));
        } else {
            positional.push(a);
        }
    }
    let n: usize = match positional.first().and_then(|s| s.parse().ok()) {
        Some(n) => n,
        None => usage(),
    };
    let dir = match positional.get(1) {
        Some(d) => PathBuf::from(d),
        None => usage(),
    };
    let seed: u64 = positional
        .get(2)
        .map(|s| s.parse().unwrap_or_else(|_| usage()))
        .unwrap_or(2021);

    generate(n, &dir, seed, hugo.as_deref());
    eprintln!("wrote {n} articles into {}", dir.display());
}
