//! Mentions → keys (REFERENCES.md §3): scope, year, short forms, plenums.
//!
//! Three passes over one article's mentions, in reading order:
//! 1. everything that names its document by itself: codes, a number with
//!    its issuer, plenums (through the registry), Congresses;
//! 2. years, for keys that take one: the mention's own date, else a dated
//!    mention of the same key in the article, else the registry;
//! 3. numbers without code or issuer: tied to a full mention of the same
//!    type and number in the article (a short form), else keyed by type and
//!    the article's province.
//!
//! A last pass over the whole archive ([`years_from_archive`]) dates keys
//! whose dated mentions elsewhere all agree on one year.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::grammar::{
    is_district_committee, issuer as parse_issuer, DocNumber, Issuer, Mention, Organ, Target,
    CENTRAL_CITIES,
};
use super::registry::{Registry, RegistryEntry};
use super::vocab::Vocab;
use super::{sentence_bounds, ArticleContext, Citation, Lines, Resolution};
use crate::vi;

/// State issuers whose documents are numbered nationwide.
const CENTRAL_STATE: &[&str] = &[
    "CP", "TTG", "QH", "UBTVQH", "VPCP", "NHNN", "TTCP", "KTNN", "TANDTC", "VKSNDTC", "CTN", "UBDT",
];

/// Whether a Party issuer code is Central (`TW`, `BTCTW`, ...; `ĐUCA`,
/// the Central Public Security Party Committee's).
fn central_party(code: &str) -> bool {
    code.ends_with("TW") || code == "ĐUCA"
}

/// Whether a steering committee's code (`43-CV/BCĐ`, `141/KH-BCĐTKNQ18`),
/// which every level writes alike, is the Centre's: its mention says so
/// (`của Ban Chỉ đạo Trung ương`).
fn steered_centrally(code: &str, m: &Mention) -> bool {
    code.split(['-', '/']).any(|seg| seg.starts_with("BCĐ"))
        && m.issuer.as_ref().is_some_and(|i| central_party(&i.code))
}

/// Whether a State code's issuer is Central: the Government, the Prime
/// Minister, the National Assembly, a ministry (`BNV`, `BGDĐT`).
fn central_state(code: &str) -> bool {
    let segs: Vec<String> = code.split('-').map(str::to_uppercase).collect();
    let vocab = Vocab::get();
    let issuer = match segs.as_slice() {
        [first, second, ..]
            if vocab.state_type(first).is_some() || vocab.party_type(first).is_some() =>
        {
            second
        }
        [first, ..] => first,
        [] => return false,
    };
    // `UBTVQH15`: the National Assembly's organs write their term.
    let issuer = issuer.trim_end_matches(|c: char| c.is_ascii_digit());
    CENTRAL_STATE.contains(&issuer)
        || issuer.starts_with("QH")
        || (issuer.starts_with('B') && issuer.len() >= 3 && !issuer.starts_with("BCĐ"))
}

/// District-level Party issuers, whose keys carry the district when known
/// (a Đảng ủy's only when it names one: `Đảng ủy xã Hòa Sơn, huyện Lương Sơn`).
fn district_level(code: &str) -> bool {
    is_district_committee(code) || code == "ĐU"
}

/// Whether a State code is a people's committee's or council's
/// (`QĐ-UBND`, `UBND-VX`), whose key carries the district when the mention
/// names a district's (`của UBND huyện Tam Đảo`).
fn district_people_organ(code: &str) -> bool {
    code.split('-').any(|seg| matches!(seg, "UBND" | "HĐND"))
}

/// What pass 1 decided for one mention.
struct Draft {
    /// Key without year (with scope).
    base: Option<String>,
    /// A final key (plenums and registry documents carry their year).
    fixed: Option<String>,
    resolved: Resolution,
    takes_year: bool,
    /// The type abbreviation the mention's documents carry (`CT`).
    abbr: Option<String>,
    number: Option<DocNumber>,
    code: Option<String>,
}

