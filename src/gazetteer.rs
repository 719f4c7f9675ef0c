//! Vietnam's provinces (and, where known, their districts) before the 2025
//! reorganisation: names as people write them, and the slugs keys use.
//!
//! The data lives in `data/provinces.tsv` and `data/districts.tsv`, with
//! the units merged away since that the archive's years still name (Hà
//! Tây, Hoành Bồ) in `data/former.tsv`, compiled into the binary so every
//! build, wherever it runs, knows the same places.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use crate::vi;

/// A province or centrally-run city.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Province {
    /// As displayed: `Hòa Bình`.
    pub name: String,
    /// As used in keys: `hoa-binh`.
    pub slug: String,
}

/// A district (huyện, quận, thị xã, thành phố thuộc tỉnh).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct District {
    pub name: String,
    pub slug: String,
    /// Index into [`Gazetteer::provinces`].
    pub province: usize,
}

pub struct Gazetteer {
    pub provinces: Vec<Province>,
    pub districts: Vec<District>,
    /// Folded name or alias → province index.
    by_name: HashMap<String, usize>,
    /// Folded district name → district indices (several provinces may share a name).
    districts_by_name: HashMap<String, Vec<usize>>,
    /// [`word_key`] of a province name or alias → province index.
    provinces_by_words: HashMap<String, usize>,
    /// [`word_key`] of a district name → district indices.
    districts_by_words: HashMap<String, Vec<usize>>,
    /// Every leading run of words of a province or district key (`ba`,
    /// `ba ria`, …), so a scan stops as soon as no name can follow.
    name_prefixes: HashSet<String>,
}

/// The most words any place name has (`Bà Rịa - Vũng Tàu`, `Phan Rang-Tháp Chàm`).
pub const MAX_NAME_WORDS: usize = 5;

/// A name as a lookup key: folded, its words (runs of letters and digits)
/// joined by one space, so `Bà Rịa - Vũng Tàu`, `Bà Rịa–Vũng Tàu` and
/// `ba ria vung tau` meet. Text scanned word by word builds the same key.
pub fn word_key(name: &str) -> String {
    let folded = vi::fold(name);
    let mut key = String::with_capacity(folded.len());
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        if !word.is_empty() {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(word);
        }
    }
    key
}

