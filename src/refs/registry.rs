//! The registry of known directives (REFERENCES.md §4): the built-in list in
//! `data/registry.toml`, plus or replaced by `[[registry]]` in site.toml.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One known directive.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RegistryEntry {
    /// Its key, with `#YYYY`: `22-NQ/TW#2008`.
    pub key: String,
    /// `Nghị quyết`, `Chỉ thị`, ...
    pub kind: String,
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default)]
    pub date: Option<toml::value::Datetime>,
    #[serde(default)]
    pub title: Option<String>,
    /// The Central plenum that issued it: `TW6/X`.
    #[serde(default)]
    pub plenum: Option<String>,
    /// What the plenum's name (or the bare code) means when nothing else decides.
    #[serde(default)]
    pub default: bool,
    /// Words that, standing in a mention's sentence, pick this document.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Other keys that mean this document.
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl RegistryEntry {
    /// The key without `#YYYY`.
    pub fn base_key(&self) -> &str {
        self.key.split('#').next().unwrap_or(&self.key)
    }

    pub fn year(&self) -> Option<i32> {
        self.key.split('#').nth(1).and_then(|y| y.parse().ok())
    }

    /// The date as `chrono` sees it, when the entry gives a whole date.
    pub fn naive_date(&self) -> Option<chrono::NaiveDate> {
        let d = self.date.as_ref()?.date?;
        chrono::NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
    }

    /// The khóa of the Central Committee it was issued under: its plenum's
    /// (`TW6/X` → 10), else the one its date falls in.
    pub fn term(&self) -> Option<u32> {
        let from_plenum = self
            .plenum
            .as_deref()
            .and_then(|p| p.split_once('/'))
            .and_then(|(_, roman)| crate::refs::grammar::roman(roman));
        from_plenum.or_else(|| term_at(self.naive_date()?))
    }
}

/// The khóa in office on `date`: each begins when its Congress closes.
pub fn term_at(date: chrono::NaiveDate) -> Option<u32> {
    const BEGINS: &[(u32, (i32, u32, u32))] = &[
        (14, (2026, 1, 23)),
        (13, (2021, 2, 1)),
        (12, (2016, 1, 28)),
        (11, (2011, 1, 19)),
        (10, (2006, 4, 25)),
        (9, (2001, 4, 22)),
        (8, (1996, 7, 1)),
    ];
    BEGINS.iter().find_map(|&(term, (y, m, d))| {
        let begins = chrono::NaiveDate::from_ymd_opt(y, m, d)?;
        (date >= begins).then_some(term)
    })
}

/// Problems with registry entries; `check` lists them, `build` warns.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RegistryError {
    #[error("registry: two entries claim the key {key}: {first:?} and {second:?}")]
    Duplicate {
        key: String,
        first: String,
        second: String,
    },
    #[error("registry: entry {key}: {message}")]
    Invalid { key: String, message: String },
}

#[derive(Deserialize)]
struct RegistryFile {
    registry: Vec<RegistryEntry>,
}

/// Known directives, looked up by key, by code and by plenum.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    entries: Vec<RegistryEntry>,
    by_key: BTreeMap<String, usize>,
}

const BUILT_IN: &str = include_str!("../../data/registry.toml");