/// The province (and district) a mention's own words name, else the article's.
fn scope(m: &Mention, context: &ArticleContext) -> (Option<String>, Option<String>) {
    let named = m.issuer.as_ref().or(m.issuer_before.as_ref());
    if let Some(iss) = named {
        if iss.province.is_some() {
            return (iss.province.clone(), iss.district.clone());
        }
        // A district's name that several provinces share: the article's.
        let in_article = iss
            .places
            .iter()
            .find(|(p, _)| Some(p) == context.province.as_ref());
        if let Some((p, d)) = in_article {
            return (Some(p.clone()), Some(d.clone()));
        }
    }
    // `Tại Quảng Ninh, Ban Thường vụ Tỉnh ủy ...`: the sentence's place.
    if let Some(place) = &m.place {
        return (Some(place.clone()), None);
    }
    // `Huyện ủy`, `UBND huyện` or a district's code (`05-NQ/HU`) with no
    // district named: the article's, if it names one only; a `Thành ủy`
    // with no name, the article's one city.
    let unnamed_city = named.is_some_and(|i| i.city && i.province.is_none() && i.places.is_empty());
    let district = if unnamed_city {
        context.city.clone()
    } else {
        context.district.clone().filter(|_| m.needs_district())
    };
    (context.province.clone(), district)
}

fn scoped(
    base: String,
    province: Option<&str>,
    district: Option<&str>,
    with_district: bool,
) -> (String, bool) {
    match province {
        Some(p) => match district.filter(|_| with_district) {
            Some(d) => (format!("{base}@{p}/{d}"), true),
            None => (format!("{base}@{p}"), true),
        },
        None => (base, false),
    }
}

