//! Where an article comes from: its source (the portal named in the lede),
//! its province, and its author.
//!
//! The province is the source's when the portal has one; otherwise the
//! province the body names most often; otherwise the province of the
//! districts it names (as they were before the 2025 reorganisation, so
//! `huyện Than Uyên` → Lai Châu). Names count only where a reader would
//! take them for the place: after `tỉnh`, `Tỉnh ủy`, `thành phố`, or as a
//! capitalised name of its own, not inside a longer name (`Điện Biên Phủ`,
//! `Nguyễn Thái Bình`) and not `Hồ Chí Minh` the person.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use super::lines::{self, Line};
use super::{Block, BlockKind};
use crate::config::Portal;
use crate::gazetteer::{Gazetteer, Province, MAX_NAME_WORDS};
use crate::vi;

const BUILTIN_PORTALS: &str = include_str!("../../data/portals.toml");

/// Provinces whose name alone is more often something else: `Hồ Chí Minh`
/// in `tư tưởng Hồ Chí Minh` is the person. They count only after `thành
/// phố`, `TP`, `tỉnh`.
const NEEDS_CONTEXT: &[&str] = &["ho-chi-minh"];

#[derive(serde::Deserialize)]
struct PortalFile {
    portals: Vec<Portal>,
}

/// The built-in portals of `data/portals.toml`, parsed once.
pub fn builtin_portals() -> &'static [Portal] {
    static P: OnceLock<Vec<Portal>> = OnceLock::new();
    P.get_or_init(|| {
        toml::from_str::<PortalFile>(BUILTIN_PORTALS)
            .map(|f| f.portals)
            .unwrap_or_default()
    })
}

/// The source named by the lede prefix in the first lines (`(HBĐT) - `):
/// `HBĐT (Báo Hòa Bình)` and the portal's province, looked up first in
/// site.toml's portals, then the built-in ones. An unknown abbreviation is
/// still the source, without a province.
pub fn source(text: &str, lines: &[Line], extra: &[Portal]) -> Option<(String, Option<Province>)> {
    let known = |abbr: &str| {
        let key = vi::fold(abbr);
        extra
            .iter()
            .chain(builtin_portals())
            .find(|p| vi::fold(&p.abbreviation) == key)
    };
    let abbr = lines.iter().take(4).find_map(|l| {
        let line = &text[l.range.clone()];
        lines::lede_prefix(line).map(|(abbr, _)| abbr).or_else(|| {
            // Some portals drop the brackets (`YBĐT - Sáng 14/6, ...`,
            // `Baophutho.vn - ...`): only a known abbreviation or a
            // provincial paper's site is read so, not any capitals before a dash.
            let word = line.split([' ', '-', '–', '—']).next()?;
            let rest = line[word.len()..].trim_start();
            let known_or_site = known(word).is_some() || province_of_site(word).is_some();
            (rest.starts_with(['-', '–', '—']) && known_or_site).then_some(word)
        })
    })?;
    let portal = known(abbr);
    Some(match portal {
        Some(p) => (
            format!("{abbr} ({})", p.name),
            p.province
                .as_deref()
                .and_then(|name| Gazetteer::get().province(name).cloned()),
        ),
        // `(Báo Thái Nguyên) - `, `(Baonghean.vn) - `: a paper named
        // after its province, or its site.
        None => (
            abbr.to_string(),
            abbr.strip_prefix("Báo ")
                .and_then(|name| Gazetteer::get().province(name.trim()).cloned())
                .or_else(|| province_of_site(abbr)),
        ),
    })
}

/// The province a provincial paper's site is named after: `Baonghean.vn`,
/// `baoquangninh.com.vn` (`bao` and the province's name, run together).
fn province_of_site(site: &str) -> Option<Province> {
    let host = site.split('.').next()?;
    let folded = vi::fold(host);
    let name = folded.strip_prefix("bao")?;
    Gazetteer::get()
        .provinces
        .iter()
        .find(|p| vi::fold(&p.name).replace(' ', "") == name)
        .cloned()
}

/// The author: a labelled byline (`Tác giả bài viết: …`, `Bài, ảnh: …`),
/// else the first name line (the main piece's author comes before those of
/// any box pieces), else closing initials (`P.V(TH)`).
pub fn author(text: &str, blocks: &[Block]) -> Option<String> {
    let bylines = || {
        blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Byline)
            .map(|b| text[b.range.clone()].lines().next().unwrap_or("").trim())
    };
    bylines()
        .find_map(super::structure::is_labelled_byline)
        .or_else(|| bylines().find(|l| super::structure::is_signature(l)))
        .or_else(|| bylines().find(|l| super::structure::is_initials(l)))
        .map(str::to_string)
}