/// A name as written, for telling apart names that share a [`word_key`]:
/// lower case, tones placed one way, words joined by one space.
fn spelling(name: &str) -> String {
    vi::canonical_tones(&name.to_lowercase())
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

const PROVINCES: &str = include_str!("../data/provinces.tsv");
const DISTRICTS: &str = include_str!("../data/districts.tsv");
const FORMER: &str = include_str!("../data/former.tsv");

impl Gazetteer {
    /// The built-in gazetteer, parsed once.
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::parse(PROVINCES, DISTRICTS, FORMER))
    }

    /// Reads the provinces, the districts, and the former units (`former.tsv`:
    /// `province` rows as in provinces.tsv, `district` rows as in
    /// districts.tsv, each after its kind).
    fn parse(provinces_tsv: &str, districts_tsv: &str, former_tsv: &str) -> Gazetteer {
        let former = |kind: &'static str| {
            data_lines(former_tsv).filter_map(move |l| l.strip_prefix(kind)?.strip_prefix('\t'))
        };
        let mut g = Gazetteer {
            provinces: Vec::new(),
            districts: Vec::new(),
            by_name: HashMap::default(),
            districts_by_name: HashMap::default(),
            provinces_by_words: HashMap::default(),
            districts_by_words: HashMap::default(),
            name_prefixes: HashSet::default(),
        };
        for line in data_lines(provinces_tsv).chain(former("province")) {
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(name), Some(slug)) = (cols.first(), cols.get(1)) else {
                continue;
            };
            let idx = g.provinces.len();
            g.provinces.push(Province {
                name: name.to_string(),
                slug: slug.to_string(),
            });
            g.by_name.insert(vi::fold(name), idx);
            g.provinces_by_words.insert(word_key(name), idx);
            for alias in cols.get(2).unwrap_or(&"").split(',') {
                if !alias.trim().is_empty() {
                    g.by_name.insert(vi::fold(alias.trim()), idx);
                    g.provinces_by_words.entry(word_key(alias)).or_insert(idx);
                }
            }
        }
        // districts.tsv: province slug, district name, district slug
        for line in data_lines(districts_tsv).chain(former("district")) {
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(pslug), Some(name), Some(slug)) = (cols.first(), cols.get(1), cols.get(2))
            else {
                continue;
            };
            let Some(province) = g.provinces.iter().position(|p| p.slug == *pslug) else {
                continue;
            };
            let idx = g.districts.len();
            g.districts.push(District {
                name: name.to_string(),
                slug: slug.to_string(),
                province,
            });
            g.districts_by_name
                .entry(vi::fold(name))
                .or_default()
                .push(idx);
            g.districts_by_words
                .entry(word_key(name))
                .or_default()
                .push(idx);
        }
        let keys: Vec<String> = g
            .provinces_by_words
            .keys()
            .chain(g.districts_by_words.keys())
            .cloned()
            .collect();
        for key in keys {
            let mut end = 0;
            for word in key.split(' ') {
                end += word.len();
                g.name_prefixes.insert(key[..end].to_string());
                end += 1;
            }
        }
        g
    }

    /// Whether some province or district key starts with the words of `key`.
    pub fn is_name_prefix(&self, key: &str) -> bool {
        self.name_prefixes.contains(key)
    }

    /// The province a name (or alias) means, in any case or tone placement.
    pub fn province(&self, name: &str) -> Option<&Province> {
        let key = vi::fold(name.trim());
        let key = key
            .strip_prefix("tinh ")
            .or_else(|| key.strip_prefix("thanh pho "))
            .or_else(|| key.strip_prefix("tp. "))
            .or_else(|| key.strip_prefix("tp "))
            .unwrap_or(&key);
        self.by_name.get(key.trim()).map(|&i| &self.provinces[i])
    }

    /// Whether `written` is spelled as a district's name and not as the
    /// province's its key also names (`Thạnh Hóa`, Long An's district, is not
    /// Thanh Hóa province).
    pub fn spelled_as_district_only(&self, province: usize, written: &str) -> bool {
        let Some(p) = self.provinces.get(province) else {
            return false;
        };
        let Some(ids) = self.districts_by_words.get(&word_key(&p.name)) else {
            return false;
        };
        // Only a district spelled otherwise than the province can be meant.
        let others = || ids.iter().filter(|&&i| self.districts[i].name != p.name);
        if others().next().is_none() {
            return false;
        }
        let w = spelling(written);
        others().any(|&i| spelling(&self.districts[i].name) == w) && spelling(&p.name) != w
    }

    /// The province with this slug.
    pub fn province_by_slug(&self, slug: &str) -> Option<&Province> {
        self.provinces.iter().find(|p| p.slug == slug)
    }

    /// The districts a name may mean (several provinces share some names).
    /// Names that differ only in tones or `đ` (Tam Đường and Tam Dương, Thanh
    /// Hóa and Thạnh Hóa) share a key; the one spelled as written is meant.
    pub fn districts(&self, name: &str) -> Vec<&District> {
        let ids = self.districts_by_name.get(&vi::fold(name.trim()));
        let all: Vec<&District> = ids
            .into_iter()
            .flatten()
            .map(|&i| &self.districts[i])
            .collect();
        let written = spelling(name);
        let exact: Vec<&District> = all
            .iter()
            .copied()
            .filter(|d| spelling(&d.name) == written)
            .collect();
        if exact.is_empty() {
            all
        } else {
            exact
        }
    }

    /// The province of the district called `name` (`Than Uyên` → Lai Châu),
    /// with or without its `huyện`/`quận`/`thị xã`/`thành phố` prefix.
    /// `None` when no district has that name, or when districts of several
    /// provinces share it (`Châu Thành`): the name alone does not say which.
    pub fn district_province(&self, name: &str) -> Option<&Province> {
        let key = word_key(name);
        let key = ["huyen ", "quan ", "thi xa ", "thanh pho ", "tp "]
            .iter()
            .find_map(|p| key.strip_prefix(p))
            .unwrap_or(&key);
        self.district_province_by_key(key)
            .map(|i| &self.provinces[i])
    }

    /// The province index a [`word_key`] names, if it is a province's name or alias.
    pub fn province_by_key(&self, key: &str) -> Option<usize> {
        self.provinces_by_words.get(key).copied()
    }

    /// The province index of the district a [`word_key`] names, when only
    /// one province has a district of that name.
    pub fn district_province_by_key(&self, key: &str) -> Option<usize> {
        self.district_province_written(key, None)
    }

    /// [`Gazetteer::district_province_by_key`], preferring the districts
    /// spelled as `written` when some are (`Tam Đường`: Lai Châu's, not
    /// Vĩnh Phúc's Tam Dương).
    pub fn district_province_written(&self, key: &str, written: Option<&str>) -> Option<usize> {
        let all = self.districts_by_words.get(key)?;
        let province_of = |i: &usize| self.districts.get(*i).map(|d| d.province);
        // One province's (most names): nothing to tell apart.
        if all
            .iter()
            .all(|i| province_of(i) == all.first().and_then(province_of))
        {
            return all.first().and_then(province_of);
        }
        let exact: Vec<usize> = written
            .map(spelling)
            .map(|w| {
                all.iter()
                    .copied()
                    .filter(|&i| {
                        self.districts
                            .get(i)
                            .is_some_and(|d| spelling(&d.name) == w)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let ids = if exact.is_empty() { all } else { &exact };
        let first = self.districts.get(*ids.first()?)?.province;
        ids.iter()
            .all(|&i| self.districts.get(i).is_some_and(|d| d.province == first))
            .then_some(first)
    }

    /// The longest province name that starts `text` (compared folded), with
    /// the number of bytes of `text` it covers. `text` should start at a word.
    pub fn province_at_start(&self, text: &str) -> Option<(&Province, usize)> {
        // Most words start no place name: the first word tells, cheaply.
        let first = text
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(text.len());
        if first == 0 || !self.is_name_prefix(&vi::fold(&text[..first])) {
            return None;
        }
        // Province names have at most four words ("Bà Rịa - Vũng Tàu").
        let mut ends = Vec::new();
        let mut in_word = false;
        for (i, c) in text.char_indices() {
            let letter = c.is_alphanumeric() || c == '.';
            if in_word && !letter {
                ends.push(i);
                if ends.len() >= 5 {
                    break;
                }
            }
            in_word = letter;
        }
        if in_word {
            ends.push(text.len());
        }
        for &end in ends.iter().rev() {
            // A word may carry a dot (`TP.HCM`), but a sentence's full stop
            // is not part of the name: `của Tỉnh ủy Phú Yên.`
            let name = text[..end].trim_end_matches('.');
            if let Some(&i) = self.by_name.get(&vi::fold(name)) {
                return Some((&self.provinces[i], name.len()));
            }
        }
        None
    }
}

fn data_lines(tsv: &str) -> impl Iterator<Item = &str> {
    tsv.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_three_provinces_and_ha_tay() {
        let g = Gazetteer::get();
        assert_eq!(g.provinces.len(), 64);
        assert_eq!(
            g.province("Hà Tây").map(|p| p.slug.as_str()),
            Some("ha-tay")
        );
        // A district merged away is still known by its name.
        assert_eq!(g.districts("Hoành Bồ").len(), 1);
    }

    #[test]
    fn names_in_any_spelling() {
        let g = Gazetteer::get();
        assert_eq!(g.province("Hoà Bình").unwrap().slug, "hoa-binh");
        assert_eq!(g.province("tỉnh Lai Châu").unwrap().slug, "lai-chau");
        assert_eq!(g.province("TP. Hồ Chí Minh").unwrap().slug, "ho-chi-minh");
        assert!(g.province("Hà Lan").is_none());
    }

    #[test]
    fn districts_before_2025() {
        let g = Gazetteer::get();
        assert!(g.districts.len() > 650, "{}", g.districts.len());
        let province = |n: &str| g.district_province(n).map(|p| p.slug.as_str());
        assert_eq!(province("Than Uyên"), Some("lai-chau"));
        assert_eq!(province("huyện Vĩnh Tường"), Some("vinh-phuc"));
        assert_eq!(province("Kim Bôi"), Some("hoa-binh"));
        assert_eq!(province("Mường Tè"), Some("lai-chau"));
        // Several provinces have a Châu Thành district.
        assert_eq!(province("Châu Thành"), None);
        assert_eq!(province("Hà Lan"), None);
        assert!(g.districts("Châu Thành").len() > 2);
        // Names apart only in tones: the one spelled so.
        let provinces = |name: &str| -> Vec<&str> {
            g.districts(name)
                .iter()
                .map(|d| g.provinces[d.province].slug.as_str())
                .collect()
        };
        assert_eq!(provinces("Tam Đường"), ["lai-chau"]);
        assert_eq!(provinces("Tam Dương"), ["vinh-phuc"]);
        assert_eq!(provinces("Thạnh Hóa"), ["long-an"]);
        assert_eq!(provinces("tam duong").len(), 2);
        let key = word_key("Tam Đường");
        let lai_chau = g.province_by_key("lai chau");
        assert_eq!(
            g.district_province_written(&key, Some("Tam Đường")),
            lai_chau
        );
        assert_eq!(g.district_province_by_key(&key), None);
        let thanh_hoa = g.province_by_key("thanh hoa").unwrap_or(usize::MAX);
        assert!(g.spelled_as_district_only(thanh_hoa, "Thạnh Hóa"));
        assert!(!g.spelled_as_district_only(thanh_hoa, "Thanh Hóa"));
    }

    #[test]
    fn word_keys_meet() {
        assert_eq!(word_key("Bà Rịa - Vũng Tàu"), "ba ria vung tau");
        assert_eq!(word_key("Bà Rịa–Vũng Tàu"), "ba ria vung tau");
        let g = Gazetteer::get();
        assert_eq!(
            g.province_by_key("ba ria vung tau"),
            g.province_by_key("ba ria vung tau")
        );
        assert!(g.province_by_key("ba ria vung tau").is_some());
    }

    #[test]
    fn longest_name_at_start() {
        let g = Gazetteer::get();
        let (p, n) = g.province_at_start("Yên Bái đã ban hành").unwrap();
        assert_eq!((p.slug.as_str(), n), ("yen-bai", "Yên Bái".len()));
    }
}