/// Resolves the mentions of one article, in reading order.
pub fn resolve(
    text: &str,
    mentions: &[Mention],
    context: &ArticleContext,
    registry: &Registry,
) -> Vec<Citation> {
    let vocab = Vocab::get();
    let mentions: Vec<&Mention> = mentions.iter().filter(|m| !m.heading).collect();
    // The State documents the article cites by code, by type and number:
    // `Nghị quyết 98 của Quốc hội` after `Nghị quyết số 98/2023/QH15` is
    // that one, not a `98/NQ-QH` its issuer would imply.
    let state_coded: HashSet<(&str, DocNumber)> = mentions
        .iter()
        .filter_map(|m| match &m.target {
            Target::StateCode { number, .. } => Some((m.kind.as_str(), *number)),
            _ => None,
        })
        .collect();
    // Codes the article cites, to pick among a plenum's documents.
    let cited_codes: BTreeSet<String> = mentions
        .iter()
        .filter_map(|m| match &m.target {
            Target::PartyCode {
                number,
                doc_type,
                issuer,
            } => Some(format!("{number}-{doc_type}/{issuer}")),
            _ => None,
        })
        .collect();

    // Pass 1.
    let mut drafts: Vec<Draft> = mentions
        .iter()
        .map(|m| {
            let (province, district) = scope(m, context);
            let mut d = Draft {
                base: None,
                fixed: None,
                resolved: Resolution::Code,
                takes_year: false,
                abbr: vocab.abbr_of(&m.kind).map(str::to_string),
                number: None,
                code: None,
            };
            match &m.target {
                Target::PartyCode {
                    number,
                    doc_type,
                    issuer,
                } => {
                    let base = format!("{number}-{doc_type}/{issuer}");
                    d.number = Some(*number);
                    d.code = Some(format!("{doc_type}/{issuer}"));
                    d.abbr = Some(doc_type.clone());
                    d.takes_year = true;
                    if central_party(issuer) || steered_centrally(issuer, m) {
                        d.base = Some(base);
                    } else {
                        let (key, ok) = scoped(
                            base,
                            province.as_deref(),
                            district.as_deref(),
                            district_level(issuer),
                        );
                        d.base = Some(key);
                        if !ok {
                            d.resolved = Resolution::Unscoped;
                        }
                    }
                }
                Target::StateCode { number, year, code } => {
                    d.number = Some(*number);
                    d.code = Some(code.clone());
                    d.abbr = code.split('-').next().map(str::to_string);
                    let base = match year {
                        Some(y) => format!("{number}/{y}/{code}"),
                        None => format!("{number}/{code}"),
                    };
                    d.takes_year = year.is_none();
                    if central_state(code) || steered_centrally(code, m) {
                        d.base = Some(base);
                    } else {
                        let (key, ok) = scoped(
                            base,
                            province.as_deref(),
                            district.as_deref(),
                            district_people_organ(code),
                        );
                        d.base = Some(key);
                        if !ok {
                            d.resolved = Resolution::Unscoped;
                        }
                    }
                }
                Target::Number { number } => {
                    d.number = Some(*number);
                    let issuer = m.issuer.as_ref().or(m.issuer_before.as_ref());
                    // `Nghị quyết 06 của Huyện ủy` after `Nghị quyết số
                    // 06-NQ/HU ... của Huyện ủy Mộc Châu`: the article's code
                    // says more than the bare issuer (pass 3 ties them).
                    let coded = issuer.is_some_and(|iss| {
                        let party_coded = !central_party(&iss.code)
                            && iss.province.is_none()
                            && iss.places.is_empty()
                            && cited_codes.contains(&format!(
                                "{number}-{}/{}",
                                d.abbr.as_deref().unwrap_or(""),
                                iss.code
                            ));
                        // `Quy định số 08 của Trung ương` after `Quy định số
                        // 08-QĐi/TW`: the word cannot tell QĐ from QĐi; the code can.
                        let quy_dinh_i = d.abbr.as_deref() == Some("QĐ")
                            && cited_codes.contains(&format!("{number}-QĐi/{}", iss.code));
                        party_coded
                            || quy_dinh_i
                            || (!iss.party && state_coded.contains(&(m.kind.as_str(), *number)))
                    });
                    if let (Some(iss), Some(abbr), false) = (issuer, d.abbr.clone(), coded) {
                        let (key, code, ok) = key_from_issuer(
                            *number,
                            &abbr,
                            iss,
                            province.as_deref(),
                            district.as_deref(),
                        );
                        d.base = Some(key);
                        d.code = Some(code);
                        d.takes_year = true;
                        d.resolved = if ok {
                            Resolution::Issuer
                        } else {
                            Resolution::Unscoped
                        };
                    }
                }
                Target::Plenum { plenum, term } => {
                    let (key, resolved) =
                        plenum_key(m, *plenum, *term, text, registry, &cited_codes);
                    if resolved == Resolution::Registry {
                        // The document has a number: `Nghị quyết 04` may stand for it later.
                        let base = key.split('#').next().unwrap_or(&key);
                        if let Some((n, code)) = base.split_once('-') {
                            d.number = n.parse().ok();
                            d.abbr = code.split('/').next().map(str::to_string);
                            d.code = Some(code.to_string());
                        }
                    }
                    d.fixed = Some(key);
                    d.resolved = resolved;
                }
                Target::Congress {
                    term,
                    local,
                    province: named,
                    districts,
                    district: of_district,
                    city,
                } => {
                    let name = match term.map(to_roman) {
                        Some(r) => format!("NQDH/{r}"),
                        None => "NQDH".to_string(),
                    };
                    d.resolved = Resolution::Plenum;
                    // A district's: the one in the article's province if the
                    // name is shared.
                    let district = match districts.as_slice() {
                        [one] => Some(one),
                        several => several
                            .iter()
                            .find(|(p, _)| Some(p) == context.province.as_ref()),
                    };
                    // An unnamed district's: the article's, else none; an
                    // unnamed city's: the province's if it is a city.
                    let unnamed = *of_district && districts.is_empty();
                    let province_city = context
                        .province
                        .as_ref()
                        .filter(|p| *city && CENTRAL_CITIES.contains(&p.as_str()));
                    let unit = if *city {
                        context.city.as_ref()
                    } else {
                        context.district.as_ref()
                    };
                    let article_district = context.province.as_ref().zip(unit).filter(|_| unnamed);
                    let named_district = district.map(|(p, d)| (p, d));
                    d.fixed = if let Some(p) = province_city.filter(|_| unnamed) {
                        Some(format!("{name}@{p}"))
                    } else if let Some((p, dist)) = named_district.or(article_district) {
                        Some(format!("{name}@{p}/{dist}"))
                    } else if unnamed {
                        None
                    } else if *local && districts.is_empty() {
                        named
                            .clone()
                            .or_else(|| context.province.clone())
                            .map(|p| format!("{name}@{p}"))
                    } else if !*local {
                        term.map(|_| name)
                    } else {
                        None
                    };
                }
            }
            d
        })
        .collect();

    // A plenum named without its khóa (`Nghị quyết Trung ương 4`) is the one
    // the article names with it, if it names only one.
    let mut plenum_terms: HashMap<u32, BTreeSet<String>> = HashMap::new();
    for (m, d) in mentions.iter().zip(&drafts) {
        if let (
            Target::Plenum {
                plenum,
                term: Some(_),
            },
            Some(key),
        ) = (&m.target, &d.fixed)
        {
            plenum_terms.entry(*plenum).or_default().insert(key.clone());
        }
    }
    for (m, d) in mentions.iter().zip(drafts.iter_mut()) {
        if let Target::Plenum { plenum, term: None } = &m.target {
            if let Some(keys) = plenum_terms.get(plenum).filter(|k| k.len() == 1) {
                d.fixed = keys.iter().next().cloned();
                d.resolved = Resolution::ShortForm;
            }
        }
    }

    // A district's code cited again with no issuer (`Nghị quyết số 05-NQ/ĐU`
    // after `... 05-NQ/ĐU của Đảng ủy xã Lập Lễ, huyện Thủy Nguyên`) is the
    // document the article placed in its district, if it placed it in one.
    let mut districts_of: HashMap<String, BTreeSet<String>> = HashMap::new();
    for base in drafts.iter().filter_map(|d| d.base.as_deref()) {
        if let Some(province_base) = without_district(base) {
            districts_of
                .entry(province_base.to_string())
                .or_default()
                .insert(base.to_string());
        }
    }
    for (m, d) in mentions.iter().zip(drafts.iter_mut()) {
        if m.issuer.is_some() || m.issuer_before.is_some() {
            continue;
        }
        let placed = d.base.as_ref().and_then(|b| districts_of.get(b));
        if let Some(one) = placed.filter(|p| p.len() == 1).and_then(|p| p.first()) {
            d.base = Some(one.clone());
        }
    }

    // Pass 2: years. First the years the article itself states, per key.
    let mut stated: HashMap<String, Vec<Stated>> = HashMap::new();
    for (m, d) in mentions.iter().zip(&drafts) {
        if let (Some(base), Some(year)) = (&d.base, m.year) {
            stated.entry(base.clone()).or_default().push(Stated {
                year,
                organ: named_organ(m),
                term: m
                    .term
                    .or_else(|| m.date.and_then(crate::refs::registry::term_at)),
            });
        }
    }
    for (m, d) in mentions.iter().zip(drafts.iter_mut()) {
        if d.fixed.is_some() {
            continue;
        }
        if let Some(base) = d.base.clone() {
            d.fixed = Some(if d.takes_year {
                match year_for(m, &base, &stated, text, context, registry) {
                    Some(key) => key,
                    None => base,
                }
            } else {
                base
            });
        }
    }

    // Pass 3: numbers without code or issuer. Candidates are looked up by
    // number, so an article with many mentions stays linear.
    let mut by_number: HashMap<DocNumber, Vec<usize>> = HashMap::new();
    for (j, d) in drafts.iter().enumerate() {
        if let Some(n) = d.number {
            by_number.entry(n).or_default().push(j);
        }
    }
    // `(gọi tắt là Đề án 06)`: a short form (a number alone) the article defines.
    let defines: Vec<bool> = mentions
        .iter()
        .map(|m| {
            matches!(m.target, Target::Number { .. }) && defines_short_form(text, m.span.start)
        })
        .collect();
    for i in 0..mentions.len() {
        if drafts[i].fixed.is_some() {
            continue;
        }
        let m = mentions[i];
        let (Some(n), abbr) = (drafts[i].number, drafts[i].abbr.clone()) else {
            continue;
        };
        let same = |j: usize| {
            let dj = &drafts[j];
            j != i
                && dj.number == Some(n)
                && dj.fixed.is_some()
                // A definition names the document before it whatever its
                // type (`Quyết định số 06/QĐ-TTg ... (gọi tắt là Đề án 06)`).
                && (dj.abbr == abbr || mentions[j].kind == m.kind || defines[i] && j < i)
                // A number can stand for another number only if that one named its issuer.
                && !matches!(mentions[j].target, Target::Number { .. } if dj.code.is_none())
        };
        let candidates = by_number.get(&n).map(Vec::as_slice).unwrap_or(&[]);
        let here = candidates.partition_point(|&j| j < i);
        // What the article defined the short form as, before the nearest
        // document with its number (`Chỉ thị 35` defined as the 2024
        // directive stays so after the 2019 one is cited).
        let defined = candidates[..here]
            .iter()
            .rev()
            .copied()
            .find(|&j| defines[j] && same(j));
        // A number's short form stands for a mention that wrote the number
        // before one that named the plenum (`Nghị quyết số 12-NQ/TW ngày
        // 03/6/2017`, then `Nghị quyết Trung ương 4 khóa XI`, then
        // `Nghị quyết 12`: the first).
        let written = |j: usize| !matches!(mentions[j].target, Target::Plenum { .. });
        let earlier = || candidates[..here].iter().rev().copied();
        let source = defined
            .or_else(|| earlier().find(|&j| same(j) && written(j)))
            .or_else(|| earlier().find(|&j| same(j)))
            .or_else(|| candidates[here..].iter().copied().find(|&j| same(j)));
        if let Some(j) = source {
            // `Chỉ thị 35 năm 2019` after `Chỉ thị số 35-CT/TW ngày
            // 14/6/2024`: that code, but the year it states.
            let fixed = drafts[j].fixed.clone().map(|key| match m.year {
                Some(y) if takes_year(key.split('#').next().unwrap_or(&key)) => {
                    format!("{}#{y}", key.split('#').next().unwrap_or(&key))
                }
                _ => key,
            });
            drafts[i].fixed = fixed;
            drafts[i].code = drafts[j].code.clone();
            drafts[i].resolved = Resolution::ShortForm;
            continue;
        }
        let Some(abbr) = abbr else { continue };
        let base = format!("{n}-{abbr}");
        let (key, _) = scoped(base, context.province.as_deref(), None, false);
        drafts[i].resolved = Resolution::Unscoped;
        drafts[i].fixed = Some(match m.year {
            Some(y) => format!("{key}#{y}"),
            None => key,
        });
    }

    let mut lines = Lines::default();
    mentions
        .iter()
        .zip(drafts)
        .filter_map(|(m, d)| {
            let mut key = d.fixed?;
            // An alias in the registry means its document.
            if let Some(e) = registry.get(&key) {
                key = e.key.clone();
            }
            Some(Citation {
                key,
                line: lines.line_of(text, m.span.start),
                span: m.span.clone(),
                kind: m.kind.clone(),
                number: m.number.clone(),
                code: d.code,
                issuer: m
                    .issuer
                    .as_ref()
                    .or(m.issuer_before.as_ref())
                    .map(|i| i.text.clone()),
                date: m.date,
                subject: m.subject.clone(),
                resolved: d.resolved,
            })
        })
        .collect()
}