/// One word of the text: its byte range and whether it is capitalised.
struct Word {
    range: Range<usize>,
    capital: bool,
}

fn words(text: &str) -> Vec<Word> {
    // A word and its space take some five bytes in Vietnamese: room for
    // them at once, where growing the list was a third of this function.
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut start = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(word(text, s..i));
        }
    }
    if let Some(s) = start {
        out.push(word(text, s..text.len()));
    }
    out
}

/// A letter or digit. Vietnamese letters (Latin-1 to Latin Extended
/// Additional, U+00C0–U+1EFF) are answered without the slow Unicode tables.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{C0}'..='\u{1EFF}').contains(&c) {
        c != '×' && c != '÷'
    } else {
        c.is_alphanumeric()
    }
}

fn word(text: &str, range: Range<usize>) -> Word {
    let capital = text[range.clone()]
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    Word { range, capital }
}

/// The province the body's place names point to, by the rules above.
pub fn province_in(body: &str) -> Option<Province> {
    let g = Gazetteer::get();
    let words = words(body);
    // Capitalised words repeat (`Đảng`, `Tỉnh`, `Ban`): fold each once.
    // Gazetteer and fold lookups run per capitalised word: Fx, not SipHash.
    let mut folds: HashMap<&str, String> = HashMap::default();
    let mut provinces = Tally::default();
    let mut districts = Tally::default();
    let mut merged = None;
    let mut key = String::new();
    for i in 0..words.len() {
        if !words[i].capital {
            continue;
        }
        key.clear();
        let mut best_province = None;
        let mut best_district = None;
        for n in 0..MAX_NAME_WORDS.min(words.len() - i) {
            let w = &words[i + n];
            if n > 0 {
                // A name does not run over a line or a sentence.
                let gap = &body[words[i + n - 1].range.end..w.range.start];
                if gap.contains(['\n', '.', ',', ';', ':', '(', ')']) {
                    break;
                }
                key.push(' ');
            }
            let word = &body[w.range.clone()];
            key.push_str(folds.entry(word).or_insert_with(|| vi::fold(word)));
            if !g.is_name_prefix(&key) {
                break;
            }
            let written = &body[words[i].range.start..w.range.end];
            if let Some(p) = g.province_by_key(&key) {
                if !g.spelled_as_district_only(p, written) {
                    best_province = Some((p, n + 1));
                }
            }
            if let Some(p) = g.district_province_written(&key, Some(written)) {
                best_district = Some((p, n + 1));
            }
        }
        if best_province.is_none() && best_district.is_none() {
            continue;
        }
        let fold_at = |i: usize| vi::fold(&body[words[i].range.clone()]);
        let prev1 = i.checked_sub(1).map(fold_at).unwrap_or_default();
        let prev2 = i.checked_sub(2).map(fold_at).unwrap_or_default();
        // `Báo Quảng Ninh`: a provincial paper is named after its province.
        // `Đài PT-TH Lâm Đồng`, `Đài Phát thanh và Truyền hình Lâm Đồng`:
        // a provincial station too.
        let after_province_word = matches!(prev1.as_str(), "tinh" | "tp" | "bao" | "ptth")
            || matches!(
                (prev2.as_str(), prev1.as_str()),
                ("pt", "th") | ("truyen", "hinh")
            )
            || (prev2 == "thanh" && prev1 == "pho")
            || (matches!(prev2.as_str(), "tinh" | "thanh") && prev1 == "uy");
        let after_district_word = matches!(prev1.as_str(), "huyen" | "quan" | "tp")
            || matches!(
                (prev2.as_str(), prev1.as_str()),
                ("thi", "xa") | ("thanh", "pho") | ("huyen" | "quan" | "thi" | "thanh", "uy")
            );
        // Joined to the word before (no punctuation between), a capitalised
        // word before makes this part of a longer name.
        let prev_joined_capital = i > 0
            && words[i - 1].capital
            && body[words[i - 1].range.end..words[i].range.start]
                .trim()
                .is_empty();
        if let Some((p, n)) = best_province {
            let end = i + n;
            let all_capital = words[i..end].iter().all(|w| w.capital);
            let next_joined_capital = words.get(end).is_some_and(|w| {
                w.capital
                    && body[words[end - 1].range.end..w.range.start]
                        .trim()
                        .is_empty()
            });
            // `TPHCM`, `TP.HCM`: a city's name written short with its unit.
            let city_short = n == 1 && fold_at(i).starts_with("tp");
            let needs_context =
                NEEDS_CONTEXT.contains(&g.provinces[p].slug.as_str()) && !city_short;
            // `Huyện ủy Hòa Bình` (Bạc Liêu's district) is no province.
            let standalone = (n >= 2 || city_short)
                && all_capital
                && !prev_joined_capital
                && !next_joined_capital
                && !needs_context
                && !after_district_word;
            let after = body[words[end - 1].range.end..].trim_start();
            // `tỉnh Đắk Nông (cũ)`, `Hà Tây cũ`: a province merged into another;
            // `phường Hà Giang 1`, `xã Hòa Bình`: a commune named after one.
            let former = ["(cũ)", "(Cũ)", "cũ"].iter().any(|w| {
                after
                    .strip_prefix(w)
                    .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
            });
            let commune = matches!(prev1.as_str(), "phuong" | "xa")
                || (prev2 == "thi" && prev1 == "tran")
                || after.starts_with(|c: char| c.is_ascii_digit());
            if (after_province_word || standalone) && !former && !commune {
                provinces.add(p, i);
                // `tỉnh Lào Cai (mới)`: the province as merged in 2025, the
                // one the article is in, however often the old ones are named.
                // (The text is NFC: one spelling of `mới`.)
                if merged.is_none() && (after.starts_with("(mới)") || after.starts_with("(Mới)"))
                {
                    merged = Some(p);
                }
            }
        }
        if let Some((p, _)) = best_district {
            if after_district_word {
                districts.add(p, i);
            }
        }
    }
    merged
        .or_else(|| provinces.winner())
        .or_else(|| districts.winner())
        .map(|p| g.provinces[p].clone())
}

