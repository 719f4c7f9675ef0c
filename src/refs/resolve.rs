//! Mentions → keys (REFERENCES.md §3): scope, year, short forms, plenums.

use super::grammar::{Mention, Target};
use super::registry::Registry;
use super::{line_of, ArticleContext, Citation, Resolution};

/// Party issuers whose documents are numbered nationwide.
const CENTRAL_PARTY_ISSUERS: &[&str] = &[
    "TW", "BCT", "BBT", "BTCTW", "BTGTW", "BDVTW", "UBKTTW", "VPTW", "QUTW", "BNCTW", "BKTTW",
    "BTGDVTW", "ĐUKCQTW", "ĐUKDNTW",
];

/// Resolves the mentions of one article, in reading order.
pub fn resolve(
    text: &str,
    mentions: &[Mention],
    context: &ArticleContext,
    _registry: &Registry,
) -> Vec<Citation> {
    let mut out = Vec::new();
    for m in mentions {
        let (key, code, resolved) = match &m.target {
            Target::PartyCode {
                number,
                doc_type,
                issuer,
            } => {
                let base = format!("{number}-{doc_type}/{issuer}");
                if CENTRAL_PARTY_ISSUERS.contains(&issuer.as_str()) {
                    (base, format!("{doc_type}/{issuer}"), Resolution::Code)
                } else if let Some(p) = &context.province {
                    (
                        format!("{base}@{p}"),
                        format!("{doc_type}/{issuer}"),
                        Resolution::Code,
                    )
                } else {
                    (base, format!("{doc_type}/{issuer}"), Resolution::Unscoped)
                }
            }
            Target::StateCode { number, year, code } => {
                let key = match year {
                    Some(y) => format!("{number}/{y}/{code}"),
                    None => format!("{number}/{code}"),
                };
                (key, code.clone(), Resolution::Code)
            }
        };
        out.push(Citation {
            key,
            line: line_of(text, m.span.start),
            span: m.span.clone(),
            kind: m.kind.clone(),
            number: m.number.clone(),
            code: Some(code),
            issuer: m.issuer.clone(),
            date: m.date,
            subject: m.subject.clone(),
            resolved,
        });
    }
    out
}