/// Whether the mention at `start` is a short form the article defines:
/// `(sau đây gọi tắt là Nghị quyết 04)`, `(gọi tắt là “Đề án 06”)`,
/// `(viết tắt là ...)`.
fn defines_short_form(text: &str, start: usize) -> bool {
    let mut back = start.saturating_sub(32);
    while !text.is_char_boundary(back) {
        back += 1;
    }
    let before = vi::fold(text[back..start].trim_end_matches([' ', '"', '“', '\'']));
    ["goi tat la", "goi tat", "viet tat la"]
        .iter()
        .any(|w| before.ends_with(w))
}

/// The key a number takes from its issuer: `Chỉ thị 05 của Bộ Chính trị` →
/// `5-CT/TW`; `Chỉ thị 17 của UBND tỉnh` → `17/CT-UBND@province`.
/// Returns (key, code, scoped).
fn key_from_issuer(
    n: DocNumber,
    abbr: &str,
    iss: &Issuer,
    province: Option<&str>,
    district: Option<&str>,
) -> (String, String, bool) {
    let mut code = iss.code.clone();
    if iss.city {
        code = if province.is_some_and(|p| CENTRAL_CITIES.contains(&p)) {
            "TU".into()
        } else {
            "ThU".into()
        };
    }
    if iss.party {
        let base = format!("{n}-{abbr}/{code}");
        if central_party(&code) {
            return (base, format!("{abbr}/{code}"), true);
        }
        let (key, ok) = scoped(base, province, district, district_level(&code));
        (key, format!("{abbr}/{code}"), ok)
    } else {
        let state_code = format!("{abbr}-{code}");
        let base = format!("{n}/{state_code}");
        if central_state(&state_code) {
            return (base, state_code, true);
        }
        let (key, ok) = scoped(base, province, district, district_people_organ(&state_code));
        (key, state_code, ok)
    }
}