/// Counts per province, remembering the first mention to break ties.
#[derive(Default)]
struct Tally(Vec<(usize, usize, usize)>);

impl Tally {
    fn add(&mut self, province: usize, at: usize) {
        match self.0.iter_mut().find(|t| t.0 == province) {
            Some(t) => t.1 += 1,
            None => self.0.push((province, 1, at)),
        }
    }

    /// The most mentioned; on a tie, the first mentioned.
    fn winner(&self) -> Option<usize> {
        self.0
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
            .map(|t| t.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(body: &str) -> Option<String> {
        province_in(body).map(|p| p.slug)
    }

    #[test]
    fn province_names_in_context() {
        assert_eq!(
            slug("Đảng bộ tỉnh Bắc Kạn luôn coi trọng công tác xây dựng Đảng."),
            Some("bac-kan".into())
        );
        assert_eq!(
            slug("Ban Thường vụ Tỉnh ủy Lai Châu chỉ đạo."),
            Some("lai-chau".into())
        );
        assert_eq!(
            slug("Từ đầu nhiệm kỳ, Bắc Kạn đã tập trung."),
            Some("bac-kan".into())
        );
        assert_eq!(slug("tại thành phố Hải Phòng"), Some("hai-phong".into()));
        assert_eq!(
            slug("TPHCM trở thành đô thị lớn. TP.HCM đã"),
            Some("ho-chi-minh".into())
        );
        assert_eq!(
            slug("Phóng viên Báo Lâm Đồng trao đổi với đồng chí Bí thư."),
            Some("lam-dong".into())
        );
        for station in [
            "Đài PT-TH Lâm Đồng",
            "Đài Phát thanh và Truyền hình Lâm Đồng",
        ] {
            assert_eq!(slug(station), Some("lam-dong".into()), "{station}");
        }
        // The province as merged in 2025 is the article's.
        assert_eq!(
            slug("Đảng bộ phường Yên Bái tổ chức đại hội. Tỉnh Yên Bái và tỉnh Yên Bái cũ. Đây là đại hội điểm của tỉnh Lào Cai (mới), hợp nhất tỉnh Lào Cai và tỉnh Yên Bái."),
            Some("lao-cai".into())
        );
        // A former province, a commune named after one, are not the article's.
        assert_eq!(
            slug("Lâm Đồng: Hội nghị khu vực Đắk Nông (cũ). Khu vực Đắk Nông cũ và Đắk Nông (cũ) có. Tỉnh ủy Lâm Đồng chỉ đạo."),
            Some("lam-dong".into())
        );
        assert_eq!(
            slug("Đại hội Đảng bộ phường Hà Giang 1. Phường Hà Giang 2 và phường Hà Giang 1. Tỉnh ủy Tuyên Quang chỉ đạo."),
            Some("tuyen-quang".into())
        );
    }

    #[test]
    fn not_places() {
        assert_eq!(
            slug("học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."),
            None
        );
        assert_eq!(slug("kỷ niệm Chiến thắng Điện Biên Phủ."), None);
        assert_eq!(slug("đồng chí Nguyễn Thái Bình phát biểu."), None);
        assert_eq!(slug("giữ gìn hòa bình, ổn định."), None);
        assert_eq!(slug("chị Huế cho biết."), None);
    }

    #[test]
    fn districts_when_no_province() {
        assert_eq!(
            slug("Lớp bồi dưỡng tại huyện Than Uyên năm 2014."),
            Some("lai-chau".into())
        );
        assert_eq!(
            slug("Huyện ủy Vĩnh Tường luôn chú trọng."),
            Some("vinh-phuc".into())
        );
        // A district named as a province is a district after its unit.
        assert_eq!(
            slug("Huyện ủy Hòa Bình ban hành nghị quyết. Tỉnh ủy Bạc Liêu chỉ đạo."),
            Some("bac-lieu".into())
        );
        // Names apart only in tones: the one spelled so.
        assert_eq!(
            slug("Huyện ủy Thạnh Hóa tổ chức hội nghị."),
            Some("long-an".into())
        );
        assert_eq!(
            slug("Đảng ủy xã (huyện Tam Đường) họp."),
            Some("lai-chau".into())
        );
        assert_eq!(slug("Huyện ủy Tam Dương họp."), Some("vinh-phuc".into()));
        // A district name without `huyện` is not enough.
        assert_eq!(slug("Kim Bôi xác định nhiệm vụ."), None);
        // A province named beats districts of another.
        assert_eq!(
            slug("huyện Kim Bôi, huyện Kim Bôi; tỉnh Lai Châu."),
            Some("lai-chau".into())
        );
    }

    #[test]
    fn most_frequent_then_first() {
        assert_eq!(
            slug("tỉnh Lai Châu, tỉnh Sơn La, tỉnh Sơn La"),
            Some("son-la".into())
        );
        assert_eq!(slug("tỉnh Lai Châu, tỉnh Sơn La"), Some("lai-chau".into()));
    }

    /// The source the lede of `text` names, as (name, province slug).
    fn source_of(text: &str, extra: &[Portal]) -> Option<(String, Option<String>)> {
        let lines = lines::split(text, 0..text.len());
        source(text, &lines, extra).map(|(name, p)| (name, p.map(|p| p.slug)))
    }

    fn named(name: &str, slug: Option<&str>) -> Option<(String, Option<String>)> {
        Some((name.to_string(), slug.map(str::to_string)))
    }

    #[test]
    fn known_portals_without_brackets() {
        assert_eq!(
            source_of(
                "YBĐT - Sáng 14/6, Ban Thường vụ Tỉnh ủy tổ chức hội nghị.\n",
                &[]
            ),
            named("YBĐT (Báo Yên Bái)", Some("yen-bai"))
        );
        // Capitals before a dash are no portal unless the table knows them.
        assert_eq!(
            source_of("UBND - Sáng 14/6, tỉnh tổ chức hội nghị.\n", &[]),
            None
        );
        // A provincial paper's site is.
        assert_eq!(
            source_of("Baophutho.vn - Sáng 14/6, huyện tổ chức hội nghị.\n", &[]),
            named("Baophutho.vn", Some("phu-tho"))
        );
    }

    #[test]
    fn a_paper_named_in_full_or_by_its_site() {
        for (lede, province) in [
            (
                "(Báo Thái Nguyên) - Thực hiện Chỉ thị số 28-CT/TW.",
                Some("thai-nguyen"),
            ),
            ("(Báo Nhân Dân) - Sáng nay, hội nghị khai mạc.", None),
            ("(Baonghean.vn) - Sáng nay.", Some("nghe-an")),
            ("(baoquangninh.com.vn) - Sáng nay.", Some("quang-ninh")),
            ("(Chinhphu.vn) - Sáng nay.", None),
        ] {
            let name = lede[1..].split(')').next().unwrap_or_default();
            assert_eq!(
                source_of(&format!("{lede}\n"), &[]),
                named(name, province),
                "{lede}"
            );
        }
    }

    #[test]
    fn portals_from_the_table() {
        assert_eq!(
            source_of("(HBĐT) - Ngày 8/8, BTV Tỉnh ủy ban hành.\n", &[]),
            named("HBĐT (Báo Hòa Bình)", Some("hoa-binh"))
        );
        let extra = [Portal {
            abbreviation: "XYZ".into(),
            name: "Báo Xyz".into(),
            province: Some("Sơn La".into()),
        }];
        let text = "(XYZ) - Sáng nay.\n";
        assert_eq!(
            source_of(text, &extra),
            named("XYZ (Báo Xyz)", Some("son-la"))
        );
        assert_eq!(source_of(text, &[]), named("XYZ", None));
    }
}
