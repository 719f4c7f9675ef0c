//! The surface grammar of references (REFERENCES.md §2): text → [`Mention`]s.
//!
//! Detection knows nothing of the article: it reports what each mention
//! *says*. Keys, scopes and years are [`super::resolve`]'s job.

use std::ops::Range;
use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

/// What a mention points at.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A Party code: `26-CT/TU` → number 26, type `CT`, issuer `TU`.
    PartyCode {
        number: u32,
        doc_type: String,
        issuer: String,
    },
    /// A State code: `114/2014/NĐ-CP`, `17/CT-UBND`, `238/UBND-KGVX`.
    StateCode {
        number: u32,
        year: Option<i32>,
        code: String,
    },
}

/// One reference as the text writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte range in the text given to [`detect`].
    pub span: Range<usize>,
    /// The type word as a reader says it: `Nghị quyết`.
    pub kind: String,
    /// The number as written (`05`).
    pub number: Option<String>,
    pub target: Target,
    /// The issuer named after the code (`của Ban Bí thư`), as written.
    pub issuer: Option<String>,
    pub date: Option<NaiveDate>,
    pub subject: Option<String>,
}

impl Mention {
    /// Moves the span by `offset` bytes (detect works on slices).
    pub fn shift(&mut self, offset: usize) {
        self.span = self.span.start + offset..self.span.end + offset;
    }
}

fn party_code() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            (?: (?P<word>(?i:Nghị\ quyết|Chỉ\ thị|Kết\ luận|Quy\ định|Quyết\ định|Hướng\ dẫn|Kế\ hoạch|Chương\ trình|Thông\ báo|Thông\ tri|Quy\ chế|Đề\ án|Công\ văn))
                \s+ (?i:số\s+)? )?
            \b(?P<num>\d{1,4}) \s*[-–]\s* (?P<type>[A-ZĐ][A-Za-zĐđ]{0,3}) \s*/\s* (?P<issuer>[A-ZĐ][A-ZĐ]{1,7})\b",
        )
        .expect("valid regex")
    })
}

/// Finds every mention in `text`, in reading order.
pub fn detect(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    for caps in party_code().captures_iter(text) {
        let (Some(all), Some(num), Some(ty), Some(iss)) = (
            caps.get(0),
            caps.name("num"),
            caps.name("type"),
            caps.name("issuer"),
        ) else {
            continue;
        };
        let Ok(number) = num.as_str().parse::<u32>() else {
            continue;
        };
        let kind = caps
            .name("word")
            .map(|w| crate::vi::canonical_tones(w.as_str()))
            .unwrap_or_else(|| "Văn bản".to_string());
        out.push(Mention {
            span: all.range(),
            kind,
            number: Some(num.as_str().to_string()),
            target: Target::PartyCode {
                number,
                doc_type: ty.as_str().to_string(),
                issuer: iss.as_str().to_string(),
            },
            issuer: None,
            date: None,
            subject: None,
        });
    }
    out
}
