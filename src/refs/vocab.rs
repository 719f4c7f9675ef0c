//! The vocabulary of references, loaded once from `data/issuers.toml`:
//! type abbreviations and the type words they stand for.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

#[derive(Deserialize)]
struct TypeRow {
    abbr: String,
    #[serde(default)]
    party: Option<String>,
    #[serde(default)]
    state: Option<String>,
}

#[derive(Deserialize)]
struct File {
    types: Vec<TypeRow>,
    not_documents: Vec<String>,
    words: HashMap<String, String>,
    canonical: HashMap<String, String>,
}

/// Type abbreviations and words, looked up case-insensitively.
pub struct Vocab {
    /// Upper-cased abbreviation → (canonical abbreviation, Party word, State word).
    types: HashMap<String, (String, Option<String>, Option<String>)>,
    /// Type word → abbreviation (`Chỉ thị` → `CT`).
    words: HashMap<String, String>,
    /// Upper-cased code part → canonical case (`TTG` → `TTg`).
    canonical: HashMap<String, String>,
    /// Upper-cased types of numbered papers that are no directives (`GP`).
    not_documents: Vec<String>,
}

const DATA: &str = include_str!("../../data/issuers.toml");

impl Vocab {
    pub fn get() -> &'static Vocab {
        static V: OnceLock<Vocab> = OnceLock::new();
        V.get_or_init(|| {
            let file: File = toml::from_str(DATA).expect("data/issuers.toml is valid (tested)");
            Vocab {
                types: file
                    .types
                    .into_iter()
                    .map(|t| (t.abbr.to_uppercase(), (t.abbr, t.party, t.state)))
                    .collect(),
                words: file.words,
                canonical: file.canonical,
                not_documents: file
                    .not_documents
                    .iter()
                    .map(|a| a.to_uppercase())
                    .collect(),
            }
        })
    }

    /// The canonical abbreviation of a Party document type, if it is one.
    pub fn party_type(&self, abbr: &str) -> Option<&str> {
        self.types
            .get(&abbr.to_uppercase())
            .filter(|t| t.1.is_some())
            .map(|t| t.0.as_str())
    }

    /// Whether a code's first part names a paper that is no directive: a
    /// licence (`361/GP-BTTTT`), a certificate, a contract.
    pub fn is_not_document(&self, abbr: &str) -> bool {
        let up = abbr.to_uppercase();
        self.not_documents.contains(&up)
    }

    /// The canonical abbreviation of a State document type, if it is one.
    pub fn state_type(&self, abbr: &str) -> Option<&str> {
        self.types
            .get(&abbr.to_uppercase())
            .filter(|t| t.2.is_some())
            .map(|t| t.0.as_str())
    }

    /// The word a reader says for a type abbreviation.
    pub fn word_of(&self, abbr: &str, party: bool) -> Option<&str> {
        let t = self.types.get(&abbr.to_uppercase())?;
        if party {
            t.1.as_deref().or(t.2.as_deref())
        } else {
            t.2.as_deref().or(t.1.as_deref())
        }
    }

    /// The abbreviation documents of this kind carry (`Chỉ thị` → `CT`).
    pub fn abbr_of(&self, word: &str) -> Option<&str> {
        self.words
            .get(word)
            .map(String::as_str)
            .filter(|a| !a.is_empty())
    }

    /// One code segment in its canonical case: `ttg` → `TTg`, `ubnd` → `UBND`.
    pub fn canonical_segment(&self, seg: &str) -> String {
        let up = seg.to_uppercase();
        // Some papers write `TW` as `TƯ` in codes too: `04-NQ/TƯ`, `BTCTƯ`,
        // `UBTƯMTTQVN`.
        let up = up.replace("TƯ", "TW");
        self.canonical.get(&up).cloned().unwrap_or(up)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load() {
        let v = Vocab::get();
        assert_eq!(v.party_type("qđi"), Some("QĐi"));
        assert_eq!(v.party_type("Ctr"), Some("CTr"));
        assert_eq!(v.state_type("nđ"), Some("NĐ"));
        assert_eq!(v.party_type("NĐ"), None);
        assert_eq!(v.abbr_of("Đề án"), Some("ĐA"));
        assert_eq!(v.canonical_segment("ttg"), "TTg");
        assert_eq!(v.canonical_segment("UBTƯMTTQVN"), "UBTWMTTQVN");
        assert_eq!(v.canonical_segment("BTCTƯ"), "BTCTW");
        assert_eq!(v.word_of("TT", false), Some("Thông tư"));
    }
}