/// Roman numerals for khóa and Congress numbers.
pub fn to_roman(mut n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The organ an issuer's name denotes, for telling documents with one code apart.
fn organ_of(name: &str) -> Organ {
    parse_issuer(name, 0).map_or(Organ::Other, |(i, _)| i.organ)
}

/// A year an article states for a code, with what the mention that
/// states it says of the document's organ and khóa.
struct Stated {
    year: i32,
    organ: Organ,
    term: Option<u32>,
}

/// The organ a mention's issuer names (`Other` when none of the three).
fn named_organ(m: &Mention) -> Organ {
    m.issuer
        .as_ref()
        .or(m.issuer_before.as_ref())
        .map_or(Organ::Other, |i| i.organ)
}

/// Whether a registry entry may be the document a mention means: not one
/// of another organ (`của Bộ Chính trị` rules out a Ban Bí thư document) or
/// another khóa (`của Ban Chấp hành Trung ương khóa X`).
fn compatible(entry: &RegistryEntry, m: &Mention) -> bool {
    if let (Some(named), Some(theirs)) = (m.term, entry.term()) {
        if named != theirs {
            return false;
        }
    }
    let named = named_organ(m);
    if named == Organ::Other {
        return true;
    }
    let theirs = entry
        .issuer
        .as_deref()
        .map(organ_of)
        .unwrap_or(Organ::Other);
    theirs == Organ::Other || theirs == named
}

/// Whether a registry entry's topic words stand in the sentence (folded).
fn topic_hits(entry: &RegistryEntry, sentence_folded: &str) -> usize {
    entry
        .topics
        .iter()
        .filter(|t| sentence_folded.contains(&vi::fold(t)))
        .count()
}

/// The one candidate with the most of its topic words in the mention's
/// sentence, if one has more than every other.
fn by_topic<'a>(
    candidates: &[&'a RegistryEntry],
    m: &Mention,
    text: &str,
) -> Option<&'a RegistryEntry> {
    let unique_best = |words: &str| {
        let folded = vi::fold(words);
        let hits: Vec<usize> = candidates.iter().map(|e| topic_hits(e, &folded)).collect();
        let best = hits.iter().copied().max().filter(|&b| b > 0)?;
        let mut winners = candidates.iter().zip(&hits).filter(|(_, &h)| h == best);
        match (winners.next(), winners.next()) {
            (Some((e, _)), None) => Some(*e),
            _ => None,
        }
    };
    // The mention's own `về ...` clause first: a sentence may name two
    // documents of one plenum, each with its subject.
    let bounds = sentence_bounds(text, &m.span);
    m.subject
        .as_deref()
        .and_then(unique_best)
        .or_else(|| unique_best(text.get(bounds).unwrap_or("")))
}