impl Registry {
    /// The built-in registry with `extra` entries from site.toml: an extra
    /// entry with a built-in key replaces it; two extra entries (or two
    /// aliases) claiming one key are an error naming both.
    pub fn new(extra: &[RegistryEntry]) -> (Registry, Vec<RegistryError>) {
        let built_in: RegistryFile =
            toml::from_str(BUILT_IN).expect("data/registry.toml is valid (checked by a test)");
        let mut errors = Vec::new();
        let mut entries: Vec<RegistryEntry> = built_in.registry;
        let mut seen_extra: BTreeMap<String, String> = BTreeMap::new();
        for e in extra {
            if let Some(first) = seen_extra.get(&e.key) {
                errors.push(RegistryError::Duplicate {
                    key: e.key.clone(),
                    first: first.clone(),
                    second: e.title.clone().unwrap_or_default(),
                });
                continue;
            }
            seen_extra.insert(e.key.clone(), e.title.clone().unwrap_or_default());
            match entries.iter().position(|b| b.key == e.key) {
                Some(i) => entries[i] = e.clone(),
                None => entries.push(e.clone()),
            }
        }
        let mut registry = Registry {
            entries: Vec::new(),
            by_key: BTreeMap::new(),
        };
        for e in entries {
            if !e.key.contains(['-', '/']) && !e.key.starts_with("NQ") {
                errors.push(RegistryError::Invalid {
                    key: e.key.clone(),
                    message: "expected a key such as 22-NQ/TW#2008".into(),
                });
                continue;
            }
            let idx = registry.entries.len();
            for k in std::iter::once(&e.key).chain(e.aliases.iter()) {
                if let Some(&other) = registry.by_key.get(k) {
                    errors.push(RegistryError::Duplicate {
                        key: k.clone(),
                        first: registry.entries[other].key.clone(),
                        second: e.key.clone(),
                    });
                } else {
                    registry.by_key.insert(k.clone(), idx);
                }
            }
            registry.entries.push(e);
        }
        (registry, errors)
    }

    pub fn entries(&self) -> &[RegistryEntry] {
        &self.entries
    }

    /// The entry with this key (with `#YYYY`) or alias.
    pub fn get(&self, key: &str) -> Option<&RegistryEntry> {
        self.by_key.get(key).map(|&i| &self.entries[i])
    }

    /// Entries whose key without year is `base` (`12-NQ/TW`): one per year.
    pub fn with_base(&self, base: &str) -> impl Iterator<Item = &RegistryEntry> + '_ {
        let base = base.to_string();
        self.entries.iter().filter(move |e| e.base_key() == base)
    }

    /// Entries issued by a plenum (`TW4/XII`).
    pub fn of_plenum(&self, plenum: &str) -> impl Iterator<Item = &RegistryEntry> + '_ {
        let plenum = plenum.to_string();
        self.entries
            .iter()
            .filter(move |e| e.plenum.as_deref() == Some(plenum.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_is_valid() {
        let (r, errors) = Registry::new(&[]);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(r.get("22-NQ/TW#2008").is_some());
        assert_eq!(r.with_base("12-NQ/TW").count(), 3);
        assert_eq!(r.of_plenum("TW6/X").count(), 3);
    }

    #[test]
    fn an_entrys_khoa_is_its_plenums_else_its_dates() {
        let (r, _) = Registry::new(&[]);
        let term = |key: &str| r.get(key).and_then(RegistryEntry::term);
        assert_eq!(term("12-NQ/TW#2012"), Some(11)); // TW4/XI
        assert_eq!(term("5-CT/TW#2016"), Some(12)); // 15/5/2016
        assert_eq!(term("12-NQ/TW#2022"), Some(13)); // 16/3/2022
        assert_eq!(term("10-CT/TW#2007"), Some(10)); // 30/3/2007
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(term_at(day(2016, 1, 27)), Some(11));
        assert_eq!(term_at(day(2016, 1, 28)), Some(12));
        assert_eq!(term_at(day(1990, 1, 1)), None);
    }

    #[test]
    fn duplicates_are_named() {
        let entry = |title: &str| RegistryEntry {
            key: "7-CT/TU@hoa-binh#2020".into(),
            kind: "Chỉ thị".into(),
            issuer: None,
            date: None,
            title: Some(title.into()),
            plenum: None,
            default: false,
            topics: vec![],
            aliases: vec![],
        };
        let (_, errors) = Registry::new(&[entry("A"), entry("B")]);
        assert_eq!(errors.len(), 1);
        let msg = errors[0].to_string();
        assert!(msg.contains("\"A\"") && msg.contains("\"B\""), "{msg}");
    }

    #[test]
    fn site_entry_replaces_built_in() {
        let mut e = Registry::new(&[]).0.get("10-CT/TW#2007").unwrap().clone();
        e.title = Some("Khác".into());
        let (r, errors) = Registry::new(&[e]);
        assert!(errors.is_empty());
        assert_eq!(
            r.get("10-CT/TW#2007").unwrap().title.as_deref(),
            Some("Khác")
        );
    }
}