/// Chooses among registry documents (REFERENCES.md §3): topic words in the
/// sentence, else the default, else the latest issued before the article,
/// else the only one.
fn choose<'a>(
    candidates: Vec<&'a RegistryEntry>,
    m: &Mention,
    text: &str,
    context: &ArticleContext,
) -> Option<&'a RegistryEntry> {
    if candidates.is_empty() {
        return None;
    }
    if let Some(e) = by_topic(&candidates, m, text) {
        return Some(e);
    }
    if let Some(d) = candidates.iter().find(|e| e.default) {
        return Some(d);
    }
    if let Some(date) = context.date {
        if let Some(e) = candidates
            .iter()
            .filter(|e| e.naive_date().is_some_and(|d| d <= date))
            .max_by_key(|e| e.naive_date())
        {
            return Some(e);
        }
    }
    (candidates.len() == 1).then(|| candidates[0])
}

/// The key with its year, when one can be found (REFERENCES.md §3, "Year").
fn year_for(
    m: &Mention,
    base: &str,
    stated: &HashMap<String, Vec<Stated>>,
    text: &str,
    context: &ArticleContext,
    registry: &Registry,
) -> Option<String> {
    // A year the article states for this code, from a mention that may be
    // the same document: not one of another organ or khóa (an article may
    // cite 05-CT/TW of 2016, the Politburo's, and of 2021, the Secretariat's).
    let organ = named_organ(m);
    let same_document = |st: &&Stated| {
        let organs_agree = organ == Organ::Other || st.organ == Organ::Other || organ == st.organ;
        let terms_agree = match (m.term, st.term) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        let registry_agrees = registry
            .get(&format!("{base}#{}", st.year))
            .is_none_or(|e| compatible(e, m));
        organs_agree && terms_agree && registry_agrees
    };
    let stated_year = || {
        stated
            .get(base)
            .and_then(|all| all.iter().find(same_document))
            .map(|st| st.year)
    };
    if let Some(y) = m.year.or_else(stated_year) {
        return Some(format!("{base}#{y}"));
    }
    let candidates: Vec<&RegistryEntry> = registry
        .with_base(base)
        .filter(|e| compatible(e, m))
        .collect();
    choose(candidates, m, text, context).map(|e| e.key.clone())
}

/// A plenum's document: the registry's, chosen by topic words, by a code the
/// article also cites, or by the plenum's default; else the plenum's own key.
fn plenum_key(
    m: &Mention,
    plenum: u32,
    term: Option<u32>,
    text: &str,
    registry: &Registry,
    cited: &BTreeSet<String>,
) -> (String, Resolution) {
    let prefix = if m.kind == "Kết luận" { "KL" } else { "NQ" };
    let Some(term) = term else {
        return (format!("{prefix}TW{plenum}"), Resolution::Plenum);
    };
    let roman = to_roman(term);
    let name = format!("TW{plenum}/{roman}");
    let all: Vec<&RegistryEntry> = registry.of_plenum(&name).collect();
    let same_kind: Vec<&RegistryEntry> = all.iter().copied().filter(|e| e.kind == m.kind).collect();
    let candidates = if same_kind.is_empty() { all } else { same_kind };
    if candidates.is_empty() {
        return (format!("{prefix}TW{plenum}/{roman}"), Resolution::Plenum);
    }
    if let Some(e) = by_topic(&candidates, m, text) {
        return (e.key.clone(), Resolution::Registry);
    }
    let by_code: Vec<_> = candidates
        .iter()
        .filter(|e| cited.contains(e.base_key()))
        .collect();
    if by_code.len() == 1 {
        return (by_code[0].key.clone(), Resolution::Registry);
    }
    if let Some(d) = candidates.iter().find(|e| e.default) {
        return (d.key.clone(), Resolution::Registry);
    }
    // Without evidence, not even a plenum's only known document: the
    // registry need not know all that a plenum issued (TW8 khóa XI issued
    // 28- and 29-NQ/TW).
    (format!("{prefix}TW{plenum}/{roman}"), Resolution::Plenum)
}

/// `5-NQ/ĐU@hai-phong` for `5-NQ/ĐU@hai-phong/thuy-nguyen`: a district's
/// key at its province's level; `None` for a key with no district.
fn without_district(base: &str) -> Option<&str> {
    let (code, scope) = base.split_once('@')?;
    let (province, _) = scope.split_once('/')?;
    Some(&base[..code.len() + 1 + province.len()])
}

/// Whether a key takes a `#YYYY` at all: not plenums, Congresses, or State
/// codes that carry their year.
pub fn takes_year(key: &str) -> bool {
    if key.contains('#')
        || key.starts_with("NQTW")
        || key.starts_with("KLTW")
        || key.starts_with("NQDH")
    {
        return false;
    }
    let base = key.split('@').next().unwrap_or(key);
    // `114/2014/NĐ-CP`: a year in the code.
    !base
        .split('/')
        .nth(1)
        .is_some_and(|seg| seg.len() == 4 && seg.bytes().all(|b| b.is_ascii_digit()))
}

/// Dates undated keys from the whole archive: where every dated mention
/// of a key, in any article, agrees on one year, its undated mentions take it.
/// A local key whose province is unknown (`26-CT/TU`) is left out both ways:
/// the same words name a different document in each province (§3).
pub fn years_from_archive(citations: &mut [Vec<Citation>]) {
    let mut years: BTreeMap<String, BTreeSet<i32>> = BTreeMap::new();
    let placed = |c: &&Citation| c.resolved != Resolution::Unscoped || c.key.contains('@');
    for c in citations.iter().flatten().filter(placed) {
        if let Some(d) = c.date {
            let base = c.key.split('#').next().unwrap_or(&c.key).to_string();
            years
                .entry(base)
                .or_default()
                .insert(chrono::Datelike::year(&d));
        }
    }
    for c in citations.iter_mut().flatten() {
        if takes_year(&c.key) {
            if let Some(ys) = years.get(&c.key) {
                if ys.len() == 1 {
                    if let Some(y) = ys.iter().next() {
                        c.key = format!("{}#{y}", c.key);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cited(key: &str, date: Option<(i32, u32, u32)>, resolved: Resolution) -> Citation {
        Citation {
            key: key.to_string(),
            span: 0..0,
            line: 1,
            kind: "Chỉ thị".to_string(),
            number: Some("26".to_string()),
            code: None,
            issuer: None,
            date: date.and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d)),
            subject: None,
            resolved,
        }
    }

    #[test]
    fn the_archive_dates_scoped_keys_only() {
        let mut articles = vec![
            vec![
                cited(
                    "26-CT/TU@yen-bai#2019",
                    Some((2019, 3, 1)),
                    Resolution::Code,
                ),
                cited("26-CT/TU#2019", Some((2019, 3, 1)), Resolution::Unscoped),
            ],
            vec![
                cited("26-CT/TU@yen-bai", None, Resolution::Code),
                cited("26-CT/TU", None, Resolution::Unscoped),
            ],
        ];
        // `Đề án số 02` of an unnamed issuer in Sơn La, dated in one article.
        articles[0].push(cited(
            "2-ĐA@son-la#2021",
            Some((2021, 3, 10)),
            Resolution::Unscoped,
        ));
        articles[1].push(cited("2-ĐA@son-la", None, Resolution::Unscoped));
        years_from_archive(&mut articles);
        assert_eq!(articles[1][0].key, "26-CT/TU@yen-bai#2019");
        assert_eq!(articles[1][2].key, "2-ĐA@son-la#2021");
        // Two provinces' Chỉ thị 26 are not one document.
        assert_eq!(articles[1][1].key, "26-CT/TU");
    }

    #[test]
    fn district_keys_at_province_level() {
        assert_eq!(
            without_district("5-NQ/ĐU@hai-phong/thuy-nguyen"),
            Some("5-NQ/ĐU@hai-phong")
        );
        assert_eq!(
            without_district("215/KH-UBND@hoa-binh/kim-boi"),
            Some("215/KH-UBND@hoa-binh")
        );
        assert_eq!(without_district("215/KH-UBND@hoa-binh"), None);
        assert_eq!(without_district("22-NQ/TW"), None);
    }

    #[test]
    fn romans() {
        assert_eq!(to_roman(12), "XII");
        assert_eq!(to_roman(9), "IX");
        assert_eq!(to_roman(14), "XIV");
    }

    #[test]
    fn which_keys_take_a_year() {
        assert!(takes_year("22-NQ/TW"));
        assert!(takes_year("17/CT-UBND@lai-chau"));
        assert!(!takes_year("114/2014/NĐ-CP"));
        assert!(!takes_year("NQTW4/XII"));
        assert!(!takes_year("22-NQ/TW#2008"));
    }

    #[test]
    fn central_state_issuers() {
        assert!(central_state("NĐ-CP"));
        assert!(central_state("CT-TTg"));
        assert!(central_state("UBTVQH15"));
        assert!(central_state("NQ-UBTVQH15"));
        assert!(central_state("TT-UBDT"));
        assert!(central_state("VBHN-BNV"));
        assert!(central_state("TT-BNV"));
        assert!(!central_state("CT-UBND"));
        assert!(!central_state("UBND-VX"));
        assert!(central_state("QH14"));
    }
}
